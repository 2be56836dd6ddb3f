import { describe, expect, it } from "vitest";
import { api, all, newSim } from "./helpers.js";
import type { ApiResult } from "./helpers.js";
import type { InProcessSimulator } from "../../src/simulator/index.js";

const s = (v: unknown) => String(v);
const DAY = 86_400_000;

/** Follow Link pages and return the pages, checking X-Total-Count on each. */
async function pages(sim: InProcessSimulator, path: string): Promise<{ items: any[]; total: number; count: number }> {
  const items: any[] = [];
  let url: string | null = path;
  let total = -1;
  let count = 0;
  while (url) {
    const r: ApiResult<any[]> = await api(sim, "GET", url);
    expect(r.status).toBe(200);
    const t = Number(r.headers.get("x-total-count"));
    if (total >= 0) expect(t).toBe(total);
    total = t;
    items.push(...r.body);
    count++;
    const m = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get("link") ?? "");
    url = m ? m[1] : null;
  }
  return { items, total, count };
}

function firstTodo(sim: InProcessSimulator) {
  return [...sim.store.ofType("Todo")].find((t) => t.status === "active")!;
}

describe("GET /projects/recordings", () => {
  it("requires a known type (400 naming the allowed values)", async () => {
    const sim = newSim();
    const missing = await api(sim, "GET", "/projects/recordings.json");
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain("Kanban::Card");
    expect(missing.body.error).toContain("Question::Answer");
    expect((await api(sim, "GET", "/projects/recordings.json?type=Bogus")).status).toBe(400);
    expect((await api(sim, "GET", "/projects/recordings.json?type=Todo&status=gone")).status).toBe(400);
    expect((await api(sim, "GET", "/projects/recordings.json?type=Todo&sort=title")).status).toBe(400);
    expect((await api(sim, "GET", "/projects/recordings.json?type=Todo&direction=up")).status).toBe(400);
    expect((await api(sim, "GET", "/projects/recordings.json?type=Todo&bucket=abc")).status).toBe(400);
    // Flat only.
    const p = [...sim.store.projects.values()][0];
    expect((await api(sim, "GET", `/buckets/${p.id}/projects/recordings.json?type=Todo`)).status).toBe(404);
  });

  it("filters by type and bucket (id or CSV), suffixless too", async () => {
    const sim = newSim();
    const [p1, p2] = [...sim.store.projects.values()];
    const docs = await all(sim, "/projects/recordings.json?type=Document");
    expect(docs.length).toBe(2);
    expect(docs.every((d: any) => d.type === "Document")).toBe(true);

    const one = await all(sim, `/projects/recordings?type=Todo&bucket=${p1.id}`);
    const expected = [...sim.store.ofType("Todo")].filter((t) => t.bucketId === p1.id && t.status === "active").length;
    expect(one.length).toBe(expected);
    expect(one.every((t: any) => s(t.bucket.id) === s(p1.id) && t.type === "Todo")).toBe(true);
    const both = await all(sim, `/projects/recordings.json?type=Todo&bucket=${p1.id},${p2.id}`);
    const both2 = await all(sim, `/projects/recordings.json?type=Todo`);
    expect(both.length).toBe(both2.length);
    expect(both.length).toBeGreaterThan(one.length);
  });

  it("sorts by updated_at both ways across geared pages, skipping inactive projects", async () => {
    const sim = newSim({ scale: "small" });
    const active = new Set([...sim.store.projects.values()].filter((p) => p.status === "active").map((p) => s(p.id)));
    expect(active.size).toBeLessThan(sim.store.projects.size);
    const expected = [...sim.store.ofType("Todo")].filter((t) => t.status === "active" && active.has(s(t.bucketId))).length;

    const asc = await pages(sim, "/projects/recordings.json?type=Todo&sort=updated_at&direction=asc");
    expect(asc.count).toBeGreaterThanOrEqual(4);
    expect(asc.items.length).toBe(asc.total);
    expect(asc.total).toBe(expected);
    expect(new Set(asc.items.map((t: any) => s(t.id))).size).toBe(asc.total);
    expect(asc.items.every((t: any) => active.has(s(t.bucket.id)) && t.status === "active")).toBe(true);
    const ascTimes = asc.items.map((t: any) => Date.parse(t.updated_at));
    for (let i = 1; i < ascTimes.length; i++) expect(ascTimes[i]).toBeGreaterThanOrEqual(ascTimes[i - 1]);

    const desc = await pages(sim, "/projects/recordings.json?type=Todo&sort=updated_at");
    expect(desc.items.length).toBe(desc.total);
    const descTimes = desc.items.map((t: any) => Date.parse(t.updated_at));
    for (let i = 1; i < descTimes.length; i++) expect(descTimes[i]).toBeLessThanOrEqual(descTimes[i - 1]);

    const created = await api(sim, "GET", "/projects/recordings.json?type=Todo");
    expect(created.body).toHaveLength(15);
    const createdTimes = created.body.map((t: any) => Date.parse(t.created_at));
    for (let i = 1; i < createdTimes.length; i++) expect(createdTimes[i]).toBeLessThanOrEqual(createdTimes[i - 1]);
    expect(created.headers.get("last-modified")).toBeTruthy();
  });
});

describe("recording status and events", () => {
  it("trashes, lists under status=trashed, restores; events record it", async () => {
    const sim = newSim();
    const todo = firstTodo(sim);
    const list = (status: string) => all(sim, `/projects/recordings.json?type=Todo&status=${status}&bucket=${todo.bucketId}`);
    expect((await list("active")).map((t: any) => s(t.id))).toContain(s(todo.id));

    expect((await api(sim, "PUT", `/recordings/${todo.id}/status/trashed.json`)).status).toBe(204);
    expect((await list("trashed")).map((t: any) => s(t.id))).toContain(s(todo.id));
    expect((await list("active")).map((t: any) => s(t.id))).not.toContain(s(todo.id));

    expect((await api(sim, "PUT", `/buckets/${todo.bucketId}/recordings/${todo.id}/status/active`)).status).toBe(204);
    expect((await list("active")).map((t: any) => s(t.id))).toContain(s(todo.id));
    expect((await list("trashed")).map((t: any) => s(t.id))).not.toContain(s(todo.id));

    expect((await api(sim, "PUT", `/recordings/${todo.id}/status/archived`)).status).toBe(204);
    const archived = await list("archived");
    const row = archived.find((t: any) => s(t.id) === s(todo.id));
    expect(row.status).toBe("archived");

    const events = await all(sim, `/buckets/${todo.bucketId}/recordings/${todo.id}/events.json`);
    expect(events[0].action).toBe("created");
    const actions = events.map((e: any) => e.action);
    expect(actions.slice(-3)).toEqual(["trashed", "untrashed", "archived"]);
    const ev = events[events.length - 1];
    expect(s(ev.recording_id)).toBe(s(todo.id));
    expect(s(ev.creator.id)).toBe(s(sim.store.account.ownerId));
    expect(ev.details.status_was).toBe("active");
    expect(Array.isArray(ev.details.notified_recipient_ids)).toBe(true);
    expect(Date.parse(ev.created_at)).toBeGreaterThan(0);
    expect((await api(sim, "GET", `/recordings/${todo.id}/events`)).status).toBe(200);
  });

  it("status changes cascade to children (archive a list → its to-dos)", async () => {
    const sim = newSim();
    const todo = firstTodo(sim);
    const listId = todo.parentId!;
    expect((await api(sim, "PUT", `/recordings/${listId}/status/archived.json`)).status).toBe(204);
    const archived = await all(sim, `/projects/recordings.json?type=Todo&status=archived&bucket=${todo.bucketId}`);
    expect(archived.map((t: any) => s(t.id))).toContain(s(todo.id));
  });

  it("404s for a wrong bucket or an unknown recording", async () => {
    const sim = newSim();
    const todo = firstTodo(sim);
    const other = [...sim.store.projects.values()].find((p) => p.id !== todo.bucketId)!;
    expect((await api(sim, "PUT", `/buckets/${other.id}/recordings/${todo.id}/status/trashed.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/buckets/${other.id}/recordings/${todo.id}/events.json`)).status).toBe(404);
    expect((await api(sim, "PUT", `/recordings/999999999999/status/trashed.json`)).status).toBe(404);
    expect(todo.status).toBe("active");
  });

  it("paginates a long event history oldest first", async () => {
    const sim = newSim();
    const todo = firstTodo(sim);
    for (let i = 0; i < 10; i++) {
      await api(sim, "PUT", `/recordings/${todo.id}/status/archived.json`);
      await api(sim, "PUT", `/recordings/${todo.id}/status/active.json`);
    }
    const first = await api(sim, "GET", `/recordings/${todo.id}/events.json`);
    const total = Number(first.headers.get("x-total-count"));
    expect(total).toBeGreaterThanOrEqual(21);
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("link")).toContain("page=2");
    const events = await all(sim, `/recordings/${todo.id}/events.json`);
    expect(events).toHaveLength(total);
    const times = events.map((e: any) => Date.parse(e.created_at));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  });

  it("purges trashed content after 30 days", async () => {
    let now = Date.parse("2030-06-01T12:00:00Z");
    const sim = newSim({ clock: () => now });
    const project = [...sim.store.projects.values()][0];
    const board = sim.store.dockTool(project.id, "Kanban::Board")!;
    const triage = sim.store.childrenOf(board.id)[0];
    const card = await api(sim, "POST", `/card_tables/lists/${triage.id}/cards.json`, { title: "Short-lived" });
    expect(card.status).toBe(201);
    expect((await api(sim, "PUT", `/recordings/${card.body.id}/status/trashed.json`)).status).toBe(204);
    now += 29 * DAY;
    expect((await api(sim, "GET", `/card_tables/cards/${card.body.id}.json`)).status).toBe(200);
    const trashed = await all(sim, "/projects/recordings.json?type=Kanban::Card&status=trashed");
    expect(trashed.map((c: any) => s(c.id))).toContain(s(card.body.id));
    now += 2 * DAY;
    expect((await api(sim, "GET", `/card_tables/cards/${card.body.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/recordings/${card.body.id}/events.json`)).status).toBe(404);
    const after = await all(sim, "/projects/recordings.json?type=Kanban::Card&status=trashed");
    expect(after.map((c: any) => s(c.id))).not.toContain(s(card.body.id));
  });
});
