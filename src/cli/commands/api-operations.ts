// `campctl api <Operation> [name=value …]` and `campctl api --operations [filter]`: any of the
// reference's 250 operations by name (src/api/generated/operations.ts), with path parameters as
// name=value (IDs or Basecamp URLs), lists read to the end (or one --page), and a misspelled
// name answered with the closest ones.
import { OPERATIONS, type OperationId } from "../../api/operation.js";
import { PARAM_KINDS } from "../../api/internal/kinds.js";
import type { IdLike } from "../../api/ids.js";
import type { QueryValue } from "../../http/road.js";
import { editDistance } from "../../config/suggest.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { chooseFormat, toJson } from "../internal/output.js";
import { collect, idArg, print, withClient } from "./shared.js";

interface OpSpec {
  method: string;
  path: string;
  pathParams: readonly string[];
  query: readonly string[];
  body: string | null;
  bodyRequired: boolean;
  returns: string;
  paged: boolean;
  tag?: string;
}

const TABLE = OPERATIONS as unknown as Record<string, OpSpec>;
export const OPERATION_NAMES = Object.keys(TABLE) as OperationId[];

/** The operation named `name` exactly, or in another case ("gettodo"); undefined if none. */
export function findOperation(name: string): OperationId | undefined {
  if (Object.prototype.hasOwnProperty.call(TABLE, name)) return name as OperationId;
  const lower = name.toLowerCase();
  return OPERATION_NAMES.find((n) => n.toLowerCase() === lower);
}

/** "ListRecordingBoosts" → ["list", "recording", "boosts"]. */
const wordsOf = (name: string): string[] => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s_-]+/).filter(Boolean);

/** Verbs people use for the same thing (GetTodos → ListTodos, DeleteTimesheetEntry → DestroyTimesheetEntry). */
const VERBS = [["get", "list", "show", "read"], ["delete", "destroy", "remove", "trash"], ["create", "add", "new", "post"], ["update", "edit", "change", "set"]];

/** Two words that mean the same here: equal, one the other's start ("todo", "todos"), one letter apart, or verbs alike. */
function sameWord(a: string, b: string): boolean {
  if (a === b || (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a))) || (a.length >= 4 && editDistance(a, b) <= 1)) return true;
  return VERBS.some((group) => group.includes(a) && group.includes(b));
}

/**
 * Up to `max` operation names closest to `name`: near spellings first (GetTodos → GetTodo), then
 * names with each of its words (CreateBoost → CreateRecordingBoost, GetTodos → ListTodos), then
 * names that hold it (Timesheet → GetTimesheetEntry …), then other near spellings.
 */
export function closestOperations(name: string, max = 5, among: readonly string[] = OPERATION_NAMES): string[] {
  const q = name.toLowerCase();
  const qw = wordsOf(name);
  const limit = Math.max(3, Math.floor(q.length / 3));
  const scored = among.map((n) => {
    const l = n.toLowerCase();
    const d = editDistance(q, l);
    const cw = wordsOf(n);
    const matched = qw.filter((w) => cw.some((c) => sameWord(w, c))).length;
    const tier = d <= 2 ? 0 : qw.length > 1 && matched === qw.length ? 1 : q.length >= 4 && l.includes(q) ? 2 : d <= limit ? 3 : 4;
    return { n, tier, d, extra: cw.length - matched };
  });
  return scored
    .filter((s) => s.tier < 4)
    .sort((a, b) => a.tier - b.tier || a.extra - b.extra || a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, max)
    .map((s) => s.n);
}

/** `among`: the names to suggest from (default: Basecamp 4's operations). */
export function unknownOperation(name: string, among: readonly string[] = OPERATION_NAMES): UsageError {
  const near = closestOperations(name, 5, among);
  const hint = near.length ? ` Did you mean ${near.join(", ")}?` : "";
  return new UsageError(`Unknown operation ${JSON.stringify(name)}.${hint} campctl api --operations [word] lists them (or campctl api GET /path for a raw call).`);
}

/** `campctl api --operations [filter]`: name, method and path of each operation the words match. */
export function runOperationsList(filter: string | undefined, g: GlobalOptions): void {
  const words = (filter ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const names = OPERATION_NAMES.filter((n) => {
    const s = TABLE[n];
    const text = `${n} ${s.method} ${s.path} ${s.tag ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  if (names.length === 0) throw new UsageError(`No operation matches ${JSON.stringify(filter)}; campctl api --operations lists all ${OPERATION_NAMES.length}.`);
  const records = names.map((name) => ({ name, ...TABLE[name] }));
  const rows = names.map((name) => ({ name, method: TABLE[name].method, path: TABLE[name].path }));
  print(g, chooseFormat(g) === "json" ? records : rows, rows);
}

/** A path value checked up front: an ID or a Basecamp URL of the right kind; a date as YYYY-MM-DD. */
function pathValue(op: string, name: string, value: string): IdLike {
  if (name === "date") {
    if (!/^\d{4}-?\d{2}-?\d{2}$/.test(value.trim())) throw new UsageError(`${op}'s date takes YYYY-MM-DD; got ${JSON.stringify(value)}`);
    return value.trim();
  }
  try {
    return idArg(value, PARAM_KINDS[name] ?? [], name.replace(/Id$/, "") || name);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${op} ${name}: ${e.message}`);
    throw e;
  }
}

export interface OperationCall {
  op: OperationId;
  path: Record<string, IdLike>;
  query: Record<string, QueryValue>;
}

/** The operation's parameters from `name=value` words (bare values fill path parameters in order) and --query. */
export function operationCall(op: OperationId, params: readonly string[], queryPairs: readonly string[]): OperationCall {
  const s = TABLE[op];
  const path: Record<string, IdLike> = {};
  const query: Record<string, QueryValue> = {};
  const usage = `campctl api ${op}${s.pathParams.map((p) => ` ${p}=<${p === "date" ? "YYYY-MM-DD" : "ID or URL"}>`).join("")}`;
  for (const word of params) {
    const eq = word.indexOf("=");
    if (eq <= 0) {
      const next = s.pathParams.find((p) => path[p] === undefined);
      if (next === undefined) throw new UsageError(`${op} takes ${s.pathParams.length ? s.pathParams.join(", ") : "no path parameters"}; ${JSON.stringify(word)} is one value too many. Give query parameters as name=value: ${usage}`);
      path[next] = pathValue(op, next, word);
      continue;
    }
    const name = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (s.pathParams.includes(name)) path[name] = pathValue(op, name, value);
    else if (s.query.includes(name)) query[name] = value;
    else {
      const takes = [s.pathParams.length ? `path: ${s.pathParams.join(", ")}` : "", s.query.length ? `query: ${s.query.join(", ")}` : ""].filter(Boolean).join("; ");
      throw new UsageError(`${op} has no parameter ${JSON.stringify(name)} (${takes || "it takes none"}). Other query parameters go in --query ${name}=…`);
    }
  }
  for (const pair of queryPairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--query takes name=value; got ${JSON.stringify(pair)}`);
    query[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const missing = s.pathParams.filter((p) => path[p] === undefined);
  if (missing.length) throw new UsageError(`${op} needs ${missing.join(" and ")}: ${usage}`);
  return { op, path, query };
}

export interface RunOperationOptions {
  query?: string[];
  page?: string;
  /** The --data text, already read from a file or stdin when it named one. */
  body?: unknown;
}

export async function runOperation(name: string, params: readonly string[], o: RunOperationOptions, g: GlobalOptions): Promise<void> {
  const op = findOperation(name);
  if (!op) throw unknownOperation(name);
  const s = TABLE[op];
  const call = operationCall(op, params, o.query ?? []);
  const list = s.method === "GET" && s.returns === "list";
  let page: number | undefined;
  if (o.page !== undefined) {
    if (!list && !s.paged) throw new UsageError(`--page is for lists; ${op} answers one record.`);
    if (!/^\d+$/.test(o.page) || Number(o.page) < 1) throw new UsageError(`--page takes a page number (1, 2 …); got ${JSON.stringify(o.page)}`);
    page = Number(o.page);
  }
  if (o.body !== undefined && s.body === null) throw new UsageError(`${op} (${s.method} ${s.path}) takes no body; drop --data.`);
  if (s.body === "multipart" || s.body === "binary") {
    throw new UsageError(`${op} uploads a file, which campctl api cannot send; use the library's client.operation("${op}", …) with the file's bytes.`);
  }
  if (o.body === undefined && s.bodyRequired) throw new UsageError(`${op} needs a JSON body: --data '{…}' or --data @file.json`);
  await withClient(g, async (conn) => {
    const client = conn.client;
    let data: unknown;
    if (list && page === undefined) data = await collect(client.paginateOperation(op, { path: call.path, query: call.query }));
    else data = await client.operation(op, { path: call.path, query: page === undefined ? call.query : { ...call.query, page }, body: o.body });
    if (data !== undefined && data !== null && data !== "") process.stdout.write(`${toJson(data)}\n`);
  });
}
