// Where a sync unit's records go: pages are written as they arrive, a batch of rows per
// transaction, so memory stays flat however large the account. Rows are extracted once,
// upserted with prepared statements (new or changed recordings are queued for Events by the
// replica's triggers). A full read remembers the ids it saw in a temporary table (not
// in memory); finish() then deletes the rows it did not see and commits the sync state.
// On PostgreSQL these commits go out without waiting (commitLater): the next page is read
// while the server writes, and the sync engine settles each unit before calling it done.
import { physicalName, type Json, type RowContext, type TableDef } from "../schema/index.js";
import { extract, writeRow, type Extracted } from "../schema/upsert.js";
import { maxTime, prepared, updatedAt, type SyncContext } from "./context.js";
import { putSyncState, putWatermark } from "./state.js";
import { commitLater } from "../replica.js";

export interface Rec {
  rec: Json;
  ctx: RowContext;
}

const SEEN = "temp.bc_sync_seen";
let runs = 0;

interface Target {
  table: TableDef;
  /** A full read of a table that had rows: remember the ids seen, to delete the others at finish. */
  track: boolean;
  /** Rows extracted and not yet written. */
  rows: Extracted[];
  /** Newest time of the rows taken (the default watermark). */
  newest: string | null;
}

export interface SinkOptions {
  /** A full read of the scope: at finish, delete rows (in scope) whose Id was not written. */
  deleteMissing: boolean;
  /** The time a row's watermark follows (default updated_at, else created_at). */
  timeKey?: (r: Json) => string;
}

/** Rows written per transaction unless the sync says otherwise (SyncOptions.batchRows). */
export const BATCH_ROWS = 500;

export class Sink {
  private readonly targets: Target[];
  /** Some target keeps the ids it sees (in the temporary table). */
  private readonly tracking: boolean;
  private readonly run = ++runs;
  private finished = false;
  private pending = 0;
  private progress: string | null = null;
  /** What a failed commit of this sink is called (PostgreSQL hears of it later). */
  private readonly label: string;

  constructor(
    private readonly ctx: SyncContext,
    tables: readonly TableDef[],
    private readonly opts: SinkOptions,
  ) {
    this.label = `the sync of ${tables.map((t) => t.name).join(", ")}`;
    // A table with no rows yet has nothing to delete (rows another process writes meanwhile
    // come from Basecamp too), so its full read keeps no ids.
    const hasRows = (t: TableDef) => prepared(ctx.db, `SELECT EXISTS (SELECT 1 FROM "${physicalName(t)}") AS n`).get() as { n: number | bigint };
    this.targets = tables.map((table) => ({ table, track: opts.deleteMissing && Number(hasRows(table).n) === 1, rows: [], newest: null }));
    this.tracking = this.targets.some((t) => t.track);
    if (this.tracking) ctx.db.exec(`CREATE TEMP TABLE IF NOT EXISTS bc_sync_seen (Run INTEGER NOT NULL, Id INTEGER NOT NULL, PRIMARY KEY (Run, Id)) WITHOUT ROWID`);
  }

  /**
   * Take one page's records for every table of the unit (`records` may be chosen per table:
   * a card table and its columns). Rows are extracted at once and written in one
   * transaction per batch of about `batchRows` rows (every page, with `batchRows: 1`).
   * `progress`: a watermark the rows taken so far make safe (every record older than it
   * has been read), committed with them so an interrupted sync continues from there.
   */
  page(records: readonly Rec[] | ((t: TableDef) => readonly Rec[]), progress?: string | null): void {
    const time = this.opts.timeKey ?? updatedAt;
    const batch = this.ctx.batchRows ?? BATCH_ROWS;
    for (const t of this.targets) {
      for (const { rec, ctx } of typeof records === "function" ? records(t.table) : records) {
        const x = extract(t.table, rec, ctx);
        if (!x) continue;
        t.rows.push(x);
        t.newest = maxTime(t.newest, time(rec) || null);
        // A long page (an unpaged list) is written as it is taken, not held whole; the
        // progress of the previous page still holds meanwhile.
        if (++this.pending >= batch) commitLater(this.ctx.db, this.label, () => this.flush());
      }
    }
    if (progress) this.progress = progress;
  }

  /** Write the rows taken so far, and the progress watermark with them (inside a transaction). */
  private flush(): void {
    const { db } = this.ctx;
    for (const t of this.targets) {
      if (this.progress) putWatermark(db, t.table.name, this.ctx.scope, this.clamp(this.progress));
      const rows = t.rows;
      if (rows.length === 0) continue;
      t.rows = [];
      for (const x of rows) writeRow(db, t.table, x);
      if (t.track) prepared(db, `INSERT OR IGNORE INTO ${SEEN} (Run, Id) SELECT ?, value FROM json_each(?)`).run(this.run, `[${rows.map((x) => x.row.Id).join(",")}]`);
      const sum = this.ctx.summary[t.table.name];
      if (sum) sum.upserted += rows.length;
    }
    this.pending = 0;
    this.progress = null;
  }

  /**
   * The unit has read everything: delete what a full read did not see, and commit each
   * table's state with its watermark (default: the newest row written). `also` runs in the
   * same transaction.
   */
  finish(watermark?: (t: TableDef) => string | null, also?: () => void): void {
    const { db } = this.ctx;
    commitLater(db, this.label, () => {
      this.flush();
      for (const t of this.targets) {
        if (t.track) this.deleteUnseen(t.table);
        const wm = watermark ? watermark(t.table) : t.newest;
        putSyncState(db, t.table.name, this.ctx.scope, wm === null ? null : this.clamp(wm), this.ctx.full);
      }
      also?.();
      this.discard();
    });
    this.finished = true;
  }

  /** Forget the ids seen (after finish, or when the unit failed). */
  discard(): void {
    if (this.tracking && !this.finished) prepared(this.ctx.db, `DELETE FROM ${SEEN} WHERE Run = ?`).run(this.run);
  }

  /** Watermarks never pass the time this sync started, even if the server's clock runs ahead. */
  private clamp(wm: string): string {
    return wm > this.ctx.startedAt ? this.ctx.startedAt : wm;
  }

  private deleteUnseen(table: TableDef): void {
    const { db, projectIds } = this.ctx;
    const narrowed = projectIds && table.columns.some((c) => c.name === "ProjectId") && table.name !== "Projects";
    // A row written after this sync began (a write coming back from Basecamp meanwhile) was not
    // in the pages it read: it stays, and the next full sync judges it.
    const dated = table.columns.some((c) => c.name === "UpdatedAt");
    const where = `Id NOT IN (SELECT Id FROM ${SEEN} WHERE Run = ?)${narrowed ? ` AND ProjectId IN (${projectIds.map(() => "?").join(",")})` : ""}${dated ? " AND (UpdatedAt IS NULL OR UpdatedAt < ?)" : ""}`;
    const params: unknown[] = [this.run, ...(narrowed ? projectIds : []), ...(dated ? [this.ctx.startedAt] : [])];
    const phys = physicalName(table);
    if (table.assignees) db.prepare(`DELETE FROM bc_ToDoAssignees WHERE ToDoId IN (SELECT Id FROM "${phys}" WHERE ${where})`).run(...params);
    const { changes } = db.prepare(`DELETE FROM "${phys}" WHERE ${where}`).run(...params);
    const sum = this.ctx.summary[table.name];
    if (sum) sum.deleted += Number(changes);
  }
}

/** Run `fn` with a sink for `tables`; the sink's temporary ids are dropped if it fails. */
export async function withSink(ctx: SyncContext, tables: readonly TableDef[], opts: SinkOptions, fn: (sink: Sink) => Promise<void>): Promise<void> {
  const sink = new Sink(ctx, tables, opts);
  try {
    await fn(sink);
  } finally {
    sink.discard();
  }
}
