// Tables read as whole lists per parent (source "list": the account, each project in scope, or
// each enabled dock tool) and children read per recording where a count says they changed
// (source "boosts"). Each parent's answer replaces that parent's rows in one transaction (sent
// without waiting on PostgreSQL, its count read when the table is done), so a
// record deleted in Basecamp leaves the replica at its parent's next read; parents that answer
// 404/403 (no access, tool gone) keep their rows. Like the other units, they are skipped while
// the account's activity feed shows nothing new (activity.ts), and per-project lists are read
// again only for the projects the feed shows changes in, until its trust window ends and every
// project is read again. Boosts then have no new counts to follow; template or Lineup marker
// edits (which never reach the feed) show at the next sync after anything else changed, or
// once the feed's hint expires (VERIFY_AFTER_MS).
import { ForbiddenError, NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import type { QueryValue } from "../../http/road.js";
import { commitLater, tableExists } from "../replica.js";
import { id, physicalName, type Json, type RowContext, type TableDef } from "../schema/index.js";
import { extract, writeRow } from "../schema/upsert.js";
import { projectsChangedSince } from "./activity.js";
import { dockTools } from "./dock.js";
import { inScope, maxTime, readList, updatedAt, type SyncContext } from "./context.js";
import { mapPool } from "./pool.js";
import { putSyncState } from "./state.js";

interface Parent {
  /** The parent's ID in `parentColumn` (undefined: the whole table, or the scope's projects). */
  key?: Id | null;
  /** A second key column's value (an event's ID; null = none). */
  key2?: Id | null;
  path: string;
  ctx: RowContext;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const gone = (e: unknown) => e instanceof NotFoundError || e instanceof ForbiddenError;

/** Every record of one parent's list (all pages, each status); undefined when the parent is out of reach. */
async function readParent(ctx: SyncContext, table: TableDef, parent: Parent, statuses: Array<string | undefined>, items?: (a: Json) => Json[]): Promise<Json[] | undefined> {
  const sum = ctx.summary[table.name];
  const out: Json[] = [];
  try {
    if (items) {
      sum.requests++;
      const answer = (await ctx.client.road.request<Json>("GET", parent.path, { signal: ctx.signal })).data ?? {};
      return items(answer);
    }
    for (const status of statuses) {
      const query: Record<string, QueryValue> = status ? { status } : {};
      await readList(ctx, sum, [], parent.path, query, undefined, (page) => out.push(...page), { done: 0, total: 0 });
    }
  } catch (e) {
    if (gone(e)) return undefined;
    throw e;
  }
  return out;
}

/**
 * Write one parent's rows and delete the rows of that parent it no longer has (one transaction,
 * committed without waiting on PostgreSQL). The DELETE's count is pushed on `deleted`, read
 * once the table is done (tally), so no parent waits for the server.
 */
function replaceRows(ctx: SyncContext, table: TableDef, parent: Parent, records: Json[], keys: { col?: string; col2?: string }, deleted: Deleted): string | null {
  const { db } = ctx;
  const sum = ctx.summary[table.name];
  let newest: string | null = null;
  const narrowed = !!ctx.projectIds && table.columns.some((c) => c.name === "ProjectId");
  commitLater(db, `the sync of ${table.name}`, () => {
    const ids: string[] = [];
    for (const rec of records) {
      const x = extract(table, rec, parent.ctx);
      if (!x) continue;
      if (narrowed && !inScope(ctx, x.row.ProjectId as Id | null)) continue;
      writeRow(db, table, x);
      ids.push(String(x.row.Id));
      newest = maxTime(newest, updatedAt(rec) || null);
    }
    if (sum) sum.upserted += ids.length;
    const where: string[] = [`Id NOT IN (SELECT value FROM json_each(?))`];
    const params: unknown[] = [`[${ids.join(",")}]`];
    if (keys.col && parent.key !== undefined) {
      where.push(`${q(keys.col)} IS ?`);
      params.push(parent.key);
    } else if (narrowed && ctx.projectIds) {
      where.push(`ProjectId IN (${ctx.projectIds.map(() => "?").join(",")})`);
      params.push(...ctx.projectIds);
    }
    if (keys.col2) {
      where.push(`${q(keys.col2)} IS ?`);
      params.push(parent.key2 ?? null);
    }
    deleted.push(db.prepare(`DELETE FROM ${q(physicalName(table))} WHERE ${where.join(" AND ")}`).run(...params));
  });
  return newest;
}

/** DELETE results whose counts are read when the table is done (on PostgreSQL, reading one waits for it). */
type Deleted = Array<{ changes: number | bigint }>;

function tally(ctx: SyncContext, table: TableDef, deleted: Deleted): void {
  const sum = ctx.summary[table.name];
  for (const r of deleted) if (sum) sum.deleted += Number(r.changes);
}

/** The parents of a "list" table in scope: the account, each project (not trashed), or each enabled dock tool. */
function listParents(ctx: SyncContext, table: TableDef): Parent[] {
  const spec = table.list!;
  if (spec.per === "account") return [{ path: spec.path, ctx: {} }];
  if (spec.per === "project") {
    return ctx.projects
      .filter((p) => p.status !== "trashed" && inScope(ctx, id(p.id)))
      .map((p) => {
        const projectId = id(p.id);
        return { key: projectId, path: spec.path.replace("{projectId}", String(projectId)), ctx: { projectId } };
      });
  }
  return dockTools(ctx, spec.dockName)
    .filter((d) => d.projectStatus !== "trashed")
    .map((d) => {
      const toolId = id(d.tool.id);
      return { key: toolId, path: spec.path.replace("{projectId}", String(d.projectId)).replace("{toolId}", String(toolId)), ctx: { projectId: d.projectId, parentId: toolId } };
    });
}

/** A "list" table: every parent in scope read and its rows replaced; a full sync also drops parents no longer there. */
export async function syncListTable(ctx: SyncContext, table: TableDef): Promise<void> {
  const spec = table.list!;
  let parents = listParents(ctx, table);
  // Within the activity feed's trust window, only the projects it shows changes in are read again.
  const changed = spec.per === "account" ? undefined : await projectsChangedSince(ctx, table.name);
  if (changed) {
    (ctx.narrowed ??= new Set()).add(table.name);
    parents = parents.filter((p) => changed.has(String(p.ctx.projectId)));
  }
  const statuses = spec.statuses ?? [undefined];
  let done = 0;
  let newest: string | null = null;
  const deleted: Deleted = [];
  await mapPool(parents, ctx.concurrency, async (parent) => {
    const records = await readParent(ctx, table, parent, statuses, spec.items);
    if (records !== undefined) newest = maxTime(newest, replaceRows(ctx, table, parent, records, { col: spec.parentColumn }, deleted));
    done++;
    ctx.onProgress?.({ table: table.name, done, total: parents.length });
  });
  commitLater(ctx.db, `the sync of ${table.name}`, () => {
    // Parents that are gone altogether (a deleted project, a removed tool): their rows go on a full sync.
    if (ctx.full && !ctx.projectIds && spec.parentColumn && spec.per !== "account") {
      // Trashed projects are not read, but their rows stay.
      const kept = spec.per === "project" ? ctx.projects.map((p) => id(p.id)) : dockTools(ctx, spec.dockName).map((d) => id(d.tool.id));
      const keys = `[${kept.map(String).join(",")}]`;
      deleted.push(ctx.db.prepare(`DELETE FROM ${q(physicalName(table))} WHERE ${q(spec.parentColumn)} NOT IN (SELECT value FROM json_each(?))`).run(keys));
    }
    putSyncState(ctx.db, table.name, ctx.scope, newest && newest > ctx.startedAt ? ctx.startedAt : newest, ctx.full);
  });
  tally(ctx, table, deleted);
}

interface CountRow {
  RecordingId: Id;
  EventId: Id | null;
  ProjectId: Id | null;
}

/**
 * Recordings (and events) whose count field differs from the rows the replica has for them
 * (a full sync: every one with any), in scope.
 */
function countedParents(ctx: SyncContext, table: TableDef): CountRow[] {
  const spec = table.counted!;
  const child = q(physicalName(table));
  const exists = (name: string) => tableExists(ctx.db, physicalName(name));
  const scope = ctx.projectIds ? ` AND t.ProjectId IN (${ctx.projectIds.map(() => "?").join(",")})` : "";
  const scopeParams = ctx.projectIds ?? [];
  const field = `CAST(json_extract(t.Raw, '$.${spec.countField}') AS INTEGER)`;
  // Written to run on SQLite and PostgreSQL alike.
  const differs = ctx.full ? "" : " AND (n IS NULL OR n <> have)";
  const out: CountRow[] = [];
  const sources = spec.tables.filter(exists).map((name) => ({ name, rid: "t.Id", eid: "NULL", status: " AND (t.Status IS NULL OR t.Status <> 'trashed')" }));
  if (spec.events && exists("Events")) sources.push({ name: "Events", rid: "t.RecordingId", eid: "t.Id", status: "" });
  for (const s of sources) {
    const sql = `SELECT RecordingId, EventId, ProjectId FROM (
      SELECT ${s.rid} AS RecordingId, ${s.eid} AS EventId, t.ProjectId AS ProjectId, ${field} AS n,
        (SELECT count(*) FROM ${child} c WHERE c.RecordingId = ${s.rid} AND ${s.eid === "NULL" ? "c.EventId IS NULL" : `c.EventId = ${s.eid}`}) AS have
      FROM ${q(physicalName(s.name))} t WHERE 1 = 1${s.status}${scope}) AS counted WHERE (n > 0 OR have > 0)${differs}`;
    out.push(...(ctx.db.prepare(sql).all(...scopeParams) as CountRow[]));
  }
  return out;
}

/** A "boosts" table: children read for the recordings and events whose count changed, each replacing its rows. */
export async function syncCountedTable(ctx: SyncContext, table: TableDef): Promise<void> {
  const spec = table.counted!;
  const parents: Parent[] = countedParents(ctx, table).map((r) => ({
    key: r.RecordingId,
    key2: r.EventId,
    path: (r.EventId === null ? spec.path : spec.eventPath).replace("{recordingId}", String(r.RecordingId)).replace("{eventId}", String(r.EventId)),
    ctx: { projectId: r.ProjectId, parentId: r.RecordingId, eventId: r.EventId },
  }));
  let done = 0;
  const deleted: Deleted = [];
  await mapPool(parents, ctx.concurrency, async (parent) => {
    const records = await readParent(ctx, table, parent, [undefined]);
    if (records !== undefined) replaceRows(ctx, table, parent, records, { col: "RecordingId", col2: "EventId" }, deleted);
    done++;
    ctx.onProgress?.({ table: table.name, done, total: parents.length });
  });
  commitLater(ctx.db, `the sync of ${table.name}`, () => putSyncState(ctx.db, table.name, ctx.scope, null, ctx.full));
  tally(ctx, table, deleted);
}
