// PUT updates beyond the full replaces (to-dos, lists, documents, entries have their own
// tests): the step read the client's update needs, the oas fields questions and answers
// take, and an explicit null that clears a description the body otherwise keeps.
import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { api, newSim } from "./helpers.js";

const big = (v: unknown): bigint => BigInt(v as number | bigint | string);

function firstProject(sim: InProcessSimulator) {
  const p = [...sim.store.projects.values()][0];
  return { p, tool: (type: string) => sim.store.dockTool(p.id, type as never)! };
}

async function created(sim: InProcessSimulator, path: string, body: unknown): Promise<bigint> {
  const r = await api(sim, "POST", path, body);
  expect(r.status, r.text).toBe(201);
  return big(r.body.id);
}

describe("card steps", () => {
  it("GET /card_tables/steps/{id} shows one step (flat, legacy and suffixless forms); other kinds are 404", async () => {
    const sim = newSim();
    const { p, tool } = firstProject(sim);
    const column = sim.store.childrenOf(tool("Kanban::Board").id, ["Kanban::Column"])[0];
    const card = await created(sim, `/card_tables/lists/${column.id}/cards.json`, { title: "Card" });
    const step = await created(sim, `/card_tables/cards/${card}/steps.json`, { title: "Step", due_on: "2030-01-02" });
    for (const path of [`/card_tables/steps/${step}.json`, `/buckets/${p.id}/card_tables/steps/${step}.json`, `/card_tables/steps/${step}`]) {
      const r = await api(sim, "GET", path);
      expect(r.status, path).toBe(200);
      expect(r.body).toMatchObject({ type: "Kanban::Step", title: "Step", due_on: "2030-01-02", completed: false });
      expect(big(r.body.id)).toBe(step);
    }
    expect((await api(sim, "GET", `/card_tables/steps/${card}.json`)).status).toBe(404);
  });
});

describe("questions and answers", () => {
  it("PUT /questions/{id} takes `paused` (oas) and keeps the pause when it is left out", async () => {
    const sim = newSim();
    const { tool } = firstProject(sim);
    const id = await created(sim, `/questionnaires/${tool("Questionnaire").id}/questions.json`, { question: { title: "Wins?", schedule: { frequency: "every_day", time_of_day: "9:00am", days: [1] } } });
    const paused = await api(sim, "PUT", `/questions/${id}.json`, { question: { title: "Wins?", paused: true } });
    expect(paused.body.paused).toBe(true);
    expect(sim.store.recordings.get(id)!.paused).toBe(true);
    const renamed = await api(sim, "PUT", `/questions/${id}.json`, { question: { title: "Any wins?" } });
    expect(renamed.body).toMatchObject({ title: "Any wins?", paused: true });
    expect((await api(sim, "PUT", `/questions/${id}.json`, { question: { paused: false } })).body.paused).toBe(false);
    expect((sim.store.events.get(id) ?? []).map((e) => e.action)).toEqual(["created", "paused", "title_changed", "resumed"]);
  });

  it("PUT /question_answers/{id} takes `group_on` (oas); left out, the day is kept", async () => {
    const sim = newSim();
    const question = [...sim.store.ofType("Question")][0];
    const id = await created(sim, `/questions/${question.id}/answers.json`, { question_answer: { content: "<div>Fine</div>", group_on: "2030-01-05" } });
    expect((await api(sim, "PUT", `/question_answers/${id}.json`, { question_answer: { content: "<div>Great</div>", group_on: "2030-01-06" } })).status).toBe(204);
    expect(sim.store.recordings.get(id)).toMatchObject({ content: "<div>Great</div>", groupOn: "2030-01-06" });
    await api(sim, "PUT", `/question_answers/${id}.json`, { question_answer: { content: "<div>Greater</div>" } });
    expect(sim.store.recordings.get(id)).toMatchObject({ content: "<div>Greater</div>", groupOn: "2030-01-06" });
    expect((await api(sim, "PUT", `/question_answers/${id}.json`, { question_answer: { content: "x", group_on: "someday" } })).status).toBe(422);
  });
});

describe("descriptions a PUT keeps unless it sends null", () => {
  it("card table columns", async () => {
    const sim = newSim();
    const { tool } = firstProject(sim);
    const id = await created(sim, `/card_tables/${tool("Kanban::Board").id}/columns.json`, { title: "Review", description: "Needs eyes" });
    await api(sim, "PUT", `/card_tables/columns/${id}.json`, { title: "In review" });
    expect(sim.store.recordings.get(id)).toMatchObject({ title: "In review", description: "Needs eyes" });
    const cleared = await api(sim, "PUT", `/card_tables/columns/${id}.json`, { title: "In review", description: null });
    expect(cleared.body.description).toBe("");
    expect(sim.store.recordings.get(id)!.description).toBe("");
  });

  it("uploads", async () => {
    const sim = newSim();
    const { tool } = firstProject(sim);
    const bytes = new Uint8Array([1, 2, 3]);
    const att = await sim.fetch(`${sim.apiUrl}/${sim.accountId}/attachments.json?name=a.txt`, {
      method: "POST",
      headers: { "User-Agent": "tests (t@example.com)", Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "text/plain", "Content-Length": "3" },
      body: bytes,
    });
    const sgid = ((await att.json()) as { attachable_sgid: string }).attachable_sgid;
    const id = await created(sim, `/vaults/${tool("Vault").id}/uploads.json`, { attachable_sgid: sgid, description: "<div>Notes</div>" });
    await api(sim, "PUT", `/uploads/${id}.json`, { base_name: "b" });
    expect(sim.store.recordings.get(id)).toMatchObject({ filename: "b.txt", description: "<div>Notes</div>" });
    const cleared = await api(sim, "PUT", `/uploads/${id}.json`, { description: null });
    expect(cleared.body).toMatchObject({ filename: "b.txt", description: "" });
  });

  it("projects", async () => {
    const sim = newSim();
    const id = await created(sim, "/projects.json", { name: "Moon", description: "Words" });
    await api(sim, "PUT", `/projects/${id}.json`, { name: "Moon 2" });
    expect(sim.store.projects.get(id)).toMatchObject({ name: "Moon 2", description: "Words" });
    const cleared = await api(sim, "PUT", `/projects/${id}.json`, { name: "Moon 2", description: null });
    expect(cleared.body.description).toBe("");
    expect(sim.store.projects.get(id)!.description).toBe("");
  });
});
