// One sync of a table at a time, across processes: a sync takes a row per table in
// sys_sync_locks (all or none, in one BEGIN IMMEDIATE transaction, or under an advisory lock on
// PostgreSQL) and waits while another
// live sync holds any of them. A holder is dead when its process is gone (same host) or its
// heartbeat is older than STALE_MS, so a kill -9 never leaves a replica locked. After a wait,
// tables the other sync just brought up to date are taken as they are, not read again.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { processAlive } from "../../auth/internal/file-lock.js";
import type { Id } from "../../http/json.js";
import { isPg } from "../pg/db.js";
import type { Db } from "../replica.js";
import { newSummary, type TableSummary } from "./context.js";
import { getSyncState } from "./state.js";

/** The holder refreshes its rows this often. */
export const HEARTBEAT_MS = 5_000;
/** A holder whose heartbeat is older than this is taken over (a hung or remote process). */
export const STALE_MS = 120_000;
/** How often a waiting sync looks again. */
const POLL_MS = 200;

export interface SyncHolder {
  pid: number;
  host: string;
  tables: string[];
}

export interface SyncLockOptions {
  full?: boolean;
  projectIds?: Id[];
  signal?: AbortSignal;
  /** When this sync began (ISO; default: when it asks for the locks): what another sync committed since counts as fresh. */
  since?: string;
  /** Called once when the sync has to wait for another one (which holds the named tables). */
  onWait?: (holder: SyncHolder) => void;
}

const DDL = `CREATE TABLE IF NOT EXISTS sys_sync_locks (TableName TEXT PRIMARY KEY, Holder TEXT NOT NULL, Pid INTEGER NOT NULL, Host TEXT NOT NULL, HeartbeatAt INTEGER NOT NULL)`;

interface LockRow {
  TableName: string;
  Holder: string;
  Pid: bigint;
  Host: string;
  HeartbeatAt: bigint;
}

function isLive(r: LockRow, now: number): boolean {
  if (now - Number(r.HeartbeatAt) > STALE_MS) return false;
  return r.Host !== hostname() || processAlive(Number(r.Pid));
}

const isBusy = (e: unknown) => /^SQLITE_BUSY/.test(String((e as { code?: unknown }).code ?? ""));
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", done);
      clearTimeout(t);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** Take every table's row, or say who holds one of them (undefined = taken). */
function tryTake(db: Db, holder: string, tables: string[]): SyncHolder | undefined {
  const marks = tables.map(() => "?").join(", ");
  return db.transaction(() => {
    // On PostgreSQL, processes on any host take turns here (SQLite's BEGIN IMMEDIATE does it there).
    if (isPg(db)) db.prepare("SELECT pg_advisory_xact_lock(hashtextextended('basecamp-connector:sync-locks:' || current_schema(), 0))").get();
    const now = Date.now();
    const rows = db.prepare(`SELECT * FROM sys_sync_locks WHERE TableName IN (${marks})`).all(...tables) as LockRow[];
    const other = rows.filter((r) => r.Holder !== holder && isLive(r, now));
    if (other.length) {
      const first = other[0];
      return { pid: Number(first.Pid), host: first.Host, tables: other.filter((r) => r.Holder === first.Holder).map((r) => r.TableName) };
    }
    const put = db.prepare("INSERT OR REPLACE INTO sys_sync_locks (TableName, Holder, Pid, Host, HeartbeatAt) VALUES (?, ?, ?, ?, ?)");
    for (const t of tables) put.run(t, holder, process.pid, hostname(), now);
    return undefined;
  }).immediate();
}

/** Write to the lock rows; a failure is left to the next beat, or to a takeover once the rows go stale. */
function touch(db: Db, sql: string, ...args: unknown[]): void {
  try {
    if (db.open) db.prepare(sql).run(...args);
  } catch {
    // see above
  }
}

/** Tables another sync committed since `since` (full ones, when `full`): nothing to read again. */
function freshSince(db: Db, tables: string[], since: string, o: SyncLockOptions): Set<string> {
  const fresh = new Set<string>();
  for (const t of tables) {
    const s = getSyncState(db, t, o.projectIds);
    const at = o.full ? s.lastFullSyncAt : s.lastSyncAt;
    if (at && at >= since) fresh.add(t);
  }
  return fresh;
}

/**
 * Run `sync` over `wanted` holding their locks. When another sync held some of them, the
 * tables it synced meanwhile are left out (they come back in the summary with zero counts).
 */
export async function withSyncLock(
  db: Db,
  wanted: Set<string>,
  o: SyncLockOptions,
  sync: (tables: Set<string>) => Promise<Record<string, TableSummary>>,
): Promise<Record<string, TableSummary>> {
  db.exec(DDL);
  const tables = [...wanted].sort();
  const holder = randomUUID();
  const since = o.since ?? new Date().toISOString();
  let waited = false;
  for (;;) {
    let other: SyncHolder | undefined;
    try {
      other = tryTake(db, holder, tables);
    } catch (e) {
      if (!isBusy(e)) throw e;
      other = { pid: 0, host: "", tables: [] };
    }
    if (!other) break;
    if (!waited && other.pid) o.onWait?.(other);
    waited ||= other.pid !== 0;
    await sleep(POLL_MS, o.signal);
  }
  const beat = setInterval(() => touch(db, "UPDATE sys_sync_locks SET HeartbeatAt = ? WHERE Holder = ?", Date.now(), holder), HEARTBEAT_MS);
  beat.unref();
  try {
    const fresh = waited ? freshSince(db, tables, since, o) : new Set<string>();
    const todo = new Set([...wanted].filter((t) => !fresh.has(t)));
    const summary = todo.size ? await sync(todo) : {};
    for (const t of fresh) summary[t] ??= newSummary();
    return summary;
  } finally {
    clearInterval(beat);
    touch(db, "DELETE FROM sys_sync_locks WHERE Holder = ?", holder);
  }
}
