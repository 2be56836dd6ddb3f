// The PostgreSQL replica end to end, on a real server this test starts: connect() with
// Replica=postgresql://… syncs the same rows as the SQLite replica does from the same
// simulator, the same unquoted SQL (with ? parameters) answers the same on both, writes go
// through the same outbox exactly once, and users' statements are confined as on SQLite.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../src/sql/index.js";
import { QueryTimeoutError } from "../../src/sql/query-runner.js";
import { StatementRefusedError } from "../../src/sql/statement-gate.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";

let server: PostgresServer;
let sim: RunningSimulator;
const dir = mkdtempSync(join(tmpdir(), "bc-pg-replica-"));
const opened: Connection[] = [];

beforeAll(async () => {
  [server, sim] = await Promise.all([startPostgres(), startSimulator({ scale: "small", rateLimit: "off" })]);
}, 120_000);

afterAll(async () => {
  for (const c of opened) await c.close().catch(() => {});
  await sim?.close();
  await server?.stop();
});

/** A connection to the simulator's account (Basecamp 4, or 2 with `v2`), its replica in PostgreSQL or SQLite. */
async function open(replica: "pg" | "sqlite", name: string, extra = ""): Promise<Connection> {
  const where = replica === "pg" ? `Replica='${server.url}';ReplicaSchema=${name}` : `Replica='${join(dir, `${name}.sqlite`)}'`;
  const cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off;${where}${extra}`;
  const conn = await connect(cs, { dataDir: dir, configDir: dir, env: {} });
  opened.push(conn);
  return conn;
}

async function openV2(replica: "pg" | "sqlite", name: string): Promise<Connection> {
  const where = replica === "pg" ? `Replica='${server.url}';ReplicaSchema=${name}` : `Replica='${join(dir, `${name}.sqlite`)}'`;
  const conn = await connect(`Schema=V2;User=${sim.bc2User};Password='${sim.bc2Password}';AccountId=${sim.bc2AccountId};ApiBaseURL=${sim.apiUrl};RateLimit=off;${where}`, { dataDir: dir, configDir: dir, env: {} });
  opened.push(conn);
  return conn;
}

const QUERIES: Array<[string, unknown[]]> = [
  ["SELECT Id, Name, Status FROM Projects ORDER BY Id", []],
  ["SELECT p.Name, COUNT(*) AS Open FROM ToDos t JOIN ToDoAssignees a ON a.ToDoId = t.Id JOIN People p ON p.Id = a.PersonId WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY Open DESC, p.Name", []],
  ["SELECT Id, Content, DueOn FROM ToDos WHERE ProjectId = ? AND DueOn IS NOT NULL ORDER BY DueOn, Id LIMIT 20", ["$project"]],
  ["SELECT Type, COUNT(*) AS N FROM Recordings GROUP BY Type ORDER BY Type", []],
  ["SELECT TableName, Writable FROM sys_tables ORDER BY TableName", []],
];

describe("the PostgreSQL replica", () => {
  it("syncs every table to the same rows as SQLite, and the same SQL answers the same", async () => {
    const [onPg, onLite] = await Promise.all([open("pg", "basecamp_same"), open("sqlite", "same")]);
    const [a, b] = [await onPg.sync(), await onLite.sync()];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const [table, s] of Object.entries(a)) {
      expect(s.error, table).toBeUndefined();
      expect(s.upserted, table).toBe(b[table].upserted);
    }
    const [project] = await onLite.query("SELECT Id FROM Projects WHERE Status = 'active' ORDER BY Id LIMIT 1");
    for (const [sql, params] of QUERIES) {
      const ps = params.map((p) => (p === "$project" ? project.Id : p));
      expect(await onPg.query(sql, ps), sql).toEqual(await onLite.query(sql, ps));
    }
    // BI tools see the descriptions as comments, and the tables with lower-case names.
    const c = new pg.Client(server.url);
    await c.connect();
    const { rows } = await c.query("SELECT col_description('basecamp_same.bc_todos'::regclass, attnum) AS d FROM pg_attribute WHERE attrelid = 'basecamp_same.bc_todos'::regclass AND attname = 'duedate' OR (attrelid = 'basecamp_same.bc_todos'::regclass AND attname = 'dueon')");
    await c.end();
    expect(rows[0]?.d).toMatch(/due/i);
  }, 120_000);

  it("writes go to Basecamp once and come back into PostgreSQL; procedures work; what users may not do is refused", async () => {
    const conn = await open("pg", "basecamp_writes");
    const [list] = await conn.query("SELECT Id FROM ToDoLists WHERE Status = 'active' ORDER BY Id LIMIT 1");
    const ins = await conn.execute("INSERT INTO ToDos (ToDoListId, Content, DueOn) VALUES (?, ?, ?)", [list.Id, "Written into PostgreSQL", "2030-01-31"]);
    expect(ins.outbox.map((e) => e.state)).toEqual(["done"]);
    const id = ins.outbox[0].resultId!;
    const rec = sim.simulator.store.recordings.get(BigInt(String(id)))!;
    expect(rec).toMatchObject({ title: "Written into PostgreSQL", dueOn: "2030-01-31" });
    expect(await conn.query("SELECT Content, DueOn, Completed FROM ToDos WHERE Id = ?", [id])).toEqual([{ Content: "Written into PostgreSQL", DueOn: "2030-01-31", Completed: 0 }]);
    await conn.execute("UPDATE ToDos SET Completed = 1 WHERE Id = ?", [id]);
    expect(rec.completed).toBe(true);
    await conn.execute("EXEC UncompleteToDo(Id => ?)", [id]);
    expect(rec.completed).toBe(false);
    expect((await conn.query("SELECT Completed FROM ToDos WHERE Id = ?", [id]))[0].Completed).toBe(0);
    await conn.execute("DELETE FROM ToDos WHERE Id = ?", [id]);
    expect(rec.status).toBe("trashed");
    const sent = await conn.query("SELECT op, state FROM sys_outbox ORDER BY id");
    expect(sent).toEqual([
      { op: "insert", state: "done" },
      { op: "update", state: "done" },
      { op: "delete", state: "done" },
    ]);

    for (const bad of ["DELETE FROM bc_todos", "DELETE FROM sys_outbox", "CREATE TABLE x (a int)", "DROP VIEW ToDos", "UPDATE People SET Name = 'x'"]) {
      await expect(conn.execute(bad), bad).rejects.toThrow(StatementRefusedError);
    }
    await expect(conn.execute("UPDATE ToDos SET CommentsCount = 3 WHERE Id = ?", [id])).rejects.toThrow(/CommentsCount is counted by Basecamp/);
    await expect(conn.execute("INSERT INTO ToDos (Content) VALUES ('x')")).rejects.toThrow(/ToDoListId is required/);
    await expect(conn.query("WITH gone AS (DELETE FROM ToDos RETURNING 1) SELECT * FROM gone")).rejects.toThrow(StatementRefusedError);
    await expect(conn.query("SELECT * FROM Todoz")).rejects.toThrow(/No table named todoz.*ToDos/i);
    expect((await conn.query("SELECT COUNT(*) AS n FROM sys_outbox"))[0].n).toBe(3);
  }, 120_000);

  it("QueryTimeout stops a runaway statement in the server; MaxRows stops it early", async () => {
    const conn = await open("pg", "basecamp_limits", ";QueryTimeout=1;MaxRows=5;Offline=true");
    const started = Date.now();
    await expect(conn.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n")).rejects.toThrow(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await conn.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n")).toHaveLength(5);
  }, 60_000);

  it("holds a Basecamp 2 account too, with its own tables and writes", async () => {
    const [onPg, onLite] = await Promise.all([openV2("pg", "basecamp_bcx"), openV2("sqlite", "bcx")]);
    const sql = "SELECT p.Name AS Project, COUNT(*) AS Open FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY p.Name";
    expect(await onPg.query(sql)).toEqual(await onLite.query(sql));
    const [list] = await onPg.query("SELECT Id FROM ToDoLists WHERE Status = 'active' ORDER BY Id LIMIT 1");
    const w = await onPg.execute("INSERT INTO ToDos (ToDoListId, Content) VALUES (?, 'Basecamp 2 via PostgreSQL')", [list.Id]);
    expect(w.outbox.map((e) => e.state)).toEqual(["done"]);
    expect(await onPg.query("SELECT Content FROM ToDos WHERE Id = ?", [w.outbox[0].resultId])).toEqual([{ Content: "Basecamp 2 via PostgreSQL" }]);
  }, 120_000);
});
