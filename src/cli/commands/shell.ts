// `campctl shell`: an interactive SQL prompt (history, multi-line input, dot commands, tables
// that fit the terminal). Piped input runs as a script: no banner, no prompts, just results;
// errors name their line, and -bail stops at the first one.
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { PACKAGE } from "../../config/internal/package-info.js";
import { dataDirectory, type Connection } from "../../sql/index.js";
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { appendHistory, historyEntry, HISTORY_LIMIT, loadHistory, looksSecret } from "../internal/shell-input.js";
import { SHELL_MODES, type ShellMode } from "../internal/shell-modes.js";
import { defaultFormat } from "../internal/output.js";
import { ShellSession } from "../internal/shell-session.js";
import { connectionExtras, formatOf } from "./sql.js";

export interface ShellOptions {
  offline?: boolean;
  maxAge?: string;
  format?: string;
  /** -bail: a script stops at its first error. */
  bail?: boolean;
}

export interface ShellIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal: prompts, banner, history, Ctrl-C handling. */
  interactive: boolean;
  /** Loaded at start and appended to (interactive only). */
  historyFile?: string;
  banner?: string;
}

export async function runShell(o: ShellOptions, g: GlobalOptions): Promise<void> {
  // --format takes the shell's modes too (tsv, line).
  const mode = (o.format ?? g.format)?.toLowerCase() as ShellMode | undefined;
  // Like every command: a table on a terminal, tab-separated values in a pipe or a file.
  const format = mode && SHELL_MODES.includes(mode) ? mode : formatOf(o, g, defaultFormat());
  const conn = await openConnection(g, connectionExtras(o));
  try {
    const interactive = process.stdin.isTTY === true;
    const session = new ShellSession(conn, {
      format,
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      width: () => process.stdout.columns || 100,
      interactive,
      bail: o.bail,
      verbose: g.verbose,
    });
    await runShellLoop(session, {
      input: process.stdin,
      output: process.stdout,
      interactive,
      historyFile: join(dataDirectory(), "shell_history"),
      banner: interactive ? banner(conn) : undefined,
    });
    if (!interactive) process.exitCode = session.exitCode;
  } finally {
    await conn.close();
  }
}

function banner(conn: Connection): string {
  const v2 = conn.schema === "V2";
  const account = v2 ? /(\d+)\/api\/v1\/?$/.exec(conn.bc2.road.accountBase)?.[1] : /(\d+)\/?$/.exec(conn.client.accountBase)?.[1];
  const where = [account ? `Basecamp ${v2 ? "2 " : ""}account ${account}` : "Basecamp", conn.settings.sandbox ? "(sandbox)" : "", conn.settings.offline ? "· offline" : ""].filter(Boolean).join(" ");
  return `campctl ${PACKAGE.version} shell · ${where}\nEnd statements with ";". ".help" for help, ".quit" or Ctrl-D to leave.\n`;
}

/** Feed the session from a stream, line by line, with a readline prompt on a terminal. */
export async function runShellLoop(session: ShellSession, io: ShellIo): Promise<void> {
  const { interactive, output } = io;
  let rl: Interface;
  if (interactive) {
    const saved = io.historyFile ? loadHistory(io.historyFile) : [];
    rl = createInterface({
      input: io.input,
      output,
      terminal: true,
      history: saved.slice().reverse(),
      historySize: HISTORY_LIMIT,
      removeHistoryDuplicates: true,
      prompt: session.prompt,
      completer: (line: string) => session.complete(line),
    });
    const file = io.historyFile;
    if (file) session.onEntry = (text) => appendHistory(file, text);
    if (io.banner) output.write(io.banner);
  } else {
    rl = createInterface({ input: io.input, terminal: false, crlfDelay: Infinity });
  }

  let busy = false;
  let armed = false; // a Ctrl-C on an empty line: the next one leaves
  const ask = () => {
    if (!interactive) return;
    rl.setPrompt(session.prompt);
    rl.prompt();
  };
  rl.on("SIGINT", () => {
    if (busy && session.interrupt()) return; // the statement ends with an error; the prompt comes back
    if (busy) {
      if (armed) process.exit(130);
      armed = true;
      output.write("\n(still running; press Ctrl-C again to quit)\n");
      return;
    }
    if (rl.line || session.pending) {
      armed = false;
      session.clear();
      output.write("^C\n");
      rl.write(null, { ctrl: true, name: "e" });
      rl.write(null, { ctrl: true, name: "u" });
      ask();
      return;
    }
    if (armed) {
      rl.close();
      return;
    }
    armed = true;
    output.write("\n(press Ctrl-C again, or Ctrl-D, or type .quit to leave)\n");
    ask();
  });

  const typed: string[] = []; // the lines of the statement being entered, for the history
  ask();
  for await (const line of rl) {
    armed = false;
    busy = true;
    try {
      await session.feed(line);
    } finally {
      busy = false;
    }
    if (interactive) {
      typed.push(line);
      if (!session.pending) {
        tidyHistory(rl, typed);
        typed.length = 0;
      }
    }
    if (session.done) break;
    ask();
  }
  if (!interactive) await session.end();
  else if (!session.done) output.write("\n");
  session.close();
  rl.close();
}

/**
 * Readline keeps each typed line; make a multi-line statement one entry (as in the file), and
 * drop what looks secret.
 */
function tidyHistory(rl: Interface, typed: string[]): void {
  const history = (rl as unknown as { history?: string[] }).history;
  if (!Array.isArray(history)) return;
  const lines = typed.filter((l) => l.trim() !== "").reverse();
  if (lines.length === 0 || !lines.every((l, i) => history[i] === l)) return;
  const entry = historyEntry(typed.join("\n"));
  if (lines.length === 1 && !looksSecret(entry)) return;
  history.splice(0, lines.length, ...(entry && !looksSecret(entry) ? [entry] : []));
}
