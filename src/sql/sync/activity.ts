// A change hint for incremental syncs: the newest entry of the account's activity feed
// (GET /reports/progress.json, reference §5). A table last read when the feed showed the same
// newest entry has no recording changes to fetch, so its per-type streams or per-project
// containers are skipped and a quiet resync costs a handful of requests. Some changes never
// reach the feed (a to-do moved within its list, webhook edits), so the hint is trusted for
// VERIFY_AFTER_MS after a table was last read in full detail; after that it is read as usual.
import { AbortedError, NotFoundError } from "../../http/errors.js";
import type { Db } from "../replica.js";
import { SYNC_STATE_TABLE } from "../schema/index.js";
import type { SyncContext } from "./context.js";
import { SAFETY_MARGIN_MS } from "./state.js";

export const VERIFY_AFTER_MS = 30 * 60_000;
const rowName = (table: string) => `_activity:${table}`;

/** `count:id@created_at` of the feed's size and newest entry; undefined when there is no feed. */
export async function newestActivity(ctx: SyncContext): Promise<string | undefined> {
  if (ctx.projectIds) return undefined;
  try {
    const r = await ctx.client.road.request<Array<{ id: unknown; created_at: unknown }>>("GET", "/reports/progress.json", { signal: ctx.signal });
    const first = Array.isArray(r.data) ? r.data[0] : undefined;
    // The count catches new entries even if they do not sort first.
    return `${r.headers.get("x-total-count") ?? "?"}:${first ? `${String(first.id)}@${String(first.created_at)}` : ""}`;
  } catch (e) {
    // No feed (or it failed after its retries): no hint, so every table is read as usual.
    if (e instanceof AbortedError || (e instanceof NotFoundError && e.accountInactive)) throw e;
    return undefined;
  }
}

/** Nothing in the feed since `table` was last read in full detail, within the trust window. */
export function isQuiet(db: Db, table: string, marker: string | undefined, now = Date.now()): boolean {
  if (marker === undefined) return false;
  const r = db.prepare(`SELECT Watermark, LastFullSyncAt FROM ${SYNC_STATE_TABLE} WHERE TableName = ? AND Scope = ''`).get(rowName(table)) as { Watermark: string | null; LastFullSyncAt: string | null } | undefined;
  return !!r && r.Watermark === marker && !!r.LastFullSyncAt && now - Date.parse(r.LastFullSyncAt) < VERIFY_AFTER_MS;
}

/**
 * After `table` was read: remember the feed entry seen when this sync began. `detailed`: it was
 * read in full detail (not narrowed to the projects the feed named), which restarts the trust window.
 */
export function rememberActivity(db: Db, table: string, marker: string | undefined, now = new Date().toISOString(), detailed = true): void {
  if (marker === undefined) return;
  db.prepare(
    `INSERT INTO ${SYNC_STATE_TABLE} (TableName, Scope, Watermark, LastSyncAt, LastFullSyncAt) VALUES (?, '', ?, ?, ?)
     ON CONFLICT(TableName, Scope) DO UPDATE SET Watermark = excluded.Watermark, LastSyncAt = excluded.LastSyncAt, LastFullSyncAt = COALESCE(excluded.LastFullSyncAt, LastFullSyncAt)`,
  ).run(rowName(table), marker, now, detailed ? now : null);
}

/** The feed is read at most this many pages back to narrow a per-project list; more, and every project is read. */
const NARROW_PAGES = 10;
const feedReads = new WeakMap<SyncContext, Map<string, Promise<Set<string> | undefined>>>();

/**
 * The projects (IDs as text) with feed entries since `table` was last read, when the feed can
 * tell: the table was read in full detail within the trust window, the sync is neither full
 * nor narrowed, and the entries since fit in a few pages. Undefined: read every project.
 */
export async function projectsChangedSince(ctx: SyncContext, table: string, now = Date.now()): Promise<Set<string> | undefined> {
  if (ctx.full || ctx.projectIds) return undefined;
  const r = ctx.db.prepare(`SELECT LastSyncAt, LastFullSyncAt FROM ${SYNC_STATE_TABLE} WHERE TableName = ? AND Scope = ''`).get(rowName(table)) as { LastSyncAt: string | null; LastFullSyncAt: string | null } | undefined;
  if (!r?.LastSyncAt || !r.LastFullSyncAt || now - Date.parse(r.LastFullSyncAt) >= VERIFY_AFTER_MS) return undefined;
  const since = new Date(Date.parse(r.LastSyncAt) - SAFETY_MARGIN_MS).toISOString();
  let reads = feedReads.get(ctx);
  if (!reads) feedReads.set(ctx, (reads = new Map()));
  let read = reads.get(since);
  if (!read) reads.set(since, (read = readFeedSince(ctx, since)));
  return read;
}

async function readFeedSince(ctx: SyncContext, since: string): Promise<Set<string> | undefined> {
  const out = new Set<string>();
  let pages = 0;
  try {
    for await (const page of ctx.client.road.paginate<{ created_at?: unknown; bucket?: { id?: unknown } }>("/reports/progress.json", { signal: ctx.signal }).pages()) {
      for (const item of page.items) if (item.bucket?.id !== undefined && String(item.created_at) >= since) out.add(String(item.bucket.id));
      const last = page.items[page.items.length - 1];
      if (!last || String(last.created_at) < since) return out;
      if (++pages >= NARROW_PAGES) return undefined;
    }
  } catch (e) {
    if (e instanceof AbortedError) throw e;
    return undefined;
  }
  return out;
}
