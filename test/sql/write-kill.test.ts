// A write killed in flight (a real process, SIGKILL) is delivered exactly once: the server
// creates the to-do after the process died, and the next process adopts it — whether it
// reconciles after the request landed or right away, while the request is still on its way.
// On a SQLite file and on a PostgreSQL schema (the killed process's connection drops with it).
import { afterAll, describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/client.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { deliverOutbox, listEntries, reconcileOutbox } from "../../src/sql/write/index.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";
import { sharedReplica, spawnFixture } from "./processes.js";
import { cleanupDirs } from "./sync-helpers.js";

usePostgres();
afterAll(() => cleanupDirs());

async function faults(apiUrl: string, token: string, spec: unknown): Promise<void> {
  const r = await fetch(`${apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(spec) });
  expect(r.status).toBe(200);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a child that POSTs a to-do the server answers only after `latencyMs`, and SIGKILL it mid-request. */
async function killMidPost(kind: ReplicaKind, sim: RunningSimulator, latencyMs: number) {
  const store = sim.simulator.store;
  const list = [...store.ofType("Todolist")].find((l) => store.recordings.get(l.parentId!)?.type === "Todoset")!;
  const replica = sharedReplica(kind);
  const content = `Killed in flight ${Date.now()}`;
  await faults(sim.apiUrl, sim.adminToken, { latencyMs, match: `/todolists/${list.id}/todos` });
  const child = spawnFixture("write-kill-child", { ...replica.at, apiUrl: sim.apiUrl, accountId: sim.accountId, token: sim.adminToken, listId: String(list.id), content });
  await child.line((l) => l === "sending");
  await sleep(500);
  child.kill("SIGKILL");
  await child.exited;
  expect(child.lines).not.toContain("delivered");
  const made = () => [...store.ofType("Todo")].filter((t) => t.title === content);
  // The restarted process: the same file or schema, made and captured as connect() does.
  const db = replica.open({ writes: true });
  expect(listEntries(db, { state: "in_flight" })).toHaveLength(1);
  const client = new BasecampClient({ accountId: sim.accountId, apiBaseUrl: sim.apiUrl, accessToken: sim.adminToken, rateLimiter: new AccountLimiter(null, 4) });
  return { db, client, made, content };
}

async function waitFor(made: () => unknown[], count: number): Promise<void> {
  for (let i = 0; i < 400 && made().length < count; i++) await sleep(50);
}

function expectAdoptedOnce(k: Awaited<ReturnType<typeof killMidPost>>): void {
  expect(k.made()).toHaveLength(1);
  const [entry] = listEntries(k.db, {});
  expect(entry.state).toBe("done");
  expect(String(entry.resultId)).toBe(String(k.made()[0].id));
  expect(k.db.prepare("SELECT Content FROM ToDos WHERE Id = ?").get(entry.resultId)).toEqual({ Content: k.content });
}

/** Kill a child mid-POST (the server answers after `latencyMs`), then run `recover`. */
async function afterKill(kind: ReplicaKind, latencyMs: number, recover: (sim: RunningSimulator, k: Awaited<ReturnType<typeof killMidPost>>) => Promise<void>): Promise<void> {
  const sim = await startSimulator({ scale: "tiny", rateLimit: "off" });
  try {
    const k = await killMidPost(kind, sim, latencyMs);
    await recover(sim, k);
    expectAdoptedOnce(k);
    k.db.close();
  } finally {
    await sim.close();
  }
}

describe.each(REPLICAS)("a write killed in flight (%s)", (kind) => {
  it("is delivered exactly once after the process dies mid-request", async () => {
    // The server takes 1.5 s before it handles the POST: long enough to kill the sender.
    await afterKill(kind, 1500, async (sim, k) => {
      await faults(sim.apiUrl, sim.adminToken, { latencyMs: 0, match: null });
      // The server finishes the request the dead process sent.
      await waitFor(k.made, 1);
      expect(k.made()).toHaveLength(1);
      await reconcileOutbox(k.db, k.client);
      await deliverOutbox(k.db, k.client);
    });
  }, 30_000);

  it("restarted at once, before the slow request lands, it is not sent again and is adopted once it lands", async () => {
    await afterKill(kind, 3000, async (_sim, k) => {
      // The restart comes while the dead process's POST is still on its way.
      const early = await reconcileOutbox(k.db, k.client);
      await deliverOutbox(k.db, k.client);
      expect(k.made()).toHaveLength(0);
      expect(early.map((e) => e.state)).toEqual(["in_flight"]);
      expect(early[0].error).toMatch(/may still reach Basecamp until/);
      // The slow request lands (a re-send by the restart would have been awaited above).
      await waitFor(k.made, 1);
      await reconcileOutbox(k.db, k.client);
    });
  }, 40_000);
});
