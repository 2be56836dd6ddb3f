// The shell's dot commands (sqlite3's names where they exist): .tables, .schema, .mode,
// .headers, .output, .read, .timer, .bail, .sync, .help, .quit.
import { closestKey } from "../../config/suggest.js";
import { UsageError } from "./errors.js";
import { schemaText, tablesText } from "./shell-catalog.js";
import { dotWords, onOff, SHELL_MODES, type ShellMode } from "./shell-modes.js";
import type { ShellSession } from "./shell-session.js";

export const HELP = `Enter SQL statements ending with ";" (they may span lines). Dot commands:
  .help                    this help
  .tables [text]           tables and views (those whose name contains text)
  .schema TABLE            columns and types of TABLE (and which ones INSERT/UPDATE may set)
  .mode [MODE]             show or set the output: table, tsv, csv, json, markdown or line (.format too)
  .headers on|off          the header row in table, tsv and csv (default on)
  .output [FILE]           send results to FILE (replaced); .output alone: back to the screen
  .read FILE               run the statements and dot commands in FILE
  .timer on|off            print "Run Time: real …" (seconds) after each statement
  .bail on|off             stop a script at its first error (campctl shell -bail)
  .sync [TABLE ...]        sync these tables now (default: all)
  .quit, .exit             leave (Ctrl-D too)
Ctrl-C stops a running query, or clears the current input; Ctrl-C on an empty line twice leaves.
Reads sync tables older than --max-age first; --offline never syncs. EXEC runs procedures (SELECT * FROM sys_procedures).
Piped input runs as a script: an error names its line, the exit code is non-zero if any failed.`;

export const DOT_COMMANDS = [".help", ".tables", ".schema", ".mode", ".format", ".headers", ".output", ".read", ".timer", ".bail", ".sync", ".quit", ".exit"];

/** Run one dot command line (as typed: ".mode csv"); errors are UsageErrors. */
export async function dotCommand(s: ShellSession, line: string): Promise<void> {
  const [typed, ...args] = dotWords(line.replace(/;+\s*$/, ""));
  const cmd = typed.toLowerCase();
  switch (cmd) {
    case ".help":
      s.say(`${HELP}\n`);
      return;
    case ".quit":
    case ".exit":
      s.done = true;
      return;
    case ".tables":
      s.emit(`${tablesText(s.conn.db, s.width(), args[0])}\n`);
      return;
    case ".schema":
      if (!args[0]) throw new UsageError("Usage: .schema TABLE (.tables lists them)");
      s.emit(`${schemaText(s.conn.db, s.width(), args[0])}\n`);
      return;
    case ".format":
    case ".mode": {
      if (!args[0]) {
        s.say(`${s.format}\n`);
        return;
      }
      const mode = args[0].toLowerCase() as ShellMode;
      if (!SHELL_MODES.includes(mode)) throw new UsageError(`${typed} takes one of ${SHELL_MODES.join(", ")}; got ${JSON.stringify(args[0])}`);
      s.format = mode;
      return;
    }
    case ".headers":
    case ".header":
      s.headers = toggle(".headers", args, s.headers, (v) => s.say(`headers: ${v ? "on" : "off"}\n`));
      return;
    case ".timer":
      s.timer = toggle(".timer", args, s.timer, (v) => s.say(`timer: ${v ? "on" : "off"}\n`));
      return;
    case ".bail":
      s.bail = toggle(".bail", args, s.bail, (v) => s.say(`bail: ${v ? "on" : "off"}\n`));
      return;
    case ".output":
      if (args.length > 1) throw new UsageError('Usage: .output [FILE] (quote a name with spaces: .output "my results.csv")');
      s.setOutput(args[0] === undefined || args[0] === "stdout" ? undefined : args[0]);
      return;
    case ".read":
      if (args.length !== 1) throw new UsageError('Usage: .read FILE (quote a name with spaces: .read "my script.sql")');
      await s.readScript(args[0]);
      return;
    case ".sync": {
      const started = Date.now();
      const summary = await s.conn.sync(args.length ? args : undefined);
      const rows = Object.values(summary);
      const total = rows.reduce((a, x) => a + x.upserted, 0);
      const requests = rows.reduce((a, x) => a + x.requests, 0);
      s.say(`Synced ${rows.length} table${rows.length === 1 ? "" : "s"}: ${total} rows, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return;
    }
    default: {
      const near = closestKey(typed, DOT_COMMANDS);
      throw new UsageError(`Unknown command ${typed}${near ? `; did you mean ${near}?` : ""} (.help lists them)`);
    }
  }
}

/** An on/off setting: shown when no word is given, else set (anything but on/off is an error). */
function toggle(name: string, args: string[], now: boolean, show: (v: boolean) => void): boolean {
  if (args.length === 0) {
    show(now);
    return now;
  }
  const v = onOff(args[0]);
  if (v === undefined || args.length > 1) throw new UsageError(`Usage: ${name} on|off; got ${JSON.stringify(args.join(" "))}`);
  return v;
}
