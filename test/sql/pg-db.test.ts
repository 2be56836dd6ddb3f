// The PostgreSQL replica's Db (src/sql/pg/db.ts): the better-sqlite3 surface against a real
// PostgreSQL server: statements, canonical column names, bigint integers, transactions and
// savepoints, held (batched) upserts and deletes, errors. The SQL translation alone, without a
// server: pg-translate.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/sql/replica.js";
import { oneJsonValue } from "../../src/sql/pg/batch.js";
import { asPgDb, isPg, openPgDb, PgError, pgConnection, pgSchema, type PgDbOptions } from "../../src/sql/pg/db.js";

// ---------------------------------------------------------------- against a real server

let url = "";
let stopServer: (() => Promise<void>) | undefined;
beforeAll(async () => {
  let support: { startPostgres: () => Promise<{ url: string; stop(): Promise<void> }> } | undefined;
  try {
    support = await import("../support/postgres.js");
  } catch {
    support = undefined;
  }
  if (support) {
    const s = await support.startPostgres();
    url = s.url;
    stopServer = () => s.stop();
  } else url = process.env.PG_TEST_URL ?? "postgresql://bc@127.0.0.1:54329/postgres";
}, 120_000);
afterAll(async () => {
  await stopServer?.();
});

/** The error fn throws (a test fails if it throws none). */
function err(fn: () => unknown): PgError {
  try {
    fn();
  } catch (e) {
    return e as PgError;
  }
  throw new Error("no error");
}

const opened: Db[] = [];
let schemas = 0;
function open(opts: PgDbOptions = {}): Db {
  const db = openPgDb(url, `t_pgdb_${process.pid}_${++schemas}`, { canonicalNames: ["Id", "Name", "ProjectId", "Watermark", "TableName", "Scope", "ToDoId", "PersonId"], ...opts });
  opened.push(db);
  return db;
}
afterAll(() => {
  for (const db of opened.splice(0)) {
    if (!db.open) continue;
    pgConnection(db).query(`DROP SCHEMA IF EXISTS "${pgSchema(db)}" CASCADE`);
    db.close();
  }
});

/** Count the round trips a db makes (the real connection, counted). */
function roundTrips(db: Db): { n: number } {
  const conn = pgConnection(db);
  const count = { n: 0 };
  const query = conn.query.bind(conn);
  conn.query = (sql, params) => {
    count.n++;
    if (process.env.PG_DB_TRACE) console.log("round trip:", sql.slice(0, 90));
    return query(sql, params);
  };
  return count;
}

const TODOS = `CREATE TABLE "bc_ToDos" ("Id" INTEGER PRIMARY KEY, "Name" TEXT, "ProjectId" INTEGER)`;
const UPSERT = `INSERT INTO "bc_ToDos" ("Id", "Name", "ProjectId") VALUES (?, ?, ?) ON CONFLICT("Id") DO UPDATE SET "Name" = excluded."Name", "ProjectId" = excluded."ProjectId"`;
const BIG = 2n ** 60n + 7n;

describe("PgDb against PostgreSQL", () => {
  it("creates mixed-case tables, returns canonical names and bigint integers", () => {
    const db = open();
    expect(isPg(db)).toBe(true);
    expect(db.open).toBe(true);
    db.exec(TODOS);
    const ins = db.prepare(`INSERT INTO "bc_ToDos" ("Id", "Name", "ProjectId") VALUES (?, ?, ?)`);
    expect(ins.run(1, "one", BIG)).toEqual({ changes: 1, lastInsertRowid: 0 });
    ins.run([BIG, "big", null]);
    expect(db.prepare(`SELECT Id, Name, ProjectId FROM bc_ToDos ORDER BY Id`).all()).toEqual([
      { Id: 1n, Name: "one", ProjectId: BIG },
      { Id: BIG, Name: "big", ProjectId: null },
    ]);
    expect(db.prepare(`SELECT "Id", 2 AS Other, EXISTS (SELECT 1 FROM bc_ToDos) AS Has FROM "bc_ToDos" WHERE "Id" = ?`).get(BIG)).toEqual({ Id: BIG, Other: 2n, Has: 1n });
    expect(db.prepare(`SELECT Id FROM bc_ToDos WHERE Id = ?`).get(999)).toBeUndefined();
    expect(db.prepare(`UPDATE bc_ToDos SET Name = ? WHERE Id IN (?, ?)`).run("x", 1, BIG).changes).toBe(2);
    expect([...db.prepare(`SELECT Name FROM bc_ToDos ORDER BY Id`).iterate()]).toEqual([{ Name: "x" }, { Name: "x" }]);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_ToDos WHERE ProjectId IS ?`).get(null)).toEqual({ n: 1n });
    expect(() => db.prepare(`SELECT Id FROM bc_ToDos WHERE Id = ?`).get()).toThrow(RangeError);
  });

  it("names result columns as the statement writes them, else as their table names them, else canonically", () => {
    const db = open();
    db.exec(`CREATE TABLE sys_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending');
      CREATE TABLE bc_Mixed ("Id" INTEGER PRIMARY KEY, "ParentId" INTEGER, Plain TEXT, CHECK (Plain <> ''));
      CREATE TABLE bc_Unknown (Zed INTEGER)`);
    db.prepare(`INSERT INTO sys_outbox (table_name) VALUES (?)`).run("ToDos");
    db.prepare(`INSERT INTO bc_Mixed VALUES (1, 2, 'p')`).run();
    db.prepare(`INSERT INTO bc_Unknown VALUES (1)`).run();
    // "id", not the canonical "Id": the outbox's columns are its own.
    expect(db.prepare(`SELECT * FROM sys_outbox`).get()).toEqual({ id: 1n, table_name: "ToDos", state: "pending" });
    expect(db.prepare(`SELECT * FROM bc_Mixed`).get()).toEqual({ Id: 1n, ParentId: 2n, Plain: "p" });
    expect(db.prepare(`SELECT id AS ID, parentid FROM bc_Mixed`).get()).toEqual({ ID: 1n, parentid: 2n }); // as written, as SQLite does
    asPgDb(db).setTableColumns("bc_unknown", ["ZED"]);
    expect(db.prepare(`SELECT * FROM bc_Unknown`).get()).toEqual({ ZED: 1n });
    expect(db.prepare(`SELECT 1 AS x, count(*) FROM bc_Unknown`).get()).toEqual({ x: 1n, count: 1n });
  });

  it("upserts in batches: few round trips, the last row of a key wins, reads see buffered rows", () => {
    const db = open();
    db.exec(TODOS);
    const up = db.prepare(UPSERT);
    const trips = roundTrips(db);
    let seen: unknown;
    db.transaction(() => {
      for (let i = 1; i <= 1200; i++) up.run(i, `n${i}`, 1);
      up.run(5, "again", 2); // a key already buffered: the last row wins
      up.run(5, "last", 3);
      expect(db.inTransaction).toBe(true);
      seen = db.prepare(`SELECT count(*) AS n FROM bc_ToDos`).get(); // flushes first
    })();
    expect(seen).toEqual({ n: 1200n });
    expect(trips.n).toBeLessThanOrEqual(7); // BEGIN, column types (once), 2 full batches, the rest, the read, COMMIT
    expect(db.prepare(`SELECT Name, ProjectId FROM bc_ToDos WHERE Id = 5`).get()).toEqual({ Name: "last", ProjectId: 3n });
    expect(db.inTransaction).toBe(false);
    // Outside a transaction, one statement per row (autocommit).
    up.run(1, "solo", 9);
    expect(db.prepare(`SELECT Name FROM bc_ToDos WHERE Id = 1`).get()).toEqual({ Name: "solo" });
  });

  it("sends every kind of value through a batch as a statement would", () => {
    const db = open({ canonicalNames: ["Id", "T", "I", "R", "B", "J", "Q"] });
    db.exec(`CREATE TABLE bc_Kinds (Id INTEGER PRIMARY KEY, T TEXT, I INTEGER, R REAL, B BLOB, J JSONB, Q TEXT)`);
    const sql = `INSERT INTO bc_Kinds (Id, T, I, R, B, J, Q) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(Id) DO UPDATE SET T = excluded.T, I = excluded.I, R = excluded.R, B = excluded.B, J = excluded.J, Q = excluded.Q`;
    const rows: unknown[][] = [
      [1, `quote " back \\ newline \n 'single' ünïcödé 🎉`, BIG, 1.5, Buffer.from([0, 1, 255]), `{"a":[1,2],"b":"x"}`, 42],
      [2, null, "123", 2, null, null, "plain"],
      [3, "lone \ud800 surrogate", -BIG, -0.25, Buffer.alloc(0), "[]", null],
    ];
    const read = () => db.prepare(`SELECT Id, T, I, R, B, J::text AS J, Q FROM bc_Kinds ORDER BY Id`).all();
    // JSON objects and arrays go into a batch as they are (nested); a JSON scalar's text makes
    // the batch send its JSON texts as strings instead: both as one-by-one statements store them.
    for (const set of [rows, [...rows, [4, "scalar", 4, 4, null, `"just text"`, null], [5, "number", 5, 5, null, "7", null]]]) {
      db.exec("DELETE FROM bc_Kinds");
      for (const r of set) db.prepare(sql).run(r); // one by one (autocommit)
      const single = read();
      db.exec("DELETE FROM bc_Kinds");
      db.transaction(() => set.forEach((r) => db.prepare(sql).run(r)))(); // batched
      expect(read()).toEqual(single);
      expect(single[0]).toMatchObject({ I: BIG, R: 1.5, B: Buffer.from([0, 1, 255]), J: `{"a": [1, 2], "b": "x"}`, Q: "42" });
      expect(single[1]).toMatchObject({ I: 123n, T: null, J: null });
      if (set.length > 3) expect((single as Array<{ J: unknown }>).slice(3).map((r) => r.J)).toEqual([`"just text"`, "7"]);
    }

    // Text that is not one JSON value is refused as a statement would refuse it, and can add nothing to the batch.
    const failed = err(() => db.transaction(() => db.prepare(sql).run([6, "x", 6, 6, null, `{"a":1}, "Id": 99, "J": {"b":2}`, null]))());
    expect(failed.message).toMatch(/invalid input syntax for type json/);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_Kinds WHERE Id IN (6, 99)`).get()).toEqual({ n: 0n });
  });

  it("oneJsonValue: only text holding one JSON object or array, nothing around it, goes into a batch as it is", () => {
    for (const ok of [`{}`, `[]`, `{"a":"}"}`, `{"a":"\\\"}"}`, `[{"a":[1,{"b":"]"}]}]`, `{"k":"{[" }`]) expect(oneJsonValue(ok), ok).toBe(true);
    for (const no of [null, 5, "", "5", `"x"`, `{"a":1},{"b":2}`, `{"a":1}, "Id": 99`, `{"a":1`, `{"a":"x}`, ` {"a":1}`, `{"a":1} `, `[1]]`]) expect(oneJsonValue(no), String(no)).toBe(false);
  });

  it("keeps one-by-one semantics for upserts whose update is not last-wins", () => {
    const db = open();
    db.exec(`CREATE TABLE bc_sync_state (TableName TEXT NOT NULL, Scope TEXT NOT NULL, Watermark TEXT, LastSyncAt TEXT, PRIMARY KEY (TableName, Scope))`);
    const put = db.prepare(`INSERT INTO bc_sync_state (TableName, Scope, Watermark, LastSyncAt) VALUES (?, ?, ?, ?)
      ON CONFLICT(TableName, Scope) DO UPDATE SET
        Watermark = CASE WHEN excluded.Watermark IS NULL THEN Watermark WHEN Watermark IS NULL OR excluded.Watermark > Watermark THEN excluded.Watermark ELSE Watermark END,
        LastSyncAt = COALESCE(excluded.LastSyncAt, LastSyncAt)`);
    db.transaction(() => {
      put.run("A", "", "2024-01-02", "t1");
      put.run("A", "", "2024-01-01", null); // older watermark: kept; null time: kept
      put.run("B", "", null, "t3");
      put.run("A", "", "2024-01-03", null);
    })();
    expect(db.prepare(`SELECT TableName, Watermark, LastSyncAt FROM bc_sync_state ORDER BY TableName`).all()).toEqual([
      { TableName: "A", Watermark: "2024-01-03", LastSyncAt: "t1" },
      { TableName: "B", Watermark: null, LastSyncAt: "t3" },
    ]);
  });

  it("writes to-dos and their assignees in order (delete, then insert-or-ignore)", () => {
    const db = open();
    db.exec(`${TODOS}; CREATE TABLE bc_ToDoAssignees (ToDoId INTEGER NOT NULL, PersonId INTEGER NOT NULL, ProjectId INTEGER, PRIMARY KEY (ToDoId, PersonId))`);
    const up = db.prepare(UPSERT);
    const del = db.prepare(`DELETE FROM bc_ToDoAssignees WHERE ToDoId = ?`);
    const ins = db.prepare(`INSERT OR IGNORE INTO bc_ToDoAssignees (ToDoId, PersonId, ProjectId) VALUES (?, ?, ?)`);
    const write = (id: number, people: number[]) => {
      up.run(id, `t${id}`, 1);
      del.run(id);
      for (const p of people) ins.run(id, p, 1);
    };
    db.transaction(() => {
      write(1, [10, 11, 11]);
      write(2, [20]);
      write(1, [12]); // rewritten: its earlier assignees go
    })();
    expect(db.prepare(`SELECT ToDoId, PersonId FROM bc_ToDoAssignees ORDER BY ToDoId, PersonId`).all()).toEqual([
      { ToDoId: 1n, PersonId: 12n },
      { ToDoId: 2n, PersonId: 20n },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_ToDos`).get()).toEqual({ n: 2n });

    // Many to-dos: the deletes and the rows of each table go in a few statements, not one per row.
    const trips = roundTrips(db);
    db.transaction(() => {
      for (let id = 1; id <= 300; id++) write(id, [id * 10, id * 10 + 1]);
    })();
    expect(trips.n).toBeLessThanOrEqual(8); // BEGIN, to-dos, deletes + assignees twice (600 rows, 500 a statement), COMMIT
    expect(db.prepare(`SELECT count(*) AS n, count(DISTINCT ToDoId) AS t FROM bc_ToDoAssignees`).get()).toEqual({ n: 600n, t: 300n });
    expect(db.prepare(`SELECT PersonId FROM bc_ToDoAssignees WHERE ToDoId = 1 ORDER BY PersonId`).all()).toEqual([{ PersonId: 10n }, { PersonId: 11n }]);
  });

  it("tells a held DELETE its own count, in the order the writes were run", () => {
    const db = open();
    db.exec(`CREATE TABLE bc_Links (ToDoId INTEGER NOT NULL, PersonId INTEGER NOT NULL, PRIMARY KEY (ToDoId, PersonId))`);
    const ins = db.prepare(`INSERT OR IGNORE INTO bc_Links (ToDoId, PersonId) VALUES (?, ?)`);
    const del = db.prepare(`DELETE FROM bc_Links WHERE ToDoId = ?`);
    for (const [t, p] of [[1, 1], [1, 2], [2, 1], [3, 1], [BIG, 5]]) ins.run(t, p);
    const results: Array<{ changes: number }> = [];
    db.transaction(() => {
      results.push(del.run(1)); // 2 rows
      results.push(del.run(1)); // already gone: 0
      ins.run(2, 9);
      results.push(del.run(2)); // a held row carries 2: sent first, then this deletes (2,1) and (2,9)
      results.push(del.run(BIG)); // 1
      results.push(del.run(404)); // 0
      results.push(del.run(null)); // 0
      ins.run(1, 7);
      expect(results[3].changes).toBe(1); // asking sends the table's held writes
    })();
    expect(results.map((r) => r.changes)).toEqual([2, 0, 2, 1, 0, 0]);
    expect(db.prepare(`SELECT ToDoId, PersonId FROM bc_Links ORDER BY ToDoId, PersonId`).all()).toEqual([
      { ToDoId: 1n, PersonId: 7n },
      { ToDoId: 3n, PersonId: 1n },
    ]);
    // Rolled back: nothing held is sent; the counts read 0.
    let late: { changes: number } | undefined;
    expect(() =>
      db.transaction(() => {
        late = del.run(3);
        throw new Error("undo");
      })(),
    ).toThrow("undo");
    expect(late!.changes).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_Links`).get()).toEqual({ n: 2n });
  });

  it("transactionSent: BEGIN, writes and COMMIT go out without waiting; counts come when read; a failure surfaces at settle() naming it", () => {
    const db = open();
    const p = asPgDb(db);
    db.exec(`CREATE TABLE bc_Marks (Id INTEGER PRIMARY KEY, N INTEGER NOT NULL)`);
    const up = db.prepare(`INSERT INTO bc_Marks (Id, N) VALUES (?, ?) ON CONFLICT(Id) DO UPDATE SET N = excluded.N`);
    const bump = db.prepare(`UPDATE bc_Marks SET N = N + 1 WHERE N >= ?`);
    const del = db.prepare(`DELETE FROM bc_Marks WHERE Id = ?`);
    const counts: Array<{ changes: number }> = [];
    // Statements waited for meanwhile: at most one (the first batch asks which columns are json).
    const waited: string[] = [];
    const query = p.conn.query.bind(p.conn);
    p.conn.query = (sql, params) => (waited.push(sql), query(sql, params));
    p.transactionSent("the marks", () => {
      for (let i = 1; i <= 5; i++) up.run(i, i);
      counts.push(bump.run(3)); // 3, 4, 5 → 3 rows (sent with the rows before it)
      counts.push(del.run(1)); // held, then sent: 1
      counts.push(del.run(99)); // 0
    });
    p.conn.query = query;
    expect(waited.filter((q) => !/pg_attribute/.test(q))).toEqual([]);
    // Nothing was waited for yet; reading a count waits for that statement only.
    expect(counts.map((c) => c.changes)).toEqual([3, 1, 0]);
    p.settle();
    expect(db.prepare(`SELECT Id, N FROM bc_Marks ORDER BY Id`).all()).toEqual([
      { Id: 2n, N: 2n },
      { Id: 3n, N: 4n },
      { Id: 4n, N: 5n },
      { Id: 5n, N: 6n },
    ]);

    // A write that fails: the transaction ends without it, and settle() names what failed.
    p.transactionSent("the broken marks", () => {
      up.run(6, 6);
      db.prepare(`UPDATE bc_Marks SET N = NULL WHERE Id = ?`).run(2);
      up.run(7, 7);
    });
    const failed = err(() => p.settle());
    expect(failed.code).toBe("23502");
    expect(failed.message).toMatch(/null value in column "n".* — UPDATE bc_Marks SET N = NULL WHERE Id = \$1 \(the broken marks\)/);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_Marks`).get()).toEqual({ n: 4n });
    p.settle(); // heard once
    // The connection goes on: the next transaction commits.
    p.transactionSent("more marks", () => up.run(8, 8));
    p.settle();
    expect(db.prepare(`SELECT N FROM bc_Marks WHERE Id = 8`).get()).toEqual({ N: 8n });
  });

  it("rolls back a failed transaction, buffered rows included; nested transactions are savepoints", () => {
    const db = open();
    db.exec(TODOS);
    const up = db.prepare(UPSERT);
    expect(() =>
      db.transaction(() => {
        for (let i = 1; i <= 10; i++) up.run(i, "x", 1);
        throw new Error("boom");
      })(),
    ).toThrow("boom");
    expect(db.inTransaction).toBe(false);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_ToDos`).get()).toEqual({ n: 0n });

    const outer = db.transaction((n: number) => {
      up.run(n, "outer", 1);
      try {
        db.transaction(() => {
          up.run(100, "inner", 1);
          expect(db.inTransaction).toBe(true);
          throw new Error("inner fails");
        })();
      } catch (e) {
        expect((e as Error).message).toBe("inner fails");
      }
      db.transaction(() => up.run(200, "inner ok", 1))();
      up.run(n + 1, "outer", 1);
      return "done";
    });
    expect(outer(1)).toBe("done");
    expect(db.prepare(`SELECT Id FROM bc_ToDos ORDER BY Id`).all()).toEqual([{ Id: 1n }, { Id: 2n }, { Id: 200n }]);
    expect(() => db.transaction(async () => 1)()).toThrow(/promise/);
    expect(db.inTransaction).toBe(false);
  });

  it("compares IN / NOT IN json arrays with bigint IDs above 2^53, and fills a temp table from one", () => {
    const db = open();
    db.exec(TODOS);
    const ids = [BIG, BIG + 1n, BIG + 2n, 3n];
    db.transaction(() => {
      for (const id of ids) db.prepare(UPSERT).run(id, String(id), BIG);
    })();
    const keep = `[${BIG},${BIG + 2n}]`; // JSON numbers, digits exact
    expect(db.prepare(`SELECT Id FROM bc_ToDos WHERE Id IN (SELECT value FROM json_each(?)) ORDER BY Id`).all(keep)).toEqual([{ Id: BIG }, { Id: BIG + 2n }]);
    expect(db.prepare(`SELECT Id FROM bc_ToDos WHERE CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?)) ORDER BY Id`).all(keep)).toEqual([{ Id: 3n }, { Id: BIG + 1n }]);
    expect(db.prepare(`SELECT Id FROM bc_ToDos WHERE ProjectId IN (SELECT value FROM json_each(?)) AND Id = ?`).get(`["${BIG}"]`, 3n)).toEqual({ Id: 3n });
    expect(db.prepare(`DELETE FROM bc_ToDos WHERE Id NOT IN (SELECT value FROM json_each(?))`).run(keep).changes).toBe(2);
    expect(db.prepare(`DELETE FROM bc_ToDos WHERE Id NOT IN (SELECT value FROM json_each(?))`).run("[]").changes).toBe(2);

    db.exec(`CREATE TEMP TABLE IF NOT EXISTS bc_sync_seen (Run INTEGER NOT NULL, Id INTEGER NOT NULL, PRIMARY KEY (Run, Id)) WITHOUT ROWID`);
    const seen = db.prepare(`INSERT OR IGNORE INTO temp.bc_sync_seen (Run, Id) SELECT ?, value FROM json_each(?)`);
    seen.run(7, `[${ids.join(",")}]`);
    seen.run(7, `[${BIG}]`);
    expect(db.prepare(`SELECT Id FROM temp.bc_sync_seen WHERE Run = ? ORDER BY Id`).all(7).map((r) => (r as { Id: bigint }).Id)).toEqual([3n, BIG, BIG + 1n, BIG + 2n]);
  });

  it("INSERT OR REPLACE upserts on the key the lookup names; json_extract and strftime work", () => {
    const db = open({ keys: (t) => (t === "sys_sync_locks" ? ["TableName"] : undefined) });
    db.exec(`CREATE TABLE sys_sync_locks (TableName TEXT PRIMARY KEY, Holder TEXT NOT NULL, Pid INTEGER NOT NULL)`);
    const put = db.prepare(`INSERT OR REPLACE INTO sys_sync_locks (TableName, Holder, Pid) VALUES (?, ?, ?)`);
    put.run("A", "h1", 1);
    db.transaction(() => {
      put.run("A", "h2", 2);
      put.run("B", "h3", 3);
    })();
    expect(db.prepare(`SELECT TableName, Holder, Pid FROM sys_sync_locks ORDER BY TableName`).all()).toEqual([
      { TableName: "A", Holder: "h2", Pid: 2n },
      { TableName: "B", Holder: "h3", Pid: 3n },
    ]);
    const row = db.prepare(`SELECT CAST(json_extract(?, '$.a.count') AS INTEGER) AS n, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at`).get(JSON.stringify({ a: { count: 42 } })) as { n: bigint; at: string };
    expect(row.n).toBe(42n);
    expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(row.at) - Date.now())).toBeLessThan(24 * 3600_000);
  });

  it("reports errors clearly: unique violation, syntax error, missing table, SQLite-only SQL, a failed batch", () => {
    const db = open();
    db.exec(TODOS);
    const ins = db.prepare(`INSERT INTO bc_ToDos (Id, Name) VALUES (?, ?)`);
    ins.run(1, "a");
    const dup = err(() => ins.run(1, "b"));
    expect(dup).toBeInstanceOf(PgError);
    expect(dup.code).toBe("23505");
    expect(dup.message).toMatch(/^duplicate key value violates unique constraint .*\(id\)=\(1\).* — in: INSERT INTO bc_ToDos/);
    const syntax = err(() => db.prepare(`SELECT FROM WHERE`).all());
    expect(syntax.code).toBe("42601");
    expect(syntax.message).toMatch(/syntax error .* — in: SELECT FROM WHERE/);
    const missing = err(() => db.prepare(`SELECT * FROM nope`).all());
    expect(missing.code).toBe("42P01");
    expect(missing.message).toBe(`relation "nope" does not exist — in: SELECT * FROM nope`);
    expect(() => db.prepare(`PRAGMA table_info(bc_ToDos)`)).toThrow(/PRAGMA.*table_info/);
    expect(() => db.pragma("journal_mode = WAL")).toThrow(/PRAGMA/);

    // A buffered row that fails fails the transaction at COMMIT, naming the write.
    db.exec(`CREATE TABLE bc_Strict (Id INTEGER PRIMARY KEY, N INTEGER NOT NULL)`);
    const up = db.prepare(`INSERT INTO bc_Strict (Id, N) VALUES (?, ?) ON CONFLICT(Id) DO UPDATE SET N = excluded.N`);
    const failed = err(() =>
      db.transaction(() => {
        up.run(1, 1);
        up.run(2, null);
      })(),
    );
    expect(failed.code).toBe("23502");
    expect(failed.message).toMatch(/null value in column "n".* — writing 2 held rows of: INSERT INTO bc_Strict/);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_Strict`).get()).toEqual({ n: 0n });

    // Held rows go out without waiting: the statement that comes next hears of their failure,
    // and the message names the write, not that statement.
    const later = err(() =>
      db.transaction(() => {
        up.run(3, null);
        db.prepare(`SELECT count(*) AS n FROM bc_Strict`).get();
      })(),
    );
    expect(later.code).toBe("23502");
    expect(later.message).toMatch(/null value in column "n".* — writing 1 held row of: INSERT INTO bc_Strict/);
    expect(later.message).not.toMatch(/SELECT/);
    expect(db.prepare(`SELECT count(*) AS n FROM bc_Strict`).get()).toEqual({ n: 0n });
  });

  it("close() closes the connection", () => {
    const db = open();
    const schema = pgSchema(db);
    expect(asPgDb(db).schema).toBe(schema);
    pgConnection(db).query(`DROP SCHEMA "${schema}" CASCADE`);
    db.close();
    expect(db.open).toBe(false);
    expect(() => db.prepare("SELECT 1")).toThrow(/not open/);
    db.close();
  });
});
