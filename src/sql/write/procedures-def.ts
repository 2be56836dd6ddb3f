// The procedures EXEC / CALL offers: names, descriptions and parameters (these rows fill
// sys_procedures), checked against the arguments a call gives.
import { editDistance } from "../../config/suggest.js";
import { ExecSyntaxError, type ExecValue, type ParsedArg } from "./exec-parse.js";

export type ParamType = "string" | "integer" | "boolean";

export interface ParamInfo {
  name: string;
  type: ParamType;
  required: boolean;
  description: string;
}

export interface ProcedureInfo {
  name: string;
  description: string;
  parameters: ParamInfo[];
  /** Columns of the rows it returns. */
  results: string[];
}

const p = (name: string, type: ParamType, required: boolean, description: string): ParamInfo => ({ name, type, required, description });
const ID = (what: string) => p("Id", "integer", true, `The ${what}'s ID.`);
const DONE = ["Success", "Id"];
const TOKENS = ["OAuthAccessToken", "OAuthRefreshToken", "ExpiresIn"];

export const PROCEDURES: readonly ProcedureInfo[] = [
  {
    name: "GetOAuthAuthorizationURL",
    description: "The Launchpad URL to send a person to, to authorize the app (web flow step 1).",
    parameters: [p("CallbackURL", "string", true, "The app's redirect URI (registered with the app)."), p("State", "string", false, "Opaque value echoed back to the callback (CSRF protection).")],
    results: ["URL"],
  },
  {
    name: "GetOAuthAccessToken",
    description: "Trade the verifier (the code from the callback, or the whole callback URL) for tokens (web flow step 2).",
    parameters: [p("Verifier", "string", true, "The `code` from the callback, or the callback URL."), p("CallbackURL", "string", true, "The same redirect URI as in step 1."), p("State", "string", false, "The state sent in step 1; checked against the callback URL's.")],
    results: TOKENS,
  },
  {
    name: "RefreshOAuthAccessToken",
    description: "Get a new access token with a refresh token.",
    parameters: [p("OAuthRefreshToken", "string", true, "The refresh token.")],
    results: TOKENS,
  },
  { name: "CompleteToDo", description: "Mark a to-do completed.", parameters: [ID("to-do")], results: DONE },
  { name: "UncompleteToDo", description: "Mark a completed to-do pending again.", parameters: [ID("to-do")], results: DONE },
  {
    name: "MoveCard",
    description: "Move a card to a column (a Done column completes it).",
    parameters: [ID("card"), p("ColumnId", "integer", true, "The column to move it to."), p("Position", "integer", false, "1-based position in the column (default 1, the top).")],
    results: DONE,
  },
  {
    name: "MoveColumn",
    description: "Move a column to another position of its card table.",
    parameters: [ID("column"), p("CardTableId", "integer", true, "The card table."), p("Position", "integer", false, "1-based position among the normal columns (default 1).")],
    results: DONE,
  },
  {
    name: "ChangeColumnColor",
    description: "Set a column's colour: white, red, orange, yellow, green, blue, aqua, purple, gray, pink or brown.",
    parameters: [ID("column"), p("Color", "string", true, "The colour name.")],
    results: DONE,
  },
  { name: "WatchColumn", description: "Watch a column (get notified about its cards).", parameters: [ID("column")], results: DONE },
  { name: "UnWatchColumn", description: "Stop watching a column.", parameters: [ID("column")], results: DONE },
  { name: "CreateOnHoldSectionColumn", description: "Add an on-hold section to a column.", parameters: [ID("column")], results: DONE },
  { name: "RemoveOnHoldSectionColumn", description: "Remove a column's on-hold section.", parameters: [ID("column")], results: DONE },
  { name: "TrashRecording", description: "Move a recording (to-do, message, comment, document, card, …) or a project to the trash.", parameters: [ID("recording")], results: DONE },
  { name: "ArchiveRecording", description: "Archive a recording or a project.", parameters: [ID("recording")], results: DONE },
  { name: "UnarchiveRecording", description: "Make an archived or trashed recording (or project) active again.", parameters: [ID("recording")], results: DONE },
  {
    name: "CreateTimesheetEntry",
    description: "Log time on a to-do, message, card, document, upload or schedule entry (through the outbox, like INSERT INTO TimesheetEntries).",
    parameters: [
      p("RecordingId", "integer", true, "What the time was spent on."),
      p("Date", "string", true, "The day worked (YYYY-MM-DD)."),
      p("Hours", "string", true, "A decimal (1.5) or hours and minutes ('1:30')."),
      p("Description", "string", false, "What was done."),
      p("PersonId", "integer", false, "Whose time it is (default: you)."),
    ],
    results: DONE,
  },
  {
    name: "UpdateTimesheetEntry",
    description: "Change a timesheet entry's day, hours, description or person (through the outbox, like UPDATE TimesheetEntries).",
    parameters: [ID("timesheet entry"), p("Date", "string", false, "The day worked (YYYY-MM-DD)."), p("Hours", "string", false, "A decimal (1.5) or hours and minutes ('1:30')."), p("Description", "string", false, "What was done."), p("PersonId", "integer", false, "Whose time it is.")],
    results: DONE,
  },
  { name: "DeleteTimesheetEntry", description: "Delete a timesheet entry (through the outbox, like DELETE FROM TimesheetEntries).", parameters: [ID("timesheet entry")], results: DONE },
  {
    name: "Boost",
    description: "Boost a recording (to-do, message, comment, card, …) with a short reaction (through the outbox, like INSERT INTO Boosts).",
    parameters: [p("RecordingId", "integer", true, "The recording to boost."), p("Content", "string", true, "Up to 16 characters; an emoji is fine.")],
    results: DONE,
  },
  { name: "DeleteBoost", description: "Remove a boost (yours, or any as an admin; through the outbox, like DELETE FROM Boosts).", parameters: [ID("boost")], results: DONE },
  {
    name: "RetryOutboxEntry",
    description: "Send a failed write from sys_outbox again, now (fix what its error names first).",
    parameters: [ID("outbox entry")],
    results: ["Success", "Id", "State", "Error"],
  },
  { name: "DiscardOutboxEntry", description: "Drop a pending or failed write from sys_outbox: it will not be sent.", parameters: [ID("outbox entry")], results: DONE },
];


/** Up to three names closest to `name` (case-insensitive). */
export function closest(name: string, names: readonly string[]): string[] {
  const n = name.toLowerCase();
  return names
    .map((x) => ({ x, d: x.toLowerCase().includes(n) || n.includes(x.toLowerCase()) ? 0 : editDistance(n, x.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((e) => e.x);
}

export function procedureByName(name: string): ProcedureInfo {
  const found = PROCEDURES.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!found) {
    throw new ExecSyntaxError(`Unknown procedure ${name}. Did you mean ${closest(name, PROCEDURES.map((x) => x.name)).join(", ")}? SELECT * FROM sys_procedures lists them all.`);
  }
  return found;
}

function coerce(proc: ProcedureInfo, param: ParamInfo, v: ExecValue): ExecValue {
  if (v === null) return null;
  const where = `${proc.name}: ${param.name}`;
  if (param.type === "integer") {
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "bigint") return v;
    if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) return Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v.trim());
    throw new ExecSyntaxError(`${where} must be a whole number; got ${JSON.stringify(String(v))}.`);
  }
  if (param.type === "boolean") return typeof v === "boolean" ? v : Boolean(Number(v));
  return typeof v === "string" ? v : String(v);
}

/** Arguments by parameter name, checked: unknown, repeated and missing ones are errors naming them. */
export function bindArgs(proc: ProcedureInfo, args: readonly ParsedArg[] | Record<string, unknown>): Record<string, ExecValue> {
  const list: ParsedArg[] = Array.isArray(args) ? (args as ParsedArg[]) : Object.entries(args).map(([name, value]) => ({ name, value: value as ExecValue }));
  const out: Record<string, ExecValue> = {};
  const sig = `${proc.name}(${proc.parameters.map((x) => (x.required ? x.name : `${x.name}?`)).join(", ")})`;
  const extra: string[] = [];
  list.forEach((a, i) => {
    const param = a.name === undefined ? proc.parameters[i] : proc.parameters.find((x) => x.name.toLowerCase() === a.name!.toLowerCase());
    if (!param) {
      extra.push(a.name ?? `argument ${i + 1}`);
      return;
    }
    if (param.name in out) throw new ExecSyntaxError(`${proc.name}: ${param.name} is given twice. Signature: ${sig}.`);
    out[param.name] = coerce(proc, param, a.value);
  });
  if (extra.length) throw new ExecSyntaxError(`${proc.name} has no parameter ${extra.join(", ")}. Signature: ${sig}.`);
  const missing = proc.parameters.filter((x) => x.required && (out[x.name] === undefined || out[x.name] === null)).map((x) => x.name);
  if (missing.length) throw new ExecSyntaxError(`${proc.name} needs ${missing.join(" and ")}. Signature: ${sig}.`);
  return out;
}
