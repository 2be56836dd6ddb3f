// URL kinds each resource accepts (the path words before the ID in a Basecamp URL), and
// small helpers for IDs that go into request bodies and queries.
import type { Id } from "../../http/json.js";
import { idOf, type IdLike, type UrlScope } from "../ids.js";

export const KIND = {
  project: ["projects"],
  person: ["people"],
  todoset: ["todosets"],
  todolist: ["todolists", "todolists/groups"],
  todo: ["todos"],
  campfire: ["chats"],
  line: ["chats/lines"],
  messageBoard: ["message_boards"],
  message: ["messages"],
  messageType: ["categories"],
  comment: ["comments"],
  vault: ["vaults"],
  document: ["documents"],
  upload: ["uploads"],
  schedule: ["schedules"],
  scheduleEntry: ["schedule_entries"],
  cardTable: ["card_tables"],
  column: ["card_tables/columns", "card_tables/lists"],
  card: ["card_tables/cards"],
  step: ["card_tables/steps"],
  questionnaire: ["questionnaires"],
  question: ["questions"],
  answer: ["question_answers"],
  webhook: ["webhooks"],
  /** Any recording: comments, events, subscriptions, status changes. */
  recording: [] as string[],
} as const satisfies Record<string, readonly string[]>;

/** An ID for a request body (kept exact: bigint stays bigint); a URL must be of the connected account (`scope`). */
export function bodyId(value: IdLike, kinds: readonly string[], what: string, scope: UrlScope | undefined): Id {
  return idOf(value, kinds, what, scope);
}

/** A list of person IDs for a body. */
export function personIds(values: readonly IdLike[] | undefined, scope: UrlScope | undefined): Id[] | undefined {
  return values?.map((v) => idOf(v, KIND.person, "person", scope));
}


/**
 * The URL kinds each path parameter of the reference accepts (src/api/operation.ts). A
 * parameter not listed takes any Basecamp URL's ID (recordings of any type).
 */
export const PARAM_KINDS: Readonly<Record<string, readonly string[]>> = {
  bucketId: KIND.project,
  projectId: KIND.project,
  personId: KIND.person,
  todosetId: KIND.todoset,
  todolistId: KIND.todolist,
  groupId: KIND.todolist,
  id: KIND.todolist,
  todoId: KIND.todo,
  campfireId: KIND.campfire,
  lineId: KIND.line,
  boardId: KIND.messageBoard,
  messageId: KIND.message,
  typeId: KIND.messageType,
  commentId: KIND.comment,
  vaultId: KIND.vault,
  folderId: ["stacks"],
  documentId: KIND.document,
  uploadId: KIND.upload,
  scheduleId: KIND.schedule,
  calendarId: ["calendars", "schedules"],
  cardTableId: KIND.cardTable,
  columnId: KIND.column,
  cardId: KIND.card,
  stepId: KIND.step,
  wormholeId: ["card_tables/wormholes"],
  questionnaireId: KIND.questionnaire,
  questionId: KIND.question,
  answerId: KIND.answer,
  webhookId: KIND.webhook,
  boostId: ["boosts"],
  templateId: ["templates"],
  constructionId: ["templates/project_constructions"],
  inboxId: ["inboxes"],
  forwardId: ["inbox_forwards"],
  needleId: ["gauge_needles"],
  markerId: ["lineup/markers"],
  toolId: ["dock/tools"],
  chatbotId: ["chats/integrations"],
  cloudFileId: ["cloud_files"],
  googleDocumentId: ["google_documents"],
  approvalId: ["client/approvals"],
  correspondenceId: ["client/correspondences"],
};
