// A write killed in flight (a real process, SIGKILL) is delivered exactly once: the server
// created the to-do after the process died; the next process reconciles and adopts it.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/client.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { openDatabase } from "../../src/sql/replica.js";
import { createSchema } from "../../src/sql/schema/index.js";
import { deliverOutbox, installWriteCapture, listEntries, reconcileOutbox } from "../../src/sql/write/index.js";
import { startSimulator } from "../../src/simulator/index.js";

async function faults(apiUrl: string, token: string, spec: unknown): Promise<void> {
  const r = await fetch(`${apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(spec) });
  expect(r.status).toBe(200);
}

describe("a write killed in flight", () => {
  it("is delivered exactly once after the process dies mid-request", async () => {
    const sim = await startSimulator({ scale: "tiny", rateLimit: "off" });
    try {
      const store = sim.simulator.store;
      const list = [...store.ofType("Todolist")].find((l) => store.recordings.get(l.parentId!)?.type === "Todoset")!;
      const replica = join(mkdtempSync(join(tmpdir(), "write-kill-")), "replica.sqlite");
      const content = `Killed in flight ${Date.now()}`;
      // The server takes 1.5 s before it handles the POST: long enough to kill the sender.
      await faults(sim.apiUrl, sim.adminToken, { latencyMs: 1500, match: `/todolists/${list.id}/todos` });
      const args = JSON.stringify({ replica, apiUrl: sim.apiUrl, accountId: sim.accountId, token: sim.adminToken, listId: String(list.id), content });
      const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/write-kill-child.ts"), args], { stdio: ["ignore", "pipe", "inherit"] });
      const exited = new Promise((r) => child.on("exit", r));
      await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on("line", (l) => l === "sending" && resolve()));
      await new Promise((r) => setTimeout(r, 500));
      child.kill("SIGKILL");
      await exited;
      await faults(sim.apiUrl, sim.adminToken, { latencyMs: 0, match: null });
      const made = () => [...store.ofType("Todo")].filter((t) => t.title === content);
      // The server finishes the request the dead process sent.
      const deadline = Date.now() + 5000;
      while (made().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(made()).toHaveLength(1);

      const db = openDatabase(replica);
      createSchema(db);
      installWriteCapture(db);
      expect(listEntries(db, { state: "in_flight" })).toHaveLength(1);
      const client = new BasecampClient({ accountId: sim.accountId, apiBaseUrl: sim.apiUrl, accessToken: sim.adminToken, rateLimiter: new AccountLimiter(null, 4) });
      await reconcileOutbox(db, client);
      await deliverOutbox(db, client);
      expect(made()).toHaveLength(1);
      const [entry] = listEntries(db, {});
      expect(entry.state).toBe("done");
      expect(String(entry.resultId)).toBe(String(made()[0].id));
      expect(db.prepare("SELECT Content FROM ToDos WHERE Id = ?").get(entry.resultId)).toEqual({ Content: content });
      db.close();
    } finally {
      await sim.close();
    }
  }, 30_000);
});
