// Turning stored records into Basecamp's JSON shapes. Each resource module registers the
// renderer for its types with `registerRenderer`; `renderRecording` renders any type, so
// cross-cutting endpoints (recordings, search, webhooks) show every type the same way.
import type { Id, Person, Project, RecType, Recording, RecordingEvent } from "./store/model.js";
import type { Store } from "./store/store.js";
import { richTextAttachments } from "./rich-text-fields.js";

export interface RenderCtx {
  store: Store;
  /** Scheme + host of the request, e.g. "http://127.0.0.1:3001". */
  origin: string;
  accountId: Id;
}

export type Json = Record<string, unknown>;
export type Renderer = (ctx: RenderCtx, rec: Recording) => Json;

/** Path segment of each type in legacy-form URLs (`/buckets/{b}/{segment}/{id}.json`). */
export const SEGMENT: Record<RecType, string> = {
  Todoset: "todosets",
  Todolist: "todolists",
  Todo: "todos",
  "Message::Board": "message_boards",
  Message: "messages",
  Comment: "comments",
  Vault: "vaults",
  Document: "documents",
  Upload: "uploads",
  Schedule: "schedules",
  "Schedule::Entry": "schedule_entries",
  "Kanban::Board": "card_tables",
  "Kanban::Triage": "card_tables/columns",
  "Kanban::Column": "card_tables/columns",
  "Kanban::NotNowColumn": "card_tables/columns",
  "Kanban::DoneColumn": "card_tables/columns",
  "Kanban::Card": "card_tables/cards",
  "Kanban::Step": "card_tables/steps",
  Questionnaire: "questionnaires",
  Question: "questions",
  "Question::Answer": "question_answers",
  "Chat::Transcript": "chats",
  "Chat::Lines::Text": "lines",
  "Chat::Lines::RichText": "lines",
  "Chat::Lines::Upload": "lines",
  Inbox: "inboxes",
  "Inbox::Forward": "inbox_forwards",
  "Inbox::Reply": "inbox_replies",
  CloudFile: "cloud_files",
  GoogleDocument: "google_documents",
  "Kanban::Wormhole": "card_tables/wormholes",
  "Timesheet::Entry": "timesheet_entries",
  Gauge: "gauge",
  "Gauge::Needle": "gauge_needles",
  "Client::Board": "client/board",
  "Client::Approval": "client/approvals",
  "Client::Approval::Response": "client/approvals/responses",
  "Client::Correspondence": "client/correspondences",
  "Client::Reply": "client/replies",
};

/** Types people can comment on (they carry `comments_count` / `comments_url`). */
export const COMMENTABLE = new Set<RecType>([
  "Todolist",
  "Todo",
  "Message",
  "Document",
  "Upload",
  "Schedule::Entry",
  "Kanban::Card",
  "Question::Answer",
  "Vault",
  "Inbox::Forward",
  "CloudFile",
  "GoogleDocument",
]);

/** Types people can boost (they carry `boosts_count` / `boosts_url`; src/simulator/routes/boosts.ts). */
export const BOOSTABLE = new Set<RecType>([
  "Todolist",
  "Todo",
  "Message",
  "Document",
  "Upload",
  "Schedule::Entry",
  "Kanban::Card",
  "Question::Answer",
  "Comment",
  "Chat::Lines::Text",
  "Chat::Lines::RichText",
  "Chat::Lines::Upload",
  "Gauge::Needle",
  "Inbox::Reply",
  "CloudFile",
  "GoogleDocument",
]);

/** Boost counts by `recording:event`, counted once per state of the store (every recording rendered asks). */
const boostCounts = new WeakMap<Store, { version: number; counts: Map<string, number> }>();

/** Boosts on a recording itself (`eventId` null) or on one of its events. */
export function boostCount(store: Store, recordingId: Id, eventId: Id | null = null): number {
  let memo = boostCounts.get(store);
  if (!memo || memo.version !== store.version) {
    const counts = new Map<string, number>();
    for (const b of store.collection("boosts").values()) {
      const key = `${String(b.recordingId)}:${String(b.eventId ?? "")}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    memo = { version: store.version, counts };
    boostCounts.set(store, memo);
  }
  return memo.counts.get(`${String(recordingId)}:${String(eventId ?? "")}`) ?? 0;
}

const renderers = new Map<RecType, Renderer>();

export function registerRenderer(types: RecType | readonly RecType[], fn: Renderer): void {
  for (const t of Array.isArray(types) ? types : [types as RecType]) renderers.set(t, fn);
}

export function renderRecording(ctx: RenderCtx, rec: Recording): Json {
  const fn = renderers.get(rec.type);
  return fn ? fn(ctx, rec) : baseRecording(ctx, rec);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function apiBase(ctx: RenderCtx): string {
  return `${ctx.origin}/${ctx.accountId}`;
}

/** Web (HTML) base, standing in for https://3.basecamp.com/{account}. */
export function appBase(ctx: RenderCtx): string {
  return `${ctx.origin}/web/${ctx.accountId}`;
}

/** Path of a recording under its bucket, without suffix: `buckets/1/todos/2`. */
export function recordingPath(rec: Recording): string {
  if (rec.type.startsWith("Chat::Lines::") && rec.parentId !== null) {
    return `buckets/${rec.bucketId}/chats/${rec.parentId}/lines/${rec.id}`;
  }
  return `buckets/${rec.bucketId}/${SEGMENT[rec.type]}/${rec.id}`;
}

/** Legacy-form API URL of a recording (what Basecamp puts in `url`). */
export function recordingUrl(ctx: RenderCtx, rec: Recording, suffix = ""): string {
  return `${apiBase(ctx)}/${recordingPath(rec)}${suffix}.json`;
}

export function recordingAppUrl(ctx: RenderCtx, rec: Recording, suffix = ""): string {
  return `${appBase(ctx)}/${recordingPath(rec)}${suffix}`;
}

export function renderBucket(ctx: RenderCtx, bucketId: Id): Json {
  const p = ctx.store.projects.get(bucketId);
  return { id: bucketId, name: p ? p.name : "(deleted project)", type: "Project" };
}

export function avatarUrl(ctx: RenderCtx, person: Person): string {
  return `${ctx.origin}/web/avatars/${person.attachableSgid}.svg`;
}

export function renderPerson(ctx: RenderCtx, person: Person): Json {
  const company = person.companyId !== null ? ctx.store.companies.get(person.companyId) : undefined;
  return {
    id: person.id,
    attachable_sgid: person.attachableSgid,
    name: person.name,
    email_address: person.emailAddress,
    personable_type: person.personableType,
    title: person.title,
    // The reference types these as plain strings: an empty profile field is "".
    bio: person.bio ?? "",
    location: person.location ?? "",
    created_at: iso(person.createdAt),
    updated_at: iso(person.updatedAt),
    admin: person.admin,
    owner: person.owner,
    client: person.client,
    employee: person.employee,
    time_zone: person.timeZone,
    avatar_url: avatarUrl(ctx, person),
    ...(company ? { company: { id: company.id, name: company.name } } : {}),
    can_ping: !person.client,
    can_manage_projects: person.admin || person.owner,
    can_manage_people: person.admin || person.owner,
    can_access_timesheet: person.admin || person.owner,
    can_access_hill_charts: !person.client,
  };
}

export function renderPersonById(ctx: RenderCtx, id: Id): Json {
  const p = ctx.store.people.get(id);
  if (p) return renderPerson(ctx, p);
  // A chatbot posting to a campfire (src/simulator/routes/chatbots.ts) is the line's creator.
  const bot = ctx.store.collections.get("chatbots")?.get(id);
  if (bot) return { id, name: String(bot.service_name), personable_type: "Chatbot", avatar_url: `${ctx.origin}/web/avatars/chatbot-${id}.svg`, admin: false, owner: false, client: false, employee: false };
  return { id, name: "Former user", personable_type: "Tombstone" };
}

export function renderPeople(ctx: RenderCtx, ids: readonly Id[] | undefined): Json[] {
  return (ids ?? []).map((id) => renderPersonById(ctx, id));
}

/** The fields every recording carries (reference §3, "Recording base"). */
export function baseRecording(ctx: RenderCtx, rec: Recording): Json {
  const store = ctx.store;
  const out: Json = {
    id: rec.id,
    status: rec.status,
    visible_to_clients: rec.visibleToClients,
    created_at: iso(rec.createdAt),
    updated_at: iso(rec.updatedAt),
    title: rec.title,
    inherits_status: rec.inheritsStatus,
    type: rec.type,
    url: recordingUrl(ctx, rec),
    app_url: recordingAppUrl(ctx, rec),
    bookmark_url: `${apiBase(ctx)}/my/bookmarks/${sgidOf(rec)}.json`,
    subscription_url: recordingUrl(ctx, rec, "/subscription"),
  };
  if (COMMENTABLE.has(rec.type)) {
    out.comments_count = store.childrenOf(rec.id, ["Comment"]).filter((c) => c.status === "active").length;
    out.comments_url = recordingUrl(ctx, rec, "/comments");
  }
  if (BOOSTABLE.has(rec.type)) {
    out.boosts_count = boostCount(store, rec.id);
    out.boosts_url = `${apiBase(ctx)}/buckets/${rec.bucketId}/recordings/${rec.id}/boosts.json`;
  }
  if (rec.parentId !== null) {
    const parent = store.recordings.get(rec.parentId);
    if (parent) {
      out.parent = {
        id: parent.id,
        title: parent.title,
        type: parent.type,
        url: recordingUrl(ctx, parent),
        app_url: recordingAppUrl(ctx, parent),
      };
    }
  }
  out.bucket = renderBucket(ctx, rec.bucketId);
  out.creator = renderPersonById(ctx, rec.creatorId);
  // Every rich-text field has its always-present `*_attachments` sibling.
  Object.assign(out, richTextAttachments(ctx, rec));
  return out;
}

export function sgidOf(rec: { id: Id }): string {
  return Buffer.from(`gid://bc3/Recording/${rec.id}`).toString("base64url");
}

export function renderDock(ctx: RenderCtx, project: Project): Json[] {
  const out: Json[] = [];
  let pos = 0;
  for (const id of project.dock) {
    const r = ctx.store.recordings.get(id);
    if (!r || r.status === "trashed") continue;
    const enabled = r.enabled !== false;
    out.push({
      id: r.id,
      title: r.title,
      name: DOCK_NAME[r.type] ?? r.type.toLowerCase(),
      enabled,
      position: enabled ? ++pos : null,
      url: recordingUrl(ctx, r),
      app_url: recordingAppUrl(ctx, r),
    });
  }
  return out;
}

const DOCK_NAME: Partial<Record<RecType, string>> = {
  "Message::Board": "message_board",
  Todoset: "todoset",
  Vault: "vault",
  "Chat::Transcript": "chat",
  Schedule: "schedule",
  Questionnaire: "questionnaire",
  Inbox: "inbox",
  "Kanban::Board": "kanban_board",
};

/** Actions whose events carry boosts (reference, events.md). */
const BOOSTABLE_ACTIONS = new Set(["completed", "adopted", "column_changed"]);

/** An item of `/recordings/{id}/events.json` (also the shape of upload versions). */
export function renderEvent(ctx: RenderCtx, rec: Recording, ev: RecordingEvent): Json {
  const out: Json = {
    id: ev.id,
    recording_id: ev.recordingId,
    action: ev.action,
    details: { notified_recipient_ids: [], ...ev.details },
    created_at: iso(ev.createdAt),
    creator: renderPersonById(ctx, ev.creatorId),
  };
  if (BOOSTABLE_ACTIONS.has(ev.action)) {
    out.boosts_count = boostCount(ctx.store, rec.id, ev.id);
    out.boosts_url = recordingUrl(ctx, rec, `/events/${ev.id}/boosts`);
  }
  return out;
}
