import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/sql/replica.js";
import { pinnedProjects, runSelect, SqlError, tablesRead } from "../../src/sql/query.js";
import { createSchema } from "../../src/sql/schema/index.js";

function replica() {
  const db = openDatabase(":memory:");
  createSchema(db);
  db.exec(`INSERT INTO bc_Projects (Id, Name, Status) VALUES (1, 'Alpha', 'active'), (2, 'Beta', 'active'), (9007199254740993, 'Big', 'active')`);
  return db;
}

describe("query runner", () => {
  it("finds the tables a statement reads from EXPLAIN's root pages, through views, joins and subqueries", () => {
    const db = replica();
    expect(tablesRead(db, "SELECT * FROM ToDos")).toEqual(["ToDos"]);
    expect(tablesRead(db, "SELECT p.Name, COUNT(*) FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId GROUP BY p.Name")).toEqual(["Projects", "ToDos"]);
    expect(tablesRead(db, "SELECT Name FROM People WHERE Id IN (SELECT CreatorId FROM Messages)")).toEqual(["Messages", "People"]);
    expect(tablesRead(db, "SELECT 1")).toEqual([]);
  });

  it("reads the ProjectId a statement pins, from literals and parameters", () => {
    expect(pinnedProjects("SELECT * FROM ToDos WHERE ProjectId = 42")).toEqual(["42"]);
    expect(pinnedProjects("SELECT * FROM ToDos WHERE Status = ? AND ProjectId = ?", ["active", 7])).toEqual(["7"]);
    expect(pinnedProjects("SELECT * FROM ToDos WHERE ProjectId IN (1, 2)")).toEqual(["1", "2"]);
    expect(pinnedProjects("SELECT * FROM ToDos WHERE ProjectId = :p", { p: 9 })).toEqual(["9"]);
    expect(pinnedProjects("SELECT * FROM ToDos WHERE Content = 'ProjectId = 5'")).toBeUndefined();
    expect(pinnedProjects("SELECT * FROM ToDos")).toBeUndefined();
  });

  it("returns rows with exact 64-bit IDs and honours MaxRows", () => {
    const db = replica();
    const rows = runSelect(db, "SELECT Id, Name FROM Projects ORDER BY Id");
    expect(rows.map((r) => r.Id)).toEqual([1n, 2n, 9007199254740993n]);
    expect(runSelect(db, "SELECT Id FROM Projects", { maxRows: 2 })).toHaveLength(2);
  });

  it("names unknown tables and columns with close matches, and explains syntax errors", () => {
    const db = replica();
    expect(() => runSelect(db, "SELECT * FROM Todos2")).toThrow(/No table named Todos2\. Did you mean ToDos/);
    expect(() => runSelect(db, "SELECT Nmae FROM Projects")).toThrow(/No column named Nmae\. Did you mean Name/);
    expect(() => runSelect(db, "SELEC * FROM Projects")).toThrow(SqlError);
    expect(() => runSelect(db, "SELEC * FROM Projects")).toThrow(/syntax error/);
  });

  it("refuses writes and ATTACH on the read path", () => {
    const db = replica();
    expect(() => runSelect(db, "DELETE FROM bc_Projects")).toThrow(/SELECT statements only/);
    expect(() => runSelect(db, "ATTACH DATABASE '/tmp/x.db' AS x")).toThrow(/ATTACH and DETACH are not allowed/);
    expect(runSelect(db, "SELECT 'ATTACH is fine inside a string' AS s")[0].s).toMatch(/ATTACH/);
  });
});
