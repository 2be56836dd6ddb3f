import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/sql/replica.js";
import { pinnedProjects, SqlError, tablesRead } from "../../src/sql/query.js";
import { QueryRunner } from "../../src/sql/query-runner.js";
import { classify } from "../../src/sql/statement-gate.js";
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

  it("returns rows with exact 64-bit IDs from the query process, stops at MaxRows, and sees later changes", async () => {
    const db = replica();
    const runner = new QueryRunner({ memory: db });
    try {
      const rows = await runner.run("SELECT Id, Name FROM Projects ORDER BY Id", []);
      expect(rows.map((r) => r.Id)).toEqual([1n, 2n, 9007199254740993n]);
      expect(await runner.run("SELECT Id FROM Projects WHERE Id > ?", [0], { maxRows: 2 })).toHaveLength(2);
      db.exec("INSERT INTO bc_Projects (Id, Name, Status) VALUES (3, 'Gamma', 'active')");
      expect(await runner.run("SELECT Name FROM Projects WHERE Id = :id", { id: 3 })).toEqual([{ Name: "Gamma" }]);
    } finally {
      runner.close();
    }
  });

  it("names unknown tables and columns with close matches, and explains syntax errors", () => {
    const db = replica();
    expect(() => classify(db, "SELECT * FROM Todos2", "query")).toThrow(/No table named Todos2\. Did you mean ToDos/);
    expect(() => classify(db, "SELECT Nmae FROM Projects", "query")).toThrow(/No column named Nmae\. Did you mean Name/);
    expect(() => classify(db, "SELEC * FROM Projects", "query")).toThrow(SqlError);
    expect(() => classify(db, "SELEC * FROM Projects", "query")).toThrow(/syntax error/);
  });

  it("refuses writes and ATTACH on the read path; words inside strings and comments are only text", () => {
    const db = replica();
    expect(() => classify(db, "DELETE FROM bc_Projects", "query")).toThrow(/query\(\) is read-only/);
    expect(() => classify(db, "ATTACH DATABASE '/tmp/x.db' AS x", "query")).toThrow(/ATTACH is not allowed/);
    expect(classify(db, "SELECT 'ATTACH is fine inside a string' AS s -- DELETE", "query")).toBe("read");
    expect(classify(db, "/* DROP TABLE x; */ VALUES (1)", "query")).toBe("read");
  });
});
