// The heart of `campctl shell`, without a terminal: takes lines, runs statements and dot
// commands (shell-dot-commands.ts), writes what they print. The TTY wrapper (commands/shell.ts)
// feeds it. A script (piped input, or a file given to .read) names the line of each error.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { redact } from "../../http/redact.js";
import type { Connection } from "../../sql/index.js";
import { runStatement } from "../commands/sql.js";
import { exitCodeOf, UsageError } from "./errors.js";
import { columnNames, tableNames } from "./shell-catalog.js";
import { DOT_COMMANDS, dotCommand } from "./shell-dot-commands.js";
import { isBlankSql, splitStatementsAt } from "./shell-input.js";
import { renderRows, type ShellMode } from "./shell-modes.js";

export type ShellConnection = Pick<Connection, "query" | "execute" | "sync" | "db"> & Partial<Pick<Connection, "interrupt">>;

export interface ShellSessionOptions {
  /** The starting `.mode`. */
  format: ShellMode;
  /** Where results go (unless `.output` sends them to a file), and where errors go. */
  out: (text: string) => void;
  err: (text: string) => void;
  /** The width tables fit (asked each time: terminals resize). */
  width?: () => number;
  /** On a terminal: row count and time after results; errors name no line. */
  interactive?: boolean;
  /** -bail: a script stops at its first error (on a terminal, a .read file does). */
  bail?: boolean;
  /** -vv: a stack with errors. */
  verbose?: number;
  /** Each statement or dot command run, for the history. */
  onEntry?: (text: string) => void;
}

export const PROMPT = "campctl> ";
export const CONTINUATION_PROMPT = "   ...> ";

const KEYWORDS = ["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "ORDER", "BY", "GROUP", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT", "INNER", "ON", "AS", "DISTINCT", "COUNT", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "EXEC", "WITH", "CASE", "WHEN", "THEN", "ELSE", "END", "ASC", "DESC", "BETWEEN", "PRAGMA", "EXPLAIN"];

/** Where lines come from: the input itself, or a file being .read (nested ones stack up). */
interface Source {
  /** The file's name as given to .read; none for the input. */
  name?: string;
  /** Whether errors name their line (scripts and files: yes; a person typing: no). */
  numbered: boolean;
  /** Lines read so far. */
  line: number;
  /** An open statement, and the line it starts on. */
  buffer: string;
  bufferLine: number;
}

const MAX_DEPTH = 16;

export class ShellSession {
  /** The `.mode`: table, tsv, csv, json, markdown or line. */
  format: ShellMode;
  /** `.headers on|off`: the header row in table, tsv and csv. */
  headers = true;
  /** `.timer on|off`: "Run Time: real …" after each statement. */
  timer = false;
  /** `.bail on|off` (-bail): stop a script at its first error. */
  bail: boolean;
  /** Set by .quit / .exit, and by an error under bail in a script. */
  done = false;
  /** The exit code of the last failed statement (0 while all succeeded). */
  exitCode = 0;
  /** Called with each statement or dot command run (the history). */
  onEntry?: (text: string) => void;
  private readonly sources: Source[];
  /** An error under bail on a terminal: the .read files being run stop. */
  private stopping = false;
  private output?: { fd: number; name: string };

  constructor(
    readonly conn: ShellConnection,
    private readonly o: ShellSessionOptions,
  ) {
    this.format = o.format;
    this.bail = o.bail ?? false;
    this.onEntry = o.onEntry;
    this.sources = [{ numbered: !o.interactive, line: 0, buffer: "", bufferLine: 0 }];
  }

  /** The prompt for the next line: a continuation one while a statement is open. */
  get prompt(): string {
    return this.source.buffer ? CONTINUATION_PROMPT : PROMPT;
  }

  /** Text of a statement not yet ended by `;`. */
  get pending(): string {
    return this.source.buffer;
  }

  /** The file results go to (`.output FILE`); undefined while they go to the screen. */
  get outputFile(): string | undefined {
    return this.output?.name;
  }

  /** Forget the open statement (Ctrl-C). */
  clear(): void {
    this.source.buffer = "";
  }

  /** Stop the query running now (Ctrl-C while busy); false when none is running. */
  interrupt(): boolean {
    return this.conn.interrupt?.("SIGINT") ?? false;
  }

  /** One line of input: a dot command (at the start of a statement), or SQL. */
  async feed(line: string): Promise<void> {
    if (this.done) return;
    const src = this.source;
    const top = this.sources.length === 1;
    src.line++;
    if (!src.buffer && line.trimStart().startsWith(".")) {
      if (top) this.onEntry?.(line.trim());
      await this.guard(src, src.line, () => dotCommand(this, line.trim()));
    } else {
      if (!src.buffer) src.bufferLine = src.line;
      const text = src.buffer ? `${src.buffer}\n${line}` : line;
      const first = src.bufferLine;
      const lineAt = (at: number) => first + (text.slice(0, at).match(/\n/g)?.length ?? 0);
      const { complete, rest, restAt } = splitStatementsAt(text);
      src.buffer = isBlankSql(rest) ? "" : rest;
      src.bufferLine = lineAt(restAt);
      for (const stmt of complete) {
        if (this.done || this.stopping) break;
        if (top) this.onEntry?.(`${stmt.text};`);
        await this.guard(src, lineAt(stmt.at), () => this.run(stmt.text));
      }
    }
    if (top) this.stopping = false;
  }

  /** End of input: a last statement without `;` still runs; a file from .output is closed. */
  async end(): Promise<void> {
    await this.endSource(this.source);
    this.close();
  }

  /** Send results to a file from now on (`.output FILE`), or back to the screen (no file). */
  setOutput(file?: string): void {
    if (this.output) closeSync(this.output.fd);
    this.output = undefined;
    if (!file) return;
    try {
      this.output = { fd: openSync(resolve(file), "w"), name: file };
    } catch (e) {
      throw new UsageError(`Cannot write to ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  /** Close the .output file, if any (results go to the screen again). */
  close(): void {
    this.setOutput(undefined);
  }

  /** Run the statements and dot commands of a file (.read), as if typed; errors name its lines. */
  async readScript(file: string): Promise<void> {
    if (this.sources.length > MAX_DEPTH) throw new UsageError(`.read ${file}: files read each other more than ${MAX_DEPTH} deep (does one read itself?)`);
    let text: string;
    try {
      text = readFileSync(resolve(file), "utf8");
    } catch (e) {
      throw new UsageError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const src: Source = { name: file, numbered: true, line: 0, buffer: "", bufferLine: 0 };
    this.sources.push(src);
    try {
      const lines = text.split(/\r?\n/);
      if (lines.at(-1) === "") lines.pop();
      for (const l of lines) {
        if (this.done || this.stopping) return;
        await this.feed(l);
      }
      await this.endSource(src);
    } finally {
      this.sources.pop();
    }
  }

  /** Results (and what .tables, .schema show): to the .output file, or the screen. */
  emit(text: string): void {
    if (this.output) writeSync(this.output.fd, text);
    else this.o.out(text);
  }

  /** Messages for the person (help, timings, row counts): always the screen. */
  say(text: string): void {
    this.o.out(text);
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
    const names = new Set<string>([...tableNames(this.conn.db).map((t) => t.name), ...columnNames(this.conn.db), ...KEYWORDS]);
    return [[...names].filter((n) => n.toLowerCase().startsWith(lower)).sort(), word];
  }

  width(): number {
    return Math.max(20, this.o.width?.() ?? 100);
  }

  private get source(): Source {
    return this.sources[this.sources.length - 1];
  }

  private async endSource(src: Source): Promise<void> {
    const rest = src.buffer;
    src.buffer = "";
    if (!this.done && !this.stopping && !isBlankSql(rest)) await this.guard(src, src.bufferLine, () => this.run(rest.trim()));
  }

  private async guard(src: Source, line: number, f: () => Promise<void> | void): Promise<void> {
    try {
      await f();
    } catch (e) {
      this.exitCode = exitCodeOf(e);
      const where = src.numbered ? `${src.name ? `${src.name} ` : ""}line ${line}: ` : "";
      this.o.err(`Error: ${where}${redact((e as Error)?.message ?? String(e))}\n`);
      if ((this.o.verbose ?? 0) >= 2 && e instanceof Error && e.stack) this.o.err(`${redact(e.stack)}\n`);
      if (this.bail) {
        if (this.o.interactive) this.stopping = true;
        else this.done = true;
      }
    }
  }

  private async run(stmt: string): Promise<void> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      const width = this.width();
      const r = await runStatement(this.conn, stmt, this.format === "json" ? "json" : "table", width, (rows) => renderRows(rows, this.format, this.headers, width));
      if (r.text) this.emit(`${r.text}\n`);
      if (this.o.interactive) {
        const secs = ((performance.now() - started) / 1000).toFixed(3);
        this.say(r.read || r.rows ? `(${r.rows} row${r.rows === 1 ? "" : "s"}, ${secs} s)\n` : `(${secs} s)\n`);
      }
    } finally {
      if (this.timer) {
        const used = process.cpuUsage(cpu);
        this.say(`Run Time: real ${((performance.now() - started) / 1000).toFixed(3)} user ${(used.user / 1e6).toFixed(6)} sys ${(used.system / 1e6).toFixed(6)}\n`);
      }
    }
  }
}
