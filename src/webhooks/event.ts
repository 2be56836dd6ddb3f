// What a Basecamp webhook delivery means: its JSON body checked and turned into a typed event.
//
// Basecamp POSTs `{ id, kind, details, created_at, recording, creator }`; `kind` is the snake-case
// recording type followed by what happened (`todo_created`, `kanban_card_moved`,
// `question_answer_created`). The event keeps every field of the body (as `raw`) and adds the
// two parts of `kind` a handler usually switches on: `recordingType` and `action`.
import type { Id } from "../http/json.js";

/** The recording a delivery is about, as the webhook shows it (base fields plus `content`). */
export interface WebhookRecording {
  id: Id;
  /** Its type, e.g. "Todo", "Message", "Kanban::Card". */
  type: string;
  status?: string;
  title?: string;
  url?: string;
  app_url?: string;
  bucket?: { id: Id; name?: string; type?: string };
  parent?: { id: Id; type?: string; title?: string; url?: string };
  content?: string;
  created_at?: string;
  updated_at?: string;
  [field: string]: unknown;
}

/** The person who made the change. */
export interface WebhookPerson {
  id: Id;
  name?: string;
  email_address?: string;
  [field: string]: unknown;
}

/** One delivery, checked and typed. */
export interface WebhookEvent {
  /** The delivery's id: the same on every retry of it, so it is the key for de-duplication. */
  id: Id;
  /** e.g. "todo_created", "todo_completed", "kanban_card_moved". */
  kind: string;
  /** What happened: `kind` without its recording type, e.g. "created", "completed", "trashed". */
  action: string;
  /** `recording.type`, e.g. "Todo", "Kanban::Card". */
  recordingType: string;
  /** When the change happened (ISO 8601), or "" when the delivery does not say. */
  createdAt: string;
  recording: WebhookRecording;
  creator: WebhookPerson | null;
  /** Kind-specific facts, e.g. the old and new column of a moved card; {} when absent. */
  details: Record<string, unknown>;
  /** The whole body as parsed (IDs above 2^53 as bigint). */
  raw: unknown;
}

/** `Kanban::Card` → `kanban_card`, `CloudFile` → `cloud_file`, `Todolist` → `todolist`. */
function kindPrefix(recordingType: string): string {
  return recordingType
    .split("::")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1_$2"))
    .join("_")
    .toLowerCase();
}

/**
 * The kind prefixes of the recording types webhooks report on (reference "webhooks.md"), for
 * kinds whose recording type is unusual; longest first, so `todolist_…` is never `todo` + `list_…`.
 */
const PREFIXES = (
  "client_approval_response client_forward client_reply cloud_file comment document google_document inbox_forward " +
  "kanban_card kanban_step message question question_answer schedule_entry todo todolist upload vault"
)
  .split(" ")
  .sort((a, b) => b.length - a.length);

/**
 * What happened, from `kind`: the text after the recording type's own prefix; failing that,
 * after the longest known prefix; failing that, the whole kind.
 */
export function actionOf(kind: string, recordingType: string): string {
  for (const prefix of [kindPrefix(recordingType), ...PREFIXES]) {
    if (prefix !== "" && kind.length > prefix.length + 1 && kind.startsWith(`${prefix}_`)) return kind.slice(prefix.length + 1);
  }
  return kind;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const isId = (v: unknown): v is Id => (typeof v === "number" && Number.isSafeInteger(v)) || typeof v === "bigint";

/**
 * The event a parsed body describes, or a short reason why it is not a Basecamp webhook
 * delivery (the body needs an integer `id`, a `kind` and a `recording` with `id` and `type`).
 */
export function toWebhookEvent(body: unknown): WebhookEvent | string {
  if (!isObject(body)) return "the body is not a JSON object";
  const { id, kind, recording, creator, details, created_at } = body;
  if (!isId(id)) return "the delivery has no integer id";
  if (typeof kind !== "string" || kind === "") return "the delivery has no kind";
  if (!isObject(recording)) return "the delivery has no recording object";
  if (!isId(recording.id)) return "the recording has no integer id";
  if (typeof recording.type !== "string" || recording.type === "") return "the recording has no type";
  const rec = recording as WebhookRecording;
  return {
    id,
    kind,
    action: actionOf(kind, rec.type),
    recordingType: rec.type,
    createdAt: typeof created_at === "string" ? created_at : "",
    recording: rec,
    creator: isObject(creator) && isId(creator.id) ? (creator as WebhookPerson) : null,
    details: isObject(details) ? details : {},
    raw: body,
  };
}
