// The writes a PostgreSQL replica holds back inside a transaction (pg/db.ts), so the sync's
// many one-row statements cost a few round trips per batch instead of one each:
//   - one-row upserts (`INSERT … VALUES (?, …) ON CONFLICT …`), sent as one INSERT … SELECT
//     over a JSON array of the rows (one parameter however many rows), without waiting for
//     the answer (SyncPg.send: the caller goes on while the server writes);
//   - `DELETE FROM bc_T WHERE c = ?`, sent (without waiting too) as one `DELETE … WHERE c =
//     ANY(…) RETURNING c`, whose answer tells each held DELETE its own count once asked for
//     (`changes` sends the table's writes first if they are still held, then waits for it).
// Per table, held DELETEs go before held INSERTs: a DELETE whose value a held row carries
// sends the table's writes first, so that order is always the order they were run in.
import type { PgRunResult } from "./db.js";
import { headOf, type SyncPg } from "./sync-pg.js";
import { quote } from "./tokens.js";
import type { BatchShape, DeleteShape, Translated } from "./translate.js";

interface Inserts {
  shape: BatchShape;
  rows: unknown[][];
  /** Row index by conflict key (shapes with keyIdx). */
  byKey?: Map<string, number>;
  /** Values held per column position, for the columns a DELETE asked about. */
  values: Map<number, Set<string>>;
}

interface Op {
  value: unknown;
  count?: number;
  /** The statement it went out in, while its count is not in yet. */
  sent?: SentDeletes;
}

/** A DELETE … RETURNING sent without waiting, and the held DELETEs it answers for. */
interface SentDeletes {
  seq: number;
  ops: Op[];
  column: string;
  /** For messages: the statement held and what sending it was. */
  sql: string;
  label: string;
}

interface Deletes {
  shape: DeleteShape;
  ops: Op[];
  pending: Set<string>;
}

type Explain = (e: unknown, sql: string, what: string) => Error;

const KEY_SEP = "\u0001";

/** A parameter as a JSON value PostgreSQL reads back as the column's type (bigint digits exact). */
export function jsonValue(v: unknown): string {
  switch (typeof v) {
    case "bigint":
      return v.toString();
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "string": {
      // A lone surrogate is no text PostgreSQL takes in JSON: U+FFFD, as pg's encoding does for a parameter.
      const w = v as unknown as { isWellFormed(): boolean; toWellFormed(): string };
      return JSON.stringify(w.isWellFormed() ? v : w.toWellFormed());
    }
    case "object":
      if (v === null) return "null";
      if (v instanceof Uint8Array) return `"\\\\x${Buffer.from(v).toString("hex")}"`;
      return JSON.stringify(v);
    default:
      return "null";
  }
}

/** A value as an element of a PostgreSQL array literal. */
function arrayElement(v: unknown): string {
  const s = typeof v === "string" ? v : String(v);
  return `"${s.replace(/[\\"]/g, "\\$&")}"`;
}

export class WriteBuffer {
  private readonly inserts = new Map<string, Inserts>();
  private readonly deletes = new Map<string, Deletes>();
  /** Per held statement: its INSERT with json values as strings, and with them nested (json columns at jsonIdx). */
  private readonly shapes = new Map<string, { strings: string; nested: string | undefined; jsonIdx: number[] }>();
  /** json/jsonb columns per table (lower-case name, or the target as written outside the schema). */
  private readonly json = new Map<string, Map<string, string>>();
  private askedSchema = false;
  /** Sent DELETEs nobody can ask the counts of any more are forgotten. */
  private readonly unclaimed = new FinalizationRegistry<number>((seq) => this.conn.forget(seq));

  constructor(
    private readonly conn: SyncPg,
    private readonly rows: number,
    private readonly explain: Explain,
  ) {}

  get size(): number {
    return this.inserts.size + this.deletes.size;
  }

  /** Hold one upsert's row. */
  insert(t: Translated, params: unknown[]): void {
    const shape = t.batch!;
    let b = this.inserts.get(t.sql);
    if (!b) {
      // Another statement's rows on the same table go first, in order.
      for (const o of this.inserts.values()) if (o.shape.table === shape.table) this.flushTables([shape.table]);
      b = this.newInserts(t.sql, shape);
    }
    if (b.byKey) {
      const key = keyOf(shape.keyIdx!, params);
      const at = key === undefined ? undefined : b.byKey.get(key);
      if (at !== undefined) {
        // PostgreSQL updates a row once per statement: the last row wins when that is what
        // running them one by one gives, else the rows so far go first.
        if (shape.lastWins) {
          b.rows[at] = params;
          for (const [c, set] of b.values) set.add(String(params[c]));
          return;
        }
        this.flushTables([shape.table]);
        b = this.newInserts(t.sql, shape);
      }
      if (key !== undefined) b.byKey!.set(key, b.rows.length);
    }
    b.rows.push(params);
    for (const [c, set] of b.values) set.add(String(params[c]));
    if (b.rows.length >= this.rows) this.flushTables([shape.table]);
  }

  /** Hold one `DELETE FROM t WHERE c = ?`; its count is known when the table's writes are sent. */
  delete(t: Translated, params: unknown[]): PgRunResult {
    const shape = t.del!;
    const value = params[0];
    const op: Op = { value };
    const result = { lastInsertRowid: 0 as number | bigint } as PgRunResult;
    Object.defineProperty(result, "changes", {
      enumerable: true,
      get: () => {
        if (op.count === undefined && !op.sent) this.flushTables([shape.table]);
        if (op.count === undefined && op.sent) this.counts(op.sent);
        return op.count ?? 0;
      },
    });
    if (value === null) {
      op.count = 0; // c = NULL matches nothing
      return result;
    }
    const key = String(value);
    // A held row this DELETE would remove, or another DELETE on the table: what is held goes first.
    for (const b of this.inserts.values()) {
      if (b.shape.table !== shape.table) continue;
      const c = b.shape.columns.indexOf(shape.column);
      if (c < 0) {
        this.flushTables([shape.table]);
        break;
      }
      let set = b.values.get(c);
      if (!set) b.values.set(c, (set = new Set(b.rows.map((r) => String(r[c])))));
      if (set.has(key)) {
        this.flushTables([shape.table]);
        break;
      }
    }
    for (const [k, d] of this.deletes) if (d.shape.table === shape.table && k !== t.sql) this.flushTables([shape.table]);
    let d = this.deletes.get(t.sql);
    if (!d) this.deletes.set(t.sql, (d = { shape, ops: [], pending: new Set() }));
    if (d.pending.has(key)) op.count = 0; // the same rows are already gone
    else {
      d.pending.add(key);
      d.ops.push(op);
    }
    if (d.ops.length >= this.rows) this.flushTables([shape.table]);
    return result;
  }

  /** Send what is held for these tables: deletes first, then rows. */
  flushTables(tables: readonly string[]): void {
    for (const [k, d] of this.deletes) if (tables.includes(d.shape.table)) this.sendDeletes(k, d);
    for (const [k, b] of this.inserts) if (tables.includes(b.shape.table)) this.sendInserts(k, b);
  }

  flushAll(): void {
    const tables = new Set([...this.deletes.values()].map((d) => d.shape.table).concat([...this.inserts.values()].map((b) => b.shape.table)));
    this.flushTables([...tables]);
  }

  /** Forget what is held (the transaction rolled back). */
  clear(): void {
    for (const d of this.deletes.values()) for (const op of d.ops) op.count = 0;
    this.deletes.clear();
    this.inserts.clear();
  }

  /**
   * A table's json/jsonb columns (name → type). Asked of the server once for every table of
   * the schema, and again only for a table outside it (each question waits for everything
   * sent before it, so there are few).
   */
  private jsonColumns(target: string): Map<string, string> {
    const inSchema = /^"?([^".]+)"?$/.exec(target)?.[1].toLowerCase();
    if (inSchema !== undefined && !this.json.has(inSchema) && !this.askedSchema) {
      this.askedSchema = true;
      const r = this.conn.query(
        `SELECT c.relname AS rel, a.attname AS n, format_type(a.atttypid, NULL) AS t FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('json'::regtype, 'jsonb'::regtype) WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')`,
      );
      for (const x of r.rows) {
        const rel = String(x.rel);
        if (!this.json.has(rel)) this.json.set(rel, new Map());
        if (x.n !== null) this.json.get(rel)!.set(String(x.n), String(x.t));
      }
    }
    const key = inSchema ?? target;
    let cols = this.json.get(key);
    if (!cols) {
      const r = this.conn.query(`SELECT attname AS n, format_type(atttypid, NULL) AS t FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND atttypid IN ('json'::regtype, 'jsonb'::regtype)`, [target]);
      this.json.set(key, (cols = new Map(r.rows.map((x) => [String(x.n), String(x.t)]))));
    }
    return cols;
  }

  private newInserts(key: string, shape: BatchShape): Inserts {
    const b: Inserts = { shape, rows: [], byKey: shape.keyIdx ? new Map() : undefined, values: new Map() };
    this.inserts.set(key, b);
    return b;
  }

  /** Send held DELETEs (one statement per batch of values), without waiting: counts come when asked for. */
  private sendDeletes(key: string, d: Deletes): void {
    this.deletes.delete(key);
    const { table, target, column } = d.shape;
    const col = quote(column);
    const sql = `DELETE FROM ${target} WHERE ${col} = ANY($1) RETURNING ${col}`;
    for (let from = 0; from < d.ops.length; from += this.rows) {
      const ops = d.ops.slice(from, from + this.rows);
      const label = `deleting ${ops.length} held value${ops.length === 1 ? "" : "s"} of ${table} with`;
      let seq: number;
      try {
        seq = this.conn.send(sql, [`{${ops.map((o) => arrayElement(o.value)).join(",")}}`], `${label}: ${headOf(`DELETE FROM ${target} WHERE ${col} = ?`)}`, true);
      } catch (e) {
        for (const op of d.ops) op.count ??= 0;
        throw this.explain(e, `DELETE FROM ${target} WHERE ${col} = ?`, label);
      }
      const sent: SentDeletes = { seq, ops, column, sql: `DELETE FROM ${target} WHERE ${col} = ?`, label };
      for (const op of ops) op.sent = sent;
      this.unclaimed.register(sent, seq);
    }
  }

  /** The counts of a sent DELETE's values (waits for it). */
  private counts(sent: SentDeletes): void {
    let rows: Array<Record<string, unknown>>;
    try {
      rows = this.conn.result(sent.seq).rows;
    } catch (e) {
      for (const op of sent.ops) (op.count ??= 0), (op.sent = undefined);
      throw this.explain(e, sent.sql, sent.label);
    }
    const counts = new Map<string, number>();
    for (const row of rows) {
      const v = String(row[sent.column]);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const op of sent.ops) (op.count = counts.get(String(op.value)) ?? 0), (op.sent = undefined);
  }

  /**
   * Send held rows (as JSON: one parameter, however many rows). A json/jsonb column's text goes
   * in as it is, nested in the row, where it is one bracketed JSON value (the replica's Raw
   * always is) or null: the server parses it once with the rest, and nothing escapes it here.
   * A batch with any other such text sends those as JSON strings, parsed again in the server.
   */
  private sendInserts(key: string, b: Inserts): void {
    this.inserts.delete(key);
    const { shape } = b;
    if (!this.shapes.has(key)) {
      const types = this.jsonColumns(shape.target);
      const jsonIdx = shape.columns.flatMap((c, i) => (types.has(c) ? [i] : []));
      const cols = (nested: boolean) =>
        shape.columns
          .map((c) => {
            const id = `r.${quote(c)}`;
            const type = types.get(c);
            return type && !nested ? `(${id} #>> '{}')::${type}` : id;
          })
          .join(", ");
      this.shapes.set(key, {
        strings: `${shape.head} SELECT ${cols(false)} FROM json_populate_recordset(NULL::${shape.target}, $1::json) AS r${shape.tail}`,
        nested: jsonIdx.length ? `${shape.head} SELECT ${cols(true)} FROM jsonb_populate_recordset(NULL::${shape.target}, $1::jsonb) AS r${shape.tail}` : undefined,
        jsonIdx,
      });
    }
    const { strings, nested, jsonIdx } = this.shapes.get(key)!;
    const names = shape.columns.map((c) => `${JSON.stringify(c)}:`);
    for (let from = 0; from < b.rows.length; from += this.rows) {
      const to = Math.min(from + this.rows, b.rows.length);
      let inPlace = nested !== undefined;
      for (let r = from; r < to && inPlace; r++) for (const c of jsonIdx) if (b.rows[r][c] !== null && !oneJsonValue(b.rows[r][c])) inPlace = false;
      const isJson = new Set(inPlace ? jsonIdx : []);
      let json = "[";
      for (let r = from; r < to; r++) {
        const row = b.rows[r];
        json += r === from ? "{" : ",{";
        for (let c = 0; c < shape.width; c++) json += `${c ? "," : ""}${names[c]}${isJson.has(c) ? ((row[c] as string | null) ?? "null") : jsonValue(row[c])}`;
        json += "}";
      }
      // Nothing reads its answer: sent without waiting (a failure comes back at the next statement).
      const what = `writing ${to - from} held row${to - from === 1 ? "" : "s"} of`;
      try {
        this.conn.send(inPlace ? nested! : strings, [`${json}]`], `${what}: ${headOf(`${shape.head} VALUES (…)${shape.tail}`)}`);
      } catch (e) {
        throw this.explain(e, `${shape.head} VALUES (…)${shape.tail}`, what);
      }
    }
  }
}

/**
 * The value is text holding one JSON object or array and nothing around it: nested in a row as
 * it is, it cannot end the row or add to it (whether it is valid JSON, the server's parse says).
 */
export function oneJsonValue(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const first = v.charCodeAt(0);
  if (first !== 123 && first !== 91) return false;
  let depth = 0;
  let inString = false;
  const last = v.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = v.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0 && i !== last) return false;
  }
  return depth === 0 && !inString;
}

function keyOf(idx: number[], params: unknown[]): string | undefined {
  let key = "";
  for (const i of idx) {
    const v = params[i];
    if (v === null) return undefined; // NULLs never conflict
    key += `${String(v)}${KEY_SEP}`;
  }
  return key;
}
