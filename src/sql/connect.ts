// connect(): settings → sign-in → client → replica, and the Connection people query.
import { join } from "node:path";
import type { BasecampClient } from "../api/client.js";
import { openClient, type OpenClientOptions } from "../api/open-client.js";
import type { Launchpad } from "../auth/launchpad.js";
import { dataDirectory, sandboxPaths } from "../config/files.js";
import type { ConnectionSettings } from "../config/types.js";
import { openDatabase, type Db } from "./replica.js";
import { explainSqlError, pinnedProjects, runSelect, SqlError, tablesRead } from "./query.js";
import { createSchema, tableByName } from "./schema/index.js";
import { getSyncState, syncTables, type SyncOptions, type SyncSummary } from "./sync/index.js";
import { refreshSystemTables } from "./system-tables.js";
import { deliverOutbox, execProcedure, installWriteCapture, isProcedureCall, lastOutboxId, PROCEDURES, reconcileOutbox, type OutboxEntry } from "./write/index.js";

/** Some writes of an execute() failed; they stay in sys_outbox until retried or discarded. */
export class WriteFailedError extends SqlError {
  override name = "WriteFailedError";
  constructor(
    message: string,
    readonly entries: OutboxEntry[],
  ) {
    super(message);
  }
}

export type ConnectOptions = Omit<OpenClientOptions, "forceSignIn">;

export { dataDirectory };

export interface ExecuteResult {
  /** Rows the statement changed in the replica's views (writes) or a procedure's result rows. */
  changes: number;
  rows: Record<string, unknown>[];
  /** What happened to the writes it queued. */
  outbox: OutboxEntry[];
}

export class Connection {
  private readonly ro: Db;
  private closed = false;

  constructor(
    readonly client: BasecampClient,
    readonly settings: ConnectionSettings,
    readonly db: Db,
    readonly replicaPath: string,
    private readonly oauth: { launchpad: Launchpad; clientId: string; clientSecret: string } | undefined,
    private readonly onClose: () => Promise<void>,
  ) {
    this.ro = replicaPath === ":memory:" ? db : openDatabase(replicaPath, { readonly: true });
    if (this.ro !== db) this.ro.pragma("query_only = ON");
  }

  /** Sync the given tables (default: all) now. */
  sync(tables?: string[], opts: Omit<SyncOptions, "tables"> = {}): Promise<SyncSummary> {
    return syncTables(this.db, this.client, { ...opts, tables });
  }

  /**
   * Run a SELECT: tables it reads that are older than MaxAge are synced first (never with
   * Offline=true; MaxAge=0 always); `WHERE ProjectId = …` narrows that sync to the project.
   */
  async query(sql: string, params: unknown[] | Record<string, unknown> = []): Promise<Record<string, unknown>[]> {
    this.check();
    await this.freshen(this.ro, sql, params);
    return runSelect(this.ro, sql, { params, maxRows: this.settings.maxRows });
  }

  /** INSERT / UPDATE / DELETE on the writable tables, or EXEC / CALL a procedure. */
  async execute(sql: string, params: unknown[] | Record<string, unknown> = []): Promise<ExecuteResult> {
    this.check();
    if (isProcedureCall(sql)) {
      const rows = await execProcedure(this.db, this.client, sql, { oauth: this.oauth, params });
      return { changes: rows.length, rows, outbox: [] };
    }
    // What the write reads (INSERT … SELECT, the WHERE of UPDATE and DELETE) is brought up to date first.
    await this.freshen(this.db, sql, params);
    const before = lastOutboxId(this.db);
    try {
      const stmt = this.db.prepare(sql);
      if (stmt.reader) throw new SqlError("execute() is for writes and procedures; use query() for SELECT.");
      stmt.run(...(Array.isArray(params) ? params : [params]));
    } catch (e) {
      if (e instanceof SqlError) throw e;
      throw explainSqlError(this.db, sql, e);
    }
    // Writes through the views are counted by what they queued (SQLite counts no rows for INSTEAD OF triggers).
    const outbox = await deliverOutbox(this.db, this.client, { after: before });
    const failed = outbox.filter((e) => e.state === "failed");
    if (failed.length) {
      throw new WriteFailedError(
        `${failed.length} of ${outbox.length} write(s) failed and wait in sys_outbox: ${failed.map((e) => `#${e.id} ${e.op} ${e.table}: ${e.error}`).join("; ")}. Fix and retry them (retryOutbox), or discard them.`,
        outbox,
      );
    }
    return { changes: outbox.length, rows: [], outbox };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ro !== this.db) this.ro.close();
    this.db.close();
    await this.onClose();
  }

  private check(): void {
    if (this.closed) throw new SqlError("This connection is closed; connect() again.");
  }

  /** Sync the Basecamp tables `sql` reads that are older than MaxAge (never with Offline=true). */
  private async freshen(db: Db, sql: string, params: unknown[] | Record<string, unknown>): Promise<void> {
    if (this.settings.offline) return;
    const read = tablesRead(db, sql, params);
    const projectIds = pinnedProjects(sql, params)?.map((p) => BigInt(p));
    const stale = read.filter((t) => tableByName(t) && this.isStale(t, projectIds));
    if (stale.length) await syncTables(this.db, this.client, { tables: stale, projectIds });
  }

  private isStale(table: string, projectIds?: bigint[]): boolean {
    const maxAge = this.settings.maxAge ?? 300;
    if (maxAge === 0) return true;
    const last = getSyncState(this.db, table, projectIds).lastSyncAt;
    if (!last) return true;
    return Date.now() - Date.parse(String(last)) > maxAge * 1000;
  }
}

/**
 * Connect with a connection string ("AccountId=…;InitiateOAuth=GETANDREFRESH;…"): sign in,
 * open the replica, and hand back a Connection. `Sandbox=true` runs against an embedded
 * simulator with its sandbox app, so everything works offline.
 */
export async function connect(connectionString = "", options: ConnectOptions = {}): Promise<Connection> {
  const session = await openClient(connectionString, options);
  const { client, settings, auth, dataDir, oauth } = session;
  let db: Db | undefined;
  try {
    const replicaPath = settings.replica ?? join(settings.sandbox ? sandboxPaths(dataDir).dir : dataDir, `replica-${auth.accountId}.sqlite`);
    db = openDatabase(replicaPath);
    createSchema(db);
    installWriteCapture(db);
    refreshSystemTables(db, PROCEDURES);
    await reconcileOutbox(db, client);
    return new Connection(client, settings, db, replicaPath, oauth, () => session.close());
  } catch (e) {
    db?.close();
    await session.close();
    throw e;
  }
}
