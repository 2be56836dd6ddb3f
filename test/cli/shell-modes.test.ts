import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitStatementsAt } from "../../src/cli/internal/shell-input.js";
import { dotWords, renderRows } from "../../src/cli/internal/shell-modes.js";
import { ShellSession, type ShellConnection } from "../../src/cli/internal/shell-session.js";
import { openDatabase } from "../../src/sql/index.js";
import { createSchema } from "../../src/sql/schema/index.js";
import { refreshSystemTables } from "../../src/sql/system-tables.js";
import { PROCEDURES } from "../../src/sql/write/index.js";

/** A connection over an in-memory replica: no simulator, no network. */
function fakeConnection(): ShellConnection {
  const db = openDatabase(":memory:");
  createSchema(db);
  refreshSystemTables(db, PROCEDURES);
  return {
    db,
    query: async (sql: string) => db.prepare(sql).all() as Record<string, unknown>[],
    execute: async () => ({ changes: 0, rows: [], outbox: [] }),
    sync: async () => ({}),
  } as unknown as ShellConnection;
}

function session(o: { interactive?: boolean; bail?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const s = new ShellSession(fakeConnection(), { format: "table", out: (t) => out.push(t), err: (t) => err.push(t), width: () => 100, ...o });
  const script = async (text: string) => {
    for (const line of text.split("\n")) await s.feed(line);
    await s.end();
  };
  return { s, script, out: () => out.join(""), err: () => err.join("") };
}

const rows = [
  { a: 1, long_name: "x" },
  { a: 22, long_name: null },
];

describe("shell modes", () => {
  it("draws line mode as sqlite3 does: names right-aligned, a blank line between rows", () => {
    expect(renderRows(rows, "line", true, 80)).toBe("        a = 1\nlong_name = x\n\n        a = 22\nlong_name = ");
    expect(renderRows([], "line", true, 80)).toBe("");
  });

  it("leaves out the header row in table and csv with headers off, keeps it in json and markdown", () => {
    expect(renderRows(rows, "table", false, 80)).toBe("1  │ x\n22 │");
    expect(renderRows(rows, "csv", false, 80)).toBe("1,x\n22,");
    expect(renderRows(rows, "csv", true, 80)).toBe("a,long_name\n1,x\n22,");
    expect(renderRows([{ "two\nlines": "v" }], "csv", false, 80)).toBe("v");
    // An empty result carries its column names: the header comes only when headers are on.
    const none = Object.defineProperty([] as Record<string, unknown>[], "columns", { value: ["a", "b"] });
    expect(renderRows(none, "tsv", true, 80)).toBe("a\tb");
    expect(renderRows(none, "tsv", false, 80)).toBe("");
    expect(renderRows(none, "csv", false, 80)).toBe("");
    expect(renderRows(rows, "markdown", false, 80)).toMatch(/^\| a \| long_name \|/);
    expect(JSON.parse(renderRows(rows, "json", false, 80))).toEqual([{ a: 1, long_name: "x" }, { a: 22, long_name: null }]);
  });

  it("splits dot command words, keeping quoted ones whole", () => {
    expect(dotWords(`.output "my file.csv"`)).toEqual([".output", "my file.csv"]);
    expect(dotWords(".read  'a b.sql' ")).toEqual([".read", "a b.sql"]);
  });

  it("knows where each statement starts", () => {
    const text = "SELECT 1;\n\n  SELECT\n 2; SELECT 3";
    const r = splitStatementsAt(text);
    expect(r.complete.map((c) => [c.text, text.slice(0, c.at).split("\n").length])).toEqual([
      ["SELECT 1", 1],
      ["SELECT\n 2", 3],
    ]);
    expect(text.slice(r.restAt)).toBe(" SELECT 3");
  });
});

describe("ShellSession dot commands", () => {
  it("switches .mode and .headers, and says what they are", async () => {
    const { script, out, err } = session();
    await script(".mode line\nSELECT 1 AS a, 'b' AS bb;\n.mode tsv\n.headers off\nSELECT 1 AS a, 2 AS b;\n.headers\n.mode\n.mode xml");
    expect(out()).toBe(" a = 1\nbb = b\n1\t2\nheaders: off\ntsv\n");
    expect(err()).toBe("Error: line 8: .mode takes one of table, tsv, csv, json, markdown, line; got \"xml\"\n");
  });

  it("sends results to a file with .output until .output alone; errors and timings stay on screen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shell-out-"));
    const file = join(dir, "out.csv");
    const { s, script, out, err } = session();
    await script(`.mode csv\n.output ${file}\nSELECT 1 AS a;\nSELECT * FROM nowhere;\n.timer on\nSELECT 2 AS b;\n.output\nSELECT 3 AS c;`);
    expect(readFileSync(file, "utf8")).toBe("a\n1\nb\n2\n");
    expect(out()).toMatch(/^Run Time: real \d+\.\d{3} user \d+\.\d{6} sys \d+\.\d{6}\nc\n3\nRun Time: real \d+\.\d{3} /);
    expect(err()).toMatch(/^Error: line 4: .*nowhere/);
    expect(s.outputFile).toBeUndefined();
  });

  it("runs a file with .read, naming the file and line of an error, and goes on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shell-read-"));
    const file = join(dir, "script.sql");
    writeFileSync(file, "SELECT 1 AS one;\n-- a comment\nSELECT\n  * FROM Foo;\n.mode csv\nSELECT 2 AS two");
    const { s, script, out, err } = session();
    await script(`.read ${file}\nSELECT 3 AS three;\n.read ${join(dir, "missing.sql")}`);
    expect(out()).toBe("one\n───\n1\ntwo\n2\nthree\n3\n");
    expect(err()).toMatch(new RegExp(`^Error: ${file.replace(/[/.]/g, "\\$&")} line 3: .*Foo.*\nError: line 3: Cannot read .*missing\\.sql: ENOENT\n$`));
    expect(s.exitCode).toBe(1);
  });

  it("refuses a file that reads itself forever", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shell-loop-"));
    const file = join(dir, "loop.sql");
    writeFileSync(file, `.read ${file}\n`);
    const { script, err } = session();
    await script(`.read ${file}`);
    expect(err()).toMatch(/more than 16 deep/);
    expect(err().trim().split("\n")).toHaveLength(1);
  });

  it("with bail, stops a script at its first error (in a .read file too)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shell-bail-"));
    const file = join(dir, "inner.sql");
    writeFileSync(file, "SELECT 1 AS a;\nSELECT nope FROM nowhere; SELECT 'same line' AS b;\nSELECT 2 AS c;\n");
    const { s, script, out, err } = session({ bail: true });
    await script(`.read ${file}\nSELECT 'after' AS d;`);
    expect(out()).toBe("a\n─\n1\n");
    expect(err()).toMatch(/^Error: .*inner\.sql line 2: /);
    expect(s.done).toBe(true);
    expect(s.exitCode).not.toBe(0);
  });

  it("on a terminal, bail stops the .read file but not the shell, and errors name no line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shell-bail-"));
    const file = join(dir, "inner.sql");
    writeFileSync(file, "SELECT nope FROM nowhere;\nSELECT 2 AS c;\n");
    const { s, out, err } = session({ interactive: true });
    await s.feed(".bail on");
    await s.feed(`.read ${file}`);
    await s.feed("SELECT * FROM nowhere;");
    await s.feed("SELECT 'still here' AS d;");
    expect(out()).not.toMatch(/^c$/m);
    expect(out()).toMatch(/still here/);
    expect(err()).toMatch(/^Error: .*inner\.sql line 1: .*nowhere.*\nError: (?!line).*nowhere/);
    expect(s.done).toBe(false);
  });

  it("lists the new commands in .help", async () => {
    const { s, out } = session();
    await s.feed(".help");
    for (const c of [".mode", ".headers", ".output", ".read", ".timer", ".bail"]) expect(out()).toContain(`  ${c} `);
  });
});
