// Account-level tables: Projects, People, Assignments, Webhooks, and Events of recordings
// that changed since the last sync.
import { ForbiddenError, NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import { Assignments, Events, id, PENDING_EVENTS_TABLE, People, Projects, Webhooks, type Json, type TableDef } from "../schema/index.js";
import { inScope, maxTime, readList, updatedAt, type SyncContext, type TableSummary } from "./context.js";
import { Sink, withSink, type Rec } from "./sink.js";
import { mapPool } from "./pool.js";

/** Events are read for at most this many changed recordings per sync (newest first). */
export const EVENTS_PER_SYNC = 200;

/** Every project visible to us, all statuses (three lists). */
export async function readProjects(ctx: SyncContext, sum: TableSummary): Promise<Json[]> {
  const out: Json[] = [];
  const tally = { done: 0, total: 0 };
  for (const status of ["active", "archived", "trashed"]) {
    await readList(ctx, sum, ctx.wanted.has(Projects.name) ? [Projects.name] : [], "/projects.json", { status }, undefined, (items) => out.push(...items), tally);
  }
  return out;
}

export function commitProjects(ctx: SyncContext): void {
  let wm: string | null = null;
  for (const p of ctx.projects) wm = maxTime(wm, updatedAt(p));
  const sink = new Sink(ctx, [Projects], { deleteMissing: ctx.full && !ctx.projectIds });
  try {
    sink.page(ctx.projects.filter((p) => inScope(ctx, id(p.id))).map((rec) => ({ rec, ctx: {} })));
    sink.finish(() => wm);
  } finally {
    sink.discard();
  }
}

/** A list read page by page into one table. */
async function syncList(ctx: SyncContext, table: TableDef, path: string, deleteMissing: boolean): Promise<void> {
  const sum = ctx.summary[table.name];
  await withSink(ctx, [table], { deleteMissing }, async (sink) => {
    await readList(ctx, sum, [table.name], path, {}, undefined, (items) => sink.page(items.map((rec) => ({ rec, ctx: {} }))), { done: 0, total: 0 });
    sink.finish();
  });
}

export const syncPeople = (ctx: SyncContext) => syncList(ctx, People, "/people.json", ctx.full && !ctx.projectIds);

/** My assignments: a complete snapshot each time, so rows no longer assigned are removed. */
export async function syncAssignments(ctx: SyncContext): Promise<void> {
  const sum = ctx.summary[Assignments.name];
  sum.requests++;
  const data = (await ctx.client.road.request<Json>("GET", "/my/assignments.json", { signal: ctx.signal })).data ?? {};
  const records: Rec[] = [];
  for (const [key, priority] of [["priorities", true], ["non_priorities", false]] as const) {
    for (const rec of Array.isArray(data[key]) ? (data[key] as Json[]) : []) {
      if (inScope(ctx, id((rec.bucket as Json | undefined)?.id))) records.push({ rec, ctx: { priority } });
    }
  }
  ctx.onProgress?.({ table: Assignments.name, done: records.length, total: records.length });
  await withSink(ctx, [Assignments], { deleteMissing: true }, async (sink) => {
    sink.page(records);
    sink.finish(() => null);
  });
}

export async function syncWebhooks(ctx: SyncContext): Promise<void> {
  const sum = ctx.summary[Webhooks.name];
  const projects = ctx.projects.filter((p) => p.status !== "trashed" && inScope(ctx, id(p.id)));
  await withSink(ctx, [Webhooks], { deleteMissing: ctx.full }, async (sink) => {
    await mapPool(projects, ctx.concurrency, async (p) => {
      const projectId = id(p.id);
      try {
        await readList(ctx, sum, [Webhooks.name], `/buckets/${projectId}/webhooks.json`, {}, undefined, (items) => sink.page(items.map((rec) => ({ rec, ctx: { projectId } }))), { done: 0, total: 0 });
      } catch (e) {
        // Only project admins see webhooks; a project we cannot manage has none for us.
        if (!(e instanceof NotFoundError || e instanceof ForbiddenError)) throw e;
      }
    });
    sink.finish(() => null);
  });
}

/**
 * Events of recordings that changed in a sync (queued in the same transaction as their
 * table): at most EVENTS_PER_SYNC of them, newest first. The rest of the queue is dropped
 * (by design: this is a log of recent activity, not a history walk).
 */
export async function syncEvents(ctx: SyncContext): Promise<void> {
  const sum = ctx.summary[Events.name];
  const scopeSql = ctx.projectIds ? `WHERE ProjectId IN (${ctx.projectIds.map(() => "?").join(",")})` : "";
  const params = ctx.projectIds ?? [];
  const changed = ctx.db
    .prepare(`SELECT RecordingId AS Id, ProjectId, UpdatedAt FROM ${PENDING_EVENTS_TABLE} ${scopeSql} ORDER BY UpdatedAt DESC, RecordingId DESC LIMIT ${EVENTS_PER_SYNC}`)
    .all(...params) as Array<{ Id: Id; ProjectId: Id | null; UpdatedAt: string | null }>;
  let done = 0;
  await withSink(ctx, [Events], { deleteMissing: false }, async (sink) => {
    await mapPool(changed, ctx.concurrency, async (r) => {
      const path = r.ProjectId !== null ? `/buckets/${r.ProjectId}/recordings/${r.Id}/events.json` : `/recordings/${r.Id}/events.json`;
      try {
        await readList(ctx, sum, [], path, {}, undefined, (items) => sink.page(items.map((rec) => ({ rec, ctx: { projectId: r.ProjectId } }))), { done: 0, total: 0 });
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
      done++;
      ctx.onProgress?.({ table: Events.name, done, total: changed.length });
    });
    // The queue is emptied with the last events, in one transaction.
    sink.finish(() => null, () => ctx.db.prepare(`DELETE FROM ${PENDING_EVENTS_TABLE} ${scopeSql}`).run(...params));
  });
}
