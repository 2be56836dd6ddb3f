// IntegerMode: what integers query() and execute() give. By default a number when it is exact
// (so `n + 1` and JSON.stringify work), a bigint past ±(2^53 − 1) so IDs stay exact; "bigint"
// is every integer a bigint, "string" the digits past ±(2^53 − 1). The same on both replicas: a
// SQLite file (or in-memory database) and a PostgreSQL schema, whose integers are read as
// bigint and converted the same way (sum() and avg()'s numeric too: an integer when whole).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { stringifyJsonExact } from "../../src/index.js";
import { connect, type Connection } from "../../src/sql/index.js";
import { postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

let open: Connection[] = [];
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

let schemas = 0;
/** Where a replica goes: a file, an in-memory SQLite database, or a new PostgreSQL schema. */
type Where = "file" | ":memory:" | "schema";
const WHERE: Record<ReplicaKind, Where[]> = { sqlite: ["file", ":memory:"], postgres: ["schema"] };
/** The Replica=… (and ReplicaSchema=…) each connection was opened with. */
const replicaOf = new Map<Connection, string>();

/** A sandbox connection on a new replica, or on `conn`'s replica again. */
async function sandbox(extra = "", where: Where | Connection = "file"): Promise<Connection> {
  const dir = mkdtempSync(join(tmpdir(), "integers-"));
  const replica =
    typeof where !== "string" ? replicaOf.get(where)! : where === "schema" ? `Replica='${postgresUrl()}';ReplicaSchema=int_${process.pid}_${++schemas}` : `Replica='${where === "file" ? join(dir, "replica.sqlite") : where}'`;
  const conn = await connect(`Sandbox=true;${replica}${extra}`, { dataDir: dir, configDir: dir, env: {} });
  replicaOf.set(conn, replica);
  open.push(conn);
  return conn;
}

const EDGES = "SELECT 9007199254740991 AS maxSafe, -9007199254740991 AS minSafe, 9007199254740992 AS past, -9007199254740993 AS below, 9223372036854775807 AS top, 42 AS n, 2.5 AS r, 'x' AS s, NULL AS z";
/** sum() and avg() of integers: SQLite gives an integer and a real; PostgreSQL numeric, read the same way. */
const SUMS = "WITH v(x) AS (VALUES (1), (2)), w(x) AS (VALUES (9007199254740993), (2)) SELECT (SELECT sum(x) FROM v) AS s, (SELECT avg(x) FROM v) AS a, (SELECT sum(x) FROM w) AS big";

it("refuses an unknown IntegerMode, naming the ones it takes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "integers-"));
  const e = await connect(`Sandbox=true;IntegerMode=double;Replica='${join(dir, "r.sqlite")}'`, { dataDir: dir, configDir: dir, env: {} }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ConfigError);
  expect((e as Error).message).toMatch(/IntegerMode/);
  expect((e as Error).message).toMatch(/number, bigint, string/);
});

describe.each(REPLICAS)("IntegerMode (%s)", (kind) => {
  const file = WHERE[kind][0];

  for (const where of WHERE[kind]) {
    it(`gives numbers by default, bigint only past ±(2^53 − 1) (${where})`, async () => {
      const conn = await sandbox(";Offline=true", where);
      const [row] = await conn.query(EDGES);
      expect(row).toEqual({ maxSafe: 9007199254740991, minSafe: -9007199254740991, past: 9007199254740992n, below: -9007199254740993n, top: 9223372036854775807n, n: 42, r: 2.5, s: "x", z: null });
      const [{ c }] = await conn.query("SELECT COUNT(*) AS c FROM ToDos");
      expect(typeof c).toBe("number");
      expect((c as number) + 1).toBe(1);
      expect(await conn.query(SUMS)).toEqual([{ s: 3, a: 1.5, big: 9007199254740995n }]);
      // A read through execute() gives the same.
      expect((await conn.execute("VALUES (7, 9007199254740993)")).rows).toEqual([{ column1: 7, column2: 9007199254740993n }]);
    });
  }

  it("gives every integer as bigint with IntegerMode=bigint, and strings past ±(2^53 − 1) with IntegerMode=string (any case)", async () => {
    const big = await sandbox(";Offline=true;IntegerMode=bigint", file);
    expect(await big.query(EDGES)).toEqual([{ maxSafe: 9007199254740991n, minSafe: -9007199254740991n, past: 9007199254740992n, below: -9007199254740993n, top: 9223372036854775807n, n: 42n, r: 2.5, s: "x", z: null }]);
    expect(await big.query(SUMS)).toEqual([{ s: 3n, a: 1.5, big: 9007199254740995n }]);
    const str = await sandbox(";Offline=true;integermode=STRING", file);
    expect(str.settings.integerMode).toBe("string");
    expect(await str.query(EDGES)).toEqual([{ maxSafe: 9007199254740991, minSafe: -9007199254740991, past: "9007199254740992", below: "-9007199254740993", top: "9223372036854775807", n: 42, r: 2.5, s: "x", z: null }]);
    expect(await str.query(SUMS)).toEqual([{ s: 3, a: 1.5, big: "9007199254740995" }]);
    expect(JSON.parse(JSON.stringify(await str.query(EDGES)))[0].top).toBe("9223372036854775807");
  });

  it("keeps Basecamp IDs past 2^53 exact, and rows turn into exact JSON with stringifyJsonExact", async () => {
    const conn = await sandbox("", file);
    const rows = await conn.query("SELECT Id, ToDoListId, Content FROM ToDos WHERE Id > 9007199254740991 ORDER BY Id LIMIT 3");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(typeof r.Id).toBe("bigint");
    const id = rows[0].Id as bigint;
    // The same to-do through the API, and found again by that ID.
    expect(BigInt((await conn.client.todos.get(id)).id)).toBe(id);
    expect(await conn.query("SELECT Content FROM ToDos WHERE Id = ?", [id])).toEqual([{ Content: rows[0].Content }]);
    expect(() => JSON.stringify(rows)).toThrow(TypeError);
    const text = stringifyJsonExact(rows);
    expect(text).toContain(`"Id":${id}`);
    expect(text).not.toContain(`"${id}"`);
    // Counts and small IDs are plain numbers: JSON.stringify works on them as they are.
    // With IntegerMode=string the same ID is its digits, and they find the row again.
    const asText = await sandbox(";IntegerMode=string;Offline=true", conn);
    const [same] = await asText.query("SELECT Id FROM ToDos WHERE Id = ?", [id]);
    expect(same).toEqual({ Id: id.toString() });
    expect(await asText.query("SELECT Content FROM ToDos WHERE Id = ?", [same.Id])).toEqual([{ Content: rows[0].Content }]);
    const lists = await conn.query("SELECT Id, (SELECT COUNT(*) FROM ToDos t WHERE t.ToDoListId = l.Id) AS n FROM ToDoLists l WHERE Id < 9007199254740991 LIMIT 2");
    expect(JSON.parse(JSON.stringify(lists))).toEqual(lists);
  });

  it("takes the numbers it gave back as parameters: writes and procedures work with them", async () => {
    const conn = await sandbox("", file);
    const [list] = await conn.query("SELECT Id FROM ToDoLists WHERE Status = 'active' AND Id < 9007199254740991 ORDER BY Id LIMIT 1");
    expect(typeof list.Id).toBe("number");
    const res = await conn.execute("INSERT INTO ToDos (ToDoListId, Content) VALUES (?, ?)", [list.Id, "Integers as numbers"]);
    expect(res.outbox.map((e) => e.state)).toEqual(["done"]);
    const id = res.outbox[0].resultId!;
    expect(BigInt((await conn.client.todos.get(id)).parent!.id)).toBe(BigInt(list.Id as number));
    // The column is an integer column on both (SQLite's typeof(), PostgreSQL's pg_typeof()).
    const t = kind === "sqlite" ? "typeof(ToDoListId)" : "pg_typeof(ToDoListId)::text";
    const [row] = await conn.query(`SELECT ToDoListId, ${t} AS t, Completed FROM ToDos WHERE Id = ?`, [id]);
    expect(row).toEqual({ ToDoListId: list.Id, t: kind === "sqlite" ? "integer" : "bigint", Completed: 0 });
    const done = await conn.execute(`EXEC CompleteToDo(Id => ${id})`);
    expect(done.kind).toBe("procedure");
    expect(() => stringifyJsonExact(done.rows)).not.toThrow();
    for (const r of done.rows) for (const v of Object.values(r)) if (typeof v === "bigint") expect(v > 9007199254740991n || v < -9007199254740991n).toBe(true);
  });
});
