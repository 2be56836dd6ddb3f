// What every sync unit shares: the replica, the client, scope, progress and counting, plus
// reading a list (page by page, stopping at a cutoff) and committing a table's changes.
import type { BasecampClient } from "../../api/client.js";
import type { Id } from "../../http/json.js";
import type { QueryValue } from "../../http/road.js";
import type { Db } from "../replica.js";
import { deleteRecord, PENDING_EVENTS_TABLE, physicalName, upsertRecords, type Json, type RowContext, type TableDef } from "../schema/index.js";
import { putSyncState, scopeKey } from "./state.js";

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
  onProgress: ((p: SyncProgress) => void) | undefined;
  summary: Record<string, TableSummary>;
  /** Tables asked for (names as in the registry). */
  wanted: Set<string>;
  /** When this sync started (ISO): watermarks never go past it, even if the server's clock runs ahead. */
  startedAt: string;
}

export function newSummary(): TableSummary {
  return { requests: 0, upserted: 0, deleted: 0, durationMs: 0 };
}

export function updatedAt(r: Json): string {
  return typeof r.updated_at === "string" ? r.updated_at : typeof r.created_at === "string" ? r.created_at : "";
}

/** Keep the newer version of a record seen in several streams. */
export function keepNewest(map: Map<string, Json>, rec: Json): void {
  const k = String(rec.id);
  const old = map.get(k);
  if (!old || updatedAt(rec) >= updatedAt(old)) map.set(k, rec);
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
  }
}

/** Whether a row's project is in scope (always, when the sync is not narrowed). */
export function inScope(ctx: SyncContext, projectId: Id | null | undefined): boolean {
  if (!ctx.projectIds) return true;
  if (projectId === null || projectId === undefined) return false;
  return ctx.projectIds.some((p) => BigInt(p) === BigInt(projectId));
}

export interface Batch {
  table: TableDef;
  /** Records with the context to extract each. */
  records: Array<{ rec: Json; ctx: RowContext }>;
  /** Full read of the scope: delete rows (in scope) whose Id was not seen. */
  deleteMissing: boolean;
  /** Restrict deletion to rows where this column is in the scope's projects (default ProjectId when narrowed). */
  watermark: string | null;
}

/** One transaction: every batch's rows, deletions and new sync state land together. */
export function commit(ctx: SyncContext, batches: Batch[]): void {
  const { db } = ctx;
  db.transaction(() => {
    for (const b of batches) {
      const sum = ctx.summary[b.table.name];
      const seen = new Set<string>();
      const isRecording = b.table.recording !== undefined;
      const before = isRecording ? db.prepare(`SELECT UpdatedAt FROM "${physicalName(b.table)}" WHERE Id = ?`) : undefined;
      const queue = isRecording ? db.prepare(`INSERT OR REPLACE INTO ${PENDING_EVENTS_TABLE} (RecordingId, ProjectId, UpdatedAt) VALUES (?, ?, ?)`) : undefined;
      for (const { rec, ctx: rc } of b.records) {
        const row = b.table.toRow!(rec, rc);
        if (!row || row.Id === null) continue;
        const old = before?.get(row.Id) as { UpdatedAt: string | null } | undefined;
        const r = upsertRecords(db, b.table, [rec], rc);
        for (const i of r.ids) seen.add(String(i));
        if (sum) sum.upserted += r.upserted;
        // A new or changed recording: read its events on the next Events sync.
        if (queue && (!old || old.UpdatedAt !== row.UpdatedAt)) queue.run(row.Id, row.ProjectId ?? null, row.UpdatedAt ?? null);
      }
      if (b.deleteMissing) {
        const narrowed = ctx.projectIds && b.table.columns.some((c) => c.name === "ProjectId") && b.table.name !== "Projects";
        const sql = narrowed
          ? `SELECT Id FROM "${physicalName(b.table)}" WHERE ProjectId IN (${ctx.projectIds!.map(() => "?").join(",")})`
          : `SELECT Id FROM "${physicalName(b.table)}"`;
        const ids = db.prepare(sql).all(...(narrowed ? ctx.projectIds! : [])) as Array<{ Id: Id }>;
        for (const { Id } of ids) {
          if (seen.has(String(Id))) continue;
          deleteRecord(db, b.table, Id);
          if (sum) sum.deleted++;
        }
      }
      const wm = b.watermark && b.watermark > ctx.startedAt ? ctx.startedAt : b.watermark;
      putSyncState(db, b.table.name, ctx.scope, wm, ctx.full);
    }
  })();
}

export function maxTime(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

export { scopeKey };
