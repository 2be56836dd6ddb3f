import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellIn } from "./shell-runner.js";

const { home, run } = shellIn("campctl-shell-");
const shell = (input: string, ...args: string[]) => run(input, "--sandbox", "shell", ...args);

describe("campctl shell with piped input (on the sandbox)", () => {
  it("runs a statement typed across lines, several on one line, and no banner or prompts", () => {
    const r = shell("SELECT Name,\n  Status\nFROM Projects\nWHERE Name <> 'a;b'\nORDER BY Name LIMIT 2;  SELECT 'x;y' AS semi;\n");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Name\s+│ Status/m);
    expect(r.out).toMatch(/^semi\n─+\nx;y$/m);
    expect(r.out).not.toContain("campctl>");
    expect(r.out).not.toContain("...>");
    expect(r.out).not.toMatch(/\.help/);
    expect(r.err).toBe("");
    // Scripts leave no history behind.
    expect(existsSync(join(home, "data", "shell_history"))).toBe(false);
  });

  it("lists tables with .tables and columns with .schema; suggests for a misspelt table", () => {
    const r = shell(".tables\n.schema ToDos\n.schema Todoz\n");
    const tables = r.out.slice(0, r.out.indexOf("ToDos:"));
    expect(tables).toMatch(/\bToDos\b/);
    expect(tables).toMatch(/\bProjects\b/);
    expect(tables).toMatch(/System tables:[\s\S]*\bsys_tables\b/);
    expect(tables).not.toMatch(/\bbc_/);
    expect(r.out).toMatch(/^Column\s+│ Type\s+│ Writable/m);
    expect(r.out).toMatch(/^Content\s+│ TEXT\s+│ yes/m);
    expect(r.out).toMatch(/^Id\s+│ INTEGER\s+│\s+│/m);
    expect(r.err).toMatch(/^Error: No table named Todoz\. Did you mean ToDos\?/m);
    expect(r.code).toBe(1);
  });

  it("prints an error for a bad statement, goes on, and exits with the last error's code", () => {
    const r = shell("SELECT Nmae FROM Projects;\nSELECT 41 + 1 AS answer;\n.frobnicate\nSELECT 'still here' AS s;\n");
    expect(r.err).toMatch(/^Error: No column named Nmae\. Did you mean Name\?/m);
    expect(r.err).toMatch(/^Error: Unknown command \.frobnicate/m);
    expect(r.err.trim().split("\n")).toHaveLength(2);
    expect(r.out).toMatch(/^42$/m);
    expect(r.out).toMatch(/^still here$/m);
    expect(r.code).toBe(1);
  });

  it("switches the output format with .format", () => {
    const r = shell("SELECT 1 AS one;\n.format json\nSELECT 2 AS two;\n.format csv\nSELECT 3 AS three;\n.format xml\n");
    expect(r.out).toMatch(/^one\n───\n1$/m);
    expect(r.out).toContain('[\n  {\n    "two": 2\n  }\n]');
    expect(r.out).toMatch(/^three\n3$/m);
    expect(r.err).toMatch(/^Error: \.format takes one of table, json, csv, markdown/m);
  });

  it("writes through an INSERT, then finds the row; a last statement without ; still runs", () => {
    const r = shell(
      [
        ".format json",
        "SELECT Id FROM ToDoLists WHERE Status = 'active' LIMIT 1;",
      ].join("\n"),
    );
    expect(r.code, r.err).toBe(0);
    const [list] = JSON.parse(r.out) as Array<{ Id: number }>;
    const w = shell(`INSERT INTO ToDos (ToDoListId, Content)\n  VALUES (${list.Id}, 'Added from campctl shell');\nSELECT Content FROM ToDos WHERE Content = 'Added from campctl shell'`, "--max-age", "0");
    expect(w.code, w.err).toBe(0);
    expect(w.out).toMatch(/1 change\(s\) sent to Basecamp: insert ToDos \d+/);
    expect(w.out).toMatch(/^Added from campctl shell$/m);
  });

  it("exits 0 at once on empty input, and .quit stops reading", () => {
    expect(shell("").code).toBe(0);
    const r = shell("SELECT 1 AS a;\n.quit\nSELECT nope;\n");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe("");
  });
});
