// syncTables: bring the replica up to date for some tables (default all). Projects are read
// first (every other table needs the project list); then the units run concurrently within
// the road's rate limiter; Events run last (they follow what changed). Rows are written as
// pages arrive, a batch per transaction with the watermark it makes safe (sink.ts), so memory
// stays flat and an interrupted sync leaves a consistent replica that the next one continues.
import type { BasecampClient } from "../../api/client.js";
import type { Basecamp2Client } from "../../api/bc2/client.js";
import { syncBc2 } from "../bc2/sync.js";
import type { Id } from "../../http/json.js";
import { closestKey } from "../../config/suggest.js";
import { SqlError } from "../query.js";
import { commitLater, replicaSchema, settle, type Db } from "../replica.js";
import { createSchema, Events, People, Projects, ProjectTools, Campfires, CampfireLines, Assignments, Webhooks, syncableTables, tableByName, type TableDef } from "../schema/index.js";
import { commitProjects, readProjects, syncAssignments, syncEvents, syncPeople, syncWebhooks } from "./account.js";
import { newSummary, type SyncContext, type SyncProgress, type TableSummary } from "./context.js";
import { DOCK_UNITS, syncCampfireLines, syncCampfires, syncDockContainers, syncProjectTools } from "./dock.js";
import { mapPool } from "./pool.js";
import { withSyncLock, type SyncLockOptions } from "./lock.js";
import { syncRecordingType } from "./recordings.js";
import { syncCountedTable, syncListTable } from "./lists.js";
import { isQuiet, newestActivity, rememberActivity } from "./activity.js";
import { putSyncState, scopeKey } from "./state.js";

export interface SyncOptions {
  /** Table names (any case); default every table. */
  tables?: string[];
  /** Read everything (all statuses) and delete rows that no longer exist anywhere. */
  full?: boolean;
  /** Narrow to these projects (recordings are read with `bucket=`). */
  projectIds?: Id[];
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
  /** Tables synced at once (default 4); requests still pass the road's limiter. */
  concurrency?: number;
  /** Rows written per transaction (default 500): each batch commits with its watermark, so an interrupted sync keeps it. */
  batchRows?: number;
  /** Called once when another sync of some of these tables runs and this one waits for it. */
  onWait?: SyncLockOptions["onWait"];
}

export type SyncSummary = Record<string, TableSummary>;

export class SyncError extends Error {
  constructor(
    message: string,
    readonly summary: SyncSummary,
    readonly errors: Record<string, unknown>,
  ) {
    super(message, { cause: Object.values(errors)[0] });
    this.name = "SyncError";
  }
}

interface Unit {
  tables: TableDef[];
  run: (ctx: SyncContext, tables: TableDef[]) => Promise<void>;
  /**
   * Its data comes in one unpaged response that can run to many megabytes (my assignments):
   * it runs before the others, alone, so its peak memory never adds to theirs.
   */
  alone?: boolean;
  /** It reads what the other units wrote (recordings' counts): it runs after them. */
  late?: boolean;
}

function units(): Unit[] {
  const out: Unit[] = [];
  const byType = new Map<string, TableDef[]>();
  for (const t of syncableTables()) if (t.source === "recordings") byType.set(t.recordingType!, [...(byType.get(t.recordingType!) ?? []), t]);
  for (const [type, tables] of byType) out.push({ tables, run: (ctx, ts) => syncRecordingType(ctx, type, ts) });
  for (const u of DOCK_UNITS) out.push({ tables: u.tables, run: (ctx, ts) => syncDockContainers(ctx, u.dockName, ts) });
  out.push({ tables: [ProjectTools], run: (ctx) => syncProjectTools(ctx) });
  out.push({ tables: [Campfires], run: (ctx) => syncCampfires(ctx) });
  out.push({ tables: [CampfireLines], run: (ctx) => syncCampfireLines(ctx) });
  out.push({ tables: [People], run: (ctx) => syncPeople(ctx) });
  out.push({ tables: [Assignments], run: (ctx) => syncAssignments(ctx), alone: true });
  out.push({ tables: [Webhooks], run: (ctx) => syncWebhooks(ctx) });
  for (const t of syncableTables()) {
    if (t.source === "list") out.push({ tables: [t], run: (ctx) => syncListTable(ctx, t) });
    if (t.source === "boosts") out.push({ tables: [t], run: (ctx) => syncCountedTable(ctx, t), late: true });
  }
  return out;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Sync tables into the replica; resolves to a summary per table. Throws SyncError if any
 * table failed (the others are committed). Waits while another sync (any process) holds one
 * of the tables, then skips those it brought up to date meanwhile (lock.ts).
 */
export async function syncTables(db: Db, client: BasecampClient | Basecamp2Client, opts: SyncOptions = {}): Promise<SyncSummary> {
  // Taken before the schema is made (which takes a while on PostgreSQL): a sync that then waits
  // for another takes every table the other committed since this moment.
  const lockOpts = { ...opts, since: new Date().toISOString() };
  createSchema(db);
  const wanted = wantedTables(db, opts.tables);
  // A Basecamp 2 replica has its own tables and reads (src/sql/bc2/sync.ts); the lock is the same.
  if (replicaSchema(db) === "V2") return withSyncLock(db, wanted, lockOpts, (w) => syncBc2(db, client as Basecamp2Client, opts, w));
  return withSyncLock(db, wanted, lockOpts, (w) => syncWanted(db, client as BasecampClient, opts, w));
}

/** The registry's names of the tables to read for `names` (views and links resolved). */
function wantedTables(db: Db, names: string[] | undefined): Set<string> {
  const wanted = new Set<string>();
  for (const name of names ?? syncableTables(db).map((t) => t.name)) {
    const t = tableByName(name, db);
    if (!t) {
      const known = syncableTables(db).map((x) => x.name);
      const near = closestKey(name, known);
      throw new SqlError(`Unknown table ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : "."} Tables are ${known.join(", ")}.`);
    }
    if (t.source === "view") {
      for (const r of syncableTables(db)) if (r.recording) wanted.add(r.name);
    } else if (t.source === "link") wanted.add("ToDos");
    else wanted.add(t.name);
    // Boosts follow the counts of the recordings they hang on: those tables come along.
    for (const n of t.counted?.tables ?? []) wanted.add(n);
  }
  return wanted;
}

async function syncWanted(db: Db, client: BasecampClient, opts: SyncOptions, wanted: Set<string>): Promise<SyncSummary> {
  const projectIds = opts.projectIds && opts.projectIds.length > 0 ? [...opts.projectIds] : undefined;
  const summary: SyncSummary = {};
  for (const n of wanted) summary[n] = newSummary();
  const ctx: SyncContext = {
    db,
    client,
    full: opts.full ?? false,
    projectIds,
    scope: scopeKey(projectIds),
    projects: [],
    signal: opts.signal,
    concurrency: Math.max(1, opts.concurrency ?? 4),
    batchRows: opts.batchRows,
    onProgress: opts.onProgress,
    summary,
    wanted,
    startedAt: new Date().toISOString(),
  };
  const errors: Record<string, unknown> = {};
  const timed = async (tables: TableDef[], fn: () => Promise<void>) => {
    const t0 = Date.now();
    try {
      await fn();
      settle(db); // on PostgreSQL, its commits were sent without waiting: did they land?
    } catch (e) {
      for (const t of tables) errors[t.name] = e;
      for (const t of tables) if (summary[t.name]) summary[t.name].error = describe(e);
    } finally {
      for (const t of tables) if (summary[t.name]) summary[t.name].durationMs += Date.now() - t0;
    }
  };

  const needsProjects = [...wanted].some((n) => n !== People.name && n !== Assignments.name);
  if (needsProjects) {
    const projectsSum = summary[Projects.name] ?? newSummary();
    await timed([Projects], async () => {
      ctx.projects = await readProjects(ctx, projectsSum);
      if (wanted.has(Projects.name)) commitProjects(ctx);
    });
    if (errors[Projects.name]) throw new SyncError(`Sync failed reading the project list: ${describe(errors[Projects.name])}`, summary, errors);
  }

  const todo = units()
    .map((u) => ({ ...u, tables: u.tables.filter((t) => wanted.has(t.name)) }))
    .filter((u) => u.tables.length > 0);
  // The activity feed tells which units have nothing new (see activity.ts); People and
  // Assignments never show there, so they are always read.
  const marker = needsProjects ? await newestActivity(ctx) : undefined;
  const gated = (u: Unit) => !u.tables.some((t) => t === People || t === Assignments);
  const run = (u: Unit): Promise<void> => {
    if (!ctx.full && gated(u) && u.tables.every((t) => isQuiet(db, t.name, marker))) {
      db.transaction(() => {
        for (const t of u.tables) putSyncState(db, t.name, ctx.scope, null, false);
      })();
      return Promise.resolve();
    }
    return timed(u.tables, async () => {
      await u.run(ctx, u.tables);
      if (gated(u)) commitLater(db, `the sync of ${u.tables.map((t) => t.name).join(", ")}`, () => {
        for (const t of u.tables) rememberActivity(db, t.name, marker, ctx.startedAt, !ctx.narrowed?.has(t.name));
      });
    });
  };
  for (const u of todo.filter((x) => x.alone)) await run(u);
  await mapPool(todo.filter((x) => !x.alone && !x.late), ctx.concurrency, run);
  for (const u of todo.filter((x) => x.late)) await run(u);
  if (wanted.has(Events.name)) await timed([Events], () => syncEvents(ctx));

  const failed = Object.keys(errors);
  if (failed.length > 0) {
    throw new SyncError(`Sync failed for ${failed.join(", ")}: ${describe(errors[failed[0]])} (the other tables were synced; run the sync again to retry).`, summary, errors);
  }
  return summary;
}
