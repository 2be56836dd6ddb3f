// Running one operation tool: its arguments become the path, query and body of one call (or
// of the pages of a list, up to `limit`, with a cursor to go on), and what comes back, or what
// went wrong, becomes a tool result the assistant can read and act on.
import { randomUUID } from "node:crypto";
import { callOp, paginateOp } from "../api/internal/op-engine.js";
import type { IdLike } from "../api/ids.js";
import type { PageIterator } from "../http/pagination.js";
import type { QueryValue, Road } from "../http/road.js";
import { BasecampError, ValidationError } from "../http/errors.js";
import { stringifyJsonExact } from "../http/json.js";
import { redact } from "../http/redact.js";
import { DEFAULT_LIMIT, type OperationTool } from "./tools.js";

export interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A JSON-RPC error (not a tool result): unknown tool, a cursor that is not one, unknown resource. */
export function protocolError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}
export const INVALID_PARAMS = -32602;
export const RESOURCE_NOT_FOUND = -32002;

/** A result: exact JSON as text (IDs past 2^53 keep every digit), and the same as structured content. */
export function jsonResult(value: Record<string, unknown>): ToolResult {
  return { content: [{ type: "text", text: stringifyJsonExact(value) }], structuredContent: withoutBigints(value) as Record<string, unknown> };
}

/** A failure the assistant can correct: the error's kind and what it said, secrets masked. */
export function errorResult(e: unknown): ToolResult {
  const err = e instanceof Error ? e : new Error(String(e));
  const kind = err instanceof TypeError ? "InvalidArguments" : err.name;
  let text = `${kind}: ${redact(err.message)}`;
  if (err instanceof ValidationError && Object.keys(err.fieldErrors).length) text += ` Fields: ${redact(JSON.stringify(err.fieldErrors))}`;
  if (err instanceof BasecampError && err.status !== undefined) text += ` (HTTP ${err.status})`;
  return { isError: true, content: [{ type: "text", text }] };
}

/** Structured content is parsed by JSON.parse at the other end: bigints travel as strings. */
function withoutBigints(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(withoutBigints);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutBigints(x)]));
  return v;
}

interface Cursor {
  tool: string;
  /** The page to read next, and how many of its items were already answered. */
  url: string;
  skip: number;
  totalCount: number | undefined;
  /** The limit the list was asked with: the next answer keeps it unless given another. */
  limit: number;
}

/** Where each list answer stopped, by the cursor handed out (the newest few hundred are kept). */
export class Cursors {
  private readonly kept = new Map<string, Cursor>();
  constructor(private readonly max = 200) {}

  add(c: Cursor): string {
    const token = randomUUID();
    this.kept.set(token, c);
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    return token;
  }

  take(token: string, tool: string): Cursor {
    const c = this.kept.get(token);
    if (!c) throw protocolError(INVALID_PARAMS, `cursor ${JSON.stringify(token.slice(0, 40))} is not one this server handed out (or it has expired): call ${tool} again without cursor`);
    if (c.tool !== tool) throw protocolError(INVALID_PARAMS, `that cursor belongs to ${c.tool}, not ${tool}: pass it to ${c.tool}`);
    return c;
  }
}

/** Call the tool's operation with its (already checked) arguments. */
export async function runOperationTool(t: OperationTool, road: Road, args: Record<string, unknown>, cursors: Cursors, signal?: AbortSignal): Promise<ToolResult> {
  // A cursor is checked before anything is sent: a bad one is the caller's mistake (a protocol error).
  const cursor = t.list && typeof args.cursor === "string" ? cursors.take(args.cursor, t.op) : undefined;
  try {
    const path = Object.fromEntries(t.pathParams.map((p) => [p, args[p] as IdLike]));
    const query: Record<string, QueryValue> = {};
    for (const q of t.queryParams) if (args[q] !== undefined) query[q] = args[q] as QueryValue;
    if (!t.list) {
      const data = await callOp(road, t.catalog, t.op, { path, query, body: t.hasBody ? args.body : undefined, signal });
      // A bare list or value is wrapped: structured content is always an object.
      return jsonResult(data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : { result: data ?? null });
    }
    const limit = typeof args.limit === "number" ? args.limit : (cursor?.limit ?? DEFAULT_LIMIT);
    const pages = cursor ? road.paginate(cursor.url, { ...t.catalog.paging, signal }) : paginateOp(road, t.catalog, t.op, { path, query, signal });
    return jsonResult(await collect(pages, limit, cursor, t.op, cursors));
  } catch (e) {
    if (signal?.aborted) throw e;
    return errorResult(e);
  }
}

/** Up to `limit` items from the pages, and a cursor where they stopped (none at the end of the list). */
async function collect(pages: PageIterator<unknown>, limit: number, from: Cursor | undefined, tool: string, cursors: Cursors): Promise<Record<string, unknown>> {
  const items: unknown[] = [];
  let skip = from?.skip ?? 0;
  let next: Pick<Cursor, "url" | "skip"> | undefined;
  let totalCount = from?.totalCount;
  for await (const page of pages.pages()) {
    totalCount = page.totalCount ?? totalCount;
    const fresh = page.items.slice(skip);
    skip = 0;
    const room = limit - items.length;
    items.push(...fresh.slice(0, room));
    if (fresh.length > room) {
      // Stopped inside this page: the next answer starts here, past what was answered.
      next = { url: page.url, skip: page.items.length - fresh.length + room };
      break;
    }
    if (items.length >= limit) {
      next = page.nextUrl ? { url: page.nextUrl, skip: 0 } : undefined;
      break;
    }
  }
  const nextCursor = next ? cursors.add({ ...next, tool, totalCount, limit }) : undefined;
  return { items, count: items.length, ...(totalCount !== undefined ? { totalCount } : {}), ...(nextCursor ? { nextCursor } : {}) };
}
