// The PostgreSQL replica's SQL (src/sql/pg/ddl.ts, system-tables.ts, capture.ts, gate.ts)
// against a real server, for Basecamp 4's tables and Basecamp 2's: the schema (made twice,
// and by two processes at once), lower-case names with comments, unquoted queries, the sys
// tables and the pending-events queue as SQLite has them, writes through the views giving the
// same outbox rows and refusals as SQLite's triggers for the same statements, and the role
// user statements run as.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setReplicaSchema, type Db } from "../../src/sql/replica.js";
import { createSchema, TABLES, type TableDef } from "../../src/sql/schema/index.js";
import { BC2_TABLES } from "../../src/sql/bc2/tables.js";
import { BC2_WRITE_SPECS } from "../../src/sql/bc2/write-specs.js";
import { installWriteCapture, proceduresOf, WRITE_SPECS, type WriteSpec } from "../../src/sql/write/index.js";
import { refreshSystemTables } from "../../src/sql/system-tables.js";
import { pgSchemaSql } from "../../src/sql/pg/ddl.js";
import { pgSystemTablesSql } from "../../src/sql/pg/system-tables.js";
import { PG_WRITE_REFUSED, pgCaptureSql } from "../../src/sql/pg/capture.js";
import { pgConfineSql, pgGateSql, pgUserRole } from "../../src/sql/pg/gate.js";

const DEV_URL = "postgresql://bc@127.0.0.1:54329/postgres";
let url = "";
let stop: (() => Promise<void>) | undefined;
const clients: pg.Client[] = [];

beforeAll(async () => {
  try {
    const { startPostgres } = await import("../support/postgres.js");
    const server = await startPostgres();
    url = server.url;
    stop = () => server.stop();
  } catch (e) {
    url = process.env.PG_TEST_URL ?? DEV_URL;
    console.warn(`startPostgres failed (${(e as Error).message}); using ${url}`);
  }
}, 120_000);

const made = { schemas: [] as string[], owners: [] as string[] };

afterAll(async () => {
  if (!stop && made.schemas.length) {
    // A shared server (PG_TEST_URL or the dev one): leave nothing behind.
    const c = await client();
    for (const s of made.schemas) {
      await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      if ((await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [pgUserRole(s)])).rowCount) await c.query(`DROP OWNED BY "${pgUserRole(s)}"; DROP ROLE "${pgUserRole(s)}"`);
    }
    for (const o of made.owners) await c.query(`DROP OWNED BY "${o}"; DROP ROLE "${o}"`);
  }
  for (const c of clients) await c.end().catch(() => undefined);
  await stop?.();
});

async function client(user?: string): Promise<pg.Client> {
  const u = new URL(url);
  if (user) [u.username, u.password] = [user, ""];
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  clients.push(c);
  return c;
}

async function runAll(c: pg.Client, stmts: string[]): Promise<void> {
  try {
    for (const s of stmts) await c.query(s);
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

interface Variant {
  name: string;
  tables: readonly TableDef[];
  specs: readonly WriteSpec[];
  sqlite: () => Db;
}

const VARIANTS: Variant[] = [
  { name: "Basecamp 4", tables: TABLES, specs: WRITE_SPECS, sqlite: () => sqliteReplica("V3") },
  { name: "Basecamp 2", tables: BC2_TABLES, specs: BC2_WRITE_SPECS, sqlite: () => sqliteReplica("V2") },
];

function sqliteReplica(schema: "V2" | "V3"): Db {
  const db = openDatabase(":memory:");
  setReplicaSchema(db, schema);
  createSchema(db);
  installWriteCapture(db);
  refreshSystemTables(db, proceduresOf(db));
  return db;
}

let seq = 0;
function schemaName(tag: string): string {
  const name = `pgs_${process.pid}_${Date.now().toString(36)}_${++seq}_${tag}`;
  made.schemas.push(name);
  return name;
}

/** The whole replica SQL of a variant, as connect() would run it. */
function replicaSql(v: Variant, schema: string): string[][] {
  const db = v.sqlite();
  const cols = (t: string) => v.tables.find((x) => x.name === t)!.columns.map((c) => c.name);
  // In the order connect() runs them: the gate before the sys tables are first filled.
  return [pgSchemaSql(schema, v.tables), pgCaptureSql(schema, v.specs, cols), pgGateSql(schema, v.specs.map((s) => s.table)), pgSystemTablesSql(schema, v.tables, v.specs, proceduresOf(db))];
}

async function setUp(v: Variant, tag: string, user?: string): Promise<{ c: pg.Client; schema: string }> {
  const c = await client(user);
  const schema = schemaName(tag);
  for (const stmts of replicaSql(v, schema)) await runAll(c, stmts);
  return { c, schema };
}

/** One statement as the confined role, in its own transaction; the error (code, message) or null. */
async function asUser(c: pg.Client, schema: string, sql: string, readOnly = false): Promise<{ code: string; message: string } | null> {
  for (const s of pgConfineSql(schema, { readOnly })) await c.query(s);
  try {
    await c.query(sql);
    await c.query("COMMIT");
    return null;
  } catch (e) {
    await c.query("ROLLBACK");
    return { code: String((e as { code?: string }).code), message: (e as Error).message };
  }
}

/** Values of the seeded row, of a new value, and of a clearing value, as SQL literals both databases read alike. */
const DATES = ["DueOn", "StartsOn", "StartDate", "EndDate", "Date"];
const oldValue = (c: { name: string; type: string }) => (c.name === "Raw" ? `'{"a":1}'` : c.name === "Status" ? "'active'" : DATES.includes(c.name) ? "'2030-01-01'" : c.type === "INTEGER" ? "5" : c.type === "REAL" ? "2.5" : `'old ${c.name}'`);
const newValue = (c: { name: string; type: string }) =>
  c.name === "Raw" ? `'{"b":2}'` : c.name === "Status" ? "'archived'" : DATES.includes(c.name) ? "'2030-01-31'" : c.type === "INTEGER" ? "9007199254740993" : c.type === "REAL" ? "1.5" : `'new "${c.name}" \\ é 🚀'`;
const emptyValue = (c: { type: string }) => (c.type === "TEXT" ? "'  '" : "NULL");

/** Statements exercising every rule of a spec, on a row with id `rowId` seeded in bc_<table>. */
function statementsFor(spec: WriteSpec, def: TableDef, rowId: number): string[] {
  const cols = def.columns;
  const col = (n: string) => cols.find((c) => c.name === n)!;
  const ins = spec.insert.filter((n) => cols.some((c) => c.name === n));
  const upd = spec.update.filter((n) => cols.some((c) => c.name === n));
  const insert = (over: Record<string, string>) => {
    const names = [...new Set([...ins, ...Object.keys(over)])];
    return `INSERT INTO ${spec.table} (${names.join(", ")}) VALUES (${names.map((n) => over[n] ?? newValue(col(n))).join(", ")})`;
  };
  const update = (set: Record<string, string>) => `UPDATE ${spec.table} SET ${Object.entries(set).map(([k, v]) => `${k} = ${v}`).join(", ")} WHERE Id = ${rowId}`;
  const out = [insert({}), insert(Object.fromEntries(ins.filter((n) => !spec.required.some((r) => r.anyOf.includes(n))).map((n) => [n, "NULL"])))];
  for (const c of cols.filter((x) => !ins.includes(x.name))) out.push(insert({ [c.name]: newValue(c) }));
  for (const r of spec.required) out.push(insert(Object.fromEntries(r.anyOf.filter((n) => ins.includes(n)).map((n) => [n, emptyValue(col(n))]))));
  for (const d of ins.filter((n) => DATES.includes(n))) out.push(insert({ [d]: "'soon'" }), insert({ [d]: "'2030-1-31'" }), insert({ [d]: "20300131" }));
  for (const n of upd) out.push(update({ [n]: newValue(col(n)) }), update({ [n]: oldValue(col(n)) }), update({ [n]: "NULL" }), update({ [n]: emptyValue(col(n)) }));
  if (upd.length) out.push(update(Object.fromEntries(upd.map((n) => [n, newValue(col(n))]))));
  for (const c of cols.filter((x) => !upd.includes(x.name))) out.push(update({ [c.name]: newValue(c) }), update({ [c.name]: oldValue(c) }));
  if (upd.includes("Status")) out.push(update({ Status: "'bogus'" }));
  for (const d of upd.filter((n) => DATES.includes(n))) out.push(update({ [d]: "'31/01/2030'" }));
  out.push(`DELETE FROM ${spec.table} WHERE Id = ${rowId}`, `DELETE FROM ${spec.table} WHERE Id = -1`);
  return out;
}

const seedSql = (def: TableDef, rowId: number, nulls = false) =>
  `INSERT INTO bc_${def.name} (${def.columns.map((c) => c.name).join(", ")}) VALUES (${def.columns.map((c) => (c.name === "Id" ? String(rowId) : nulls && c.name !== "Status" ? "NULL" : oldValue(c))).join(", ")})`;

type Outcome = { error: string } | { rows: string[] };

function sqliteOutcome(db: Db, sql: string): Outcome {
  const last = Number((db.prepare("SELECT coalesce(max(id), 0) AS m FROM sys_outbox").get() as { m: bigint }).m);
  try {
    db.prepare(sql).run();
  } catch (e) {
    return { error: (e as Error).message };
  }
  const rows = db.prepare("SELECT table_name, op, row_id, payload FROM sys_outbox WHERE id > ? ORDER BY id").all(last) as Array<Record<string, unknown>>;
  return { rows: rows.map((r) => `${r.table_name} ${r.op} ${r.row_id ?? "NULL"} ${r.payload}`) };
}

async function pgOutcome(c: pg.Client, schema: string, sql: string): Promise<Outcome> {
  const last = Number((await c.query(`SELECT coalesce(max(id), 0) AS m FROM "${schema}".sys_outbox`)).rows[0].m);
  const err = await asUser(c, schema, sql);
  if (err) {
    expect(err.code, `${sql}: ${err.message}`).toBe(PG_WRITE_REFUSED);
    return { error: err.message };
  }
  const rows = (await c.query(`SELECT table_name, op, row_id, payload FROM "${schema}".sys_outbox WHERE id > $1 ORDER BY id`, [last])).rows;
  return { rows: rows.map((r) => `${r.table_name} ${r.op} ${r.row_id ?? "NULL"} ${r.payload}`) };
}

const lowerKeys = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v === null ? null : String(v)])));

for (const v of VARIANTS) {
  describe(`PostgreSQL replica SQL: ${v.name}`, () => {
    const stored = v.tables.filter((t) => t.source !== "view");

    it("creates every table and view in lower case with comments; again (and concurrently) changes nothing", async () => {
      const { c, schema } = await setUp(v, "ddl");
      const snapshot = async () =>
        (await c.query(`SELECT 'c' || c.relname || c.xmin::text AS k FROM pg_class c WHERE c.relnamespace = $1::regnamespace UNION ALL SELECT 't' || tgname || t.xmin::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = $1::regnamespace UNION ALL SELECT 'p' || proname || p.xmin::text FROM pg_proc p WHERE pronamespace = $1::regnamespace UNION ALL SELECT 'd' || d.objoid || d.objsubid || d.xmin::text FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE c.relnamespace = $1::regnamespace ORDER BY 1`, [`"${schema}"`])).rows.map((r) => r.k as string);
      const before = await snapshot();
      for (const stmts of replicaSql(v, schema)) await c.query(stmts.join(";\n")); // as one simple query
      expect(await snapshot()).toEqual(before);

      const cols = await c.query(
        `SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod) AS type, col_description(c.oid, a.attnum) AS comment, obj_description(c.oid, 'pg_class') AS tcomment
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped WHERE c.relnamespace = $1::regnamespace ORDER BY c.relname, a.attnum`,
        [`"${schema}"`],
      );
      const rel = (name: string) => cols.rows.filter((r) => r.relname === name);
      const types = { INTEGER: "bigint", TEXT: "text", REAL: "double precision" };
      for (const t of v.tables) {
        const rels = t.source === "view" ? [t.name] : [t.name, `bc_${t.name}`];
        for (const name of rels.map((n) => n.toLowerCase())) {
          const got = rel(name);
          expect(got.map((r) => r.attname), name).toEqual(t.columns.map((x) => x.name.toLowerCase()));
          expect(got.map((r) => r.type)).toEqual(t.columns.map((x) => (x.name === "Raw" ? "jsonb" : types[x.type])));
          expect(got[0].relkind).toBe(name === t.name.toLowerCase() ? "v" : "r");
          if (name === t.name.toLowerCase()) expect(got[0].tcomment).toBe(t.description);
          expect(got.map((r) => r.comment)).toEqual(t.columns.map((x) => x.description));
        }
      }
      for (const t of ["sys_outbox", "sys_sync_locks", "bc_sync_state", "bc_sync_pending_events", "sys_tables", "sys_tablecolumns", "sys_procedures"]) expect(rel(t).length, t).toBeGreaterThan(0);
      expect(rel("recordings").length).toBe(v.tables.some((t) => t.recording) ? 10 : 0);
      const ix = (await c.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1`, [schema])).rows.map((r) => r.indexname);
      for (const t of stored) for (const i of t.indexes ?? []) expect(ix).toContain(`ix_${t.name}_${i}`.toLowerCase());

      // Two processes creating the same new schema at once: the advisory lock puts one after the other.
      const other = schemaName("race");
      const [a, b] = [await client(), await client()];
      await Promise.all([a, b].map(async (x) => { for (const stmts of replicaSql(v, other)) await runAll(x, stmts); }));
      expect((await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = $1::regnamespace`, [`"${other}"`])).rows[0].n).toBe(
        (await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = $1::regnamespace`, [`"${schema}"`])).rows[0].n,
      );
    }, 120_000);

    it("runs the same unquoted SQL as SQLite, as the user role; sys tables hold what system-tables.ts writes", async () => {
      const { c, schema } = await setUp(v, "query");
      await c.query(`SET search_path = "${schema}"`);
      await c.query(`INSERT INTO bc_projects (Id, Name, Status, Raw) VALUES (1, 'Launch', 'active', '{"name": "Launch", "id": 12345678901234567}'), (2, 'Old', 'archived', NULL)`);
      await c.query("RESET search_path");
      for (const s of pgConfineSql(schema, { readOnly: true })) await c.query(s);
      try {
        expect((await c.query("SELECT Id, Name FROM Projects WHERE Status = 'active'")).rows).toEqual([{ id: "1", name: "Launch" }]);
        expect((await c.query("SELECT Raw ->> 'id' AS v FROM Projects WHERE Id = 1")).rows[0].v).toBe("12345678901234567");
        for (const t of v.tables) await c.query(`SELECT ${t.columns.map((x) => x.name).join(", ")} FROM ${t.name} WHERE ${t.columns[0].name} IS NOT NULL ORDER BY 1 LIMIT 1`);
      } finally {
        await c.query("ROLLBACK");
      }

      const db = v.sqlite();
      for (const [t, key] of [["sys_tables", "TableName"], ["sys_tablecolumns", "TableName, Position"], ["sys_procedures", "ProcedureName"]]) {
        const want = lowerKeys(db.prepare(`SELECT * FROM ${t} ORDER BY ${key}`).all() as Array<Record<string, unknown>>);
        const got = lowerKeys((await c.query(`SELECT * FROM "${schema}".${t} ORDER BY ${key.toLowerCase()}`)).rows);
        expect(got.length).toBeGreaterThan(0);
        expect(got).toEqual(want);
      }
    }, 60_000);

    // Basecamp 2's tables are not recordings: there is no queue to compare there.
    if (stored.some((t) => t.recording)) it("queues recordings new or with a changed UpdatedAt, as SQLite's triggers do", async () => {
      const { c, schema } = await setUp(v, "queue");
      await c.query(`SET search_path = "${schema}"`);
      const db = v.sqlite();
      const stmts = [
        "INSERT INTO bc_todos (Id, ProjectId, Content, UpdatedAt) VALUES (1, 10, 'a', 't1'), (2, 10, 'b', 't1')",
        "DELETE FROM bc_sync_pending_events WHERE RecordingId = 2",
        "UPDATE bc_todos SET Content = 'c' WHERE Id = 2",
        "UPDATE bc_todos SET UpdatedAt = 't1' WHERE Id = 2",
        "UPDATE bc_todos SET UpdatedAt = 't2', ProjectId = 11 WHERE Id = 1",
        "INSERT INTO bc_messages (Id, ProjectId, UpdatedAt) VALUES (3, 10, 't1') ON CONFLICT (Id) DO UPDATE SET UpdatedAt = excluded.UpdatedAt",
        "INSERT INTO bc_messages (Id, ProjectId, UpdatedAt) VALUES (3, 12, 't3'), (4, 12, 't1') ON CONFLICT (Id) DO UPDATE SET UpdatedAt = excluded.UpdatedAt, ProjectId = excluded.ProjectId",
        "INSERT INTO bc_todos (Id, ProjectId, Content, UpdatedAt) VALUES (2, 10, 'b', 't1') ON CONFLICT (Id) DO UPDATE SET UpdatedAt = excluded.UpdatedAt",
      ];
      for (const s of stmts) {
        db.exec(s);
        await c.query(s);
        const q = "SELECT RecordingId, ProjectId, UpdatedAt FROM bc_sync_pending_events ORDER BY RecordingId";
        expect(lowerKeys((await c.query(q)).rows), s).toEqual(lowerKeys(db.prepare(q).all() as Array<Record<string, unknown>>));
      }
      expect((await c.query("SELECT count(*)::int AS n FROM Recordings")).rows[0].n).toBe(4);
    }, 60_000);

    it("turns writes through the views into the same outbox rows and refusals as SQLite's triggers", async () => {
      const { c, schema } = await setUp(v, "capture");
      const db = v.sqlite();
      let checked = 0;
      for (const [i, spec] of v.specs.entries()) {
        const def = v.tables.find((t) => t.name === spec.table)!;
        for (const nulls of [false, true]) {
          const rowId = 1000 + i * 2 + (nulls ? 1 : 0);
          db.exec(seedSql(def, rowId, nulls));
          await c.query(seedSql(def, rowId, nulls).replace(`INSERT INTO bc_${def.name}`, `INSERT INTO "${schema}".bc_${def.name}`));
          for (const sql of statementsFor(spec, def, rowId)) {
            expect(await pgOutcome(c, schema, sql), sql).toEqual(sqliteOutcome(db, sql));
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(v.specs.length * 20);
      // Multi-row writes: one outbox row per view row, as on SQLite.
      const multi = "UPDATE ToDos SET Content = 'all' WHERE Id >= 1000";
      expect(await pgOutcome(c, schema, multi)).toEqual(sqliteOutcome(db, multi));
    }, 120_000);

    it("confines user statements: views and sys tables readable, writes only through the writable views", async () => {
      const { c, schema } = await setUp(v, "gate");
      await c.query(`INSERT INTO "${schema}".bc_todos (id, projectid, content) VALUES (1, 10, 'keep')`);
      expect(await asUser(c, schema, "SELECT count(*) FROM ToDos")).toBeNull();
      expect(await asUser(c, schema, "SELECT count(*) FROM sys_outbox")).toBeNull();
      expect(await asUser(c, schema, "SELECT count(*) FROM sys_sync_locks")).toBeNull();
      for (const t of ["sys_tables", "sys_tablecolumns", "sys_procedures"]) expect(await asUser(c, schema, `SELECT * FROM ${t}`), t).toBeNull();
      expect(await asUser(c, schema, "INSERT INTO ToDos (ToDoListId, Content) VALUES (5, 'via the view')")).toBeNull();
      const queued = await c.query(`SELECT table_name, op, payload FROM "${schema}".sys_outbox`);
      expect(queued.rows).toEqual([{ table_name: "ToDos", op: "insert", payload: '{"ToDoListId":5,"Content":"via the view"}' }]);

      const denied = [
        "DELETE FROM bc_todos",
        "SELECT * FROM bc_todos",
        "UPDATE bc_sync_state SET Watermark = 'x'",
        "DELETE FROM sys_outbox",
        "UPDATE sys_outbox SET state = 'done'",
        "INSERT INTO sys_tables (tablename) VALUES ('x')",
        "DELETE FROM sys_sync_locks",
        "CREATE TABLE x (a int)",
        "CREATE VIEW y AS SELECT 1 AS a",
        "DROP VIEW todos",
        "ALTER VIEW todos RENAME TO t2",
        "TRUNCATE bc_todos",
        "INSERT INTO People (Id) VALUES (1)",
        "DELETE FROM People",
        "UPDATE Events SET Id = 1",
        `SELECT "${schema}".todos_capture_insert()`,
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      ];
      for (const sql of denied) expect((await asUser(c, schema, sql))?.code, sql).toBe("42501");
      // A query runs READ ONLY: a write through a view fails there too.
      expect((await asUser(c, schema, "INSERT INTO ToDos (ToDoListId, Content) VALUES (5, 'x')", true))?.code).toBe("25006");
      expect((await c.query(`SELECT content FROM "${schema}".bc_todos`)).rows).toEqual([{ content: "keep" }]);
      expect((await c.query(`SELECT count(*)::int AS n FROM "${schema}".sys_outbox`)).rows[0].n).toBe(1);
      expect((await c.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", [pgUserRole(schema)])).rows).toEqual([{ rolcanlogin: false }]);
    }, 60_000);
  });

}

describe("PostgreSQL replica SQL: owners and upgrades", () => {
  it("works for an owner that is not a superuser (CREATEROLE and CREATE on the database only)", async () => {
    const admin = await client();
    const owner = `own_${process.pid}_${++seq}`;
    await admin.query(`CREATE ROLE ${owner} LOGIN CREATEROLE`);
    made.owners.push(owner);
    await admin.query(`GRANT CREATE ON DATABASE "${(await admin.query("SELECT current_database() AS d")).rows[0].d}" TO ${owner}`);
    const { c, schema } = await setUp(VARIANTS[0], "owner", owner);
    expect((await c.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).rows).toEqual([{ rolsuper: false }]);
    await c.query(`INSERT INTO "${schema}".bc_todos (id, projectid, content) VALUES (7, 10, 'mine')`);
    expect(await asUser(c, schema, "UPDATE ToDos SET Content = 'changed' WHERE Id = 7")).toBeNull();
    expect((await c.query(`SELECT row_id, payload FROM "${schema}".sys_outbox`)).rows).toEqual([{ row_id: "7", payload: '{"Content":"changed"}' }]);
    expect((await asUser(c, schema, "DELETE FROM bc_todos"))?.code).toBe("42501");
    expect((await asUser(c, schema, "DELETE FROM sys_outbox"))?.code).toBe("42501");
    expect((await asUser(c, schema, "CREATE TABLE x (a int)"))?.code).toBe("42501");
    for (const stmts of replicaSql(VARIANTS[0], schema)) await runAll(c, stmts);
  }, 60_000);

  it("brings a schema made from older definitions up to date: new columns on the table and its view, with comments", async () => {
    const c = await client();
    const schema = schemaName("upgrade");
    const older = TABLES.map((t) => (t.name === "ToDos" || t.name === "Projects" ? { ...t, columns: t.columns.slice(0, -2), indexes: [] } : t));
    await runAll(c, pgSchemaSql(schema, older));
    await c.query(`INSERT INTO "${schema}".bc_todos (id, content) VALUES (1, 'old row')`);
    await runAll(c, pgSchemaSql(schema, TABLES));
    for (const t of TABLES.filter((x) => x.name === "ToDos" || x.name === "Projects")) {
      for (const rel of [t.name.toLowerCase(), `bc_${t.name.toLowerCase()}`]) {
        const got = await c.query(`SELECT attname, col_description(attrelid, attnum) AS d FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [`"${schema}".${rel}`]);
        expect(got.rows.map((r) => r.attname), rel).toEqual(t.columns.map((x) => x.name.toLowerCase()));
        expect(got.rows.map((r) => r.d)).toEqual(t.columns.map((x) => x.description));
      }
    }
    expect((await c.query(`SELECT content, raw FROM "${schema}".todos`)).rows).toEqual([{ content: "old row", raw: null }]);
  }, 60_000);
});
