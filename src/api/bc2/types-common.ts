// Pieces of Basecamp 2 ("bcx") JSON that many records embed: people references, buckets,
// pointers to other records, counters, attached files and comments. snake_case as on the wire;
// IDs are `Id` (number, or bigint above 2^53); times and dates are ISO 8601 strings.
import type { Id } from "../../http/json.js";

/**
 * A person as another record embeds them (creator, last updater, completer, subscriber).
 * Some responses carry only `id` and `name`; the avatar URLs appear where the docs show them.
 */
export interface Bc2PersonRef {
  id: Id;
  name: string;
  avatar_url?: string;
  fullsize_avatar_url?: string;
}

/**
 * The project (or calendar) a record lives in. Only present on records fetched through an
 * account-wide endpoint (e.g. `/todolists.json`), never through a project's own endpoint.
 */
export interface Bc2Bucket {
  id: Id;
  name: string;
  /** "Project" or "Calendar". */
  type: "Project" | "Calendar" | (string & {});
  /** Project color as a hex string without "#", on some responses. */
  color?: string;
  url: string;
  app_url?: string;
}

/** A pointer to another record: an event's `eventable`, a topic's `topicable`, an attachment's `attachable`. */
export interface Bc2RecordRef {
  id: Id;
  /** The record's kind: "Message", "Todo", "Todolist", "CalendarEvent", "Upload", "Comment", "Document", "Forward"… */
  type: string;
  url: string;
  app_url?: string;
}

/** How many records of a kind a project, calendar or person has, and where to list them. */
export interface Bc2Counter {
  count: number;
  /** null while there are none yet. */
  updated_at: string | null;
  url: string;
  app_url?: string;
}

/** Who a to-do is assigned to, as the API answers it. */
export interface Bc2Assignee {
  id: Id;
  type: "Person" | "Group";
  name: string;
}

/** An unassigned to-do inside a to-do list answers `"assignee": {}`. */
export type Bc2NoAssignee = Record<string, never>;

/** Who to assign a to-do to, as a request sends it (`null` in an update un-assigns). */
export interface Bc2AssigneeInput {
  id: Id;
  /** The docs name "Person"; older revisions also allowed "Group". */
  type: "Person" | "Group";
}

/**
 * A file to attach to a new message, to-do, upload or comment: the token from
 * CreateAttachment (POST /attachments.json) and a file name with an extension.
 */
export interface Bc2TokenAttachment {
  token: string;
  name: string;
}

/** What CreateAttachment answers: the token to attach the uploaded bytes with. */
export interface Bc2AttachmentToken {
  token: string;
}

/** A file as a message, upload, forward or comment embeds it. */
export interface Bc2AttachedFile {
  /** Storage key; absent on linked files (Google Docs). */
  key?: string;
  name: string;
  byte_size: number;
  content_type: string;
  created_at: string;
  /** Download URL (needs authentication); absent on linked files. */
  url?: string;
  app_url?: string;
  creator: Bc2PersonRef;
}

/** A comment, as embedded in the record it belongs to, or as CreateComment answers it. */
export interface Bc2Comment {
  id: Id;
  content: string;
  created_at: string;
  updated_at: string;
  creator: Bc2PersonRef;
  attachments?: Bc2AttachedFile[];
  private?: boolean;
  trashed?: boolean;
  /** API URL of the commented record; in CreateComment's answer. */
  topic_url?: string;
}

/** Fields every record that people can comment on and subscribe to carries when fetched alone. */
export interface Bc2Discussion {
  comments: Bc2Comment[];
  /** People notified of new comments. */
  subscribers: Bc2PersonRef[];
}
