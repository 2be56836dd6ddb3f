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

