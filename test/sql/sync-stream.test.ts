// The sync streams: pages are committed as they arrive (here every page: batchRows 1), each
// with the watermark it makes safe, so an interrupted sync keeps what it read and the next one continues from there;
// and a resync of an unchanged account is answered 304 from the sync's file cache. Each on a
// SQLite replica and on a PostgreSQL one.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/client.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { People } from "../../src/sql/schema/index.js";
import { newSummary, type SyncContext } from "../../src/sql/sync/context.js";
import { getSyncState, syncTables, SyncError } from "../../src/sql/sync/index.js";
import { Sink } from "../../src/sql/sync/sink.js";
import { newReplicaOf, REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { cleanupDirs, clientFor, idsOf, tableDump, tempDir } from "./sync-helpers.js";
import { expectedIds } from "./sync-store.js";

usePostgres();

const sims: InProcessSimulator[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
  cleanupDirs();
});

function newSim(seed: number): InProcessSimulator {
  const s = createSimulator({ scale: "small", rateLimit: "off", seed });
  sims.push(s);
  return s;
}

async function stats(sim: InProcessSimulator): Promise<{ total: number; by_status: Record<string, number> }> {
  const res = await sim.fetch(`${sim.apiUrl}/__sim/stats`, { headers: { Authorization: `Bearer ${sim.adminToken}` } });
  return (await res.json()) as { total: number; by_status: Record<string, number> };
}

/** A client whose fetch counts recordings pages and aborts the sync after `after` of them. */
function interruptingClient(sim: InProcessSimulator, after: number, ac: AbortController): BasecampClient {
  let pages = 0;
  const f: typeof fetch = async (input, init) => {
    const res = await sim.fetch(input as string, init);
    if (String(input).includes("/projects/recordings.json") && ++pages === after) queueMicrotask(() => ac.abort());
    return res;
  };
  return clientFor({ ...sim, fetch: f as InProcessSimulator["fetch"] });
}

describe.each(REPLICAS)("streaming sync (%s)", (kind) => {
  it("commits the pages read before an interruption with their watermark, and the next sync continues from it", async () => {
    const sim = newSim(41);
    const whole = newReplicaOf(kind, { reuse: true });
    const uninterrupted = await syncTables(whole, clientFor(sim), { tables: ["ToDos"] });
    const pages = uninterrupted.ToDos.requests;
    expect(pages).toBeGreaterThan(6);

    const db = newReplicaOf(kind, { reuse: true });
    const ac = new AbortController();
    const error = await syncTables(db, interruptingClient(sim, Math.ceil(pages * 0.7), ac), { tables: ["ToDos"], signal: ac.signal, batchRows: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);

    // What was read is there, with a watermark below which nothing is missing; the table
    // does not count as synced.
    const state = getSyncState(db, "ToDos");
    expect(state.watermark).not.toBeNull();
    expect(state.lastSyncAt).toBeNull();
    const have = new Set(idsOf(db, "ToDos"));
    const all = expectedIds(sim).ToDos;
    expect(have.size).toBeGreaterThan(0);
    expect(have.size).toBeLessThan(all.length);
    const older = [...sim.store.ofType("Todo")].filter((t) => !sim.store.isPurgeable(t) && new Date(t.updatedAt).toISOString() < state.watermark!);
    expect(older.length).toBeGreaterThan(0);
    for (const t of older) expect(have.has(String(t.id)), String(t.id)).toBe(true);

    // The next (incremental) sync reads only what is above the watermark and ends equal to an uninterrupted one.
    const next = await syncTables(db, clientFor(sim), { tables: ["ToDos"] });
    expect(next.ToDos.requests).toBeLessThan(pages);
    expect(idsOf(db, "ToDos")).toEqual(all);
    expect(tableDump(db, "bc_ToDos")).toEqual(tableDump(whole, "bc_ToDos"));
    expect(tableDump(db, "bc_ToDoAssignees")).toEqual(tableDump(whole, "bc_ToDoAssignees"));
    expect(getSyncState(db, "ToDos").lastSyncAt).not.toBeNull();
    db.close();
    whole.close();
  });

  it("a resync of an unchanged account is answered 304 from the file cache beside the replica, even by a new client", async () => {
    const sim = newSim(43);
    const dir = tempDir();
    // As connect() builds it: the HTTP cache is a folder in the data directory, beside the replica.
    const client = () =>
      new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, fetch: sim.fetch as typeof fetch, rateLimiter: new AccountLimiter(null, 8), cache: { dir: join(dir, "http-cache") } });
    const db = newReplicaOf(kind, { reuse: true });
    await syncTables(db, client(), { full: true });
    const before = tableDump(db, "bc_ToDos");
    const s0 = await stats(sim);
    const again = await syncTables(db, client(), { full: true });
    const s1 = await stats(sim);
    const requests = s1.total - s0.total;
    const notModified = (s1.by_status["304"] ?? 0) - (s0.by_status["304"] ?? 0);
    expect(requests).toBeGreaterThan(50);
    expect(Object.values(again).reduce((n, s) => n + s.requests, 0)).toBe(requests - 1); // + the activity feed
    expect(notModified).toBeGreaterThanOrEqual(requests * 0.9);
    expect(again.ToDos.deleted).toBe(0);
    expect(tableDump(db, "bc_ToDos")).toEqual(before);
    db.close();
  });
});

describe.each(REPLICAS)("the sink (%s)", (kind) => {
  it("writes a list longer than a batch (an unpaged response) batch by batch, not held whole", () => {
    const db = newReplicaOf(kind, { reuse: true });
    let transactions = 0;
    // A batch commits through transaction(); on PostgreSQL through transactionSent() (commitLater: sent without waiting).
    const commits = new Set(["transaction", "transactionSent"]);
    const counted = new Proxy(db, {
      get(target, key) {
        const v = Reflect.get(target, key, target);
        if (typeof key === "string" && commits.has(key) && typeof v === "function") return (...args: unknown[]) => { transactions++; return (v as (...a: unknown[]) => unknown).apply(target, args); };
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const ctx = { db: counted, full: true, projectIds: undefined, scope: "", summary: { People: newSummary() }, startedAt: "2030-01-01T00:00:00Z", batchRows: 3 } as unknown as SyncContext;
    const sink = new Sink(ctx, [People], { deleteMissing: true });
    const people = Array.from({ length: 10 }, (_, i) => ({ rec: { id: 1000 + i, name: `P${i}`, created_at: "2026-01-01T00:00:00Z", updated_at: `2026-01-0${(i % 9) + 1}T00:00:00Z` }, ctx: {} }));
    sink.page(people);
    // Three full batches went in during the page; the tenth row waits for the next page or finish().
    expect(transactions).toBe(3);
    expect(Number((db.prepare("SELECT count(*) AS n FROM bc_People").get() as { n: bigint }).n)).toBe(9);
    sink.finish();
    expect(idsOf(db, "People")).toEqual(people.map((p) => String(p.rec.id)));
    expect(ctx.summary.People.upserted).toBe(10);
    db.close();
  });
});
