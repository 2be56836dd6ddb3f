import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runShellLoop } from "../../src/cli/commands/shell.js";
import { appendHistory, isBlankSql, loadHistory, looksSecret, splitStatements } from "../../src/cli/internal/shell-input.js";
import { ShellSession, type ShellConnection } from "../../src/cli/internal/shell-session.js";
import { openDatabase } from "../../src/sql/index.js";
import { createSchema } from "../../src/sql/schema/index.js";
import { refreshSystemTables } from "../../src/sql/system-tables.js";
import { PROCEDURES } from "../../src/sql/write/index.js";

/** A connection over an in-memory replica: no simulator, no network. */
function fakeConnection(): ShellConnection & { executed: string[] } {
  const db = openDatabase(":memory:");
  createSchema(db);
  refreshSystemTables(db, PROCEDURES);
  const executed: string[] = [];
  return {
    db,
    executed,
    query: async (sql: string) => db.prepare(sql).all() as Record<string, unknown>[],
    execute: async (sql: string) => {
      executed.push(sql);
      return { changes: 0, rows: [], outbox: [] };
    },
    sync: async () => ({}),
  } as unknown as ShellConnection & { executed: string[] };
}

function session(width = 100, interactive = false) {
  const out: string[] = [];
  const err: string[] = [];
  const conn = fakeConnection();
  const s = new ShellSession(conn, { format: "table", out: (t) => out.push(t), err: (t) => err.push(t), width: () => width, interactive });
  return { s, conn, out: () => out.join(""), err: () => err.join("") };
}

describe("splitting input into statements", () => {
  it("ends statements at ; but not inside quotes or comments", () => {
    expect(splitStatements("SELECT 1; SELECT 'a;b'; SELECT \"x;\" FROM t -- c;\n WHERE 1; /* ; */ SELECT [a;b] FROM t; SELECT 'it''s;'")).toEqual({
      complete: ["SELECT 1", "SELECT 'a;b'", 'SELECT "x;" FROM t -- c;\n WHERE 1', "/* ; */ SELECT [a;b] FROM t"],
      rest: " SELECT 'it''s;'",
    });
    expect(splitStatements("SELECT 'open;").complete).toEqual([]);
    expect(splitStatements(";; -- only a comment\n;").complete).toEqual([]);
    expect(isBlankSql("  -- note\n /* x */ ")).toBe(true);
    expect(isBlankSql("/* open")).toBe(false);
  });
});

describe("ShellSession", () => {
  it("waits for ; across lines, runs several statements on one line, and prompts accordingly", async () => {
    const { s, out } = session();
    expect(s.prompt).toBe("campctl> ");
    await s.feed("SELECT 1 AS one,");
    expect(s.prompt).toBe("   ...> ");
    expect(out()).toBe("");
    await s.feed("  2 AS two; SELECT 'a;b' AS s;");
    expect(s.prompt).toBe("campctl> ");
    expect(out()).toMatch(/^one │ two\n────┼────\n1   │ 2\ns\n───\na;b\n$/);
  });

  it("lists tables grouped, without the physical bc_ tables", async () => {
    const { s, out } = session(60);
    await s.feed(".tables");
    const text = out();
    expect(text).toMatch(/^Basecamp tables, writable \(INSERT, UPDATE, DELETE\):\n[\s\S]*\bToDos\b[\s\S]*Basecamp tables, read-only:[\s\S]*\bPeople\b[\s\S]*System tables:[\s\S]*\bsys_tablecolumns\b/);
    expect(text).not.toMatch(/\bbc_/);
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("describes a table with .schema, marks writable columns, and suggests for unknown names", async () => {
    const { s, out, err } = session(120);
    await s.feed(".schema todos");
    expect(out()).toMatch(/^ToDos: /);
    expect(out()).toMatch(/^DueOn\s+│ TEXT\s+│ yes/m);
    expect(out()).toMatch(/^CommentsCount\s+│ INTEGER\s+│\s+│/m);
    await s.feed(".schema SYS_procedures");
    expect(out()).toMatch(/^sys_procedures\n\nColumn\s+│ Type\s+│ Key\n[─┼]+\nProcedureName\s+│ TEXT\s+│ primary$/m);
    await s.feed(".schema Todoz");
    expect(err()).toBe("Error: line 3: No table named Todoz. Did you mean ToDos? (.tables lists them)\n");
    expect(s.exitCode).toBe(1);
  });

  it("reports errors and goes on; unknown dot commands are one line", async () => {
    const { s, out, err } = session();
    await s.feed("SELECT * FROM nowhere; SELECT 5 AS five;");
    await s.feed(".tabels");
    expect(err()).toMatch(/^Error: line 1: .*nowhere.*\nError: line 2: Unknown command \.tabels; did you mean \.tables\? \(\.help lists them\)\n$/);
    expect(out()).toMatch(/^five\n────\n5\n$/);
    expect(s.exitCode).toBe(1);
  });

  it("switches formats, and sends writes to execute()", async () => {
    const { s, conn, out } = session();
    await s.feed(".format csv");
    await s.feed("SELECT 1 AS a, 'x,y' AS b;");
    expect(out()).toBe('a,b\n1,"x,y"\n');
    await s.feed("UPDATE ToDos SET Content = 'x' WHERE Id = 1;");
    expect(conn.executed).toEqual(["UPDATE ToDos SET Content = 'x' WHERE Id = 1"]);
    await s.feed(".format");
    expect(out()).toMatch(/csv\n$/);
  });

  it("fits tables to the width and adds a row count on a terminal", async () => {
    const { s, out } = session(40, true);
    await s.feed(`SELECT '${"long text ".repeat(20)}' AS a, '${"more ".repeat(20)}' AS b;`);
    const lines = out().trimEnd().split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines[2]).toMatch(/…/);
    expect(lines.at(-1)).toMatch(/^\(1 row, \d+\.\d{3} s\)$/);
  });

  it("completes dot commands, table names and columns", () => {
    const { s } = session();
    expect(s.complete(".sch")).toEqual([[".schema"], ".sch"]);
    expect(s.complete("SELECT * FROM ToDoL")[0]).toEqual(expect.arrayContaining(["ToDoLists", "ToDoListGroups", "ToDoListId"]));
  });
});

describe("history", () => {
  it("keeps the last 1000 entries and never stores secrets", () => {
    const file = join(mkdtempSync(join(tmpdir(), "shell-hist-")), "sub", "shell_history");
    expect(appendHistory(file, "SELECT 1\n  FROM t;")).toBe(true);
    expect(appendHistory(file, "EXEC GetOAuthAccessToken Verifier = 'abc123', CallbackURL = 'http://x'")).toBe(false);
    expect(appendHistory(file, "EXEC RefreshOAuthAccessToken 'zzzzzzzz'")).toBe(false);
    expect(appendHistory(file, "SELECT * FROM t WHERE password = 'hunter2'")).toBe(false);
    expect(looksSecret("SELECT Content FROM ToDos;")).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("SELECT 1 FROM t;\n");
    writeFileSync(file, Array.from({ length: 1005 }, (_, i) => `SELECT ${i};`).join("\n"));
    const h = loadHistory(file);
    expect(h).toHaveLength(1000);
    expect(h[0]).toBe("SELECT 5;");
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(1000);
  });
});

describe("the terminal loop", () => {
  /** Without the cursor movements readline writes. */
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

  /** Drive runShellLoop as a terminal: type lines (waiting for each prompt), collect what it shows. */
  async function terminal(historyFile: string, keys: string[], width = 100) {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (d: Buffer) => (shown += d.toString()));
    const conn = fakeConnection();
    const s = new ShellSession(conn, { format: "table", out: (t) => output.write(t), err: (t) => output.write(t), width: () => width, interactive: true });
    const done = runShellLoop(s, { input, output, interactive: true, historyFile, banner: "banner line\n" });
    let finished = false;
    void done.then(() => (finished = true));
    // Type each key once the shell shows a prompt again (it has finished with the last one).
    const settled = async (before: number) => {
      for (let i = 0; i < 300 && !finished && !(shown.length > before && /(campctl> |   \.\.\.> )$/.test(plain(shown))); i++) await new Promise((r) => setTimeout(r, 10));
    };
    await settled(0);
    for (const k of keys) {
      const before = shown.length;
      input.write(k);
      await settled(before);
    }
    input.end();
    await done;
    return plain(shown);
  }

  it("shows a banner and prompts, writes history per statement, and reloads it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "shell-tty-")), "shell_history");
    const first = await terminal(file, ["SELECT 'hello'\r", "  AS greeting;\r", "EXEC RefreshOAuthAccessToken OAuthRefreshToken = 'secret-value';\r", ".tables\r"]);
    expect(first).toMatch(/^banner line\ncampctl> /);
    expect(first).toContain("   ...> ");
    expect(first).toMatch(/greeting\n────────\nhello\n\(1 row, /);
    expect(readFileSync(file, "utf8")).toBe("SELECT 'hello' AS greeting;\n.tables\n");
    // Up twice: the statement from the file, as one line.
    const second = await terminal(file, ["\x1b[A\x1b[A\r"]);
    expect(second).toMatch(/greeting\n────────\nhello\n/);
    expect(readFileSync(file, "utf8")).toBe("SELECT 'hello' AS greeting;\n.tables\nSELECT 'hello' AS greeting;\n");
  });

  it("clears the input on Ctrl-C and leaves on a second Ctrl-C at an empty prompt", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "shell-tty-")), "shell_history");
    const shown = await terminal(file, ["SELECT 'never'\r", "\x03", "SELECT 'after' AS x;\r", "\x03", "\x03", "SELECT 'too late';\r"], 30);
    expect(shown).toContain("^C");
    expect(shown).not.toContain("never\n");
    expect(shown).toMatch(/x\n─+\nafter\n/);
    expect(shown).toContain("press Ctrl-C again");
    expect(shown).not.toContain("too late\n");
  });
});
