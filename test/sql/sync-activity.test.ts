// The activity feed as a change hint: a quiet resync costs a handful of requests; a change
// in the feed is picked up at once; changes the feed does not show are picked up once the
// hint's trust window has passed. The sync cases run on a SQLite replica and on a PostgreSQL one.
import { afterAll, describe, expect, it } from "vitest";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { VERIFY_AFTER_MS } from "../../src/sql/sync/activity.js";
import { newReplicaOf, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";
import { cleanupDirs, clientFor, requestCount } from "./sync-helpers.js";

usePostgres();

const sims: InProcessSimulator[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
  cleanupDirs();
});

function setup(kind: ReplicaKind = "sqlite") {
  const sim = createSimulator({ scale: "small", rateLimit: "off", seed: 11 });
  sims.push(sim);
  return { sim, client: clientFor(sim), db: newReplicaOf(kind) };
}

describe.each(REPLICAS)("activity feed hint (%s)", (kind) => {
  it("makes a no-change resync cost at most one request per table, after a full sync too", async () => {
    const { sim, client, db } = setup(kind);
    const first = await syncTables(db, client, { full: true });
    const tables = Object.keys(first).length;
    const mid = await requestCount(sim);
    await syncTables(db, client);
    const quiet = (await requestCount(sim)) - mid;
    expect(quiet).toBeLessThanOrEqual(tables);
    expect(quiet).toBeGreaterThan(0);
  });

  it("picks up a change that shows in the feed right away", async () => {
    const { sim, client, db } = setup(kind);
    await syncTables(db, client);
    await syncTables(db, client);
    const todo = [...sim.store.ofType("Todo")].find((t) => t.status === "active" && !t.completed && sim.store.getProject(t.bucketId)?.status === "active")!;
    await client.todos.complete(todo.id);
    await syncTables(db, client);
    expect(db.prepare("SELECT Completed FROM ToDos WHERE Id = ?").get(todo.id)).toEqual({ Completed: 1n });
  });

  it("reads everything again once the trust window has passed, catching changes the feed misses", async () => {
    const { sim, client, db } = setup(kind);
    await syncTables(db, client);
    // A change with no feed entry: the simulator's state edited directly, as a stand-in for
    // changes Basecamp does not put in the activity feed.
    const todo = [...sim.store.ofType("Todo")].find((t) => t.status === "active" && sim.store.getProject(t.bucketId)?.status === "active")!;
    todo.title = todo.content = "Changed without a feed entry";
    todo.updatedAt = Date.now();
    sim.store.markDirty();
    await syncTables(db, client);
    expect((db.prepare("SELECT Content FROM ToDos WHERE Id = ?").get(todo.id) as { Content: string }).Content).not.toBe("Changed without a feed entry");
    const old = new Date(Date.now() - VERIFY_AFTER_MS - 1000).toISOString();
    db.prepare("UPDATE bc_sync_state SET LastFullSyncAt = ? WHERE TableName LIKE '\\_activity:%' ESCAPE '\\'").run(old);
    await syncTables(db, client);
    expect(db.prepare("SELECT Content FROM ToDos WHERE Id = ?").get(todo.id)).toEqual({ Content: "Changed without a feed entry" });
  });
});

describe("simulator activity feed", () => {
  it("lists events newest first, keeps its ETag while nothing changes, and shows a new event on top", async () => {
    const { sim, client } = setup();
    const a = await client.road.request<any[]>("GET", "/reports/progress.json", { cache: false });
    expect(a.data.length).toBe(15);
    const times = a.data.map((e) => Date.parse(e.created_at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const b = await client.road.request<any[]>("GET", "/reports/progress.json", { cache: false });
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
    const list = [...sim.store.ofType("Todolist")].find((l) => l.status === "active" && sim.store.getProject(l.bucketId)?.status === "active" && sim.store.recordings.get(l.parentId!)?.type === "Todoset")!;
    const made = await client.todos.create(list.id, { content: "Fresh for the feed" });
    const c = await client.road.request<any[]>("GET", "/reports/progress.json", { cache: false });
    expect(c.data[0]).toMatchObject({ kind: "todo_created", title: "Fresh for the feed" });
    expect(Number(c.headers.get("x-total-count"))).toBe(Number(a.headers.get("x-total-count")) + 1);
    const project = await client.road.request<any[]>("GET", `/projects/${list.bucketId}/timeline.json`, { cache: false });
    expect(project.data.every((e) => String(e.bucket.id) === String(list.bucketId))).toBe(true);
    expect(String(project.data[0].url)).toContain(String(made.id));
  });
});
