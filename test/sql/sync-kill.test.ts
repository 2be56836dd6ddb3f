// A sync killed mid-way (child process, SIGKILL) resumes to the same replica as an
// uninterrupted sync: each table's rows and watermark were committed together. On a SQLite
// file and on a PostgreSQL schema (the killed process's connection drops, the server rolls its
// open transaction back).
import { afterAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { syncableTables } from "../../src/sql/schema/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { committedTables, expectLikeALoneSync, sharedReplica, spawnFixture } from "./processes.js";
import { cleanupDirs, clearFaults, clientFor, replicaDump, setFaults } from "./sync-helpers.js";

usePostgres();

// One simulator for both replicas: the syncs only read it.
let running: RunningSimulator | undefined;
afterAll(async () => {
  await running?.close();
  cleanupDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(REPLICAS)("sync killed mid-way (%s)", (kind) => {
  it("resumes to the same replica as an uninterrupted sync", async () => {
    running ??= await startSimulator({ scale: "small", rateLimit: "off", seed: 5 });
    const sim = { apiUrl: running.apiUrl, accountId: running.accountId, adminToken: running.adminToken };
    await setFaults(sim, { latencyMs: 25 });
    const replica = sharedReplica(kind);
    const child = spawnFixture("sync-child", { ...sim, ...replica.at });

    // Kill once a few tables are committed, well before the end.
    const deadline = Date.now() + 40_000;
    while (committedTables(replica) < 4 && Date.now() < deadline && child.running()) await sleep(25);
    child.kill("SIGKILL");
    await child.exited;
    expect(child.stderr()).not.toMatch(/Error/);
    expect(child.lines).not.toContain("done");
    const committed = committedTables(replica);
    expect(committed).toBeGreaterThanOrEqual(4);
    expect(committed).toBeLessThan(syncableTables().length);

    await clearFaults(sim);
    const resumed = replica.open({ schema: false });
    const partial = replicaDump(resumed);
    expect(Object.values(partial).some((rows) => rows.length === 0)).toBe(true);
    await syncTables(resumed, clientFor(sim));
    await expectLikeALoneSync(resumed, sim, kind);
    resumed.close();
  }, 90_000);
});
