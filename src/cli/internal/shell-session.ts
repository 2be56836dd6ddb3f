// The heart of `campctl shell`, without a terminal: takes lines, runs statements and dot
// commands, writes what they print. The TTY wrapper (commands/shell.ts) feeds it.
import { closestKey } from "../../config/suggest.js";
import { redact } from "../../http/redact.js";
import type { Connection } from "../../sql/index.js";
import { runStatement } from "../commands/sql.js";
import { exitCodeOf, UsageError } from "./errors.js";
import { FORMATS, type Format } from "./output.js";
import { isBlankSql, splitStatements } from "./shell-input.js";
import { formatTable } from "./table.js";

export type ShellConnection = Pick<Connection, "query" | "execute" | "sync" | "db"> & Partial<Pick<Connection, "interrupt">>;

export interface ShellSessionOptions {
  format: Format;
  /** Where results go, and where errors go. */
  out: (text: string) => void;
  err: (text: string) => void;
  /** The width tables fit (asked each time: terminals resize). */
  width?: () => number;
  /** On a terminal: row count and time after results. */
  interactive?: boolean;
  /** -vv: a stack with errors. */
  verbose?: number;
  /** Each statement or dot command run, for the history. */
  onEntry?: (text: string) => void;
}

export const PROMPT = "campctl> ";
export const CONTINUATION_PROMPT = "   ...> ";

const HELP = `Enter SQL statements ending with ";" (they may span lines). Dot commands:
  .help                    this help
  .tables [text]           tables and views (those whose name contains text)
  .schema TABLE            columns and types of TABLE (and which ones INSERT/UPDATE may set)
  .format [FORMAT]         show or set the output: table, json, csv or markdown (.mode too)
  .sync [TABLE ...]        sync these tables now (default: all)
  .quit, .exit             leave (Ctrl-D too)
Ctrl-C stops a running query, or clears the current input; Ctrl-C on an empty line twice leaves.
Reads sync tables older than --max-age first; --offline never syncs. EXEC runs procedures (SELECT * FROM sys_procedures).`;

const DOT_COMMANDS = [".help", ".tables", ".schema", ".format", ".mode", ".sync", ".quit", ".exit"];
const KEYWORDS = ["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "ORDER", "BY", "GROUP", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT", "INNER", "ON", "AS", "DISTINCT", "COUNT", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "EXEC", "WITH", "CASE", "WHEN", "THEN", "ELSE", "END", "ASC", "DESC", "BETWEEN", "PRAGMA", "EXPLAIN"];

export class ShellSession {
  format: Format;
  /** Set by .quit / .exit. */
  done = false;
  /** The exit code of the last failed statement (0 while all succeeded). */
  exitCode = 0;
  /** Called with each statement or dot command run (the history). */
  onEntry?: (text: string) => void;
  private buffer = "";

  constructor(
    private readonly conn: ShellConnection,
    private readonly o: ShellSessionOptions,
  ) {
    this.format = o.format;
    this.onEntry = o.onEntry;
  }

  /** The prompt for the next line: a continuation one while a statement is open. */
  get prompt(): string {
    return this.buffer ? CONTINUATION_PROMPT : PROMPT;
  }

  /** Text of a statement not yet ended by `;`. */
  get pending(): string {
    return this.buffer;
  }

  /** Forget the open statement (Ctrl-C). */
  clear(): void {
    this.buffer = "";
  }

  /** Stop the query running now (Ctrl-C while busy); false when none is running. */
  interrupt(): boolean {
    return this.conn.interrupt?.("SIGINT") ?? false;
  }

  /** One line of input: a dot command (at the start of a statement), or SQL. */
  async feed(line: string): Promise<void> {
    if (this.done) return;
    if (!this.buffer && line.trimStart().startsWith(".")) {
      this.onEntry?.(line.trim());
      await this.guard(() => this.dot(line.trim()));
      return;
    }
    const text = this.buffer ? `${this.buffer}\n${line}` : line;
    const { complete, rest } = splitStatements(text);
    this.buffer = isBlankSql(rest) ? "" : rest;
    for (const stmt of complete) {
      if (this.done) break;
      this.onEntry?.(`${stmt};`);
      await this.guard(() => this.run(stmt));
    }
  }

  /** End of input: a last statement without `;` still runs. */
  async end(): Promise<void> {
    const rest = this.buffer;
    this.buffer = "";
    if (!this.done && !isBlankSql(rest)) await this.guard(() => this.run(rest.trim()));
  }

  /** Readline completion: dot commands, table and column names, keywords. */
  complete(line: string): [string[], string] {
    if (/^\s*\.\w*$/.test(line)) {
      const word = line.trim();
      return [DOT_COMMANDS.filter((c) => c.startsWith(word.toLowerCase())), word];
    }
    const word = /[\w.]*$/.exec(line)?.[0] ?? "";
    if (!word) return [[], word];
    const lower = word.toLowerCase();
    const names = new Set<string>([...this.tableNames().map((t) => t.name), ...this.columnNames(), ...KEYWORDS]);
    return [[...names].filter((n) => n.toLowerCase().startsWith(lower)).sort(), word];
  }

  private width(): number {
    return Math.max(20, this.o.width?.() ?? 100);
  }

  private async guard(f: () => Promise<void> | void): Promise<void> {
    try {
      await f();
    } catch (e) {
      this.exitCode = exitCodeOf(e);
      this.o.err(`Error: ${redact((e as Error)?.message ?? String(e))}\n`);
      if ((this.o.verbose ?? 0) >= 2 && e instanceof Error && e.stack) this.o.err(`${redact(e.stack)}\n`);
    }
  }

  private async run(stmt: string): Promise<void> {
    const started = performance.now();
    const r = await runStatement(this.conn, stmt, this.format, this.width());
    if (r.text) this.o.out(`${r.text}\n`);
    if (this.o.interactive) {
      const secs = ((performance.now() - started) / 1000).toFixed(3);
      this.o.out(r.read || r.rows ? `(${r.rows} row${r.rows === 1 ? "" : "s"}, ${secs} s)\n` : `(${secs} s)\n`);
    }
  }

  private async dot(line: string): Promise<void> {
    const [cmd, ...args] = line.replace(/;+$/, "").trim().split(/\s+/);
    switch (cmd.toLowerCase()) {
      case ".help":
        this.o.out(`${HELP}\n`);
        return;
      case ".quit":
      case ".exit":
        this.done = true;
        return;
      case ".tables":
        this.o.out(`${this.tablesText(args[0])}\n`);
        return;
      case ".schema":
        if (!args[0]) throw new UsageError("Usage: .schema TABLE (.tables lists them)");
        this.o.out(`${this.schemaText(args[0])}\n`);
        return;
      case ".format":
      case ".mode": {
        if (!args[0]) {
          this.o.out(`${this.format}\n`);
          return;
        }
        const f = args[0].toLowerCase() as Format;
        if (!FORMATS.includes(f)) throw new UsageError(`${cmd} takes one of ${FORMATS.join(", ")}; got ${JSON.stringify(args[0])}`);
        this.format = f;
        return;
      }
      case ".sync": {
        const started = Date.now();
        const summary = await this.conn.sync(args.length ? args : undefined);
        const rows = Object.values(summary);
        const total = rows.reduce((a, s) => a + s.upserted, 0);
        const requests = rows.reduce((a, s) => a + s.requests, 0);
        this.o.out(`Synced ${rows.length} table${rows.length === 1 ? "" : "s"}: ${total} rows, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        return;
      }
      default: {
        const near = closestKey(cmd, DOT_COMMANDS);
        throw new UsageError(`Unknown command ${cmd}${near ? `; did you mean ${near}?` : ""} (.help lists them)`);
      }
    }
  }

  /** Every table and view a person may query, with what kind it is. */
  private tableNames(): Array<{ name: string; kind: "writable" | "readonly" | "system" | "other" }> {
    const db = this.conn.db;
    const all = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'bc\\_%' ESCAPE '\\' ORDER BY name COLLATE NOCASE").all() as Array<{ name: string }>;
    const known = new Map<string, boolean>();
    if (all.some((t) => t.name === "sys_tables")) {
      for (const r of db.prepare("SELECT TableName, Writable FROM sys_tables").all() as Array<{ TableName: string; Writable: number | bigint }>) known.set(r.TableName, Number(r.Writable) === 1);
    }
    return all.map(({ name }) => ({ name, kind: known.has(name) ? (known.get(name) ? "writable" : "readonly") : name.startsWith("sys_") ? "system" : "other" }));
  }

  private columnNames(): string[] {
    try {
      return (this.conn.db.prepare("SELECT DISTINCT ColumnName FROM sys_tablecolumns").all() as Array<{ ColumnName: string }>).map((r) => r.ColumnName);
    } catch {
      return [];
    }
  }

  private tablesText(filter?: string): string {
    const names = this.tableNames().filter((t) => !filter || t.name.toLowerCase().includes(filter.toLowerCase()));
    if (names.length === 0) return filter ? `(no tables match ${JSON.stringify(filter)})` : "(no tables)";
    const groups: Array<[string, string]> = [
      ["writable", "Basecamp tables, writable (INSERT, UPDATE, DELETE):"],
      ["readonly", "Basecamp tables, read-only:"],
      ["system", "System tables:"],
      ["other", "Other tables:"],
    ];
    const out: string[] = [];
    for (const [kind, title] of groups) {
      const these = names.filter((t) => t.kind === kind).map((t) => t.name);
      if (these.length) out.push(title, columns(these, this.width()), "");
    }
    return out.join("\n").trimEnd();
  }

  private schemaText(name: string): string {
    const db = this.conn.db;
    const wanted = name.replace(/^["[`]|["\]`]$/g, "");
    const tables = this.tableNames();
    const match = tables.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
    if (!match) {
      const near = closestKey(wanted, tables.map((t) => t.name));
      throw new UsageError(`No table named ${wanted}${near ? `. Did you mean ${near}?` : ""} (.tables lists them)`);
    }
    const described = match.kind === "writable" || match.kind === "readonly";
    if (described) {
      const info = db.prepare("SELECT Description FROM sys_tables WHERE TableName = ?").get(match.name) as { Description: string | null } | undefined;
      const cols = db.prepare("SELECT ColumnName, DataType, Writable, ServerFilter, Description FROM sys_tablecolumns WHERE TableName = ? ORDER BY Position").all(match.name) as Array<{ ColumnName: string; DataType: string; Writable: number; ServerFilter: number; Description: string | null }>;
      const rows = cols.map((c) => ({ Column: c.ColumnName, Type: c.DataType, Writable: Number(c.Writable) ? "yes" : "", Filter: Number(c.ServerFilter) ? "server" : "", Description: c.Description ?? "" }));
      const head = `${match.name}${info?.Description ? `: ${info.Description}` : ""}`;
      const filter = 'Filter "server": a WHERE on it narrows what is synced.';
      const foot = match.kind === "writable" ? `Writable "yes": INSERT and UPDATE may set it. ${filter}` : `Read-only. ${filter}`;
      return [head, "", formatTable(rows, this.width()), "", foot].join("\n");
    }
    const cols = db.prepare(`PRAGMA table_info("${match.name.replace(/"/g, '""')}")`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
    return [match.name, "", formatTable(cols.map((c) => ({ Column: c.name, Type: c.type || "", Key: c.pk ? "primary" : "" })), this.width())].join("\n");
  }
}

/** Names laid out in columns (down, then across) that fit the width, like sqlite3's .tables. */
function columns(names: string[], width: number): string {
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  const rows = Math.ceil(names.length / perRow);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c * rows + r < names.length; c++) cells.push(names[c * rows + r].padEnd(w));
    out.push(`  ${cells.join("").trimEnd()}`);
  }
  return out.join("\n");
}
