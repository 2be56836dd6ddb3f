// What a webhook delivery carries: the JSON body Basecamp POSTs for a recording change.
import { baseRecording, iso, renderPersonById, type Json, type RenderCtx } from "../render.js";
import type { Recording } from "../store/model.js";
import type { Change, Store } from "../store/store.js";

/** Recording types a webhook can subscribe to (reference "webhooks.md"); plus "all". */
export const WEBHOOK_TYPES: readonly string[] = [
  "Comment",
  "Client::Approval::Response",
  "Client::Forward",
  "Client::Reply",
  "CloudFile",
  "Document",
  "GoogleDocument",
  "Inbox::Forward",
  "Kanban::Card",
  "Kanban::Step",
  "Message",
  "Question",
  "Question::Answer",
  "Schedule::Entry",
  "Todo",
  "Todolist",
  "Upload",
  "Vault",
];

const SNAKE: Record<string, string> = {
  Todo: "todo",
  Todolist: "todolist",
  Message: "message",
  Comment: "comment",
  Document: "document",
  Upload: "upload",
  Vault: "vault",
  "Schedule::Entry": "schedule_entry",
  "Kanban::Card": "kanban_card",
  "Kanban::Step": "kanban_step",
  Question: "question",
  "Question::Answer": "question_answer",
};

/** Snake-case form of a recording type as used in webhook kinds (`Kanban::Card` → `kanban_card`). */
export function snakeType(type: string): string {
  const known = SNAKE[type];
  if (known !== undefined) return known;
  return type
    .replace(/::/g, "_")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/** Does a webhook with these `types` want changes of this recording type? */
export function webhookWants(types: readonly string[], recType: string): boolean {
  if (types.includes(recType)) return true;
  // "all" covers every type webhooks can report on; chat and dock tools never notify.
  return types.includes("all") && WEBHOOK_TYPES.includes(recType);
}

/** The recording as webhooks show it: the base fields plus `content`, no type extras. */
export function webhookRecording(ctx: RenderCtx, rec: Recording): Json {
  const out = baseRecording(ctx, rec);
  const content = rec.content ?? (rec.type === "Todo" ? rec.title : undefined);
  if (content !== undefined) out.content = content;
  return out;
}

/** The body of one delivery (the same for every attempt of it). */
export function buildPayload(store: Store, origin: string, change: Change): Json {
  const ctx: RenderCtx = { store, origin, accountId: store.account.id };
  return {
    id: store.nextId(),
    kind: `${snakeType(change.recording.type)}_${change.webhookEvent}`,
    details: change.details,
    created_at: iso(change.at),
    recording: webhookRecording(ctx, change.recording),
    creator: renderPersonById(ctx, change.creatorId),
  };
}
