// Opening a PostgreSQL replica: `Replica=postgresql://…` (or `postgres://…`, or just
// `postgresql:` for PGHOST, PGUSER, … from the environment) puts the account's tables in one
// schema of that database (`basecamp_<AccountId>`, or ReplicaSchema), created and kept up to
// date here: tables and views with lower-case names and comments, the write capture, the
// confined role users' statements run as, and sys_tables / sys_tablecolumns / sys_procedures.
import type { Db } from "../replica.js";
import { setPgSchemaCreator, tablesOf } from "../schema/index.js";
import { specsOf } from "../write/tables.js";
import type { ProcedureInfo } from "../write/procedures-def.js";
import { pgCaptureSql } from "./capture.js";
import { asPgDb, openPgDb, pgConnection, pgSchema } from "./db.js";
import { pgSchemaSql } from "./ddl.js";
import { pgGateSql, pgUserRole } from "./gate.js";
import { pgSystemTablesSql } from "./system-tables.js";

export { isPg } from "./db.js";
export { postgresUrl, shownUrl } from "./url.js";

/** The schema an account's tables go in: ReplicaSchema, else basecamp_<AccountId> (basecamp_bcx_<AccountId> for Basecamp 2). */
export function defaultReplicaSchema(accountId: string, schema: "V2" | "V3"): string {
  return `basecamp_${schema === "V2" ? "bcx_" : ""}${accountId.replace(/\W/g, "")}`;
}

/** Open the replica in `schema` of the database at `url` (the schema is made if it is missing). */
export function openPgReplica(url: string, schema: string): Db {
  const names = new Set<string>();
  for (const t of tablesOf()) for (const c of t.columns) names.add(c.name);
  // Primary keys, for INSERT OR REPLACE (the internal tables; the bc_ tables by their definitions).
  const keys = new Map<string, string[]>([
    ["sys_sync_locks", ["tablename"]],
    ["bc_sync_state", ["tablename", "scope"]],
    ["bc_sync_pending_events", ["recordingid"]],
  ]);
  for (const t of tablesOf()) keys.set(`bc_${t.name.toLowerCase()}`, (t.primaryKey ?? ["Id"]).map((k) => k.toLowerCase()));
  return openPgDb(url, schema, {
    keys: (table) => keys.get(table.replace(/^.*\./, "")),
    canonicalNames: [...names, "TableName", "Scope", "Watermark", "LastSyncAt", "LastFullSyncAt", "RecordingId", "UpdatedAt", "Holder", "Pid", "Host", "HeartbeatAt", "Run"],
  });
}

/** Make sure every table, view and index of the replica's Basecamp exists (idempotent; safe from several processes at once). */
const created = new WeakSet<Db>();

export function createPgSchema(db: Db): void {
  // Once per connection: every sync asks, and checking the schema is 52 statements on the server.
  if (created.has(db)) return;
  const d = asPgDb(db);
  d.addCanonicalNames(tablesOf(db).flatMap((t) => t.columns.map((c) => c.name)));
  const conn = pgConnection(db);
  try {
    // One transaction (pgSchemaSql begins and commits it).
    for (const sql of pgSchemaSql(pgSchema(db), tablesOf(db))) conn.query(sql);
  } catch (e) {
    try {
      conn.query("ROLLBACK");
    } catch {
      // nothing was open
    }
    throw e;
  }
  created.add(db);
}

/** The capture triggers on the writable views and the role users' statements run as. */
export function installPgWriteCapture(db: Db): string[] {
  const schema = pgSchema(db);
  const tables = tablesOf(db);
  const specs = specsOf(db);
  const columns = (name: string) => tables.find((t) => t.name === name)?.columns.map((c) => c.name) ?? [];
  for (const sql of [...pgCaptureSql(schema, specs, columns), ...pgGateSql(schema, specs.map((s) => s.table))]) pgConnection(db).query(sql);
  return specs.map((s) => s.table);
}

export function refreshPgSystemTables(db: Db, procedures: readonly ProcedureInfo[]): void {
  for (const sql of pgSystemTablesSql(pgSchema(db), tablesOf(db), specsOf(db), procedures)) pgConnection(db).query(sql);
}

/** The role a PostgreSQL replica's users' statements run as. */
export function userRoleOf(db: Db): string {
  return pgUserRole(pgSchema(db));
}

// createSchema() (which every sync calls first) makes a PostgreSQL replica's schema with this.
setPgSchemaCreator(createPgSchema);
