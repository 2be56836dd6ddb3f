import { describe, expect, it } from "vitest";
import { campctlIn } from "./campctl.js";

const campctl = campctlIn("campctl-home-");

describe("campctl sql and sync on the sandbox", () => {
  it("syncs with plain progress lines when not on a terminal", () => {
    const r = campctl("--sandbox", "sync", "Projects", "ToDos");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Synced 2 tables: \d+ rows, \d+ requests in [\d.]+ s$/m);
    expect(r.err).toMatch(/^ToDos: \d+ items$/m);
  });

  it("prints query results as a table, JSON, CSV or Markdown", () => {
    const sql = "SELECT Name, Status FROM Projects WHERE Status = 'active' ORDER BY Name";
    const piped = campctl("--sandbox", "sql", sql);
    expect(piped.code, piped.err).toBe(0);
    expect(piped.out).toMatch(/^Name\tStatus\n[^\t\n]+\tactive\n/);
    const table = campctl("--sandbox", "sql", "--format", "table", sql);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^Name\s+│ Status/m);
    const json = JSON.parse(campctl("--sandbox", "sql", "--format", "json", sql).out);
    expect(json.length).toBeGreaterThan(1);
    expect(json[0]).toEqual({ Name: expect.any(String), Status: "active" });
    const csv = campctl("--sandbox", "sql", "--format", "csv", sql).out.trim().split("\n");
    expect(csv[0]).toBe("Name,Status");
    expect(csv).toHaveLength(json.length + 1);
    const md = campctl("--sandbox", "sql", "--format", "markdown", sql).out;
    expect(md).toMatch(/^\| Name \| Status \|\n\| --- \| --- \|/);
    const big = JSON.parse(campctl("--sandbox", "--json", "sql", "SELECT Id FROM ToDos WHERE Id > 9007199254740992 ORDER BY Id LIMIT 1").out);
    expect(String(big[0].Id)).toMatch(/^9007199254\d{6}$/);
  });

  it("writes through SQL to the sandbox", () => {
    const [list] = JSON.parse(campctl("--sandbox", "--json", "sql", "SELECT Id FROM ToDoLists WHERE Status = 'active' LIMIT 1").out);
    const r = campctl("--sandbox", "sql", `INSERT INTO ToDos (ToDoListId, Content) VALUES (${list.Id}, 'Added from campctl sql')`);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1 change\(s\) sent to Basecamp: insert ToDos \d+/);
    const back = JSON.parse(campctl("--sandbox", "--json", "sql", "--max-age", "0", "SELECT Content FROM ToDos WHERE Content = 'Added from campctl sql'").out);
    expect(back).toEqual([{ Content: "Added from campctl sql" }]);
  });

  it("exits 1 with a one-line hint for bad SQL, a bad connection string, or a bad format; --json errors are JSON", () => {
    const sql = campctl("--sandbox", "sql", "SELECT Nmae FROM Projects");
    expect(sql.code).toBe(1);
    expect(sql.err.trim().split("\n")).toHaveLength(1);
    expect(sql.err).toMatch(/No column named Nmae\. Did you mean Name\?/);
    const conn = campctl("-c", "AcountId=1;Password=hunter2-secret", "sql", "SELECT 1");
    expect(conn.code).toBe(1);
    expect(conn.err).toMatch(/did you mean AccountId\?/);
    expect(conn.err).not.toContain("hunter2-secret");
    expect(campctl("--sandbox", "sql", "--format", "xml", "SELECT 1").code).toBe(1);
    const json = campctl("--sandbox", "--json", "sql", "SELECT * FROM Nope");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.err)).toEqual({ error: { kind: "usage", message: expect.stringMatching(/No table named Nope/), exitCode: 1 } });
  });

  it("exits 1 for an unknown command", () => {
    const r = campctl("frobnicate");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
  });
});
