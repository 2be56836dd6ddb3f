// What every sync unit shares: the replica, the client, scope, progress and counting, plus
// reading a list page by page (stopping at a cutoff); sink.ts writes each page as it comes.
import type BetterSqlite3 from "better-sqlite3";
import type { BasecampClient } from "../../api/client.js";
import { AbortedError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import type { QueryValue } from "../../http/road.js";
import type { Db } from "../replica.js";
import type { Json } from "../schema/index.js";
import { scopeKey } from "./state.js";

export interface SyncProgress {
  table: string;
  done: number;
  total?: number;
}

export interface TableSummary {
  requests: number;
  upserted: number;
  deleted: number;
  durationMs: number;
  error?: string;
}

export interface SyncContext {
  db: Db;
  client: BasecampClient;
  full: boolean;
  projectIds: Id[] | undefined;
  scope: string;
  /** Every project visible to us (all statuses), read at the start. */
  projects: Json[];
  signal: AbortSignal | undefined;
  concurrency: number;
  /** Rows written per transaction (default BATCH_ROWS in sink.ts). */
  batchRows?: number;
  onProgress: ((p: SyncProgress) => void) | undefined;
  summary: Record<string, TableSummary>;
  /** Tables asked for (names as in the registry). */
  wanted: Set<string>;
  /** When this sync started (ISO): watermarks never go past it, even if the server's clock runs ahead. */
  startedAt: string;
  /** Tables read only for the projects the activity feed named (not in full detail). */
  narrowed?: Set<string>;
}

export function newSummary(): TableSummary {
  return { requests: 0, upserted: 0, deleted: 0, durationMs: 0 };
}

export function updatedAt(r: Json): string {
  return typeof r.updated_at === "string" ? r.updated_at : typeof r.created_at === "string" ? r.created_at : "";
}

/**
 * Read a paginated list. With `cutoff`, the list must be newest-first: reading stops after
 * the page whose last item is older than the cutoff. Query parameters are always given in
 * the same order, so the URL (and the ETag cache key) is the same from run to run.
 */
export async function readList(
  ctx: SyncContext,
  sum: TableSummary,
  progressTables: readonly string[],
  path: string,
  query: Record<string, QueryValue>,
  cutoff: string | undefined,
  onItems: (items: Json[]) => void,
  tally: { done: number; total: number },
  timeKey: (r: Json) => string = updatedAt,
): Promise<void> {
  const it = ctx.client.road.paginate<Json>(path, { query, signal: ctx.signal });
  let first = true;
  for await (const page of it.pages()) {
    sum.requests++;
    if (first && page.totalCount !== undefined) tally.total += page.totalCount;
    first = false;
    onItems(page.items);
    tally.done += page.items.length;
    for (const t of progressTables) ctx.onProgress?.({ table: t, done: tally.done, total: cutoff ? undefined : tally.total });
    if (cutoff && page.items.length > 0 && timeKey(page.items[page.items.length - 1]) < cutoff) break;
    stopIfAborted(ctx);
  }
}

/** Between pages: stop at once when the caller aborted (a request not yet sent would not notice). */
export function stopIfAborted(ctx: SyncContext): void {
  if (ctx.signal?.aborted) throw new AbortedError("The sync was aborted; what it wrote so far is committed, and the next sync continues from there.", { cause: ctx.signal.reason });
}

/** Whether a row's project is in scope (always, when the sync is not narrowed). */
export function inScope(ctx: SyncContext, projectId: Id | null | undefined): boolean {
  if (!ctx.projectIds) return true;
  if (projectId === null || projectId === undefined) return false;
  return ctx.projectIds.some((p) => BigInt(p) === BigInt(projectId));
}

type Statement = BetterSqlite3.Statement<unknown[]>;
const statements = new WeakMap<Db, Map<string, Statement>>();

/** A statement prepared once per connection. */
export function prepared(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}

export function maxTime(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

export { scopeKey };
