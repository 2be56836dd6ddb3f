// Capture: INSTEAD OF triggers on each writable view append the write to `sys_outbox`, a
// durable table in the replica. Nothing is sent here; delivery (deliver.ts) sends it and
// the record Basecamp returns becomes the replica's row. Writes Basecamp can't do are
// refused right here with an SQL error that names the alternative.
import type { Db } from "../replica.js";
import { readOnlyMessage, specsOf, type WriteSpec } from "./tables.js";

export const OUTBOX_DDL = `
CREATE TABLE IF NOT EXISTS sys_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  row_id INTEGER,
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  error_fields TEXT,
  check_first INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  sent_at TEXT,
  deadline_at TEXT,
  done_at TEXT,
  result_id INTEGER
);
CREATE INDEX IF NOT EXISTS sys_outbox_state ON sys_outbox (state, id);
`;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
const raise = (msg: string, when: string) => `  SELECT RAISE(ABORT, ${lit(msg)}) WHERE ${when};\n`;
const blank = (ref: string) => `(${ref} IS NULL OR (typeof(${ref}) = 'text' AND trim(${ref}) = ''))`;

const DATE_COLUMNS = ["DueOn", "StartsOn", "StartDate", "EndDate", "Date"];
const dateCheck = (spec: WriteSpec, c: string, ref: string, extra = "") =>
  raise(`${spec.table}.${c} must be a date like '2030-01-31' (or NULL).`, `${extra}${ref} IS NOT NULL AND (typeof(${ref}) <> 'text' OR ${ref} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`);

function viewColumns(db: Db, view: string): string[] {
  return (db.prepare(`PRAGMA table_info(${q(view)})`).all() as Array<{ name: string }>).map((c) => c.name);
}

/** `SELECT json_group_object(…)` over the given column refs, keeping those where `keep(col)` holds. */
function payloadOf(cols: string[], ref: string, keep: (c: string) => string): string {
  if (!cols.length) return "'{}'";
  const parts = cols.map((c) => `SELECT ${lit(c)} AS k, ${ref}.${q(c)} AS v WHERE ${keep(c)}`);
  return `(SELECT json_group_object(k, v) FROM (${parts.join(" UNION ALL ")}))`;
}

function enqueue(spec: WriteSpec, op: string, rowId: string, payload: string, onlyIfChanged: boolean): string {
  const where = onlyIfChanged ? " WHERE p <> '{}'" : "";
  return `  INSERT INTO sys_outbox (table_name, op, row_id, payload) SELECT ${lit(spec.table)}, ${lit(op)}, ${rowId}, p FROM (SELECT ${payload} AS p)${where};\n`;
}

function insertTrigger(spec: WriteSpec, cols: string[]): string {
  const ok = spec.insert.filter((c) => cols.includes(c));
  let body = "";
  for (const c of cols.filter((x) => !ok.includes(x))) body += raise(readOnlyMessage(spec, c, "insert"), `NEW.${q(c)} IS NOT NULL`);
  for (const r of spec.required) {
    const present = r.anyOf.filter((c) => cols.includes(c));
    if (present.length) body += raise(r.message, present.map((c) => blank(`NEW.${q(c)}`)).join(" AND "));
  }
  for (const c of ok.filter((x) => DATE_COLUMNS.includes(x))) body += dateCheck(spec, c, `NEW.${q(c)}`);
  body += enqueue(spec, "insert", "NULL", payloadOf(ok, "NEW", (c) => `NEW.${q(c)} IS NOT NULL`), false);
  return `CREATE TRIGGER ${q(`${spec.table}_capture_insert`)} INSTEAD OF INSERT ON ${q(spec.table)}\nBEGIN\n${body}END;`;
}

function updateTrigger(spec: WriteSpec, cols: string[]): string {
  const changed = (c: string) => `NEW.${q(c)} IS NOT OLD.${q(c)}`;
  let body = "";
  if (spec.updateRefused) {
    body += raise(spec.updateRefused, cols.map(changed).join(" OR ") || "1");
  } else {
    const ok = spec.update.filter((c) => cols.includes(c));
    for (const c of cols.filter((x) => !ok.includes(x))) body += raise(readOnlyMessage(spec, c, "update"), changed(c));
    if (ok.includes("Status")) {
      body += raise(`${spec.table}.Status must be 'active', 'archived' or 'trashed'.`, `${changed("Status")} AND (NEW."Status" IS NULL OR NEW."Status" NOT IN ('active', 'archived', 'trashed'))`);
    }
    for (const r of spec.required) {
      // A required column may change but not be cleared.
      for (const c of r.anyOf.filter((x) => ok.includes(x) && r.anyOf.length === 1)) {
        body += raise(`${spec.table}.${c} can't be empty.`, `${changed(c)} AND ${blank(`NEW.${q(c)}`)}`);
      }
    }
    for (const c of ok.filter((x) => DATE_COLUMNS.includes(x))) body += dateCheck(spec, c, `NEW.${q(c)}`, `${changed(c)} AND `);
    body += enqueue(spec, "update", "OLD.\"Id\"", payloadOf(ok, "NEW", changed), true);
  }
  return `CREATE TRIGGER ${q(`${spec.table}_capture_update`)} INSTEAD OF UPDATE ON ${q(spec.table)}\nBEGIN\n${body}END;`;
}

function deleteTrigger(spec: WriteSpec, cols: string[]): string {
  const keep = spec.deleteKeep.filter((c) => cols.includes(c));
  const body = enqueue(spec, "delete", "OLD.\"Id\"", payloadOf(keep, "OLD", (c) => `OLD.${q(c)} IS NOT NULL`), false);
  return `CREATE TRIGGER ${q(`${spec.table}_capture_delete`)} INSTEAD OF DELETE ON ${q(spec.table)}\nBEGIN\n${body}END;`;
}

/** Every trigger statement for one table (given the view's columns). */
export function captureTriggersSql(spec: WriteSpec, cols: string[]): string[] {
  return [insertTrigger(spec, cols), updateTrigger(spec, cols), deleteTrigger(spec, cols)];
}

/**
 * Create `sys_outbox` and the INSTEAD OF INSERT / UPDATE / DELETE triggers on every
 * writable view that exists. Safe to call again (triggers are re-created, e.g. after the
 * schema changed). Returns the tables it covered.
 */
export function installWriteCapture(db: Db): string[] {
  const covered: string[] = [];
  db.transaction(() => {
    db.exec(OUTBOX_DDL);
    // Replicas made before requests carried a deadline get the column (NULL: reconciled at once).
    if (!viewColumns(db, "sys_outbox").includes("deadline_at")) db.exec("ALTER TABLE sys_outbox ADD COLUMN deadline_at TEXT");
    for (const spec of specsOf(db)) {
      const isView = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?").get(spec.table);
      if (!isView) continue;
      const cols = viewColumns(db, spec.table);
      for (const op of ["insert", "update", "delete"]) db.exec(`DROP TRIGGER IF EXISTS ${q(`${spec.table}_capture_${op}`)}`);
      for (const sql of captureTriggersSql(spec, cols)) db.exec(sql);
      covered.push(spec.table);
    }
  })();
  return covered;
}
