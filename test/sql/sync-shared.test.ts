// Several processes, one replica: a query in another process succeeds while a sync writes,
// and a sync waiting for the lock of a process killed with SIGKILL takes it over and runs. On a
// SQLite file (WAL, BEGIN IMMEDIATE) and on a PostgreSQL schema (MVCC, an advisory lock around
// taking sys_sync_locks), whose query process connects with Replica=postgresql://…;ReplicaSchema=….
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { openTestReplica, postgresUrl, REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { committedTables, expectLikeALoneSync, sharedReplica, spawnFixture, type SharedReplica } from "./processes.js";
import { cleanupDirs, clearFaults, setFaults } from "./sync-helpers.js";

usePostgres();

let running: RunningSimulator;
let sim: { apiUrl: string; accountId: string; adminToken: string };
beforeAll(async () => {
  running = await startSimulator({ scale: "small", rateLimit: "off", seed: 7 });
  sim = { apiUrl: running.apiUrl, accountId: running.accountId, adminToken: running.adminToken };
});
afterAll(async () => {
  await running?.close();
  cleanupDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function locksLeft(r: SharedReplica): number {
  return r.peek((db) => Number((db.prepare("SELECT count(*) AS n FROM sys_sync_locks").get() as { n: bigint }).n)) ?? -1;
}

describe.each(REPLICAS)("several processes on one replica (%s)", (kind) => {
  it("a query in another process succeeds while a sync is writing", async () => {
    await setFaults(sim, { latencyMs: 40 });
    const replica = sharedReplica(kind);
    const sync = spawnFixture("sync-child", { ...sim, ...replica.at });
    while (committedTables(replica) < 1 && sync.running()) await sleep(25);
    const query = spawnFixture("query-child", { ...sim, ...replica.at, times: 6 });
    // Which answers came while the sync was still writing.
    const during: boolean[] = [];
    query.onLine((l) => l.startsWith("rows ") && during.push(sync.running()));
    expect(await query.exited, query.stderr()).toBe(0);
    expect(query.lines.filter((l) => l.startsWith("rows "))).toHaveLength(6);
    expect(during.filter(Boolean).length).toBeGreaterThan(0);
    expect(await sync.exited, sync.stderr()).toBe(0);
    expect(sync.lines).toContain("done");
    await clearFaults(sim);

    // The replica the two shared is the one a lone sync makes.
    const shared = replica.open({ schema: false });
    await expectLikeALoneSync(shared, sim, kind);
    shared.close();
  }, 120_000);

  it("a sync waiting on a lock whose holder was SIGKILLed takes it over and finishes", async () => {
    const replica = sharedReplica(kind);
    const holder = spawnFixture("lock-holder", replica.at);
    await holder.line((l) => l === "holding");
    const sync = spawnFixture("sync-child", { ...sim, ...replica.at });
    await sync.line((l) => l.startsWith("waiting "));
    // It waits for the holder, and has read nothing yet.
    expect(sync.lines).toEqual([expect.stringMatching(/^waiting \d+$/)]);
    holder.kill("SIGKILL");
    await holder.exited;
    expect(await sync.exited, sync.stderr()).toBe(0);
    expect(sync.lines.filter((l) => l.startsWith("waiting "))).toHaveLength(1);
    expect(sync.lines.at(-1)).toBe("done");
    expect(sync.lines.some((l) => l.startsWith("progress "))).toBe(true);
    expect(committedTables(replica)).toBeGreaterThan(10);
    expect(locksLeft(replica)).toBe(0);
  }, 120_000);
});

// PostgreSQL only: a new SQLite file is made atomically by whichever process opens it first, while a new schema is made
// by CREATE SCHEMA IF NOT EXISTS, which the server checks before it waits for another transaction making the same schema.
describe("several processes making one new PostgreSQL replica", () => {
  it("a process opening the schema while another is making it waits, then opens it", async () => {
    const name = `basecamp_race_${process.pid}`;
    const other = new pg.Client({ connectionString: postgresUrl() });
    await other.connect();
    // The other process has made the schema and commits a moment later (the server does it while this one waits).
    await other.query(`BEGIN; CREATE SCHEMA "${name}"`);
    const committed = other.query("SELECT pg_sleep(0.5); COMMIT").then(() => true, () => false);
    try {
      await sleep(50);
      const db = openTestReplica("postgres", { pgSchema: name, schema: false });
      expect(await committed).toBe(true);
      expect(db.prepare("SELECT current_schema() AS s").get()).toEqual({ s: name });
      db.close();
    } finally {
      await committed;
      await other.end();
    }
  });
});
