import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellIn } from "./shell-runner.js";

const { home, run } = shellIn("campctl-shell-");
const shell = (input: string, ...args: string[]) => run(input, "--sandbox", "shell", ...args);
/** A folder for files a script writes or reads (absolute names: the shell runs in the test's cwd). */
const scratch = () => mkdtempSync(join(tmpdir(), "campctl-shell-files-"));

describe("campctl shell with piped input (on the sandbox)", () => {
  it("runs a statement typed across lines, several on one line, and no banner or prompts", () => {
    const r = shell("SELECT Name,\n  Status\nFROM Projects\nWHERE Name <> 'a;b'\nORDER BY Name LIMIT 2;  SELECT 'x;y' AS semi;\n");
    expect(r.code, r.err).toBe(0);
    // Piped output is tab-separated, as for every command.
    expect(r.out).toMatch(/^Name\tStatus$/m);
    expect(r.out).toMatch(/^semi\nx;y$/m);
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
    expect(r.err).toMatch(/^Error: line 3: No table named Todoz\. Did you mean ToDos\?/m);
    expect(r.code).toBe(1);
  });

  it("prints an error naming its line for a bad statement, goes on, and exits with the last error's code", () => {
    const r = shell("SELECT Nmae FROM Projects;\nSELECT 41 + 1 AS answer;\n.frobnicate\nSELECT 'still here' AS s;\n");
    expect(r.err).toMatch(/^Error: line 1: No column named Nmae\. Did you mean Name\?/m);
    expect(r.err).toMatch(/^Error: line 3: Unknown command \.frobnicate/m);
    expect(r.err.trim().split("\n")).toHaveLength(2);
    expect(r.out).toMatch(/^42$/m);
    expect(r.out).toMatch(/^still here$/m);
    expect(r.code).toBe(1);
  });

  it("switches the output format with .format", () => {
    const r = shell("SELECT 1 AS one;\n.format json\nSELECT 2 AS two;\n.format csv\nSELECT 3 AS three;\n.format xml\n");
    expect(r.out).toMatch(/^one\n1$/m);
    expect(r.out).toContain('[\n  {\n    "two": 2\n  }\n]');
    expect(r.out).toMatch(/^three\n3$/m);
    expect(r.err).toMatch(/^Error: line 6: \.format takes one of table, tsv, csv, json, markdown, line/m);
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

  it("draws .mode line, tsv and csv with .headers off, as sqlite3 does", () => {
    const r = shell(".mode line\nSELECT 1 AS a, 'two words' AS longer;\n.mode tsv\nSELECT 'x\ty' AS t, 2 AS n;\n.headers off\nSELECT 'x' AS t, 3 AS n;\n.mode csv\nSELECT 'a,b' AS c;\n.headers on\n.mode table\nSELECT 4 AS d;\n");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe("     a = 1\nlonger = two words\nt\tn\nx\\ty\t2\nx\t3\n\"a,b\"\nd\n─\n4\n");
  });

  it("puts results in a file with .output until .output alone, and runs a file with .read", () => {
    const dir = scratch();
    writeFileSync(join(dir, "report.sql"), "-- two statements\nSELECT COUNT(*) AS projects\n  FROM Projects;\n.mode json\nSELECT 'from the file' AS note;\n");
    const r = shell(`.output ${join(dir, "out.txt")}\n.read ${join(dir, "report.sql")}\n.output\n.mode csv\nSELECT 'back on screen' AS s;\n`);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe("s\nback on screen\n");
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toMatch(/^projects\n\d+\n\[\n  \{\n    "note": "from the file"\n  \}\n\]\n$/);
  });

  it("names the file and line of an error in a .read file, and goes on without -bail", () => {
    const dir = scratch();
    const file = join(dir, "broken.sql");
    writeFileSync(file, "SELECT 1 AS one;\n\nSELECT *\n  FROM Foo;\nSELECT 2 AS two;\n");
    const r = shell(`.read ${file}\nSELECT 3 AS three;\n`);
    expect(r.err).toBe(`Error: ${file} line 3: No table named Foo. SELECT * FROM sys_tables lists them all.\n`);
    expect(r.out).toMatch(/^two\n2\nthree\n3\n$/m);
    expect(r.code).not.toBe(0);
  });

  it("stops at the first error with -bail (and --bail), exiting non-zero", () => {
    const script = "SELECT 1 AS one;\nSELECT * FROM Foo;\nSELECT 2 AS two;\n";
    for (const flag of ["-bail", "--bail"]) {
      const r = shell(script, flag);
      expect(r.err).toMatch(/^Error: line 2: No table named Foo/);
      expect(r.out).toMatch(/^one\n1\n$/);
      expect(r.code).not.toBe(0);
    }
    const on = shell(".bail on\nSELECT nope FROM Projects;\nSELECT 'not reached' AS x;\n");
    expect(on.out).not.toContain("not reached");
    expect(on.code).not.toBe(0);
  });

  it("prints Run Time after each statement with .timer on", () => {
    const r = shell(".timer on\nSELECT 1 AS a;\nSELECT 2 AS b;\n.timer off\nSELECT 3 AS c;\n");
    expect(r.code, r.err).toBe(0);
    expect(r.out.match(/^Run Time: real \d+\.\d{3} user \d+\.\d{6} sys \d+\.\d{6}$/gm)).toHaveLength(2);
    expect(r.out).toMatch(/^c\n3\n$/m);
  });
});
