// SQLite SQL → PostgreSQL SQL for the PostgreSQL replica (src/sql/pg/translate.ts), without a
// server: placeholders, identifiers, SQLite-only forms translated or refused, batch shapes.
import { describe, expect, it } from "vitest";
import { translate, UnsupportedSqlError } from "../../src/sql/pg/translate.js";

const tr = (sql: string, keys?: (t: string) => string[] | undefined) => translate(sql, { keys }).sql.replace(/\s+/g, " ").trim();

describe("translate (no server)", () => {
  it("numbers ? placeholders, but not inside strings, quoted identifiers or comments", () => {
    expect(tr(`SELECT a FROM t WHERE b = ? AND c = '?' AND "d?" = ? -- ?\n AND e = ? /* ? */`)).toBe(`SELECT a FROM t WHERE b = $1 AND c = '?' AND "d?" = $2 -- ? AND e = $3 /* ? */`);
    expect(translate("SELECT ?, ?, ?").params).toBe(3);
    expect(tr(`SELECT 'it''s ?' , ?`)).toBe(`SELECT 'it''s ?' , $1`);
  });

  it("lower-cases quoted identifiers and leaves strings alone", () => {
    expect(tr(`SELECT "Id", "ProjectId" FROM "bc_ToDos" WHERE "Name" = 'Mixed Case'`)).toBe(`SELECT "id", "projectid" FROM "bc_todos" WHERE "name" = 'Mixed Case'`);
    expect(tr(`SELECT "A""B" FROM t`)).toBe(`SELECT "a""b" FROM t`);
  });

  it("turns INSERT OR IGNORE / OR REPLACE into ON CONFLICT", () => {
    expect(tr(`INSERT OR IGNORE INTO bc_ToDoAssignees (ToDoId, PersonId) VALUES (?, ?)`)).toBe(`INSERT INTO bc_ToDoAssignees (ToDoId, PersonId) VALUES ($1, $2) ON CONFLICT DO NOTHING`);
    expect(tr(`INSERT OR REPLACE INTO locks (TableName, Holder) VALUES (?, ?)`, (t) => (t === "locks" ? ["TableName"] : undefined))).toBe(
      `INSERT INTO locks (TableName, Holder) VALUES ($1, $2) ON CONFLICT ("tablename") DO UPDATE SET "holder" = excluded."holder"`,
    );
    expect(tr(`INSERT OR REPLACE INTO t (Id, Name) VALUES (?, ?)`)).toBe(`INSERT INTO t (Id, Name) VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name"`);
    expect(() => translate(`INSERT OR REPLACE INTO t VALUES (?, ?)`)).toThrow(UnsupportedSqlError);
    expect(() => translate(`INSERT OR ROLLBACK INTO t (a) VALUES (?)`)).toThrow(/INSERT OR ROLLBACK/);
  });

  it("qualifies bare columns in ON CONFLICT DO UPDATE (PostgreSQL finds them ambiguous)", () => {
    const sql = tr(`INSERT INTO s (K, W) VALUES (?, ?) ON CONFLICT(K) DO UPDATE SET W = CASE WHEN excluded.W IS NULL THEN W ELSE COALESCE(excluded.W, W) END WHERE W IS NULL OR CAST(W AS TEXT) < excluded.W`);
    expect(sql).toBe(`INSERT INTO s (K, W) VALUES ($1, $2) ON CONFLICT(K) DO UPDATE SET W = CASE WHEN excluded.W IS NULL THEN s.W ELSE COALESCE(excluded.W, s.W) END WHERE s.W IS NULL OR CAST(s.W AS TEXT) < excluded.W`);
  });

  it("rewrites json_each(?) so IN / NOT IN compare as text (exact for 64-bit IDs)", () => {
    expect(tr(`DELETE FROM t WHERE Id NOT IN (SELECT value FROM json_each(?))`)).toBe(`DELETE FROM t WHERE (Id)::text NOT IN (SELECT jsonb_array_elements_text($1::jsonb))`);
    expect(tr(`UPDATE t SET a = 1 WHERE CAST(Id AS TEXT) IN (SELECT value FROM json_each(?)) AND b = ?`)).toBe(`UPDATE t SET a = 1 WHERE (CAST(Id AS TEXT))::text IN (SELECT jsonb_array_elements_text($1::jsonb)) AND b = $2`);
    expect(tr(`SELECT 1 FROM t WHERE t."ParentId" IN (SELECT value FROM json_each(?))`)).toBe(`SELECT 1 FROM t WHERE (t."parentid")::text IN (SELECT jsonb_array_elements_text($1::jsonb))`);
    expect(tr(`SELECT value FROM json_each(?) ORDER BY value`)).toBe(`SELECT value FROM jsonb_array_elements_text($1::jsonb) AS je(value) ORDER BY value`);
    expect(tr(`INSERT OR IGNORE INTO temp.seen (Run, Id) SELECT ?, value FROM json_each(?)`)).toBe(
      `INSERT INTO pg_temp.seen (Run, Id) SELECT $1, value FROM (SELECT CAST(value AS NUMERIC) AS value FROM jsonb_array_elements_text($2::jsonb) AS v(value)) AS je ON CONFLICT DO NOTHING`,
    );
    expect(() => translate(`SELECT value FROM json_each(Raw)`)).toThrow(UnsupportedSqlError);
  });

  it("translates json_extract, strftime, IS ?, CAST AS INTEGER, ifnull and ==", () => {
    expect(tr(`SELECT CAST(json_extract(t.Raw, '$.a.b') AS INTEGER) FROM t`)).toBe(`SELECT CAST(((t.Raw)::jsonb #>> '{a,b}') AS BIGINT) FROM t`);
    expect(tr(`SELECT json_extract(Raw, '$.list[0].x') FROM t`)).toBe(`SELECT ((Raw)::jsonb #>> '{list,0,x}') FROM t`);
    expect(tr(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`)).toBe(`SELECT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
    expect(tr(`SELECT 1 FROM t WHERE a IS ? AND b IS NOT ? AND c IS NOT 'trashed' AND d IS NULL AND e IS NOT NULL`)).toBe(
      `SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c IS DISTINCT FROM 'trashed' AND d IS NULL AND e IS NOT NULL`,
    );
    expect(tr(`SELECT ifnull(a, 0) FROM t WHERE a == 1`)).toBe(`SELECT coalesce(a, 0) FROM t WHERE a = 1`);
    expect(() => translate(`SELECT strftime('%s', 'now')`)).toThrow(UnsupportedSqlError);
  });

  it("translates DDL: INTEGER → BIGINT, AUTOINCREMENT → identity, WITHOUT ROWID dropped, several statements", () => {
    const t = translate(`CREATE TEMP TABLE IF NOT EXISTS seen (Run INTEGER NOT NULL, Id INTEGER NOT NULL, PRIMARY KEY (Run, Id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS o (id INTEGER PRIMARY KEY AUTOINCREMENT, r REAL, b BLOB, at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));`);
    expect(t.sql.replace(/\s+/g, " ")).toBe(
      `CREATE TEMP TABLE IF NOT EXISTS seen (Run BIGINT NOT NULL, Id BIGINT NOT NULL, PRIMARY KEY (Run, Id)); CREATE TABLE IF NOT EXISTS o (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, r DOUBLE PRECISION, b BYTEA, at TEXT DEFAULT (to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))`,
    );
  });

  it("refuses SQLite-only SQL, naming the statement", () => {
    for (const [sql, what] of [
      ["PRAGMA table_info(x)", "PRAGMA"],
      ["SELECT name FROM sqlite_schema WHERE type = 'table'", "sqlite_schema"],
      ["SELECT 1 FROM sqlite_master", "sqlite_master"],
      ["SELECT name FROM pragma_table_info(?)", "pragma_table_info"],
      ["SELECT total_changes() AS n", "total_changes"],
      ["CREATE TRIGGER x INSTEAD OF INSERT ON v BEGIN SELECT 1; END", "CREATE TRIGGER"],
      ["SELECT 1 FROM t WHERE a GLOB 'x*'", "GLOB"],
      ["EXPLAIN SELECT 1", "EXPLAIN"],
      ["VACUUM", "VACUUM"],
      ["REPLACE INTO t (a) VALUES (1)", "REPLACE INTO"],
      ["SELECT rowid FROM t", "rowid"],
    ]) {
      expect(() => translate(sql), sql).toThrow(UnsupportedSqlError);
      expect(() => translate(sql), sql).toThrow(new RegExp(`${what}[^]*${JSON.stringify(sql.slice(0, 12)).slice(1, -1).replace(/[()*]/g, "\\$&")}`));
    }
  });

  it("describes batchable one-row upserts", () => {
    const b = translate(`INSERT INTO "bc_T" ("Id", "A", "B") VALUES (?, ?, ?) ON CONFLICT("Id") DO UPDATE SET "A" = excluded."A", "B" = excluded."B"`).batch!;
    expect(b).toMatchObject({ table: "bc_t", target: `"bc_t"`, columns: ["id", "a", "b"], width: 3, keyIdx: [0], lastWins: true });
    expect(b.head).toBe(`INSERT INTO "bc_t" ("id", "a", "b")`);
    expect(b.tail).toBe(` ON CONFLICT("id") DO UPDATE SET "a" = excluded."a", "b" = excluded."b"`);
    expect(translate(`INSERT INTO temp.seen (a) VALUES (?) ON CONFLICT DO NOTHING`).batch).toMatchObject({ table: "seen", target: "pg_temp.seen" });
    expect(translate(`INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT(a) DO UPDATE SET b = excluded.b WHERE b IS NULL`).batch).toBeUndefined();
    expect(translate(`INSERT INTO t (a, b) VALUES (?, ?)`).batch).toBeUndefined();
    expect(translate(`INSERT INTO t (a, b) VALUES (?, 1) ON CONFLICT DO NOTHING`).batch).toBeUndefined();
    expect(translate(`INSERT INTO s (k, w, x) VALUES (?, ?, ?) ON CONFLICT(k) DO UPDATE SET w = excluded.w`).batch).toMatchObject({ keyIdx: [0], lastWins: false });
    const ignore = translate(`INSERT OR IGNORE INTO a (x, y) VALUES (?, ?)`).batch!;
    expect(ignore).toMatchObject({ table: "a", lastWins: false });
    expect(ignore.keyIdx).toBeUndefined();
  });

  it("lets names that only look SQLite-only through, and leaves dollar-quoted text alone", () => {
    expect(tr(`SELECT Attach, Changes, TypeOf FROM t`)).toBe(`SELECT Attach, Changes, TypeOf FROM t`);
    expect(tr(`CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; -- "Q" ? $fn$ LANGUAGE sql; SELECT ?`)).toBe(`CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; -- "Q" ? $fn$ LANGUAGE sql; SELECT $1`);
    expect(tr(`ALTER TABLE sys_outbox ADD COLUMN n INTEGER`)).toBe(`ALTER TABLE sys_outbox ADD COLUMN n BIGINT`);
  });

  it("describes a held DELETE FROM t WHERE c = ?", () => {
    expect(translate(`DELETE FROM bc_ToDoAssignees WHERE "ToDoId" = ?`).del).toEqual({ table: "bc_todoassignees", target: "bc_ToDoAssignees", column: "todoid" });
    expect(translate(`DELETE FROM bc_X WHERE a = ? AND b = ?`).del).toBeUndefined();
    expect(translate(`DELETE FROM bc_X WHERE a = 1`).del).toBeUndefined();
    expect(translate(`DELETE FROM bc_X WHERE a IN (SELECT b FROM y WHERE c = ?)`).del).toBeUndefined();
  });
});
