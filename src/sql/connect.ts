// connect(): settings → sign-in → client → replica, and the Connection people query.
import { join } from "node:path";
import type { BasecampClient } from "../api/client.js";
import type { Basecamp2Client } from "../api/bc2/client.js";
import { openClient, type OpenClientOptions } from "../api/open-client.js";
import type { Launchpad } from "../auth/launchpad.js";
import { dataDirectory, sandboxPaths } from "../config/files.js";
import type { ConnectionSettings } from "../config/types.js";
import { convertRows, type IntegerMode } from "./integers.js";
import { openDatabase, setReplicaSchema, type Db } from "./replica.js";
import { setBc2DefaultProject } from "./bc2/write-handlers.js";
import { sqliteEngine, type ReplicaEngine } from "./engine.js";
import { postgresUrl } from "./pg/url.js";
import { pinnedProjects, SqlError } from "./query.js";
import { createSchema, tableByName } from "./schema/index.js";
import { getSyncState, syncTables, type SyncOptions, type SyncSummary } from "./sync/index.js";
import { leadingWords, type Params, type StatementKind } from "./statement-gate.js";
import { refreshSystemTables } from "./system-tables.js";
import type { WatchHandle, WatchOptions } from "./watch/watcher.js";
import { deliverOutbox, execProcedure, installWriteCapture, lastOutboxId, proceduresOf, reconcileOutbox, type OutboxEntry } from "./write/index.js";

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
  /** What the statement was: a read (its rows), a write through the views, or a procedure call. */
  kind: StatementKind;
  /** Rows the statement changed in the replica's views (writes) or a procedure's result rows. */
  changes: number;
  /** A read's rows or a procedure's result rows, integers as IntegerMode says (see query()). */
  rows: Record<string, unknown>[];
  /** What happened to the writes it queued. */
  outbox: OutboxEntry[];
}

export class Connection {
  private readonly engine: ReplicaEngine;
  private closed = false;
  private readonly watches = new Set<WatchHandle>();

  constructor(
    /** The signed-in client: a BasecampClient on Schema=V3, a Basecamp2Client on Schema=V2 (see `schema`, `bc2`). */
    private readonly api: BasecampClient | Basecamp2Client,
    readonly settings: ConnectionSettings,
    readonly db: Db,
    readonly replicaPath: string,
    private readonly oauth: { launchpad: Launchpad; clientId: string; clientSecret: string } | undefined,
    private readonly onClose: () => Promise<void>,
    engine?: ReplicaEngine,
  ) {
    this.engine = engine ?? sqliteEngine(db, replicaPath);
  }

  /** Which Basecamp this connection reads: V3 (Basecamp 4/3) or V2 (Basecamp 2). */
  get schema(): "V2" | "V3" {
    return this.settings.schema;
  }

  /** The Basecamp 4/3 client of this connection; on a Basecamp 2 connection use `bc2`. */
  get client(): BasecampClient {
    if (this.settings.schema === "V2") throw new SqlError("This connection is to a Basecamp 2 account (Schema=V2): its client is conn.bc2 (a Basecamp2Client), not conn.client.");
    return this.api as BasecampClient;
  }

  /** The Basecamp 2 client of a Schema=V2 connection; on Basecamp 4/3 use `client`. */
  get bc2(): Basecamp2Client {
    if (this.settings.schema !== "V2") throw new SqlError("This connection is to a Basecamp 4/3 account (Schema=V3): its client is conn.client (a BasecampClient), not conn.bc2.");
    return this.api as Basecamp2Client;
  }

  /** Sync the given tables (default: all) now. */
  sync(tables?: string[], opts: Omit<SyncOptions, "tables"> = {}): Promise<SyncSummary> {
    return syncTables(this.db, this.api, { ...opts, tables });
  }

  /**
   * Run a SELECT (or WITH … SELECT, VALUES): tables it reads that are older than MaxAge are
   * synced first (never with Offline=true; MaxAge=0 always); `WHERE ProjectId = …` narrows that
   * sync to the project. Anything else is refused (StatementRefusedError) before it runs. The
   * statement stops after MaxRows rows, and with QueryTimeoutError after QueryTimeout seconds.
   * Integers come back as IntegerMode says: by default numbers, and bigint only past
   * ±(2^53 − 1), so no ID loses a digit; `stringifyJsonExact(rows)` writes rows as exact JSON.
   * `options.maxRows` caps this statement instead of MaxRows (0: no cap).
   */
  async query(sql: string, params: Params = [], options: { maxRows?: number } = {}): Promise<Record<string, unknown>[]> {
    this.check();
    this.engine.classify(sql, "query", params);
    await this.freshen(sql, params);
    return this.read(sql, params, options.maxRows);
  }

  /**
   * INSERT / UPDATE / DELETE on the writable tables, EXEC / CALL a procedure, or what query()
   * takes. Anything else (DDL, PRAGMA, VACUUM, ATTACH, transactions, writes to internal tables)
   * is refused with StatementRefusedError before it runs.
   */
  async execute(sql: string, params: Params = []): Promise<ExecuteResult> {
    this.check();
    const kind = this.engine.classify(sql, "execute", params);
    if (kind === "procedure") {
      const rows = convertRows(await execProcedure(this.db, this.api, sql, { oauth: this.oauth, params }), this.integers);
      return { kind, changes: rows.length, rows, outbox: [] };
    }
    // What the write reads (INSERT … SELECT, the WHERE of UPDATE and DELETE) is brought up to date first.
    await this.freshen(sql, params);
    if (kind === "read") return { kind, changes: 0, rows: await this.read(sql, params), outbox: [] };
    const before = lastOutboxId(this.db);
    await this.engine.write(sql, params, this.timeout);
    // Writes through the views are counted by what they queued (SQLite counts no rows for INSTEAD OF triggers).
    const outbox = await deliverOutbox(this.db, this.api, { after: before });
    const failed = outbox.filter((e) => e.state === "failed");
    if (failed.length) {
      throw new WriteFailedError(
        `${failed.length} of ${outbox.length} write(s) failed and wait in sys_outbox: ${failed.map((e) => `#${e.id} ${e.op} ${e.table}: ${String(e.error).replace(/[.\s]+$/, "")}`).join("; ")}. Fix and retry them (EXEC RetryOutboxEntry(Id => …)), or discard them (EXEC DiscardOutboxEntry(Id => …)).`,
        outbox,
      );
    }
    return { kind, changes: outbox.length, rows: [], outbox };
  }

  /**
   * Keep the replica following Basecamp until `close()`: with `publicUrl` (and `port` or `app`)
   * a webhook receiver applies each change as Basecamp pushes it, with catch-up syncs after any
   * gap; without, an incremental sync every `pollIntervalMs`. See WatchOptions.
   */
  async watch(options: WatchOptions = {}): Promise<WatchHandle> {
    this.check();
    const { startWatch } = await import("./watch/watcher.js");
    const client = this.settings.schema === "V2" ? undefined : this.client;
    const handle = await startWatch({ db: this.db, client, sync: (opts) => this.sync(undefined, opts) }, options);
    this.watches.add(handle);
    const close = handle.close.bind(handle);
    return Object.assign(handle, {
      close: async () => {
        this.watches.delete(handle);
        await close();
      },
    });
  }

  /**
   * Stop the statement running now (Ctrl-C): its query() or execute() rejects with
   * QueryInterruptedError, and a write stopped this way queues nothing. False when no statement
   * is running (a sync, or writes being sent to Basecamp, are not stopped by this).
   */
  interrupt(signal?: NodeJS.Signals): boolean {
    return this.engine.interrupt(signal);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const w of [...this.watches]) await w.close();
    this.closed = true;
    this.engine.close();
    this.db.close();
    await this.onClose();
  }

  private check(): void {
    if (this.closed) throw new SqlError("This connection is closed; connect() again.");
  }

  private get integers(): IntegerMode {
    return this.settings.integerMode ?? "number";
  }

  private get timeout(): number {
    return this.settings.queryTimeout ?? 60;
  }

  private read(sql: string, params: Params, maxRows = this.settings.maxRows): Promise<Record<string, unknown>[]> {
    return this.engine.read(sql, params, { maxRows, timeoutSeconds: this.timeout, integers: this.integers });
  }

  /** Sync the Basecamp tables `sql` reads that are older than MaxAge (never with Offline=true). */
  private async freshen(sql: string, params: Params): Promise<void> {
    if (this.settings.offline || leadingWords(sql).words[0] === "EXPLAIN") return;
    const read = this.engine.tablesRead(sql, params);
    const projectIds = pinnedProjects(sql, params)?.map((p) => BigInt(p));
    const stale = read.filter((t) => tableByName(t, this.db) && this.isStale(t, projectIds));
    if (stale.length) await syncTables(this.db, this.api, { tables: stale, projectIds });
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
    const pgUrl = postgresUrl(settings.replica);
    let engine: ReplicaEngine | undefined;
    let replicaPath: string;
    if (pgUrl !== undefined) {
      // A PostgreSQL replica: the account's tables in one schema of that database.
      const pgReplica = await import("./pg/replica.js");
      const schemaName = settings.replicaSchema ?? pgReplica.defaultReplicaSchema(auth.accountId, session.schema);
      db = pgReplica.openPgReplica(pgUrl, schemaName);
      setReplicaSchema(db, session.schema);
      createSchema(db);
      pgReplica.installPgWriteCapture(db);
      pgReplica.refreshPgSystemTables(db, proceduresOf(db));
      const { pgEngine } = await import("./pg/engine.js");
      engine = pgEngine(db, { url: pgUrl, schema: schemaName, role: pgReplica.userRoleOf(db) });
      replicaPath = pgReplica.shownUrl(pgUrl);
    } else {
      // A Basecamp 2 account's replica has its own name: its tables are Basecamp 2's.
      const file = session.schema === "V2" ? `replica-bcx-${auth.accountId}.sqlite` : `replica-${auth.accountId}.sqlite`;
      replicaPath = settings.replica ?? join(settings.sandbox ? sandboxPaths(dataDir).dir : dataDir, file);
      db = openDatabase(replicaPath);
      setReplicaSchema(db, session.schema);
      createSchema(db);
      installWriteCapture(db);
      refreshSystemTables(db, proceduresOf(db));
    }
    if (session.schema === "V2") setBc2DefaultProject(db, settings.projectId);
    await reconcileOutbox(db, client);
    return new Connection(client, settings, db, replicaPath, oauth, () => session.close(), engine);
  } catch (e) {
    db?.close();
    await session.close();
    throw e;
  }
}
