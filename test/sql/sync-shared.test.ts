// Several processes, one replica: a query in another process succeeds while a sync writes,
// and a sync waiting for the lock of a process killed with SIGKILL takes it over and runs.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { openDatabase } from "../../src/sql/replica.js";
import { committedTables, expectLikeALoneSync, spawnFixture } from "./processes.js";
import { cleanupDirs, clearFaults, setFaults, tempDir } from "./sync-helpers.js";

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

function locksLeft(dbPath: string): number {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return Number((db.prepare("SELECT count(*) AS n FROM sys_sync_locks").get() as { n: bigint }).n);
  } finally {
    db.close();
  }
}

describe("several processes on one replica", () => {
  it("a query in another process succeeds while a sync is writing", async () => {
    await setFaults(sim, { latencyMs: 40 });
    const dbPath = join(tempDir(), "shared.db");
    const sync = spawnFixture("sync-child", { ...sim, dbPath });
    while (committedTables(dbPath) < 1 && sync.running()) await sleep(25);
    const query = spawnFixture("query-child", { ...sim, dbPath, times: 6 });
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
    const shared = openDatabase(dbPath);
    await expectLikeALoneSync(shared, sim);
    shared.close();
  }, 120_000);

  it("a sync waiting on a lock whose holder was SIGKILLed takes it over and finishes", async () => {
    const dbPath = join(tempDir(), "held.db");
    const holder = spawnFixture("lock-holder", { dbPath });
    await holder.line((l) => l === "holding");
    const sync = spawnFixture("sync-child", { ...sim, dbPath });
    await sync.line((l) => l.startsWith("waiting "));
    // It waits for the holder, and has read nothing yet.
    expect(sync.lines).toEqual([expect.stringMatching(/^waiting \d+$/)]);
    holder.kill("SIGKILL");
    await holder.exited;
    expect(await sync.exited, sync.stderr()).toBe(0);
    expect(sync.lines.filter((l) => l.startsWith("waiting "))).toHaveLength(1);
    expect(sync.lines.at(-1)).toBe("done");
    expect(sync.lines.some((l) => l.startsWith("progress "))).toBe(true);
    expect(committedTables(dbPath)).toBeGreaterThan(10);
    expect(locksLeft(dbPath)).toBe(0);
  }, 120_000);
});
