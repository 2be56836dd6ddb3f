// The PostgreSQL replica's schema, generated from the same table definitions as the SQLite
// one (src/sql/schema/ddl.ts): in one schema per account, a `bc_<t>` table behind a `<t>`
// view for each table, their indexes, the Recordings union view, the pending-events queue
// and its triggers, the sync state, `sys_sync_locks` and `sys_outbox`, with the tables'
// descriptions as comments (BI tools show them).
//
// Identifiers are lower case (column `Id` is `id`, view `ToDos` is `todos`), so the same
// unquoted SQL runs on both replicas. Types: INTEGER → BIGINT, TEXT → TEXT, REAL → DOUBLE
// PRECISION, and the `Raw` column is JSONB (so `Raw ->> 'x'` works).
//
// Idempotent and cheap to run again: tables and columns are added when missing; views,
// indexes, triggers, functions and comments are (re)made only when missing or different, so a
// run over an up-to-date schema takes no lock that would wait behind a reader. The statements
// form one transaction that first takes an advisory lock derived from the schema name, so two
// processes creating the same schema run one after the other. Run them in order on one
// connection (or joined with ";\n" as one simple query); on an error, ROLLBACK.
import { PENDING_EVENTS_TABLE, physicalName, SYNC_STATE_TABLE } from "../schema/ddl.js";
import type { ColumnDef, TableDef } from "../schema/types.js";
import { quote } from "./tokens.js";

/** A lower-case, quoted identifier: `ToDoListId` → `"todolistid"`. */
export function pgIdent(name: string): string {
  return quote(name.toLowerCase());
}

/** A schema name, quoted exactly as given (basecamp_123). */
export function pgSchemaIdent(schema: string): string {
  return quote(schema);
}

/** `"schema"."name"` (name lower-cased). */
export function pgQualified(schema: string, name: string): string {
  return `${pgSchemaIdent(schema)}.${pgIdent(name)}`;
}

/** A string literal, right whatever standard_conforming_strings says. */
export function pgLit(text: string): string {
  if (text.includes("\0")) throw new Error("PostgreSQL text can't hold a NUL character.");
  const body = text.replace(/'/g, "''");
  return text.includes("\\") ? `E'${body.replace(/\\/g, "\\\\")}'` : `'${body}'`;
}

/** The `regclass` text of a relation, for to_regclass(). */
export const pgRegclass = (schema: string, name: string) => pgLit(pgQualified(schema, name));

/**
 * The statements that start the schema's transaction: BEGIN, the advisory lock of this schema
 * (key: hashtextextended('basecamp-connector:schema:' || schema, 0)), and quiet notices.
 */
export function pgSchemaTransactionStart(schema: string): string[] {
  return ["BEGIN", `SELECT pg_advisory_xact_lock(hashtextextended(${pgLit(`basecamp-connector:schema:${schema}`)}, 0))`, "SET LOCAL client_min_messages = warning"];
}

/** The PostgreSQL type of a column. */
export function pgColumnType(c: ColumnDef): string {
  if (c.name === "Raw") return "JSONB";
  return c.type === "INTEGER" ? "BIGINT" : c.type === "REAL" ? "DOUBLE PRECISION" : "TEXT";
}

let tagSeq = 0;
/** A dollar-quote tag that does not occur in `body`. */
export function dollarQuote(body: string, base = "bc"): string {
  let tag = `$${base}$`;
  while (body.includes(tag)) tag = `$${base}${++tagSeq}$`;
  return `${tag}${body}${tag}`;
}

/** A DO block running each `ddl` whose `missing` condition holds (one round trip for all). */
export function pgEnsure(items: ReadonlyArray<{ missing: string; ddl: string }>): string | undefined {
  if (!items.length) return undefined;
  const body = items.map((i) => `  IF ${i.missing} THEN\n    EXECUTE ${pgLit(i.ddl)};\n  END IF;`).join("\n");
  return `DO ${dollarQuote(`\nBEGIN\n${body}\nEND\n`, "do")}`;
}

/** A plpgsql function, (re)created only when missing or its body or security changed. */
export function pgFunction(schema: string, name: string, body: string, opts: { securityDefiner?: boolean; returns?: string } = {}): { missing: string; ddl: string } {
  const fn = `${pgQualified(schema, name)}()`;
  const ddl =
    `CREATE OR REPLACE FUNCTION ${fn} RETURNS ${opts.returns ?? "trigger"} LANGUAGE plpgsql` +
    `${opts.securityDefiner ? " SECURITY DEFINER" : ""} SET search_path = pg_catalog, pg_temp AS ${dollarQuote(body, "fn")}`;
  const missing = `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc WHERE oid = to_regprocedure(${pgLit(fn)}) AND prosrc = ${pgLit(body)} AND prosecdef = ${opts.securityDefiner ? "true" : "false"})`;
  return { missing, ddl };
}

/** A trigger, created when its relation exists and has no trigger of that name. */
export function pgTrigger(schema: string, relation: string, name: string, ddl: string): { missing: string; ddl: string } {
  const rel = `to_regclass(${pgRegclass(schema, relation)})`;
  return { missing: `${rel} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = ${rel} AND tgname = ${pgLit(name.toLowerCase())})`, ddl };
}

const colCount = (rel: string) => `(SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(${rel}) AND attnum > 0 AND NOT attisdropped)`;

/** The column list of a table; the key columns NOT NULL, `Id` the primary key unless a key is given. */
function tableSql(schema: string, t: TableDef): string {
  const key = t.primaryKey ?? (t.source === "link" ? t.columns.slice(0, 2).map((c) => c.name) : undefined);
  const lower = new Set<string>();
  const cols = t.columns.map((c) => {
    if (lower.has(c.name.toLowerCase())) throw new Error(`${t.name} has two columns named ${c.name} in lower case.`);
    lower.add(c.name.toLowerCase());
    return `${pgIdent(c.name)} ${pgColumnType(c)}${c.name === "Id" && !key ? " PRIMARY KEY" : key?.includes(c.name) ? " NOT NULL" : ""}`;
  });
  if (key) cols.push(`PRIMARY KEY (${key.map(pgIdent).join(", ")})`);
  return `CREATE TABLE IF NOT EXISTS ${pgQualified(schema, physicalName(t))} (${cols.join(", ")})`;
}

/** Columns a table made by an earlier version lacks are added (at the end, as SQLite would). */
function addMissingColumns(schema: string, t: TableDef): Array<{ missing: string; ddl: string }> {
  const p = physicalName(t);
  return t.columns.map((c) => ({
    missing: `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(${pgRegclass(schema, p)}) AND attname = ${pgLit(c.name.toLowerCase())} AND NOT attisdropped)`,
    ddl: `ALTER TABLE ${pgQualified(schema, p)} ADD COLUMN ${pgIdent(c.name)} ${pgColumnType(c)}`,
  }));
}

/** The view over bc_<t>, made again when the table has columns it lacks. */
function viewOf(schema: string, t: TableDef): { missing: string; ddl: string } {
  const view = pgRegclass(schema, t.name);
  return {
    missing: `to_regclass(${view}) IS NULL OR ${colCount(view)} <> ${colCount(pgRegclass(schema, physicalName(t)))}`,
    ddl: `CREATE OR REPLACE VIEW ${pgQualified(schema, t.name)} AS SELECT * FROM ${pgQualified(schema, physicalName(t))}`,
  };
}

function indexesOf(schema: string, t: TableDef): Array<{ missing: string; ddl: string }> {
  return (t.indexes ?? []).map((ix) => {
    const name = `ix_${t.name}_${ix}`;
    return { missing: `to_regclass(${pgRegclass(schema, name)}) IS NULL`, ddl: `CREATE INDEX IF NOT EXISTS ${pgIdent(name)} ON ${pgQualified(schema, physicalName(t))} (${pgIdent(ix)})` };
  });
}

const QUEUE_NEW = "bc_queue_new_recordings";
const QUEUE_CHANGED = "bc_queue_changed_recordings";

/**
 * The pending-events queue, as SQLite's triggers keep it: a recording row that is new, or whose
 * UpdatedAt changed, is queued (an upsert on RecordingId). Statement-level triggers with
 * transition tables, so a bulk upsert queues its rows in one INSERT.
 */
function queueFunctions(schema: string): Array<{ missing: string; ddl: string }> {
  const pending = pgQualified(schema, PENDING_EVENTS_TABLE);
  const upsert = "ON CONFLICT (recordingid) DO UPDATE SET projectid = excluded.projectid, updatedat = excluded.updatedat";
  return [
    pgFunction(schema, QUEUE_NEW, `\nBEGIN\n  INSERT INTO ${pending} (recordingid, projectid, updatedat)\n  SELECT n.id, n.projectid, n.updatedat FROM new_rows n\n  ${upsert};\n  RETURN NULL;\nEND\n`),
    pgFunction(
      schema,
      QUEUE_CHANGED,
      `\nBEGIN\n  INSERT INTO ${pending} (recordingid, projectid, updatedat)\n  SELECT n.id, n.projectid, n.updatedat FROM new_rows n JOIN old_rows o ON o.id = n.id\n  WHERE o.updatedat IS DISTINCT FROM n.updatedat\n  ${upsert};\n  RETURN NULL;\nEND\n`,
    ),
  ];
}

function queueTriggers(schema: string, t: TableDef): Array<{ missing: string; ddl: string }> {
  const p = physicalName(t);
  const on = pgQualified(schema, p);
  return [
    pgTrigger(schema, p, `${p}_queue_new`, `CREATE TRIGGER ${pgIdent(`${p}_queue_new`)} AFTER INSERT ON ${on} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${pgQualified(schema, QUEUE_NEW)}()`),
    pgTrigger(
      schema,
      p,
      `${p}_queue_changed`,
      `CREATE TRIGGER ${pgIdent(`${p}_queue_changed`)} AFTER UPDATE ON ${on} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${pgQualified(schema, QUEUE_CHANGED)}()`,
    ),
  ];
}

/** The Recordings view (UNION ALL of every recording table), made again when its tables changed. */
function recordingsView(schema: string, tables: readonly TableDef[]): { missing: string; ddl: string } | undefined {
  const recs = tables.filter((t) => t.recording && t.source !== "view");
  if (!recs.length) return undefined;
  const parts = recs.map((t) => {
    const r = t.recording!;
    // The expressions are SQLite's (unquoted names, literals): PostgreSQL folds the names to lower case.
    return `SELECT id, projectid, CAST(${r.type} AS TEXT) AS type, CAST(${r.title} AS TEXT) AS title, status, createdat, updatedat, creatorid, CAST(${r.parentId} AS BIGINT) AS parentid, appurl FROM ${pgQualified(schema, physicalName(t))}`;
  });
  const view = pgRegclass(schema, "Recordings");
  const deps = `(SELECT count(DISTINCT d.refobjid) FROM pg_catalog.pg_rewrite rw JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass WHERE rw.ev_class = to_regclass(${view}) AND d.refobjid <> rw.ev_class)`;
  return { missing: `to_regclass(${view}) IS NULL OR ${deps} <> ${recs.length}`, ddl: `CREATE OR REPLACE VIEW ${pgQualified(schema, "Recordings")} AS ${parts.join("\nUNION ALL ")}` };
}

/** COMMENT ON each relation and column from its description, when it differs from what is there. */
export function pgCommentsSql(schema: string, entries: ReadonlyArray<{ relation: string; column?: string; text: string }>): string | undefined {
  if (!entries.length) return undefined;
  const rows = entries.map((e) => `(${pgRegclass(schema, e.relation)}, ${e.column === undefined ? "NULL" : pgLit(e.column.toLowerCase())}, ${pgLit(e.text)})`);
  const body = `
DECLARE r record;
BEGIN
  FOR r IN SELECT to_regclass(v.rel) AS oid, v.col, v.txt, c.relkind FROM (VALUES ${rows.join(",\n    ")}) AS v(rel, col, txt)
    JOIN pg_catalog.pg_class c ON c.oid = to_regclass(v.rel)
    WHERE (v.col IS NULL AND obj_description(to_regclass(v.rel), 'pg_class') IS DISTINCT FROM v.txt)
       OR (v.col IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = v.col AND NOT a.attisdropped
             AND col_description(c.oid, a.attnum) IS DISTINCT FROM v.txt))
  LOOP
    IF r.col IS NULL THEN
      EXECUTE format('COMMENT ON %s %s IS %L', CASE r.relkind WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, r.oid::regclass, r.txt);
    ELSE
      EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', r.oid::regclass, r.col, r.txt);
    END IF;
  END LOOP;
END
`;
  return `DO ${dollarQuote(body, "do")}`;
}

/** sys_outbox as SQLite's OUTBOX_DDL, in PostgreSQL types; created_at is UTC ISO text with ms. */
function outboxSql(schema: string): string[] {
  const t = pgQualified(schema, "sys_outbox");
  return [
    `CREATE TABLE IF NOT EXISTS ${t} (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  table_name TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  row_id BIGINT,
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'failed')),
  attempts BIGINT NOT NULL DEFAULT 0,
  error TEXT,
  error_fields TEXT,
  check_first BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  sent_at TEXT,
  deadline_at TEXT,
  done_at TEXT,
  result_id BIGINT
)`,
    `CREATE INDEX IF NOT EXISTS sys_outbox_state ON ${t} (state, id)`,
  ];
}

/**
 * The three tables, empty (made here, and by pgSystemTablesSql, so that the gate, which may run before
 * they are first filled, grants SELECT on them).
 */
export function pgSystemTablesDdl(schema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${pgQualified(schema, "sys_tables")} (tablename TEXT PRIMARY KEY, description TEXT, source TEXT, writable BIGINT, serverfilters TEXT)`,
    `CREATE TABLE IF NOT EXISTS ${pgQualified(schema, "sys_tablecolumns")} (tablename TEXT, columnname TEXT, position BIGINT, datatype TEXT, description TEXT, serverfilter BIGINT, writable BIGINT, PRIMARY KEY (tablename, columnname))`,
    `CREATE TABLE IF NOT EXISTS ${pgQualified(schema, "sys_procedures")} (procedurename TEXT PRIMARY KEY, description TEXT, parameters TEXT)`,
  ];
}

/** Relation and column comments of every table, its view and the Recordings view. */
function commentsOf(tables: readonly TableDef[]): Array<{ relation: string; column?: string; text: string }> {
  const out: Array<{ relation: string; column?: string; text: string }> = [];
  for (const t of tables) {
    const rels = t.source === "view" ? [t.name] : [t.name, physicalName(t)];
    for (const rel of rels) {
      const text = rel === t.name ? t.description : `Storage behind the ${t.name} view (written by sync): ${t.description}`;
      out.push({ relation: rel, text });
      for (const c of t.columns) out.push({ relation: rel, column: c.name, text: c.description });
    }
  }
  out.push(
    { relation: "sys_outbox", text: "The queue of writes to Basecamp made through the writable views: one row per INSERT/UPDATE/DELETE, sent by delivery." },
    { relation: "sys_sync_locks", text: "One row per table being synced (one sync of a table at a time)." },
    { relation: SYNC_STATE_TABLE, text: "Per table and project scope: watermark, last sync, last full sync." },
    { relation: PENDING_EVENTS_TABLE, text: "Recordings changed by a sync whose events are still to be read." },
  );
  return out;
}

/**
 * Every statement that creates (or brings up to date) the replica schema `schema` for these
 * tables: one transaction (BEGIN … COMMIT) under the schema's advisory lock.
 */
export function pgSchemaSql(schema: string, tables: readonly TableDef[]): string[] {
  const stored = tables.filter((t) => t.source !== "view");
  const stmts: string[] = [...pgSchemaTransactionStart(schema), `CREATE SCHEMA IF NOT EXISTS ${pgSchemaIdent(schema)}`];
  stmts.push(`CREATE TABLE IF NOT EXISTS ${pgQualified(schema, PENDING_EVENTS_TABLE)} (recordingid BIGINT PRIMARY KEY, projectid BIGINT, updatedat TEXT)`);
  for (const t of stored) stmts.push(tableSql(schema, t));
  stmts.push(
    `CREATE TABLE IF NOT EXISTS ${pgQualified(schema, SYNC_STATE_TABLE)} (tablename TEXT NOT NULL, scope TEXT NOT NULL DEFAULT '', watermark TEXT, lastsyncat TEXT, lastfullsyncat TEXT, PRIMARY KEY (tablename, scope))`,
    `CREATE TABLE IF NOT EXISTS ${pgQualified(schema, "sys_sync_locks")} (tablename TEXT PRIMARY KEY, holder TEXT NOT NULL, pid BIGINT NOT NULL, host TEXT NOT NULL, heartbeatat BIGINT NOT NULL)`,
    ...outboxSql(schema),
    ...pgSystemTablesDdl(schema),
  );
  const ensure: Array<{ missing: string; ddl: string }> = [];
  for (const t of stored) ensure.push(...addMissingColumns(schema, t), viewOf(schema, t), ...indexesOf(schema, t));
  const recording = stored.filter((t) => t.recording);
  if (recording.length) {
    ensure.push(...queueFunctions(schema));
    for (const t of recording) ensure.push(...queueTriggers(schema, t));
  }
  const rv = recordingsView(schema, tables);
  if (rv) ensure.push(rv);
  const ensured = pgEnsure(ensure);
  if (ensured) stmts.push(ensured);
  const comments = pgCommentsSql(schema, commentsOf(tables.filter((t) => t.source !== "view" || rv)));
  if (comments) stmts.push(comments);
  stmts.push("COMMIT");
  return stmts;
}
