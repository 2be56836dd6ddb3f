// What execute() and query() let a user's statement do, on a SQLite replica and on a PostgreSQL
// one: writes only through the writable tables and procedures, nothing that changes the
// schema, reaches the storage tables or the outbox, or leaves the replica. On SQLite the gate
// reads the statement first (statement-gate.ts); on PostgreSQL the server enforces it too (the
// confined role of pg/gate.ts), so some messages differ, never the outcome.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, StatementRefusedError, WriteFailedError, type Connection } from "../../src/sql/index.js";
import { postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

let open: Connection[] = [];
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

let schemas = 0;
/** A sandbox connection on a replica of that kind (a SQLite file unless `replica` names one, or a new PostgreSQL schema). */
async function sandbox(kind: ReplicaKind = "sqlite", replica?: string): Promise<{ conn: Connection; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "gate-"));
  const where = kind === "postgres" ? `Replica='${postgresUrl()}';ReplicaSchema=gate_${process.pid}_${++schemas}` : `Replica='${replica ?? join(dir, "replica.sqlite")}'`;
  const conn = await connect(`Sandbox=true;${where}`, { dataDir: dir, configDir: dir, env: {} });
  open.push(conn);
  return { conn, dir };
}

const refusal = async (p: Promise<unknown>): Promise<string> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StatementRefusedError);
  return (e as Error).message;
};

const count = async (conn: Connection, table: string) => Number((await conn.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

describe.each(REPLICAS)("execute() runs only what a user may do (%s)", (kind) => {
  it("refuses VACUUM INTO before it runs: no copy of the replica appears", async () => {
    const { conn, dir } = await sandbox(kind);
    const copy = join(dir, "stolen.sqlite");
    const msg = await refusal(conn.execute(`VACUUM INTO '${copy}'`));
    expect(msg).toMatch(/^VACUUM is not allowed/);
    expect(msg).toMatch(/execute\(\) accepts INSERT, UPDATE and DELETE on the writable tables \(ToDos, .*\), EXEC or CALL/);
    expect(existsSync(copy)).toBe(false);
    await refusal(conn.execute("  /* tidy up */ vacuum"));
  });

  it("refuses DELETE FROM bc_Comments: the replica keeps its rows; the Comments view is the way", async () => {
    const { conn } = await sandbox(kind);
    const before = await count(conn, "Comments");
    expect(before).toBeGreaterThan(0);
    const msg = await refusal(conn.execute("DELETE FROM bc_Comments"));
    expect(msg).toMatch(/bc_Comments is the replica's storage behind Comments: write to Comments/);
    await refusal(conn.execute("WITH c AS (SELECT 1) DELETE FROM bc_Comments WHERE Id IN (SELECT Id FROM bc_Comments LIMIT 3)"));
    await refusal(conn.execute("UPDATE bc_Comments SET Content = 'x' -- a comment does not hide it"));
    await refusal(conn.execute("INSERT INTO bc_sync_state (TableName, Scope) VALUES ('ToDos', 'x')"));
    expect(await count(conn, "Comments")).toBe(before);
  });

  it("refuses DELETE FROM sys_outbox: a queued write stays, and only the outbox procedures retry or discard it", async () => {
    const { conn } = await sandbox(kind);
    const [list] = await conn.query("SELECT Id FROM ToDoLists WHERE Status = 'active' LIMIT 1");
    // Person 1 is on no project: Basecamp refuses the write, and it waits in sys_outbox.
    const failed = await conn.execute("INSERT INTO ToDos (ToDoListId, Content, AssigneeIds) VALUES (?, 'Queued', '[1]')", [list.Id]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(WriteFailedError);
    const id = (failed as WriteFailedError).entries[0].id;
    const msg = await refusal(conn.execute("DELETE FROM sys_outbox"));
    expect(msg).toMatch(/sys_outbox is the queue of writes to Basecamp.*EXEC RetryOutboxEntry\(Id => …\) or EXEC DiscardOutboxEntry/);
    await refusal(conn.execute("UPDATE sys_outbox SET state = 'done' WHERE id = ?", [id]));
    expect(await conn.query("SELECT state FROM sys_outbox WHERE id = ?", [id])).toEqual([{ state: "failed" }]);

    const retried = await conn.execute(`EXEC RetryOutboxEntry(Id => ${id})`);
    expect(retried.rows).toEqual([{ Success: false, Id: id, State: "failed", Error: expect.stringMatching(/422|assignee/i) }]);
    await expect(conn.execute("EXEC DiscardOutboxEntry(Id => 999999)")).rejects.toThrow(/no outbox entry 999999/);
    expect((await conn.execute(`CALL DiscardOutboxEntry(${id})`)).rows).toEqual([{ Success: true, Id: id }]);
    expect(await conn.query("SELECT * FROM sys_outbox WHERE id = ?", [id])).toEqual([]);
  });

  it("refuses DDL, ATTACH, PRAGMA, maintenance and transactions, naming what is allowed", async () => {
    const { conn, dir } = await sandbox(kind);
    const refused: Array<[string, RegExp]> = [
      ["CREATE TABLE evil (x)", /^CREATE is not allowed: it would change the replica's schema/],
      ["DROP VIEW ToDos", /^DROP is not allowed/],
      ["ALTER TABLE bc_ToDos ADD COLUMN x", /^ALTER is not allowed/],
      [`ATTACH DATABASE '${join(dir, "other.db")}' AS other`, /^ATTACH is not allowed/],
      ["DETACH other", /^DETACH is not allowed/],
      ["PRAGMA journal_mode = DELETE", /^PRAGMA is not allowed/],
      ["PRAGMA table_info(ToDos)", /^PRAGMA is not allowed/],
      ["REINDEX", /^REINDEX is not allowed/],
      ["ANALYZE", /^ANALYZE is not allowed/],
      ["BEGIN", /^BEGIN is not allowed: it is transaction control/],
      ["COMMIT", /^COMMIT is not allowed/],
      ["SAVEPOINT s", /^SAVEPOINT is not allowed/],
      ["RELEASE s", /^RELEASE is not allowed/],
      ["SELECT 1; DROP VIEW ToDos", /one statement at a time/],
    ];
    for (const [sql, re] of refused) expect(await refusal(conn.execute(sql)), sql).toMatch(re);
    expect(existsSync(join(dir, "other.db"))).toBe(false);
    if (kind === "sqlite") {
      expect(await conn.query("SELECT journal_mode FROM pragma_journal_mode")).toEqual([{ journal_mode: "wal" }]);
      expect(await count(conn, "sqlite_schema WHERE name = 'evil'")).toBe(0);
    } else expect(await count(conn, "information_schema.tables WHERE table_name = 'evil'")).toBe(0);
    expect(await count(conn, "ToDos")).toBeGreaterThan(0); // the view is still there
  });

  it("takes writes through the views (WITH … DELETE too), procedures and reads", async () => {
    const { conn } = await sandbox(kind);
    const [todo] = await conn.query("SELECT Id FROM ToDos WHERE Status = 'active' LIMIT 1");
    // PostgreSQL types a bare ? by where it stands (text here): the cast says it is an ID on both.
    const gone = await conn.execute("WITH t AS (SELECT CAST(? AS BIGINT) AS Id) DELETE FROM ToDos WHERE Id IN (SELECT Id FROM t)", [todo.Id]);
    expect(gone.kind).toBe("write");
    expect(gone.outbox).toEqual([expect.objectContaining({ op: "delete", table: "ToDos", state: "done" })]);
    expect(await conn.query("SELECT Status FROM ToDos WHERE Id = ?", [todo.Id])).toEqual([{ Status: "trashed" }]);
    const read = await conn.execute("-- a read through execute()\nWITH x(n) AS (VALUES (1), (2)) SELECT n FROM x");
    expect(read).toEqual({ kind: "read", changes: 0, rows: [{ n: 1 }, { n: 2 }], outbox: [] });
    expect((await conn.execute(`EXEC UnarchiveRecording(Id => ${todo.Id})`)).kind).toBe("procedure");
  });
});

describe("query() is read-only on every replica", () => {
  for (const where of ["file", ":memory:", "postgres"]) {
    it(`refuses DELETE … RETURNING, WITH … DELETE and EXEC (${where})`, async () => {
      const { conn } = where === "postgres" ? await sandbox("postgres") : await sandbox("sqlite", where === "file" ? undefined : ":memory:");
      const before = await count(conn, "Projects");
      expect(before).toBeGreaterThan(0);
      expect(await refusal(conn.query("DELETE FROM Projects RETURNING Id"))).toMatch(/^query\(\) is read-only: DELETE writes; use execute\(\)/);
      expect(await refusal(conn.query("WITH p AS (SELECT Id FROM Projects) DELETE FROM bc_Projects WHERE Id IN (SELECT Id FROM p)"))).toMatch(/^query\(\) is read-only/);
      await refusal(conn.query("EXEC TrashRecording(Id => 1)"));
      await refusal(conn.query("VACUUM"));
      expect(await count(conn, "Projects")).toBe(before);
      expect(await count(conn, "sys_outbox")).toBe(0);
      expect(await conn.query("EXPLAIN QUERY PLAN SELECT * FROM Projects WHERE Id = 1")).not.toHaveLength(0);
    });
  }
});
