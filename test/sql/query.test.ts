// How a replica runs a user's statement, on both replicas: which tables it reads (so the stale
// ones are synced first), its rows with exact 64-bit IDs, MaxRows, the errors that name an
// unknown table or column, and the refusal of writes on the read path. SQLite finds the tables
// from EXPLAIN's root pages and runs the statement in a query process; PostgreSQL finds them in
// the statement's text and runs it in the server (pg/engine.ts).
import { afterEach, describe, expect, it } from "vitest";
import { sqliteEngine, type ReplicaEngine } from "../../src/sql/engine.js";
import { pgEngine } from "../../src/sql/pg/engine.js";
import { pgSchema } from "../../src/sql/pg/db.js";
import { userRoleOf } from "../../src/sql/pg/replica.js";
import { openDatabase, type Db } from "../../src/sql/replica.js";
import { pinnedProjects, SqlError, tablesRead } from "../../src/sql/query.js";
import { classify, StatementRefusedError } from "../../src/sql/statement-gate.js";
import { createSchema } from "../../src/sql/schema/index.js";
import { refreshSystemTables } from "../../src/sql/system-tables.js";
import { installWriteCapture, proceduresOf } from "../../src/sql/write/index.js";
import { openTestReplica, postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

let engines: ReplicaEngine[] = [];
afterEach(() => {
  for (const e of engines) e.close();
  engines = [];
});

/** A replica with three projects (one ID past 2^53) and the engine that runs users' statements on it. */
function replica(kind: ReplicaKind): { db: Db; engine: ReplicaEngine } {
  let db: Db;
  if (kind === "sqlite") {
    // In memory: the query process gets an image of it, sent again when it changed.
    db = openDatabase(":memory:");
    createSchema(db);
    installWriteCapture(db);
    refreshSystemTables(db, proceduresOf(db));
  } else db = openTestReplica("postgres", { writes: true, systemTables: true });
  db.exec(`INSERT INTO bc_Projects (Id, Name, Status) VALUES (1, 'Alpha', 'active'), (2, 'Beta', 'active'), (9007199254740993, 'Big', 'active')`);
  const engine = kind === "sqlite" ? sqliteEngine(db, ":memory:") : pgEngine(db, { url: postgresUrl(), schema: pgSchema(db), role: userRoleOf(db) });
  engines.push(engine);
  return { db, engine };
}

const exact = { timeoutSeconds: 0, integers: "bigint" } as const;

/** What query() does with a statement: classify it, then run it. */
async function run(engine: ReplicaEngine, sql: string, params: unknown[] = []) {
  engine.classify(sql, "query", params);
  return engine.read(sql, params, exact);
}

it("reads the ProjectId a statement pins, from literals and parameters", () => {
  expect(pinnedProjects("SELECT * FROM ToDos WHERE ProjectId = 42")).toEqual(["42"]);
  expect(pinnedProjects("SELECT * FROM ToDos WHERE Status = ? AND ProjectId = ?", ["active", 7])).toEqual(["7"]);
  expect(pinnedProjects("SELECT * FROM ToDos WHERE ProjectId IN (1, 2)")).toEqual(["1", "2"]);
  expect(pinnedProjects("SELECT * FROM ToDos WHERE ProjectId = :p", { p: 9 })).toEqual(["9"]);
  expect(pinnedProjects("SELECT * FROM ToDos WHERE Content = 'ProjectId = 5'")).toBeUndefined();
  expect(pinnedProjects("SELECT * FROM ToDos")).toBeUndefined();
});

it("finds the tables a SQLite statement reads from EXPLAIN's root pages, through views, joins and subqueries", () => {
  const { db } = replica("sqlite");
  expect(tablesRead(db, "SELECT * FROM ToDos")).toEqual(["ToDos"]);
  expect(tablesRead(db, "SELECT p.Name, COUNT(*) FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId GROUP BY p.Name")).toEqual(["Projects", "ToDos"]);
  expect(tablesRead(db, "SELECT Name FROM People WHERE Id IN (SELECT CreatorId FROM Messages)")).toEqual(["Messages", "People"]);
  expect(tablesRead(db, "SELECT 1")).toEqual([]);
});

describe.each(REPLICAS)("query runner (%s)", (kind) => {
  it("finds the tables a statement reads, through joins and subqueries, quoted or in any case", () => {
    const { engine } = replica(kind);
    const read = (sql: string) => engine.tablesRead(sql, []).sort();
    expect(read("SELECT * FROM ToDos")).toEqual(["ToDos"]);
    expect(read("SELECT p.Name, COUNT(*) FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId GROUP BY p.Name")).toEqual(["Projects", "ToDos"]);
    expect(read("SELECT Name FROM People WHERE Id IN (SELECT CreatorId FROM Messages)")).toEqual(["Messages", "People"]);
    expect(read(`SELECT "Name" FROM "people" JOIN todos ON 1 = 1`)).toEqual(["People", "ToDos"]);
    expect(read("SELECT 1")).toEqual([]);
  });

  it("returns rows with exact 64-bit IDs, stops at MaxRows, and sees later changes", async () => {
    const { db, engine } = replica(kind);
    const rows = await engine.read("SELECT Id, Name FROM Projects ORDER BY Id", [], exact);
    expect(rows).toEqual([
      { Id: 1n, Name: "Alpha" },
      { Id: 2n, Name: "Beta" },
      { Id: 9007199254740993n, Name: "Big" },
    ]);
    expect(await engine.read("SELECT Id FROM Projects WHERE Id > ?", [0], { ...exact, maxRows: 2 })).toHaveLength(2);
    db.exec("INSERT INTO bc_Projects (Id, Name, Status) VALUES (3, 'Gamma', 'active')");
    expect(await engine.read("SELECT Name FROM Projects WHERE Id = ?", [3], exact)).toEqual([{ Name: "Gamma" }]);
    expect(await engine.read("SELECT Name FROM Projects WHERE Id = ?", [9007199254740993n], exact)).toEqual([{ Name: "Big" }]);
    if (kind === "sqlite") expect(await engine.read("SELECT Name FROM Projects WHERE Id = :id", { id: 3 }, exact)).toEqual([{ Name: "Gamma" }]);
    else await expect(engine.read("SELECT Name FROM Projects WHERE Id = :id", { id: 3 }, exact)).rejects.toThrow(/takes \? parameters.*named parameters \(:name, @name\) are not supported/);
  });

  it("names unknown tables and columns with close matches, and explains syntax errors", async () => {
    const { engine } = replica(kind);
    await expect(run(engine, "SELECT * FROM Todos2")).rejects.toThrow(/No table named Todos2\. Did you mean ToDos/);
    await expect(run(engine, "SELECT Nmae FROM Projects")).rejects.toThrow(/No column named Nmae\. Did you mean Name/);
    await expect(run(engine, "SELECT p.Stauts FROM Projects p")).rejects.toThrow(/No column named p\.Stauts\. Did you mean Status/);
    for (const bad of ["SELEC * FROM Projects", "SELECT * FROM Projects WHERE"]) {
      const e = await run(engine, bad).catch((x: unknown) => x);
      expect(e, bad).toBeInstanceOf(SqlError);
      expect(e, bad).not.toBeInstanceOf(StatementRefusedError);
      expect((e as Error).message, bad).toMatch(/^SQL syntax error: (.*syntax error|incomplete input)/);
    }
  });

  it("runs EXPLAIN of a read (the replica's own plan); SQLite-only SQL that PostgreSQL lacks is a SqlError naming it", async () => {
    const { engine } = replica(kind);
    for (const sql of ["EXPLAIN SELECT * FROM ToDos WHERE Id = ?", "EXPLAIN QUERY PLAN SELECT Name FROM Projects WHERE Id = ?"]) {
      expect(engine.classify(sql, "query", [1]), sql).toBe("read");
      const plan = await engine.read(sql, [1], exact);
      expect(plan.length, sql).toBeGreaterThan(0);
      if (kind === "postgres") expect(Object.keys(plan[0])).toEqual(["QUERY PLAN"]);
    }
    const glob = "SELECT Name FROM Projects WHERE Name GLOB 'B*' ORDER BY Name";
    if (kind === "sqlite") expect(await run(engine, glob)).toEqual([{ Name: "Beta" }, { Name: "Big" }]);
    else {
      const e = await run(engine, glob).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SqlError);
      expect((e as Error).message).toMatch(/cannot run SQLite's GLOB: .*Write it as PostgreSQL does/);
      expect(await run(engine, "SELECT Name FROM Projects WHERE Name LIKE 'B%' ORDER BY Name")).toEqual([{ Name: "Beta" }, { Name: "Big" }]);
    }
  });

  it("refuses writes and ATTACH on the read path; words inside strings and comments are only text", async () => {
    const { engine } = replica(kind);
    expect(() => engine.classify("DELETE FROM bc_Projects", "query", [])).toThrow(/query\(\) is read-only/);
    expect(() => engine.classify("UPDATE ToDos SET Content = 'x'", "query", [])).toThrow(/query\(\) is read-only: UPDATE writes/);
    expect(() => engine.classify("ATTACH DATABASE '/tmp/x.db' AS x", "query", [])).toThrow(/ATTACH is not allowed/);
    expect(engine.classify("SELECT 'ATTACH is fine inside a string' AS s -- DELETE", "query", [])).toBe("read");
    expect(engine.classify("/* DROP TABLE x; */ VALUES (1)", "query", [])).toBe("read");
    expect(await run(engine, "SELECT 'ATTACH is fine inside a string' AS s -- DELETE")).toEqual([{ s: "ATTACH is fine inside a string" }]);
    expect(await run(engine, "/* DROP TABLE x; */ VALUES (1)")).toEqual([{ column1: 1n }]);
    // A write hidden in a read: refused before it runs (SQLite) or by the READ ONLY transaction (PostgreSQL).
    await expect(run(engine, "WITH x AS (SELECT 1) DELETE FROM ToDos WHERE Id IN (SELECT * FROM x)")).rejects.toThrow(/query\(\) is read-only.*use execute\(\)/);
    expect(await engine.read("SELECT COUNT(*) AS n FROM Projects", [], exact)).toEqual([{ n: 3n }]);
  });
});

it("classify() on SQLite checks names when it prepares the statement, before anything runs", () => {
  const { db } = replica("sqlite");
  expect(() => classify(db, "SELECT * FROM Todos2", "query")).toThrow(/No table named Todos2\. Did you mean ToDos/);
  expect(() => classify(db, "SELEC * FROM Projects", "query")).toThrow(SqlError);
});
