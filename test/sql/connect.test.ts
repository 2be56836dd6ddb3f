// connect() on the sandbox, with its replica in a SQLite file and in a PostgreSQL schema
// (Replica=postgresql://…;ReplicaSchema=…): it signs in, syncs what a query reads and answers
// from the replica, writes INSERT and UPDATE back to Basecamp, runs procedures, keeps to MaxAge
// and Offline, and explains bad SQL the same way on both.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../src/sql/index.js";
import { StatementRefusedError } from "../../src/sql/statement-gate.js";
import { postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

let open: Connection[] = [];
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

let schemas = 0;
/** Replica=… for a new replica of that kind: a file in `dir`, or a new schema on this file's server. */
function newReplica(kind: ReplicaKind, dir: string, file = "replica.sqlite"): string {
  return kind === "sqlite" ? `Replica='${join(dir, file)}'` : `Replica='${postgresUrl()}';ReplicaSchema=connect_${process.pid}_${++schemas}`;
}

async function sandbox(kind: ReplicaKind, extra = ""): Promise<{ conn: Connection; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "connect-"));
  const conn = await connect(`Sandbox=true;${newReplica(kind, dir)}${extra}`, { dataDir: dir, configDir: dir, env: {} });
  open.push(conn);
  return { conn, dir };
}

/** When Projects was last synced, as the sync keeps it (internal: read through the replica's own handle). */
const lastSync = (conn: Connection) => conn.db.prepare("SELECT LastSyncAt FROM bc_sync_state WHERE TableName = 'Projects'").all();

describe.each(REPLICAS)("connect() on the sandbox (%s)", (kind) => {
  it("signs in with the sandbox app, syncs what a query reads, and answers from the replica", async () => {
    const { conn } = await sandbox(kind);
    expect(conn.replicaPath).toEqual(kind === "sqlite" ? expect.stringMatching(/replica\.sqlite$/) : expect.stringMatching(/^postgres(ql)?:\/\//));
    const [{ n }] = (await conn.query("SELECT COUNT(*) AS n FROM ToDos WHERE Status = 'active'")) as Array<{ n: number }>;
    expect(n).toBeGreaterThan(400);
    const perPerson = await conn.query(`
      SELECT p.Name, COUNT(*) AS Open FROM ToDos t JOIN ToDoAssignees a ON a.ToDoId = t.Id JOIN People p ON p.Id = a.PersonId
      WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY Open DESC`);
    expect(perPerson.length).toBeGreaterThan(3);
    expect(Object.keys(perPerson[0])).toEqual(["Name", "Open"]);
    expect(typeof perPerson[0].Open).toBe("number");
    const tables = (await conn.query("SELECT TableName FROM sys_tables ORDER BY TableName")).map((r) => r.TableName);
    expect(tables).toEqual(expect.arrayContaining(["ToDos", "Projects", "CampfireLines", "Webhooks", "Recordings", "Events"]));
    expect(await conn.query("SELECT * FROM sys_procedures WHERE ProcedureName = 'CompleteToDo'")).toHaveLength(1);
    const writable = await conn.query("SELECT ColumnName FROM sys_tablecolumns WHERE TableName = 'ToDos' AND Writable = 1");
    expect(writable.map((r) => r.ColumnName)).toEqual(expect.arrayContaining(["Content", "DueOn", "AssigneeIds", "Completed"]));
    const raw = await conn.query("SELECT Raw ->> '$.content' AS c, Content FROM ToDos LIMIT 1");
    expect(raw[0].c).toBe(raw[0].Content);
  });

  it("writes an INSERT and an UPDATE back to Basecamp, and runs procedures", async () => {
    const { conn } = await sandbox(kind);
    const [list] = (await conn.query("SELECT Id, ProjectId FROM ToDoLists WHERE Status = 'active' LIMIT 1")) as Array<{ Id: number | bigint; ProjectId: number | bigint }>;
    const res = await conn.execute("INSERT INTO ToDos (ToDoListId, Content, DueOn) VALUES (?, ?, ?)", [list.Id, "Written through SQL", "2030-01-15"]);
    expect(res.changes).toBe(1);
    expect(res.outbox[0].state).toBe("done");
    const id = res.outbox[0].resultId!;
    const fromApi = await conn.client.todos.get(id);
    expect(fromApi.content).toBe("Written through SQL");
    await conn.execute("UPDATE ToDos SET Completed = 1 WHERE Id = ?", [id]);
    expect((await conn.client.todos.get(id)).completed).toBe(true);
    const [row] = await conn.query("SELECT Completed, DueOn FROM ToDos WHERE Id = ?", [id]);
    expect(row).toEqual({ Completed: 1, DueOn: "2030-01-15" });
    const done = await conn.execute(`EXEC UncompleteToDo(Id => ${id})`);
    expect(done.rows.length).toBeGreaterThan(0);
    expect((await conn.client.todos.get(id)).completed).toBe(false);
    // A write that begins with WITH is a write (not a read) on both. (PostgreSQL takes a ? it cannot type from
    // where it stands, as in SELECT ?, for text: CAST says what it is, on both.)
    const upd = await conn.execute("WITH t(x) AS (SELECT CAST(? AS INTEGER)) UPDATE ToDos SET Content = 'Through a WITH' WHERE Id IN (SELECT x FROM t)", [id]);
    expect(upd.kind).toBe("write");
    expect(upd.outbox.map((e) => e.state)).toEqual(["done"]);
    expect((await conn.client.todos.get(id)).content).toBe("Through a WITH");
    await expect(conn.query("WITH t(x) AS (SELECT 1) DELETE FROM ToDos WHERE Id IN (SELECT x FROM t)")).rejects.toThrow(/query\(\) is read-only.*use execute\(\)/);
  });

  it("does not sync within MaxAge, never with Offline, and explains bad SQL", async () => {
    const { conn, dir } = await sandbox(kind, ";MaxAge=600");
    await conn.query("SELECT COUNT(*) FROM Projects");
    const after = lastSync(conn);
    expect(after).toHaveLength(1);
    await conn.query("SELECT COUNT(*) FROM Projects");
    expect(lastSync(conn)).toEqual(after);
    await expect(conn.query("SELECT * FROM Todo")).rejects.toThrow(/No table named Todo\. Did you mean ToDos/);
    await expect(conn.query("SELECT Nmae FROM Projects")).rejects.toThrow(/No column named Nmae\. Did you mean Name/);
    await expect(conn.query("SELEC * FROM Projects")).rejects.toThrow(/SQL syntax error/);
    await expect(conn.query("DELETE FROM ToDos")).rejects.toThrow(/use execute\(\)/);
    await expect(conn.execute("DROP VIEW ToDos")).rejects.toThrow(/DROP is not allowed/);
    await conn.close();
    const offline = await connect(`Sandbox=true;Offline=true;${newReplica(kind, dir, "other.sqlite")}`, { dataDir: dir, configDir: dir, env: {} });
    open.push(offline);
    expect(await offline.query("SELECT COUNT(*) AS n FROM ToDos")).toEqual([{ n: 0 }]);
    expect(lastSync(offline)).toEqual([]);
  });
});

it("on PostgreSQL, the replica's internal tables are not for users' statements, and the message says what to read", async () => {
  const { conn } = await sandbox("postgres", ";Offline=true");
  const e = await conn.query("SELECT LastSyncAt FROM bc_sync_state").catch((x: unknown) => x);
  expect(e).toBeInstanceOf(StatementRefusedError);
  expect((e as Error).message).toMatch(/reads bc_sync_state, which users' statements may not read.*sys_tables/);
  await expect(conn.execute("DELETE FROM bc_todos")).rejects.toThrow(/bc_todos is the replica's storage behind ToDos: write to ToDos/);
});
