// The simulator's data model. IDs are bigint everywhere (Basecamp IDs are 64-bit and some
// exceed 2^53); times are epoch milliseconds; dates are "YYYY-MM-DD" strings.

export type Id = bigint;
export type Status = "active" | "archived" | "trashed";

/** Recording types the simulator stores, with Basecamp's own `type` names. */
export type RecType =
  | "Todoset"
  | "Todolist"
  | "Todo"
  | "Message::Board"
  | "Message"
  | "Comment"
  | "Vault"
  | "Document"
  | "Upload"
  | "Schedule"
  | "Schedule::Entry"
  | "Kanban::Board"
  | "Kanban::Triage"
  | "Kanban::Column"
  | "Kanban::NotNowColumn"
  | "Kanban::DoneColumn"
  | "Kanban::Card"
  | "Kanban::Step"
  | "Questionnaire"
  | "Question"
  | "Question::Answer"
  | "Chat::Transcript"
  | "Chat::Lines::Text"
  | "Chat::Lines::RichText"
  | "Chat::Lines::Upload"
  | "Inbox"
  | "Inbox::Forward"
  | "Inbox::Reply"
  | "CloudFile"
  | "GoogleDocument"
  | "Kanban::Wormhole"
  | "Timesheet::Entry"
  | "Gauge"
  | "Gauge::Needle"
  | "Client::Board"
  | "Client::Approval"
  | "Client::Approval::Response"
  | "Client::Correspondence"
  | "Client::Reply";

export interface Person {
  id: Id;
  /** Launchpad identity id (differs from the person id, as in Basecamp). */
  identityId: Id;
  attachableSgid: string;
  name: string;
  emailAddress: string;
  title: string | null;
  bio: string | null;
  location: string | null;
  createdAt: number;
  updatedAt: number;
  admin: boolean;
  owner: boolean;
  client: boolean;
  employee: boolean;
  timeZone: string;
  companyId: Id | null;
  personableType: "User" | "DummyUser";
}

export interface Company {
  id: Id;
  name: string;
}

export interface Project {
  id: Id;
  status: Status;
  createdAt: number;
  updatedAt: number;
  /** When it was trashed (for purging after 30 days). */
  trashedAt: number | null;
  name: string;
  description: string;
  purpose: "topic" | "company_hq" | "team";
  clientsEnabled: boolean;
  timesheetEnabled: boolean;
  color: string | null;
  bookmarked: boolean;
  startDate: string | null;
  endDate: string | null;
  admissions: "invite" | "employee" | "team";
  creatorId: Id;
  /** People on the project (active access). */
  peopleIds: Id[];
  /** Dock tool recording ids, in dock order (disabled tools kept, with `enabled: false`). */
  dock: Id[];
}

export interface ScheduleRule {
  frequency: string;
  days: number[];
  hour: number;
  minute: number;
  week_instance: number | null;
  week_interval: number | null;
  month_interval: number | null;
  start_date: string;
  end_date: string | null;
}

/** The file an upload had at one version (GET /uploads/{id}/versions.json). */
export interface UploadFileVersion {
  eventId: Id;
  sgid: string;
  filename: string;
  contentType: string;
  byteSize: number;
}

/** Every piece of content in a project: one shape, type-specific fields optional. */
export interface Recording {
  id: Id;
  type: RecType;
  bucketId: Id;
  /** Parent recording (null for dock tools). */
  parentId: Id | null;
  status: Status;
  /** Follows its parent's status changes (archive a list → its to-dos). */
  inheritsStatus: boolean;
  visibleToClients: boolean;
  createdAt: number;
  updatedAt: number;
  trashedAt: number | null;
  creatorId: Id;
  /** Display title: todo content, message subject, entry summary, document title, … */
  title: string;
  /** Dock tools only. */
  enabled?: boolean;
  content?: string;
  description?: string;
  completed?: boolean;
  completedAt?: number | null;
  completerId?: Id | null;
  dueOn?: string | null;
  startsOn?: string | null;
  assigneeIds?: Id[];
  completionSubscriberIds?: Id[];
  color?: string | null;
  categoryId?: Id | null;
  pinned?: boolean;
  allDay?: boolean;
  startsAt?: number;
  endsAt?: number;
  participantIds?: Id[];
  /** Upload: the attachment sgid holding its bytes. */
  attachmentSgid?: string;
  filename?: string;
  contentType?: string;
  byteSize?: number;
  width?: number | null;
  height?: number | null;
  /** Upload: the file each version event (created, file_replaced) carried, once the file was replaced. */
  fileVersions?: UploadFileVersion[];
  paused?: boolean;
  schedule?: ScheduleRule;
  groupOn?: string;
  includeDueAssignments?: boolean;
  topic?: string;
  onHold?: boolean;
  /** Todoset: to-do lists tracked on its hill chart, and when that changed. */
  hill?: { trackedIds: Id[]; updatedAt: number };
  /** People subscribed to this recording (notifications). */
  subscriberIds: Id[];
  /** Fields of types served by a `RecordingSpec` (src/simulator/crud.ts), by body name. */
  data?: Record<string, unknown>;
}

/** A record of a store collection (src/simulator/crud.ts): fields by body name, plus these. */
export interface Item {
  id: Id;
  createdAt: number;
  updatedAt: number;
  creatorId: Id;
  [field: string]: unknown;
}

export interface RecordingEvent {
  id: Id;
  recordingId: Id;
  action: string;
  details: Record<string, unknown>;
  createdAt: number;
  creatorId: Id;
}

export interface MessageType {
  id: Id;
  bucketId: Id;
  name: string;
  icon: string;
  createdAt: number;
  updatedAt: number;
}

export interface Attachment {
  id: Id;
  sgid: string;
  filename: string;
  contentType: string;
  byteSize: number;
  createdAt: number;
  creatorId: Id;
  /** Base64 of the bytes (kept as text so the state file stays JSON). */
  dataBase64: string;
  /** The recording whose rich text embeds it (an attachment is used once). */
  usedById?: Id;
}

export interface WebhookDelivery {
  id: Id;
  createdAt: number;
  request: { headers: Record<string, string>; body: unknown };
  response: { headers: Record<string, string>; code: number; message: string; body: string };
}

export interface Webhook {
  id: Id;
  bucketId: Id;
  payloadUrl: string;
  types: string[];
  active: boolean;
  createdAt: number;
  updatedAt: number;
  creatorId: Id;
  recentDeliveries: WebhookDelivery[];
}

export interface OAuthApp {
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface AccessGrant {
  personId: Id;
  clientId: string;
  expiresAt: number;
}

export interface RefreshGrant {
  personId: Id;
  clientId: string;
}

export interface AuthCode {
  personId: Id;
  clientId: string;
  redirectUri: string;
  expiresAt: number;
}

export interface Account {
  id: Id;
  bcxId: Id;
  name: string;
  createdAt: number;
  updatedAt: number;
  active: boolean;
  projectLimit: number;
  webhookLimit: number;
  ownerId: Id;
  /** The account logo: the sgid of the attachment holding its bytes (none when unset). */
  logoSgid?: string | null;
  /** Basecamp 2 HTTP Basic login of the owner (src/simulator/bc2): user name (the owner's email) and password. */
  bc2User?: string;
  bc2Password?: string;
}
