// Sync state per table and scope ('' = the whole account, else a sorted list of project
// ids): watermark (newest updated_at seen), last sync and last full sync. Written in the
// same transaction as the table's rows.
import type { Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import { SYNC_STATE_TABLE } from "../schema/index.js";
import { prepared } from "./context.js";

export interface TableSyncState {
  table: string;
  scope: string;
  watermark: string | null;
  lastSyncAt: string | null;
  lastFullSyncAt: string | null;
}

/** Records newer than the watermark minus this are read again (clock skew, paging shifts). */
export const SAFETY_MARGIN_MS = 5 * 60_000;

export function scopeKey(projectIds: readonly Id[] | undefined): string {
  if (!projectIds || projectIds.length === 0) return "";
  return [...new Set(projectIds.map((p) => BigInt(p)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(",");
}

function row(db: Db, table: string, scope: string): TableSyncState | undefined {
  const r = db.prepare(`SELECT Watermark, LastSyncAt, LastFullSyncAt FROM ${SYNC_STATE_TABLE} WHERE TableName = ? AND Scope = ?`).get(table, scope) as
    | { Watermark: string | null; LastSyncAt: string | null; LastFullSyncAt: string | null }
    | undefined;
  return r ? { table, scope, watermark: r.Watermark, lastSyncAt: r.LastSyncAt, lastFullSyncAt: r.LastFullSyncAt } : undefined;
}

/**
 * The state that applies to `table` for `projectIds`: a narrowed scope also benefits from
 * the account-wide sync (whichever watermark and sync time is newer).
 */
export function getSyncState(db: Db, table: string, projectIds?: readonly Id[]): TableSyncState {
  const scope = scopeKey(projectIds);
  const own = row(db, table, scope);
  const all = scope === "" ? own : row(db, table, "");
  const pick = (a: string | null | undefined, b: string | null | undefined) => (a && b ? (a > b ? a : b) : (a ?? b ?? null));
  return {
    table,
    scope,
    watermark: pick(own?.watermark, all?.watermark),
    lastSyncAt: pick(own?.lastSyncAt, all?.lastSyncAt),
    lastFullSyncAt: pick(own?.lastFullSyncAt, all?.lastFullSyncAt),
  };
}

export function listSyncStates(db: Db): TableSyncState[] {
  const rows = db.prepare(`SELECT TableName, Scope, Watermark, LastSyncAt, LastFullSyncAt FROM ${SYNC_STATE_TABLE} ORDER BY TableName, Scope`).all() as Array<{
    TableName: string;
    Scope: string;
    Watermark: string | null;
    LastSyncAt: string | null;
    LastFullSyncAt: string | null;
  }>;
  return rows.map((r) => ({ table: r.TableName, scope: r.Scope, watermark: r.Watermark, lastSyncAt: r.LastSyncAt, lastFullSyncAt: r.LastFullSyncAt }));
}

/** Write the state (call inside the table's transaction). */
export function putSyncState(db: Db, table: string, scope: string, watermark: string | null, full: boolean, now = new Date().toISOString()): void {
  prepared(
    db,
    `INSERT INTO ${SYNC_STATE_TABLE} (TableName, Scope, Watermark, LastSyncAt, LastFullSyncAt) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(TableName, Scope) DO UPDATE SET
       Watermark = CASE WHEN excluded.Watermark IS NULL THEN Watermark WHEN Watermark IS NULL OR excluded.Watermark > Watermark THEN excluded.Watermark ELSE Watermark END,
       LastSyncAt = excluded.LastSyncAt,
       LastFullSyncAt = COALESCE(excluded.LastFullSyncAt, LastFullSyncAt)`,
  ).run(table, scope, watermark, now, full ? now : null);
}

/**
 * Advance only the watermark (never back), leaving the sync times alone: what a page
 * committed mid-way makes safe, so an interrupted sync continues from there, while the
 * table still counts as not synced (call inside the page's transaction).
 */
export function putWatermark(db: Db, table: string, scope: string, watermark: string): void {
  prepared(
    db,
    `INSERT INTO ${SYNC_STATE_TABLE} (TableName, Scope, Watermark) VALUES (?, ?, ?)
     ON CONFLICT(TableName, Scope) DO UPDATE SET Watermark = excluded.Watermark WHERE Watermark IS NULL OR excluded.Watermark > Watermark`,
  ).run(table, scope, watermark);
}

/** The time to read down to: watermark minus the safety margin (undefined = read everything). */
export function cutoffOf(watermark: string | null, full: boolean): string | undefined {
  if (full || !watermark) return undefined;
  const t = Date.parse(watermark);
  return Number.isFinite(t) ? new Date(t - SAFETY_MARGIN_MS).toISOString() : undefined;
}
