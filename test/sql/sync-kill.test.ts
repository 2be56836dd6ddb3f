// A sync killed mid-way (child process, SIGKILL) resumes to the same replica as an
// uninterrupted sync: each table's rows and watermark were committed together.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { openDatabase } from "../../src/sql/replica.js";
import { syncableTables, SYNC_STATE_TABLE } from "../../src/sql/schema/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { cleanupDirs, clearFaults, clientFor, newReplica, replicaDump, setFaults, tempDir } from "./sync-helpers.js";

let running: RunningSimulator | undefined;
afterAll(async () => {
  await running?.close();
  cleanupDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function committedTables(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(SYNC_STATE_TABLE);
    return has ? Number((db.prepare(`SELECT count(*) AS n FROM ${SYNC_STATE_TABLE}`).get() as { n: bigint }).n) : 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

describe("sync killed mid-way", () => {
  it("resumes to the same replica as an uninterrupted sync", async () => {
    running = await startSimulator({ scale: "small", rateLimit: "off", seed: 5 });
    const sim = { apiUrl: running.apiUrl, accountId: running.accountId, adminToken: running.adminToken };
    await setFaults(sim, { latencyMs: 25 });
    const dbPath = join(tempDir(), "killed.db");
    const child = spawn(process.execPath, ["--import", "tsx", "test/sql/fixtures/sync-child.ts", JSON.stringify({ ...sim, dbPath })], {
      cwd: join(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    // Kill once a few tables are committed, well before the end.
    const deadline = Date.now() + 40_000;
    while (committedTables(dbPath) < 4 && Date.now() < deadline && child.exitCode === null) await sleep(25);
    child.kill("SIGKILL");
    await exited;
    expect(err).not.toMatch(/Error/);
    expect(out).not.toContain("done");
    const committed = committedTables(dbPath);
    expect(committed).toBeGreaterThanOrEqual(4);
    expect(committed).toBeLessThan(syncableTables().length);

    await clearFaults(sim);
    const resumed = openDatabase(dbPath);
    const partial = replicaDump(resumed);
    expect(Object.values(partial).some((rows) => rows.length === 0)).toBe(true);
    await syncTables(resumed, clientFor(sim));
    const whole = newReplica();
    await syncTables(whole, clientFor(sim));
    const a = replicaDump(resumed);
    const b = replicaDump(whole);
    for (const t of Object.keys(b)) expect(a[t], t).toEqual(b[t]);
    expect(b.ToDos.length).toBeGreaterThan(100);
    resumed.close();
    whole.close();
  }, 90_000);
});
