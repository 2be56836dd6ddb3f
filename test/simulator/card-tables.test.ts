import { describe, expect, it } from "vitest";
import { api, all, newSim } from "./helpers.js";
import type { InProcessSimulator } from "../../src/simulator/index.js";

/** The first project's card table and its columns by type. */
function table(sim: InProcessSimulator) {
  const project = [...sim.store.projects.values()][0];
  const board = sim.store.dockTool(project.id, "Kanban::Board")!;
  const cols = sim.store.childrenOf(board.id);
  const of = (t: string) => cols.find((c) => c.type === t)!;
  return {
    project,
    board,
    triage: of("Kanban::Triage"),
    inProgress: of("Kanban::Column"),
    notNow: of("Kanban::NotNowColumn"),
    done: of("Kanban::DoneColumn"),
  };
}

const s = (v: unknown) => String(v);

async function newCard(sim: InProcessSimulator, columnId: bigint, title: string) {
  const r = await api(sim, "POST", `/card_tables/lists/${columnId}/cards.json`, { title, content: "<div>Hello</div>", due_on: "2030-01-02" });
  expect(r.status).toBe(201);
  return r.body;
}

describe("card tables", () => {
  it("shows the table with its columns in order, in flat, legacy and suffixless forms", async () => {
    const sim = newSim();
    const t = table(sim);
    const flat = await api(sim, "GET", `/card_tables/${t.board.id}.json`);
    expect(flat.status).toBe(200);
    expect(flat.body.type).toBe("Kanban::Board");
    expect(flat.body.public_link_url).toBeNull();
    expect(Array.isArray(flat.body.subscribers)).toBe(true);
    expect(flat.body.lists.map((l: any) => l.type)).toEqual(["Kanban::Triage", "Kanban::Column", "Kanban::NotNowColumn", "Kanban::DoneColumn"]);
    const col = flat.body.lists[1];
    for (const k of ["description", "subscribers", "color", "cards_count", "comment_count", "cards_url"]) expect(col).toHaveProperty(k);
    expect(col.cards_url).toContain(`/card_tables/lists/${t.inProgress.id}/cards.json`);

    const legacy = await api(sim, "GET", `/buckets/${t.project.id}/card_tables/${t.board.id}.json`);
    expect(legacy.status).toBe(200);
    expect(s(legacy.body.id)).toBe(s(t.board.id));
    const bare = await api(sim, "GET", `/buckets/${t.project.id}/card_tables/${t.board.id}`);
    expect(bare.status).toBe(200);

    const other = [...sim.store.projects.values()][1];
    expect((await api(sim, "GET", `/buckets/${other.id}/card_tables/${t.board.id}.json`)).status).toBe(404);
    // A column is not a card table.
    expect((await api(sim, "GET", `/card_tables/${t.triage.id}.json`)).status).toBe(404);
  });

  it("creates, updates and lists cards; 422 without a title", async () => {
    const sim = newSim();
    const t = table(sim);
    const card = await newCard(sim, t.triage.id, "Write the plan");
    expect(card.type).toBe("Kanban::Card");
    expect(card.content).toBe("<div>Hello</div>");
    expect(card.due_on).toBe("2030-01-02");
    expect(card.completed).toBe(false);
    expect(card.steps).toEqual([]);
    expect(s(card.parent.id)).toBe(s(t.triage.id));

    const bad = await api(sim, "POST", `/card_tables/lists/${t.triage.id}/cards.json`, { content: "x" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.title).toBeDefined();

    const owner = sim.store.account.ownerId;
    const up = await api(sim, "PUT", `/card_tables/cards/${card.id}`, { title: "Write the final plan", assignee_ids: [owner] });
    expect(up.status).toBe(200);
    expect(up.body.title).toBe("Write the final plan");
    expect(up.body.content).toBe("<div>Hello</div>");
    expect(up.body.assignees.map((p: any) => s(p.id))).toEqual([s(owner)]);
    const again = await api(sim, "GET", `/buckets/${t.project.id}/card_tables/cards/${card.id}.json`);
    expect(again.body.title).toBe("Write the final plan");

    const listed = await all(sim, `/card_tables/lists/${t.triage.id}/cards.json`);
    expect(listed.map((c: any) => s(c.id))).toContain(s(card.id));
    const col = await api(sim, "GET", `/card_tables/columns/${t.triage.id}.json`);
    expect(col.body.cards_count).toBe(listed.length);
  });

  it("paginates a long column", async () => {
    const sim = newSim();
    const t = table(sim);
    const before = sim.store.childrenOf(t.inProgress.id, ["Kanban::Card"]).length;
    for (let i = 0; i < 20; i++) await newCard(sim, t.inProgress.id, `Card ${i}`);
    const first = await api(sim, "GET", `/card_tables/lists/${t.inProgress.id}/cards.json`);
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("x-total-count")).toBe(String(before + 20));
    expect(first.headers.get("link")).toMatch(/page=2>; rel="next"/);
    expect(await all(sim, `/card_tables/lists/${t.inProgress.id}/cards.json`)).toHaveLength(before + 20);
  });

  it("moves a card into Done (completes it) and back out (reopens it)", async () => {
    const sim = newSim();
    const t = table(sim);
    const card = await newCard(sim, t.triage.id, "Ship it");
    const toDone = await api(sim, "POST", `/card_tables/cards/${card.id}/moves.json`, { column_id: t.done.id });
    expect(toDone.status).toBe(204);
    let got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(got.body.completed).toBe(true);
    expect(s(got.body.parent.id)).toBe(s(t.done.id));
    expect(got.body.position).toBe(1);

    const back = await api(sim, "POST", `/buckets/${t.project.id}/card_tables/cards/${card.id}/moves`, { column_id: t.inProgress.id, position: 2 });
    expect(back.status).toBe(204);
    got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(got.body.completed).toBe(false);
    expect(s(got.body.parent.id)).toBe(s(t.inProgress.id));
    const inProgress = sim.store.childrenOf(t.inProgress.id, ["Kanban::Card"]);
    expect(s(inProgress[Math.min(1, inProgress.length - 1)].id)).toBe(s(card.id));

    const events = await all(sim, `/recordings/${card.id}/events.json`);
    const actions = events.map((e: any) => e.action);
    expect(actions[0]).toBe("created");
    expect(actions).toEqual(expect.arrayContaining(["adopted", "completed", "uncompleted"]));
    const adopted = events.find((e: any) => e.action === "adopted");
    expect(s(adopted.details.new_parent_id)).toBe(s(t.done.id));

    for (const position of [0, -1, "abc"]) {
      const r = await api(sim, "POST", `/card_tables/cards/${card.id}/moves.json`, { column_id: t.done.id, position });
      expect(r.status).toBe(400);
    }
    expect((await api(sim, "POST", `/card_tables/cards/${card.id}/moves.json`, {})).status).toBe(400);
    got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(got.body.completed).toBe(false);
  });

  it("moves cards (0-based) and columns (1-based) through the table's moves endpoint", async () => {
    const sim = newSim();
    const t = table(sim);
    const card = await newCard(sim, t.triage.id, "Move me");
    const r = await api(sim, "POST", `/card_tables/${t.board.id}/moves.json`, { source_id: card.id, target_id: t.done.id, position: 0 });
    expect(r.status).toBe(204);
    const got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(s(got.body.parent.id)).toBe(s(t.done.id));
    expect(got.body.position).toBe(1);
    expect(got.body.completed).toBe(true);
    expect((await api(sim, "POST", `/card_tables/${t.board.id}/moves.json`, { source_id: card.id, target_id: t.done.id })).status).toBe(400);

    // A new column goes before Not now / Done.
    const created = await api(sim, "POST", `/card_tables/${t.board.id}/columns.json`, { title: "Review", description: "Waiting for eyes" });
    expect(created.status).toBe(201);
    expect(created.body.type).toBe("Kanban::Column");
    let board = await api(sim, "GET", `/card_tables/${t.board.id}.json`);
    expect(board.body.lists.map((l: any) => l.title)).toEqual(["Triage", "In progress", "Review", "Not now", "Done"]);
    expect((await api(sim, "POST", `/card_tables/${t.board.id}/columns.json`, { description: "no title" })).status).toBe(422);

    // Move "Review" to position 1 among normal columns, then back to the end of them.
    expect((await api(sim, "POST", `/card_tables/${t.board.id}/moves.json`, { source_id: created.body.id, target_id: t.board.id, position: 1 })).status).toBe(204);
    board = await api(sim, "GET", `/card_tables/${t.board.id}.json`);
    expect(board.body.lists.map((l: any) => l.title)).toEqual(["Triage", "Review", "In progress", "Not now", "Done"]);
    expect((await api(sim, "POST", `/card_tables/${t.board.id}/moves.json`, { source_id: created.body.id, target_id: t.board.id, position: 2 })).status).toBe(204);
    board = await api(sim, "GET", `/card_tables/${t.board.id}.json`);
    expect(board.body.lists.map((l: any) => l.title)).toEqual(["Triage", "In progress", "Review", "Not now", "Done"]);
  });

  it("updates columns: title, colour (422 for unknown), on-hold, subscription", async () => {
    const sim = newSim();
    const t = table(sim);
    const id = t.inProgress.id;
    const up = await api(sim, "PUT", `/card_tables/columns/${id}.json`, { title: "Doing", description: "Now" });
    expect(up.status).toBe(200);
    expect(up.body.title).toBe("Doing");
    expect((await api(sim, "GET", `/card_tables/columns/${id}`)).body.description).toBe("Now");

    const color = await api(sim, "PUT", `/card_tables/columns/${id}/color.json`, { color: "purple" });
    expect(color.status).toBe(200);
    expect(color.body.color).toBe("purple");
    expect((await api(sim, "PUT", `/card_tables/columns/${id}/color.json`, { color: "magenta" })).status).toBe(422);
    expect((await api(sim, "PUT", `/card_tables/columns/${id}/color.json`, {})).status).toBe(422);

    const hold = await api(sim, "POST", `/card_tables/columns/${id}/on_hold.json`);
    expect(hold.status).toBe(200);
    expect(hold.body.on_hold).toBeTruthy();
    const unhold = await api(sim, "DELETE", `/buckets/${t.project.id}/card_tables/columns/${id}/on_hold.json`);
    expect(unhold.status).toBe(200);
    expect(unhold.body.on_hold).toBeUndefined();

    const owner = s(sim.store.account.ownerId);
    expect((await api(sim, "POST", `/card_tables/lists/${id}/subscription.json`)).status).toBe(204);
    let col = await api(sim, "GET", `/card_tables/columns/${id}.json`);
    expect(col.body.subscribers.map((p: any) => s(p.id))).toContain(owner);
    expect((await api(sim, "DELETE", `/card_tables/lists/${id}/subscription.json`)).status).toBe(204);
    col = await api(sim, "GET", `/card_tables/columns/${id}.json`);
    expect(col.body.subscribers.map((p: any) => s(p.id))).not.toContain(owner);
  });

  it("adds steps, completes them on and off, and reorders them", async () => {
    const sim = newSim();
    const t = table(sim);
    const card = await newCard(sim, t.triage.id, "With steps");
    const owner = sim.store.account.ownerId;
    const a = await api(sim, "POST", `/card_tables/cards/${card.id}/steps.json`, { title: "First", due_on: "2030-02-01", assignee_ids: [owner] });
    expect(a.status).toBe(201);
    expect(a.body.type).toBe("Kanban::Step");
    expect(a.body.assignees.map((p: any) => s(p.id))).toEqual([s(owner)]);
    const b = await api(sim, "POST", `/card_tables/cards/${card.id}/steps`, { title: "Second", assignees: String(owner) });
    expect(b.status).toBe(201);
    expect(b.body.assignees).toHaveLength(1);
    expect(b.body.position).toBe(1); // the second step: 0-based
    expect((await api(sim, "POST", `/card_tables/cards/${card.id}/steps.json`, {})).status).toBe(422);

    const on = await api(sim, "PUT", `/card_tables/steps/${a.body.id}/completions.json`, { completion: "on" });
    expect(on.status).toBe(200);
    expect(on.body.completed).toBe(true);
    let got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(got.body.steps.map((x: any) => x.completed)).toEqual([true, false]);
    const off = await api(sim, "PUT", `/buckets/${t.project.id}/card_tables/steps/${a.body.id}/completions`, { completion: "off" });
    expect(off.body.completed).toBe(false);
    expect((await api(sim, "PUT", `/card_tables/steps/${a.body.id}/completions.json`, { completion: "maybe" })).status).toBe(422);

    const renamed = await api(sim, "PUT", `/card_tables/steps/${b.body.id}.json`, { title: "Second, renamed" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe("Second, renamed");

    const pos = await api(sim, "POST", `/card_tables/cards/${card.id}/positions.json`, { source_id: b.body.id, position: 0 });
    expect(pos.status).toBe(200);
    got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(got.body.steps.map((x: any) => x.title)).toEqual(["Second, renamed", "First"]);
    // Steps count from zero, in the JSON as in the positions body.
    expect(got.body.steps.map((x: any) => x.position)).toEqual([0, 1]);
    expect((await api(sim, "GET", `/card_tables/steps/${a.body.id}.json`)).body.position).toBe(1);
    expect((await api(sim, "POST", `/card_tables/cards/${card.id}/positions.json`, { source_id: a.body.id, position: 0 })).status).toBe(200);
    got = await api(sim, "GET", `/card_tables/cards/${card.id}.json`);
    expect(got.body.steps.map((x: any) => [x.title, x.position])).toEqual([["First", 0], ["Second, renamed", 1]]);
    // The reference's CardStep names every key the simulator sends.
    const stepKeys = ["id", "status", "visible_to_clients", "created_at", "updated_at", "title", "inherits_status", "type", "url", "app_url", "bookmark_url", "position", "due_on", "completed", "completed_at", "parent", "bucket", "creator", "completer", "assignees", "completion_url"];
    for (const k of ["position", "due_on", "completed", "assignees", "completion_url"]) expect(Object.keys(got.body.steps[0])).toContain(k);
    expect(Object.keys(got.body.steps[0]).filter((k) => !stepKeys.includes(k))).toEqual([]);
    expect((await api(sim, "POST", `/card_tables/cards/${card.id}/positions.json`, { source_id: b.body.id })).status).toBe(400);

    const events = await all(sim, `/recordings/${a.body.id}/events.json`);
    expect(events.map((e: any) => e.action)).toEqual(["created", "completed", "uncompleted"]);
  });

  it("refuses writes to a trashed card (403) and 404s for a wrong bucket", async () => {
    const sim = newSim();
    const t = table(sim);
    const card = await newCard(sim, t.triage.id, "Trash me");
    expect((await api(sim, "PUT", `/recordings/${card.id}/status/trashed.json`)).status).toBe(204);
    expect((await api(sim, "PUT", `/card_tables/cards/${card.id}.json`, { title: "nope" })).status).toBe(403);
    const other = [...sim.store.projects.values()][1];
    expect((await api(sim, "GET", `/buckets/${other.id}/card_tables/cards/${card.id}.json`)).status).toBe(404);
  });

  it("completes and uncompletes a card through its completion_url", async () => {
    const sim = newSim();
    const t = table(sim);
    const card = await newCard(sim, t.inProgress.id, "Close the loop");
    expect(card.completed).toBe(false);
    const url: string = card.completion_url;
    expect((await api(sim, "POST", url)).status).toBe(204);
    expect((await api(sim, "GET", `/card_tables/cards/${s(card.id)}.json`)).body.completed).toBe(true);
    expect((await api(sim, "DELETE", url)).status).toBe(204);
    expect((await api(sim, "GET", `/card_tables/cards/${s(card.id)}.json`)).body.completed).toBe(false);
  });
});
