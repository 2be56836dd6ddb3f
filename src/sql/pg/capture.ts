// Capture on PostgreSQL: INSTEAD OF INSERT / UPDATE / DELETE triggers on each writable view
// turn the write into a sys_outbox row, as SQLite's triggers do (src/sql/write/capture.ts):
// the same refusals with the same messages, in the same order, the same date checks, the
// payload as JSON text with the canonical column names as keys (integers as JSON numbers,
// text as strings, in the spec's column order), only changed columns on UPDATE (nothing queued
// when nothing changed), deleteKeep on DELETE, and row_id.
//
// A refusal is `RAISE EXCEPTION` with the message as its text and SQLSTATE PG_WRITE_REFUSED
// ("WR001": class WR, implementation-defined, not used by PostgreSQL).
//
// The trigger functions are SECURITY DEFINER (owned by who runs this: the schema's owner),
// with a fixed search_path, so a confined role (gate.ts) that may not touch sys_outbox can
// still queue writes through the views.
import { readOnlyMessage, type WriteSpec } from "../write/tables.js";
import { pgEnsure, pgFunction, pgIdent, pgLit, pgQualified, pgSchemaTransactionStart, pgTrigger } from "./ddl.js";

/** SQLSTATE of a write the capture triggers refuse (the message says why and what to do instead). */
export const PG_WRITE_REFUSED = "WR001";

/** The same list as capture.ts: columns holding a date like '2030-01-31'. */
const DATE_COLUMNS = ["DueOn", "StartsOn", "StartDate", "EndDate", "Date"];

const raise = (msg: string, when: string) => `  IF ${when} THEN\n    RAISE EXCEPTION USING ERRCODE = '${PG_WRITE_REFUSED}', MESSAGE = ${pgLit(msg)};\n  END IF;\n`;
const ref = (row: "NEW" | "OLD", c: string) => `${row}.${pgIdent(c)}`;
// SQLite: NULL, or text that trims to ''. A number's text is never blank, so ::text covers every type.
const blank = (r: string) => `(${r} IS NULL OR trim(${r}::text) = '')`;
const changed = (c: string) => `${ref("NEW", c)} IS DISTINCT FROM ${ref("OLD", c)}`;
// SQLite: not text, or text not matching the GLOB. A number's text never matches the pattern.
const dateCheck = (spec: WriteSpec, c: string, extra = "") =>
  raise(`${spec.table}.${c} must be a date like '2030-01-31' (or NULL).`, `${extra}${ref("NEW", c)} IS NOT NULL AND ${ref("NEW", c)}::text !~ '^[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]$'`);

/** Appends `"Col":value` to the payload text `p` for each column where `keep(col)` holds. */
function payloadOf(cols: string[], row: "NEW" | "OLD", keep: (c: string) => string): string {
  let out = "  p := '';\n";
  for (const c of cols) out += `  IF ${keep(c)} THEN\n    p := p || ${pgLit(`,${JSON.stringify(c)}:`)} || coalesce(to_json(${ref(row, c)})::text, 'null');\n  END IF;\n`;
  return out;
}

function enqueue(schema: string, spec: WriteSpec, op: string, rowId: string, onlyIfChanged: boolean): string {
  const insert = `INSERT INTO ${pgQualified(schema, "sys_outbox")} (table_name, op, row_id, payload) VALUES (${pgLit(spec.table)}, ${pgLit(op)}, ${rowId}, '{' || substr(p, 2) || '}');`;
  return onlyIfChanged ? `  IF p <> '' THEN\n    ${insert}\n  END IF;\n` : `  ${insert}\n`;
}

const fn = (body: string, ret: string) => `\nDECLARE p text;\nBEGIN\n${body}  RETURN ${ret};\nEND\n`;

function insertBody(schema: string, spec: WriteSpec, cols: string[]): string {
  const ok = spec.insert.filter((c) => cols.includes(c));
  let body = "";
  for (const c of cols.filter((x) => !ok.includes(x))) body += raise(readOnlyMessage(spec, c, "insert"), `${ref("NEW", c)} IS NOT NULL`);
  for (const r of spec.required) {
    const present = r.anyOf.filter((c) => cols.includes(c));
    if (present.length) body += raise(r.message, present.map((c) => blank(ref("NEW", c))).join(" AND "));
  }
  for (const c of ok.filter((x) => DATE_COLUMNS.includes(x))) body += dateCheck(spec, c);
  body += payloadOf(ok, "NEW", (c) => `${ref("NEW", c)} IS NOT NULL`);
  body += enqueue(schema, spec, "insert", "NULL", false);
  return fn(body, "NEW");
}

function updateBody(schema: string, spec: WriteSpec, cols: string[]): string {
  let body = "";
  if (spec.updateRefused) {
    body += raise(spec.updateRefused, cols.map(changed).join(" OR ") || "true");
    return fn(body, "NEW");
  }
  const ok = spec.update.filter((c) => cols.includes(c));
  for (const c of cols.filter((x) => !ok.includes(x))) body += raise(readOnlyMessage(spec, c, "update"), changed(c));
  if (ok.includes("Status")) {
    const s = ref("NEW", "Status");
    body += raise(`${spec.table}.Status must be 'active', 'archived' or 'trashed'.`, `${changed("Status")} AND (${s} IS NULL OR ${s}::text NOT IN ('active', 'archived', 'trashed'))`);
  }
  for (const r of spec.required) {
    // A required column may change but not be cleared.
    for (const c of r.anyOf.filter((x) => ok.includes(x) && r.anyOf.length === 1)) body += raise(`${spec.table}.${c} can't be empty.`, `${changed(c)} AND ${blank(ref("NEW", c))}`);
  }
  for (const c of ok.filter((x) => DATE_COLUMNS.includes(x))) body += dateCheck(spec, c, `${changed(c)} AND `);
  body += payloadOf(ok, "NEW", changed);
  body += enqueue(schema, spec, "update", ref("OLD", "Id"), true);
  return fn(body, "NEW");
}

function deleteBody(schema: string, spec: WriteSpec, cols: string[]): string {
  const keep = spec.deleteKeep.filter((c) => cols.includes(c));
  return fn(payloadOf(keep, "OLD", (c) => `${ref("OLD", c)} IS NOT NULL`) + enqueue(schema, spec, "delete", ref("OLD", "Id"), false), "OLD");
}

/** Name of the trigger (and of its function) capturing `op` on a writable table: todos_capture_insert. */
export function pgCaptureTriggerName(table: string, op: "insert" | "update" | "delete"): string {
  return `${table}_capture_${op}`.toLowerCase();
}

/** The functions and triggers of one writable table (given its view's canonical column names). */
export function pgCaptureItems(schema: string, spec: WriteSpec, cols: string[]): Array<{ missing: string; ddl: string }> {
  const bodies = { insert: insertBody(schema, spec, cols), update: updateBody(schema, spec, cols), delete: deleteBody(schema, spec, cols) };
  const items: Array<{ missing: string; ddl: string }> = [];
  for (const op of ["insert", "update", "delete"] as const) {
    const name = pgCaptureTriggerName(spec.table, op);
    items.push(pgFunction(schema, name, bodies[op], { securityDefiner: true }));
    const ddl = `CREATE TRIGGER ${pgIdent(name)} INSTEAD OF ${op.toUpperCase()} ON ${pgQualified(schema, spec.table)} FOR EACH ROW EXECUTE FUNCTION ${pgQualified(schema, name)}()`;
    items.push(pgTrigger(schema, spec.table, name, ddl));
  }
  return items;
}

/**
 * The capture functions and INSTEAD OF triggers of every writable view of `schema`: one
 * transaction under the schema's advisory lock. Functions are replaced when their text
 * changed; a trigger is created when its view exists and lacks it (a spec whose view is
 * missing is skipped, as on SQLite). Run after pgSchemaSql.
 */
export function pgCaptureSql(schema: string, specs: readonly WriteSpec[], viewColumns: (table: string) => string[]): string[] {
  const items = specs.flatMap((spec) => pgCaptureItems(schema, spec, viewColumns(spec.table)));
  const ensured = pgEnsure(items);
  return [...pgSchemaTransactionStart(schema), ...(ensured ? [ensured] : []), "COMMIT"];
}
