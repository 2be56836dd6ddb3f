// A sync killed mid-way (child process, SIGKILL) resumes to the same replica as an
// uninterrupted sync: each table's rows and watermark were committed together.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { openDatabase } from "../../src/sql/replica.js";
import { syncableTables } from "../../src/sql/schema/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { committedTables, expectLikeALoneSync, spawnFixture } from "./processes.js";
import { cleanupDirs, clearFaults, clientFor, replicaDump, setFaults, tempDir } from "./sync-helpers.js";

let running: RunningSimulator | undefined;
afterAll(async () => {
  await running?.close();
  cleanupDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sync killed mid-way", () => {
  it("resumes to the same replica as an uninterrupted sync", async () => {
    running = await startSimulator({ scale: "small", rateLimit: "off", seed: 5 });
    const sim = { apiUrl: running.apiUrl, accountId: running.accountId, adminToken: running.adminToken };
    await setFaults(sim, { latencyMs: 25 });
    const dbPath = join(tempDir(), "killed.db");
    const child = spawnFixture("sync-child", { ...sim, dbPath });

    // Kill once a few tables are committed, well before the end.
    const deadline = Date.now() + 40_000;
    while (committedTables(dbPath) < 4 && Date.now() < deadline && child.running()) await sleep(25);
    child.kill("SIGKILL");
    await child.exited;
    expect(child.stderr()).not.toMatch(/Error/);
    expect(child.lines).not.toContain("done");
    const committed = committedTables(dbPath);
    expect(committed).toBeGreaterThanOrEqual(4);
    expect(committed).toBeLessThan(syncableTables().length);

    await clearFaults(sim);
    const resumed = openDatabase(dbPath);
    const partial = replicaDump(resumed);
    expect(Object.values(partial).some((rows) => rows.length === 0)).toBe(true);
    await syncTables(resumed, clientFor(sim));
    await expectLikeALoneSync(resumed, sim);
    resumed.close();
  }, 90_000);
});
