// An update whose read returns something other than the record (an array, {}, a scalar, a
// record of another kind) is refused with UnexpectedRecordError, and no PUT is sent.
import { describe, expect, it } from "vitest";
import { UnexpectedRecordError, type BasecampClient } from "../../src/api/index.js";
import { BasecampError } from "../../src/http/errors.js";
import { createSimulator } from "../../src/simulator/index.js";
import { watched } from "./helpers.js";

const ID = 4242;
const PROJECT = 1111;

interface Row {
  what: string;
  path: string;
  /** The record's `type`; null for records without one (projects, message types, webhooks). */
  type: string | null;
  call(c: BasecampClient): Promise<unknown>;
}

const rows: Row[] = [
  { what: "to-do", path: `/todos/${ID}.json`, type: "Todo", call: (c) => c.todos.update(ID, { content: "x" }) },
  { what: "to-do list", path: `/todolists/${ID}.json`, type: "Todolist", call: (c) => c.todolists.update(ID, { name: "x" }) },
  { what: "message", path: `/messages/${ID}.json`, type: "Message", call: (c) => c.messages.update(ID, { subject: "x" }) },
  { what: "comment", path: `/comments/${ID}.json`, type: "Comment", call: (c) => c.comments.update(ID, "x") },
  { what: "document", path: `/documents/${ID}.json`, type: "Document", call: (c) => c.documents.update(ID, { title: "x" }) },
  { what: "vault", path: `/vaults/${ID}.json`, type: "Vault", call: (c) => c.vaults.update(ID, "x") },
  { what: "upload", path: `/uploads/${ID}.json`, type: "Upload", call: (c) => c.uploads.update(ID, { base_name: "x" }) },
  { what: "schedule", path: `/schedules/${ID}.json`, type: "Schedule", call: (c) => c.schedules.update(ID, { include_due_assignments: true }) },
  { what: "schedule entry", path: `/schedule_entries/${ID}.json`, type: "Schedule::Entry", call: (c) => c.schedules.updateEntry(ID, { summary: "x" }) },
  { what: "card table column", path: `/card_tables/columns/${ID}.json`, type: "Kanban::Column", call: (c) => c.cardTables.updateColumn(ID, { title: "x" }) },
  { what: "card", path: `/card_tables/cards/${ID}.json`, type: "Kanban::Card", call: (c) => c.cardTables.updateCard(ID, { title: "x" }) },
  { what: "card step", path: `/card_tables/steps/${ID}.json`, type: "Kanban::Step", call: (c) => c.cardTables.updateStep(ID, { title: "x" }) },
  { what: "question", path: `/questions/${ID}.json`, type: "Question", call: (c) => c.questionnaires.updateQuestion(ID, { title: "x" }) },
  { what: "question answer", path: `/question_answers/${ID}.json`, type: "Question::Answer", call: (c) => c.questionnaires.updateAnswer(ID, "x") },
  { what: "project", path: `/projects/${ID}.json`, type: null, call: (c) => c.projects.update(ID, { name: "x" }) },
  { what: "message type", path: `/buckets/${PROJECT}/categories/${ID}.json`, type: null, call: (c) => c.messageTypes.update(PROJECT, ID, { name: "x" }) },
];

/** What the read answers instead of the record, and the words the error must use for it. */
function badAnswers(row: Row): Array<[string, unknown, RegExp]> {
  const other = row.type === "Todo" ? "Message" : "Todo";
  const out: Array<[string, unknown, RegExp]> = [
    ["[]", [], /an empty array/],
    ["{}", {}, /an empty object/],
    ["42", 42, /the number 42/],
    [`a ${other}`, { id: ID, type: other, title: "Someone else", name: "x", icon: "x", payload_url: "https://x", dock: [], types: [] }, new RegExp(`type "${other}"`)],
    ["an array of the record", [{ id: ID, type: row.type ?? "Todo" }], /an array of 1/],
  ];
  if (row.type === null) out.push(["an object missing the record's keys", { id: ID, title: "x" }, /an object without/]);
  else out.push(["an object without a type", { id: ID, title: "x" }, /an object without a type/]);
  return out;
}

const sim = createSimulator({ scale: "tiny", rateLimit: "off" });

describe.each(rows)("$what update", (row) => {
  it.each(badAnswers(row))("refuses when the read returns %s, and sends no PUT", async (_label, answer, said) => {
    const { client, sent, puts } = watched(sim, (method, path) => (method === "GET" && path === row.path ? answer : undefined));
    const err = await row.call(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnexpectedRecordError);
    expect(err).toBeInstanceOf(BasecampError);
    const message = (err as Error).message;
    expect(message).toMatch(said);
    expect(message).toMatch(new RegExp(`not an? ${row.what}\\b`));
    expect(message).toContain("nothing was sent");
    expect(sent.filter((r) => r.method === "GET").map((r) => r.path)).toEqual([row.path]);
    expect(puts()).toEqual([]);
  });
});
