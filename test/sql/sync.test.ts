// Full sync: every table matches the simulator's records (all statuses), IDs exact — into a
// SQLite replica and a PostgreSQL one, from the same simulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import type { Db } from "../../src/sql/replica.js";
import { syncTables, listSyncStates, type SyncSummary } from "../../src/sql/sync/index.js";
import { newReplicaOf, REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { cleanupDirs, clientFor, idsOf } from "./sync-helpers.js";
import { expectedIds } from "./sync-store.js";

let sim: InProcessSimulator;
let archivedId: bigint;
let trashedId: bigint;

usePostgres();

beforeAll(async () => {
  sim = createSimulator({ scale: "small", rateLimit: "off" });
  const client = clientFor(sim);
  // One record leaves the active set each way before the first sync.
  const messages = [...sim.store.ofType("Message")].filter((m) => m.status === "active");
  archivedId = messages[0].id;
  trashedId = [...sim.store.ofType("Document")].filter((d) => d.status === "active")[0].id;
  await client.road.request("PUT", `/recordings/${archivedId}/status/archived.json`);
  await client.road.request("PUT", `/recordings/${trashedId}/status/trashed.json`);
});

afterAll(async () => {
  await sim.close();
  cleanupDirs();
});

describe.each(REPLICAS)("full sync against the simulator (scale small) into %s", (kind) => {
  let db: Db;
  let summary: SyncSummary;
  const progress: Array<{ table: string; done: number; total?: number }> = [];

  beforeAll(async () => {
    db = newReplicaOf(kind);
    summary = await syncTables(db, clientFor(sim), { onProgress: (p) => progress.push(p) });
  }, 120_000);

  afterAll(() => {
    db.close();
  });

  it("syncs every table, and each table's ids equal the simulator's records", () => {
    const expected = expectedIds(sim);
    for (const [table, ids] of Object.entries(expected)) {
      expect(idsOf(db, table), table).toEqual(ids);
    }
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(22);
    for (const t of Object.keys(expected)) expect(summary[t], t).toBeDefined();
  });

  it("keeps key fields of each record equal to the simulator's", () => {
    const rows = db.prepare("SELECT Id, Content, Completed, Status, DueOn, AssigneeIds, ToDoListId FROM ToDos").all() as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const rec = sim.store.recordings.get(row.Id as bigint)!;
      expect(row.Content).toBe(rec.title);
      expect(row.Completed).toBe(rec.completed ? 1n : 0n);
      expect(row.Status).toBe(rec.status);
      expect(row.DueOn).toBe(rec.dueOn ?? null);
      expect(row.ToDoListId).toBe(rec.parentId);
      expect(row.AssigneeIds).toBe(`[${(rec.assigneeIds ?? []).join(",")}]`);
      const links = (db.prepare("SELECT PersonId FROM ToDoAssignees WHERE ToDoId = ?").all(row.Id) as Array<{ PersonId: bigint }>).map((l) => l.PersonId);
      expect(links.sort()).toEqual([...(rec.assigneeIds ?? [])].sort());
    }
    const msgs = db.prepare("SELECT Id, Subject, MessageBoardId, ProjectId FROM Messages").all() as Array<Record<string, bigint | string>>;
    for (const m of msgs) {
      const rec = sim.store.recordings.get(m.Id as bigint)!;
      expect([m.Subject, m.MessageBoardId, m.ProjectId]).toEqual([rec.title, rec.parentId, rec.bucketId]);
    }
  });

  it("includes archived and trashed records from their streams, with their status", () => {
    expect(db.prepare("SELECT Status FROM Messages WHERE Id = ?").get(archivedId)).toEqual({ Status: "archived" });
    expect(db.prepare("SELECT Status FROM Documents WHERE Id = ?").get(trashedId)).toEqual({ Status: "trashed" });
    const trashedTodos = [...sim.store.ofType("Todo")].filter((t) => t.status === "trashed" && !sim.store.isPurgeable(t));
    expect(trashedTodos.length).toBeGreaterThan(0);
    for (const t of trashedTodos) expect(db.prepare("SELECT Status FROM ToDos WHERE Id = ?").get(t.id)).toEqual({ Status: "trashed" });
    // Records of archived and trashed projects are there too.
    const inactive = [...sim.store.projects.values()].filter((p) => p.status !== "active" && !sim.store.isPurgeable(p));
    expect(inactive.length).toBeGreaterThan(0);
    for (const p of inactive) {
      const n = [...sim.store.ofType("Todo")].filter((t) => t.bucketId === p.id && !sim.store.isPurgeable(t)).length;
      expect(db.prepare("SELECT count(*) AS n FROM ToDos WHERE ProjectId = ?").get(p.id)).toEqual({ n: BigInt(n) });
    }
  });

  it("keeps IDs above 2^53 exact", () => {
    const big = [...sim.store.recordings.values()].filter((r) => r.id > 2n ** 53n && !sim.store.isPurgeable(r));
    expect(big.length).toBeGreaterThan(0);
    const inRecordings = big.filter((r) => (db.prepare("SELECT Id FROM Recordings WHERE Id = ?").get(r.id) as { Id: bigint } | undefined)?.Id === r.id);
    expect(inRecordings.length).toBeGreaterThan(0);
    const bigProject = [...sim.store.projects.values()].find((p) => p.id > 2n ** 53n)!;
    expect(db.prepare("SELECT Id FROM Projects WHERE Id = ?").get(bigProject.id)).toEqual({ Id: bigProject.id });
    expect(db.prepare("SELECT count(*) AS n FROM ToDos WHERE ProjectId = ?").get(bigProject.id)).not.toEqual({ n: 0n });
  });

  it("fills the Recordings view, Events for changed recordings, and the sync state", () => {
    const n = db.prepare("SELECT count(*) AS n FROM Recordings").get() as { n: bigint };
    expect(Number(n.n)).toBeGreaterThan(1000);
    const ev = db.prepare("SELECT count(DISTINCT RecordingId) AS n FROM Events").get() as { n: bigint };
    expect(Number(ev.n)).toBeGreaterThan(100);
    expect(Number(ev.n)).toBeLessThanOrEqual(200);
    const states = listSyncStates(db);
    const todos = states.find((s) => s.table === "ToDos")!;
    const newest = [...sim.store.ofType("Todo")].filter((t) => !sim.store.isPurgeable(t)).reduce((a, b) => Math.max(a, b.updatedAt), 0);
    expect(todos.watermark).toBe(new Date(newest).toISOString());
    expect(todos.lastFullSyncAt).toBeNull();
    expect(todos.lastSyncAt).not.toBeNull();
  });

  it("reports progress with totals from X-Total-Count", () => {
    const todos = progress.filter((p) => p.table === "ToDos");
    expect(todos.length).toBeGreaterThan(2);
    const last = todos[todos.length - 1];
    expect(last.total).toBe(last.done);
    expect(last.done).toBeGreaterThanOrEqual(idsOf(db, "ToDos").length);
  });
});
