// Tables served by GET /projects/recordings.json: newest updated_at first, down to the
// watermark minus the safety margin, over the active, archived and trashed streams.
import { id, type Json, type TableDef } from "../schema/index.js";
import { commit, keepNewest, maxTime, readList, updatedAt, type SyncContext } from "./context.js";
import { cutoffOf, getSyncState } from "./state.js";

const STATUSES = ["active", "archived", "trashed"] as const;
/** Project ids per `bucket=` parameter (keeps URLs short on large accounts). */
const BUCKET_CHUNK = 100;

/** `bucket=` values covering the scope: every visible project of any status (sorted, chunked). */
export function bucketParams(ctx: SyncContext): string[] {
  const ids = ctx.projectIds ? ctx.projectIds.map((p) => BigInt(p)) : ctx.projects.map((p) => BigInt(id(p.id)!));
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i += BUCKET_CHUNK) out.push(sorted.slice(i, i + BUCKET_CHUNK).join(","));
  return out;
}

/** Sync every wanted table fed by one recording type (Todolist feeds two). */
export async function syncRecordingType(ctx: SyncContext, type: string, tables: TableDef[]): Promise<void> {
  const states = tables.map((t) => getSyncState(ctx.db, t.name, ctx.projectIds));
  // Read down to the oldest of the tables' cutoffs (any table never synced → everything).
  const cutoffs = states.map((s) => cutoffOf(s.watermark, ctx.full));
  const cutoff = cutoffs.some((c) => c === undefined) ? undefined : cutoffs.reduce((a, b) => (a! < b! ? a : b));
  const sum = ctx.summary[tables[0].name];
  const names = tables.map((t) => t.name);
  const newest = new Map<string, Json>();
  let seenMax: string | null = null;
  const tally = { done: 0, total: 0 };
  for (const bucket of bucketParams(ctx)) {
    for (const status of STATUSES) {
      const query = { type, bucket, status, sort: "updated_at", direction: "desc" };
      await readList(ctx, sum, names, "/projects/recordings.json", query, cutoff, (items) => {
        for (const rec of items) {
          keepNewest(newest, rec);
          seenMax = maxTime(seenMax, updatedAt(rec));
        }
      }, tally);
    }
  }
  const records = [...newest.values()].map((rec) => ({ rec, ctx: {} }));
  commit(
    ctx,
    tables.map((table) => ({ table, records, deleteMissing: ctx.full, watermark: seenMax })),
  );
}
