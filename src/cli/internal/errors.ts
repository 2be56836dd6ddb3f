// Exit codes by error kind, and errors printed as one line a person can act on (or JSON with
// --json): what failed and what to do; the HTTP method, path and status only with -v.
import { CommanderError } from "commander";
import { constants } from "node:os";
import { ConfigError } from "../../config/errors.js";
import { AuthError, BasecampError, ConnectionError, ForbiddenError, NotFoundError, RateLimitError, RefusedUrlError, TimeoutError, ValidationError } from "../../http/errors.js";
import { redact } from "../../http/redact.js";

export const EXIT = { ok: 0, usage: 1, notFound: 2, auth: 3, forbidden: 4, rateLimited: 5, network: 6, api: 7, timeout: 8, validation: 9, interrupted: 130 } as const;

/** A mistake in how campctl was called. */
export class UsageError extends Error {
  override name = "UsageError";
}

function kindOf(e: unknown): keyof typeof EXIT {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof CommanderError || e instanceof RefusedUrlError) return "usage";
  if (e instanceof NotFoundError) return "notFound";
  if (e instanceof AuthError) return "auth";
  if (e instanceof ForbiddenError) return "forbidden";
  if (e instanceof RateLimitError) return "rateLimited";
  if (e instanceof ConnectionError || e instanceof TimeoutError) return "network";
  if (e instanceof ValidationError) return "validation";
  const name = (e as Error)?.name;
  if (name === "WriteFailedError") return "validation";
  if (name === "QueryTimeoutError") return "timeout";
  if (name === "QueryInterruptedError") return "interrupted";
  if (name === "SqlError" || name === "StatementRefusedError" || name === "ExecSyntaxError" || name === "WriteValueError") return "usage";
  if (name === "TokenStoreError") return "auth";
  if (e instanceof BasecampError) return "api";
  return "api";
}

export function exitCodeOf(e: unknown): number {
  // An interrupted statement exits the way its signal would: 130 for SIGINT, 143 for SIGTERM.
  const signal = (e as { signal?: unknown })?.signal;
  if (kindOf(e) === "interrupted" && typeof signal === "string" && signal in constants.signals) return 128 + constants.signals[signal as NodeJS.Signals];
  return EXIT[kindOf(e)];
}

/** Print an error the way a person (or, with --json, a program) wants it. */
export function reportError(e: unknown, o: { json: boolean; verbose: number }): number {
  const code = exitCodeOf(e);
  const full = redact((e as Error)?.message ?? String(e));
  if (o.json) {
    const body: Record<string, unknown> = { error: { kind: kindOf(e), message: oneLine(full), exitCode: code } };
    if (e instanceof BasecampError) Object.assign(body.error as object, { status: e.status, method: e.method, path: e.url === undefined ? undefined : pathOf(e.url), requestId: e.requestId });
    if (e instanceof ValidationError) Object.assign(body.error as object, { fieldErrors: e.fieldErrors });
    process.stderr.write(`${JSON.stringify(body)}\n`);
  } else {
    const said = o.verbose > 0 ? withRequestId(full, e) : withoutRequest(full, e);
    process.stderr.write(`campctl: ${oneLine(said)}\n`);
    if (o.verbose >= 2 && e instanceof Error && e.stack) process.stderr.write(`${redact(e.stack)}\n`);
  }
  return code;
}

/** Longest piece of an input (a quoted value, an address, a statement) echoed whole. */
const LONG_PIECE = 80;
/** Longest message printed whole; a longer one keeps its start and its advice at the end. */
const LONG_MESSAGE = 400;

/** `s` on one line, each sentence once, long inputs shortened with a length note. */
export function oneLine(s: string): string {
  let line = s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ")
    .replace(/^(?:(?:Error|campctl):\s*)+/i, "");
  // Pieces: a "quoted" or 'quoted' value (an apostrophe inside a word opens none), else a word.
  line = line.replace(/"(?:[^"\\]|\\.)*"|(?<=^|[\s=(])'(?:[^'\\]|\\.)*'(?=$|[\s.,;:)])|\S+?(?=[.,;:)]*(?:\s|$))/g, (piece) => shorten(piece));
  line = onceEach(line);
  if (line.length <= LONG_MESSAGE) return line;
  const tail = / ([^.]{1,150}\.?)$/.exec(line.slice(-160))?.[1] ?? "";
  const head = line.slice(0, LONG_MESSAGE - tail.length - 40);
  return `${head}… (${line.length} characters) ${tail}`.trimEnd();
}

function shorten(piece: string): string {
  if (piece.length <= LONG_PIECE) return piece;
  const quote = /^["']/.test(piece) ? piece[0] : "";
  return `${quote}${piece.slice(quote.length, quote.length + LONG_PIECE / 2)}…${quote} (${piece.length - quote.length * 2} characters)`;
}

/** Drop a sentence that says again what an earlier one said. */
function onceEach(line: string): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z(])/)) {
    const key = sentence.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    if (key !== "" && seen.has(key)) continue;
    seen.add(key);
    kept.push(sentence);
  }
  return kept.join(" ");
}

/** With -v: the message as the library wrote it (method, path, status), and the request ID. */
function withRequestId(message: string, e: unknown): string {
  if (!(e instanceof BasecampError) || !e.requestId || message.includes(e.requestId)) return message;
  return `${message} (request ${e.requestId})`;
}

/**
 * Without -v: "GET /5000001/todos/9.json answered 404: …" says "to-do 9: …"; a request that got no
 * answer names the host it went to.
 */
function withoutRequest(message: string, e: unknown): string {
  if (!(e instanceof BasecampError) || !e.method || !message.startsWith(`${e.method} `)) return message;
  const rest = message.slice(e.method.length + 1);
  const answered = /^(\S+) answered \d{3}: /.exec(rest);
  if (answered) return `${subjectOf(e.url ?? answered[1])}: ${rest.slice(answered[0].length)}`;
  const refused = /^(\S+) was refused \(\d{3}\)/.exec(rest);
  if (refused) return `${subjectOf(e.url ?? refused[1])} was refused${rest.slice(refused[0].length)}`;
  const answeredBare = /^(\S+) answered \d{3}\.?$/.exec(rest);
  if (answeredBare) return `${subjectOf(e.url ?? answeredBare[1])} failed. Run again with -v to see the request and its answer.`;
  const target = /^(\S+) /.exec(rest);
  if (target) {
    const host = hostOf(target[1]);
    return `The request${host ? ` to ${host}` : ""} ${rest.slice(target[0].length)}`;
  }
  return message;
}

/** Names of the API's collections as a person says them. */
const NOUNS: Record<string, string> = {
  todos: "to-do",
  todolists: "to-do list",
  todosets: "to-do set",
  people: "person",
  projects: "project",
  buckets: "project",
  messages: "message",
  message_boards: "message board",
  chats: "campfire",
  lines: "campfire line",
  comments: "comment",
  webhooks: "webhook",
  recordings: "recording",
  documents: "document",
  uploads: "upload",
  vaults: "folder",
  schedules: "schedule",
  schedule_entries: "schedule entry",
  questionnaires: "check-in",
  questions: "check-in question",
  timesheet_entries: "timesheet entry",
  boosts: "boost",
};

/** "/5000001/buckets/1/todos/999.json" → "to-do 999"; "/5000001/projects.json" → "projects". */
export function subjectOf(url: string): string {
  const parts = pathOf(url)
    .replace(/[?#].*$/, "")
    .replace(/\.json$/, "")
    .split("/")
    .filter(Boolean);
  for (let i = parts.length - 1; i > 0; i--) {
    if (/^\d+$/.test(parts[i]) && /^[a-z_]+$/.test(parts[i - 1])) {
      const noun = NOUNS[parts[i - 1]] ?? parts[i - 1].replace(/_/g, " ").replace(/s$/, "");
      return `${noun} ${parts[i]}${i < parts.length - 1 ? ` (${parts.slice(i + 1).join("/").replace(/_/g, " ")})` : ""}`;
    }
  }
  const last = parts.at(-1);
  return last && !/^\d+$/.test(last) ? last.replace(/_/g, " ") : "the request";
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
