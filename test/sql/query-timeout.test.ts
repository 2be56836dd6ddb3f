// A query can always be stopped, on both replicas: QueryTimeout ends a runaway read or a write
// whose WHERE runs away (QueryTimeoutError, nothing queued), MaxRows ends an unbounded one, and
// interrupt() ends the running statement (QueryInterruptedError); the connection answers the
// next query. SQLite kills its query process (a replica file, or an in-memory one sent to it as
// an image); PostgreSQL stops the statement in the server (statement_timeout, pg_cancel_backend).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { connect, QueryInterruptedError, QueryTimeoutError, type Connection } from "../../src/sql/index.js";
import { postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

/** Never ends on its own: without a stop it would run (and grow) until killed. */
const RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c";

let open: Connection[] = [];
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

let schemas = 0;
/** Where a replica goes: a file, an in-memory SQLite database, or a new PostgreSQL schema. */
type Where = "file" | ":memory:" | "schema";
const WHERE: Record<ReplicaKind, Where[]> = { sqlite: ["file", ":memory:"], postgres: ["schema"] };

async function sandbox(extra: string, where: Where = "file"): Promise<Connection> {
  const dir = mkdtempSync(join(tmpdir(), "query-stop-"));
  const replica = where === "schema" ? `Replica='${postgresUrl()}';ReplicaSchema=stop_${process.pid}_${++schemas}` : `Replica='${where === "file" ? join(dir, "replica.sqlite") : where}'`;
  const conn = await connect(`Sandbox=true;${replica};${extra}`, { dataDir: dir, configDir: dir, env: {} });
  open.push(conn);
  return conn;
}

/** Statements of this test's replicas the PostgreSQL server is running now (none, once one was stopped). */
async function activeInServer(): Promise<string[]> {
  const c = new pg.Client(postgresUrl());
  await c.connect();
  try {
    const { rows } = await c.query("SELECT query FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%RECURSIVE c(x)%'");
    return rows.map((r: { query: string }) => r.query);
  } finally {
    await c.end();
  }
}

describe.each(REPLICAS)("a query can always be stopped (%s)", (kind) => {
  const where = WHERE[kind];
  const file = where[0];

  for (const w of where) {
    it(`ends a runaway statement with QueryTimeoutError, and the connection answers the next query (${w})`, { timeout: 60_000 }, async () => {
      const conn = await sandbox("QueryTimeout=1", w);
      const e = await conn.query(RUNAWAY).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(QueryTimeoutError);
      expect((e as QueryTimeoutError).seconds).toBe(1);
      expect((e as Error).message).toMatch(/ran longer than QueryTimeout \(1 s\) and was stopped/);
      if (kind === "postgres") expect(await activeInServer()).toEqual([]);
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
    const conn = await sandbox("QueryTimeout=1", file);
    await conn.query("SELECT COUNT(*) FROM ToDos");
    const where = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x < 0";
    await expect(conn.execute(`UPDATE ToDos SET Content = 'never' WHERE Id IN (${where})`)).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(await conn.query("SELECT COUNT(*) AS n FROM sys_outbox")).toEqual([{ n: 0 }]);
    expect(await conn.query("SELECT COUNT(*) AS n FROM ToDos WHERE Content = 'never'")).toEqual([{ n: 0 }]);
    const [todo] = await conn.query("SELECT Id FROM ToDos WHERE Status = 'active' LIMIT 1");
    const done = await conn.execute("UPDATE ToDos SET Content = 'after the stop' WHERE Id = ?", [todo.Id]);
    expect(done.outbox).toEqual([expect.objectContaining({ op: "update", state: "done" })]);
  });

  it("stops an unbounded query at MaxRows, with no timeout to help", { timeout: 60_000 }, async () => {
    const conn = await sandbox("MaxRows=5;QueryTimeout=0;Offline=true", file);
    const rows = await conn.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c");
    expect(rows).toEqual([1, 2, 3, 4, 5].map((x) => ({ x })));
  });

  it("interrupt() ends a running statement with QueryInterruptedError; the next query runs", { timeout: 60_000 }, async () => {
    const conn = await sandbox("QueryTimeout=0;Offline=true", file);
    expect(conn.interrupt()).toBe(false);
    // A statement is running from its start, while the query process (or the server connection) starts too.
    const starting = conn.query(RUNAWAY).catch((x: unknown) => x);
    await new Promise((r) => setImmediate(r));
    expect(conn.interrupt()).toBe(true);
    expect(await starting).toBeInstanceOf(QueryInterruptedError);
    // And once it runs in the replica.
    const running = conn.query(RUNAWAY).catch((x: unknown) => x);
    await new Promise((r) => setTimeout(r, 300));
    expect(conn.interrupt("SIGTERM")).toBe(true);
    const e = await running;
    expect(e).toBeInstanceOf(QueryInterruptedError);
    expect((e as QueryInterruptedError).signal).toBe("SIGTERM");
    if (kind === "postgres") expect(await activeInServer()).toEqual([]);
    expect(conn.interrupt()).toBe(false);
    expect(await conn.query("VALUES ('still here')")).toEqual([{ column1: "still here" }]);
  });

  it("refuses a QueryTimeout that is not a number of seconds", async () => {
    await expect(sandbox("QueryTimeout=soon", file)).rejects.toThrow(/QueryTimeout/);
    await expect(sandbox("QueryTimeout=-1", file)).rejects.toThrow(/QueryTimeout/);
  });
});
