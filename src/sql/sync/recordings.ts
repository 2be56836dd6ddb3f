// Tables served by GET /projects/recordings.json, over the active, archived and trashed
// streams (and `bucket=` chunks). Each page is written as it arrives (sink.ts).
//  - With a watermark: newest updated_at first, down to the watermark minus the safety
//    margin; the new watermark is committed with the last page.
//  - Without one (first or full sync): oldest first, the streams merged by time, so after
//    each page every record older than the slowest stream's position has been read; that
//    position is committed with the page as the table's watermark, and a sync interrupted
//    half-way continues from it (the next one reads newest-first down to it).
import type { PageIterator, Page } from "../../http/pagination.js";
import { id, type Json, type TableDef } from "../schema/index.js";
import { maxTime, readList, stopIfAborted, updatedAt, type SyncContext, type TableSummary } from "./context.js";
import { withSink, type Rec, type Sink } from "./sink.js";
import { cutoffOf, getSyncState } from "./state.js";

const STATUSES = ["active", "archived", "trashed"] as const;
/** Project ids per `bucket=` parameter (keeps URLs short on large accounts). */
const BUCKET_CHUNK = 100;
const PATH = "/projects/recordings.json";

/** `bucket=` values covering the scope: every visible project of any status (sorted, chunked). */
export function bucketParams(ctx: SyncContext): string[] {
  const ids = ctx.projectIds ? ctx.projectIds.map((p) => BigInt(p)) : ctx.projects.map((p) => BigInt(id(p.id)!));
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i += BUCKET_CHUNK) out.push(sorted.slice(i, i + BUCKET_CHUNK).join(","));
  return out;
}

const asRecs = (items: Json[]): Rec[] => items.map((rec) => ({ rec, ctx: {} }));

/** Sync every wanted table fed by one recording type (Todolist feeds two). */
export async function syncRecordingType(ctx: SyncContext, type: string, tables: TableDef[]): Promise<void> {
  const states = tables.map((t) => getSyncState(ctx.db, t.name, ctx.projectIds));
  // Read down to the oldest of the tables' cutoffs (any table never synced → everything).
  const cutoffs = states.map((s) => cutoffOf(s.watermark, ctx.full));
  const cutoff = cutoffs.some((c) => c === undefined) ? undefined : cutoffs.reduce((a, b) => (a! < b! ? a : b));
  const sum = ctx.summary[tables[0].name];
  const names = tables.map((t) => t.name);
  const streams = bucketParams(ctx).flatMap((bucket) => STATUSES.map((status) => ({ type, bucket, status, sort: "updated_at" })));
  await withSink(ctx, tables, { deleteMissing: ctx.full }, async (sink) => {
    let seenMax: string | null = null;
    if (cutoff === undefined) {
      seenMax = await readMerged(ctx, sum, names, streams, sink);
    } else {
      const tally = { done: 0, total: 0 };
      for (const query of streams) {
        await readList(ctx, sum, names, PATH, { ...query, direction: "desc" }, cutoff, (items) => {
          for (const rec of items) seenMax = maxTime(seenMax, updatedAt(rec));
          sink.page(asRecs(items));
        }, tally);
      }
    }
    sink.finish(() => seenMax);
  });
}

interface Stream {
  pages: AsyncIterator<Page<Json>>;
  list: PageIterator<Json>;
  /** updated_at of the last item read ("" before the first page). */
  at: string;
  done: boolean;
}

/**
 * Read every stream oldest first, always the one that is furthest behind, writing each page
 * with the slowest position as its watermark. Resolves to the newest updated_at seen.
 */
async function readMerged(ctx: SyncContext, sum: TableSummary, names: string[], queries: Array<Record<string, string>>, sink: Sink): Promise<string | null> {
  const streams: Stream[] = queries.map((query) => {
    const list = ctx.client.road.paginate<Json>(PATH, { query: { ...query, direction: "asc" }, signal: ctx.signal });
    return { list, pages: list.pages(), at: "", done: false };
  });
  let seenMax: string | null = null;
  let done = 0;
  for (;;) {
    const open = streams.filter((s) => !s.done);
    if (open.length === 0) break;
    const s = open.reduce((a, b) => (b.at < a.at ? b : a));
    stopIfAborted(ctx);
    const r = await s.pages.next();
    if (r.done) {
      s.done = true;
      continue;
    }
    sum.requests++;
    const items = r.value.items;
    if (items.length > 0) s.at = updatedAt(items[items.length - 1]);
    for (const rec of items) seenMax = maxTime(seenMax, updatedAt(rec));
    const behind = streams.filter((x) => !x.done);
    const progress = behind.every((x) => x.at !== "") ? behind.reduce((a, b) => (b.at < a ? b.at : a), behind[0].at) : null;
    sink.page(asRecs(items), progress);
    done += items.length;
    const total = streams.reduce((n, x) => n + (x.list.totalCount ?? 0), 0);
    for (const t of names) ctx.onProgress?.({ table: t, done, total });
  }
  return seenMax;
}
