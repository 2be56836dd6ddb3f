import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, QueryInterruptedError, QueryTimeoutError, type Connection } from "../../src/sql/index.js";

/** Never ends on its own: without a stop it would run (and grow) until killed. */
const RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c";

let open: Connection[] = [];
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

async function sandbox(extra: string, replica?: string): Promise<Connection> {
  const dir = mkdtempSync(join(tmpdir(), "query-stop-"));
  const conn = await connect(`Sandbox=true;Replica='${replica ?? join(dir, "replica.sqlite")}';${extra}`, { dataDir: dir, configDir: dir, env: {} });
  open.push(conn);
  return conn;
}

describe("a query can always be stopped", () => {
  for (const where of ["file", ":memory:"]) {
    it(`ends a runaway statement with QueryTimeoutError, and the connection answers the next query (${where})`, { timeout: 60_000 }, async () => {
      const conn = await sandbox("QueryTimeout=1", where === "file" ? undefined : ":memory:");
      const e = await conn.query(RUNAWAY).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(QueryTimeoutError);
      expect((e as QueryTimeoutError).seconds).toBe(1);
      expect((e as Error).message).toMatch(/ran longer than QueryTimeout \(1 s\) and was stopped/);
      expect(await conn.query("SELECT 41 + 1 AS n")).toEqual([{ n: 42 }]);
      // The same holds for a read through execute().
      await expect(conn.execute(RUNAWAY)).rejects.toBeInstanceOf(QueryTimeoutError);
      // The reads see what the replica holds now (an in-memory one is sent again after it changed).
      await conn.sync(["Projects"]);
      const [{ n }] = await conn.query("SELECT COUNT(*) AS n FROM Projects");
      expect(Number(n)).toBeGreaterThan(0);
    });
  }

  it("ends a write whose WHERE runs away, and queues nothing", { timeout: 60_000 }, async () => {
    const conn = await sandbox("QueryTimeout=1");
    await conn.query("SELECT COUNT(*) FROM ToDos");
    const where = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x < 0";
    await expect(conn.execute(`UPDATE ToDos SET Content = 'never' WHERE Id IN (${where})`)).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(await conn.query("SELECT COUNT(*) AS n FROM sys_outbox")).toEqual([{ n: 0 }]);
    const [todo] = await conn.query("SELECT Id FROM ToDos WHERE Status = 'active' LIMIT 1");
    const done = await conn.execute("UPDATE ToDos SET Content = 'after the stop' WHERE Id = ?", [todo.Id]);
    expect(done.outbox).toEqual([expect.objectContaining({ op: "update", state: "done" })]);
  });

  it("stops an unbounded query at MaxRows, with no timeout to help", async () => {
    const conn = await sandbox("MaxRows=5;QueryTimeout=0;Offline=true");
    const rows = await conn.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c");
    expect(rows).toEqual([1, 2, 3, 4, 5].map((x) => ({ x })));
  });

  it("interrupt() ends a running statement with QueryInterruptedError; the next query runs", { timeout: 60_000 }, async () => {
    const conn = await sandbox("QueryTimeout=0;Offline=true");
    expect(conn.interrupt()).toBe(false);
    const running = conn.query(RUNAWAY).catch((x: unknown) => x);
    await new Promise((r) => setTimeout(r, 300));
    expect(conn.interrupt("SIGTERM")).toBe(true);
    const e = await running;
    expect(e).toBeInstanceOf(QueryInterruptedError);
    expect((e as QueryInterruptedError).signal).toBe("SIGTERM");
    expect(await conn.query("VALUES ('still here')")).toEqual([{ column1: "still here" }]);
  });

  it("refuses a QueryTimeout that is not a number of seconds", async () => {
    await expect(sandbox("QueryTimeout=soon")).rejects.toThrow(/QueryTimeout/);
    await expect(sandbox("QueryTimeout=-1")).rejects.toThrow(/QueryTimeout/);
  });
});
