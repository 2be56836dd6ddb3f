// SQLite SQL, as the replica's sync and write code writes it, turned into PostgreSQL SQL for
// the PostgreSQL replica (pg/db.ts). A small tokenizer (strings, quoted identifiers and
// comments are never touched) and a few rewrites on the tokens of each statement:
//   ? → $n · "Name" → "name" (the replica's identifiers are lower case) · INTEGER → BIGINT in
//   DDL and casts · WITHOUT ROWID dropped · INSERT OR IGNORE/REPLACE → ON CONFLICT ·
//   IS ? / IS 'x' → IS NOT DISTINCT FROM · X IN (SELECT value FROM json_each(?)) compared as
//   text · json_extract(X, '$.a.b') → (X)::jsonb #>> '{a,b}' · strftime(ISO, 'now') · ifnull.
// SQLite-only SQL that has no translation (PRAGMA, sqlite_schema, triggers, GLOB, …) is
// refused with an Error naming the statement, so the caller can make it dialect-aware.

import { Cursor, KEYWORDS, nameOf, REFUSED, REFUSED_STATEMENTS, qidName, quote, statements, tokenize } from "./tokens.js";

export { tokenize } from "./tokens.js";

export { UnsupportedSqlError } from "./tokens.js";

export interface TranslateOptions {
  /** The primary key columns of a table (called with its lower-case name), for INSERT OR REPLACE. Default ["id"]. */
  keys?: (table: string) => readonly string[] | undefined;
}

/**
 * How a single-row upsert can be batched: `${head} SELECT <columns> FROM
 * json_populate_recordset(NULL::${target}, $1::json) ${tail}`, the rows (`width` values each,
 * in `columns` order) sent as one JSON array of objects.
 */
export interface BatchShape {
  /** The table's lower-case name. */
  table: string;
  /** The table as the statement names it (its row type). */
  target: string;
  /** `INSERT INTO t (cols)`. */
  head: string;
  /** The inserted columns' lower-case names. */
  columns: string[];
  /** `ON CONFLICT …`. */
  tail: string;
  width: number;
  /** Positions of the conflict key among the row's parameters (undefined: ON CONFLICT DO NOTHING, no key needed). */
  keyIdx?: number[];
  /** Every non-key column is set from `excluded`: of two rows with one key, the last one alone gives the same result. */
  lastWins: boolean;
}

/** A `DELETE FROM t WHERE c = ?` that pg/db.ts may batch (as `c = ANY(…)`). */
export interface DeleteShape {
  table: string;
  target: string;
  column: string;
}

export interface Translated {
  sql: string;
  params: number;
  /** First keyword of the (last) statement, lower case. */
  verb: string;
  /** Set when the statement is a one-row INSERT … VALUES (?, …) ON CONFLICT … that pg/db.ts may batch. */
  batch?: BatchShape;
  /** Set when the statement is `DELETE FROM t WHERE c = ?` and nothing else. */
  del?: DeleteShape;
  /** The tables the statement names after FROM/INTO/UPDATE/JOIN (lower case). */
  tables: string[];
  /** The statement has a sub-select (or is not plain DML): it may read any table. */
  complex: boolean;
  /** Every name the SQL writes, by its lower case, as written first. */
  written: Record<string, string>;
  /** The tables CREATE TABLE statements make, with their columns as written. */
  created: Array<{ table: string; columns: string[] }>;
}


/** Translate SQLite SQL (one or several statements) to PostgreSQL; throws UnsupportedSqlError for what has no translation. */
export function translate(sql: string, opts: TranslateOptions = {}): Translated {
  const toks = tokenize(sql);
  let params = 0;
  // Names as the SQL writes them (SQLite names a result column so), before they are lower-cased.
  // An alias (after AS) wins over a plain mention.
  const written: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  let prev = "";
  for (const t of toks) {
    if (t.k === "ws" || t.k === "comment") continue;
    const name = t.k === "qid" ? t.v.slice(1, -1).split(t.v[0] + t.v[0]).join(t.v[0]) : t.k === "id" && !KEYWORDS.has(t.v.toLowerCase()) ? t.v : undefined;
    if (name !== undefined) (prev === "as" ? aliases : written)[name.toLowerCase()] ??= name;
    prev = t.k === "id" ? t.v.toLowerCase() : "";
  }
  Object.assign(written, aliases);
  for (const t of toks) {
    if (t.k === "qid") {
      t.o = t.v;
      t.v = quote(qidName(t.v));
    }
    else if (t.k === "param" && t.v[0] === "?") t.v = `$${t.v.length > 1 ? Number(t.v.slice(1)) : ++params}`;
    else if (t.k === "op" && t.v === "==") t.v = "=";
  }
  const stmts = statements(toks);
  if (stmts.length === 0) return { sql: "", params: 0, verb: "", tables: [], complex: false, written, created: [] };
  const done = stmts.map((s) => new Stmt(s, sql, opts).run());
  const last = done[done.length - 1];
  const maxParam = Math.max(0, ...toks.filter((t) => t.k === "param").map((t) => Number(t.v.slice(1))));
  return {
    sql: done.map((d) => d.sql).join(";\n"),
    params: maxParam,
    verb: last.verb,
    batch: done.length === 1 ? last.batch : undefined,
    del: done.length === 1 ? last.del : undefined,
    tables: [...new Set(done.flatMap((d) => d.tables))],
    complex: done.length > 1 || done.some((d) => d.complex),
    written,
    created: done.flatMap((d) => (d.created ? [d.created] : [])),
  };
}

/** One statement's tokens and the rewrites on them. `s` holds the significant tokens' indexes. */
class Stmt extends Cursor {
  run(): { sql: string; verb: string; batch?: BatchShape; del?: DeleteShape; tables: string[]; complex: boolean; created?: { table: string; columns: string[] } } {
    const created = this.createdTable();
    const verb = this.lw(0);
    if (verb in REFUSED_STATEMENTS) this.refuse(REFUSED_STATEMENTS[verb]);
    if (verb === "create" && this.s.slice(1, 4).some((_, i) => this.lw(1 + i) === "trigger")) this.refuse("CREATE TRIGGER");
    for (let p = 0; p < this.s.length; p++) {
      const w = this.lw(p);
      if (w in REFUSED) {
        // Functions only when called, and the rest are SQLite's own names.
        if (REFUSED[w].endsWith("()") && w !== "pragma_table_info" && !this.is(p + 1, "(")) continue;
        if (w === "rowid" && (this.is(p - 1, "without") || this.is(p - 1, "."))) continue;
        this.refuse(REFUSED[w]);
      }
    }
    const ddl = (verb === "create" && [1, 2, 3].some((i) => this.lw(i) === "table")) || (verb === "alter" && this.lw(1) === "table");
    this.types(ddl);
    this.isParam();
    this.jsonEach(verb === "insert");
    this.jsonExtract();
    this.jsonArrows();
    this.strftime();
    for (let p = 0; p < this.s.length; p++) {
      if (this.lw(p) === "ifnull" && this.is(p + 1, "(")) this.splice(p, p + 1, "coalesce");
      // SQLite's schema names: temp.x is PostgreSQL's pg_temp.x, main.x the replica's own x.
      else if (this.lw(p) === "temp" && this.is(p + 1, ".")) this.splice(p, p + 1, "pg_temp");
      else if (this.lw(p) === "main" && this.is(p + 1, ".") && this.lw(p - 1) !== ".") this.splice(p, p + 2, "");
    }
    let batch: BatchShape | undefined;
    if (verb === "insert") batch = this.insert();
    const tables: string[] = [];
    for (let p = 0; p < this.s.length; p++) {
      if (["from", "into", "update", "join", "using"].includes(this.lw(p)) && this.lw(p - 1) !== "do") {
        const at = this.is(p + 2, ".") ? p + 3 : p + 1;
        if (this.is(at + 1, "(") && this.lw(p) !== "into") continue;
        const t = this.tok(at);
        if (t && t.k === "id" && !KEYWORDS.has(t.v.toLowerCase())) tables.push(t.v.toLowerCase());
        else if (t && t.k === "qid") tables.push(qidName(t.v));
      }
    }
    const complex = !["insert", "update", "delete"].includes(verb) || this.s.some((_, p) => this.lw(p) === "select" && p > 0);
    return { sql: this.t.map((t) => t.v).join("").trim(), verb, batch, del: verb === "delete" ? this.deleteShape() : undefined, tables, complex, created };
  }

  private deleteShape(): DeleteShape | undefined {
    const dotted = this.is(3, ".");
    const at = dotted ? 5 : 3;
    const name = this.tok(dotted ? 4 : 2);
    const col = this.tok(at + 1);
    if (this.lw(1) !== "from" || !name || !col || this.lw(at) !== "where" || !this.is(at + 2, "=") || this.tok(at + 3)?.v !== "$1" || at + 4 !== this.s.length) return undefined;
    if ((name.k !== "id" && name.k !== "qid") || (col.k !== "id" && col.k !== "qid")) return undefined;
    return { table: nameOf(name), target: this.text(2, at), column: nameOf(col) };
  }

  /** SQLite's storage classes as PostgreSQL types: in DDL, and in CAST(… AS …). */
  private types(ddl: boolean): void {
    for (let p = 0; p < this.s.length; p++) {
      const w = this.lw(p);
      if (ddl && w === "without" && this.lw(p + 1) === "rowid") {
        this.splice(p, p + 2, "");
        p--;
        continue;
      }
      if (!(ddl || this.lw(p - 1) === "as")) continue;
      if (w === "integer" || w === "int") {
        if (ddl && this.lw(p + 1) === "primary" && this.lw(p + 2) === "key" && this.lw(p + 3) === "autoincrement") this.splice(p, p + 4, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
        else this.splice(p, p + 1, "BIGINT");
      } else if (w === "real") this.splice(p, p + 1, "DOUBLE PRECISION");
      else if (w === "blob") this.splice(p, p + 1, "BYTEA");
    }
  }

  /** SQLite's `IS ?` / `IS 'x'` (null-safe equality) → IS [NOT] DISTINCT FROM. */
  private isParam(): void {
    for (let p = 0; p < this.s.length; p++) {
      if (this.lw(p) !== "is") continue;
      const not = this.lw(p + 1) === "not";
      const v = this.tok(p + (not ? 2 : 1));
      if (!v || !(v.k === "param" || v.k === "str" || v.k === "num")) continue;
      this.splice(p, p + (not ? 2 : 1), not ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM");
    }
  }

  private jsonEach(insert: boolean): void {
    for (let p = 0; p < this.s.length; p++) {
      if (this.lw(p) !== "in" || !this.is(p + 1, "(") || this.lw(p + 2) !== "select" || this.lw(p + 3) !== "value" || this.lw(p + 4) !== "from") continue;
      if (this.lw(p + 5) !== "json_each" || !this.is(p + 6, "(") || this.tok(p + 7)?.k !== "param" || !this.is(p + 8, ")") || !this.is(p + 9, ")")) continue;
      const param = this.tok(p + 7)!.v;
      const not = this.lw(p - 1) === "not";
      const end = not ? p - 2 : p - 1;
      const start = this.operandStart(end);
      const operand = this.text(start, end + 1);
      this.splice(start, p + 10, `(${operand})::text ${not ? "NOT IN" : "IN"} (SELECT jsonb_array_elements_text(${param}::jsonb))`);
      p = start;
    }
    for (let p = 0; p < this.s.length; p++) {
      if (this.lw(p) !== "json_each" || !this.is(p + 1, "(")) continue;
      if (this.tok(p + 2)?.k !== "param" || !this.is(p + 3, ")")) this.refuse("json_each() over anything but one parameter");
      const param = this.tok(p + 2)!.v;
      const elems = `jsonb_array_elements_text(${param}::jsonb)`;
      const alias = this.lw(p + 4) === "as" ? 5 : this.tok(p + 4)?.k === "id" && !KEYWORDS.has(this.lw(p + 4)) && !["where", "order", "group", "limit", "join", "cross", "left", "inner", "union"].includes(this.lw(p + 4)) ? 4 : 0;
      const name = alias ? this.tok(p + alias)!.v : "je";
      const body = insert ? `(SELECT CAST(value AS NUMERIC) AS value FROM ${elems} AS v(value)) AS ${name}` : `${elems} AS ${name}(value)`;
      this.splice(p, alias ? p + alias + 1 : p + 4, body);
    }
  }

  /** json_extract(X, '$.a.b') → ((X)::jsonb #>> '{a,b}'). */
  private jsonExtract(): void {
    for (let p = 0; p < this.s.length; p++) {
      if (this.lw(p) !== "json_extract" || !this.is(p + 1, "(")) continue;
      const c = this.close(p + 1);
      let comma = -1;
      let d = 0;
      for (let q = p + 2; q < c; q++) {
        const v = this.tok(q)!;
        if (v.k !== "op") continue;
        if (v.v === "(") d++;
        else if (v.v === ")") d--;
        else if (v.v === "," && d === 0) comma = q;
      }
      const path = this.tok(comma + 1);
      if (comma < 0 || comma + 2 !== c || path?.k !== "str") this.refuse("json_extract() with a path that is not one literal");
      const raw = path.v.slice(1, -1).replace(/''/g, "'");
      if (!raw.startsWith("$")) this.refuse(`json_extract() path ${path.v}`);
      const parts = [...raw.slice(1).matchAll(/\.("([^"]*)"|[^.[]+)|\[(\d+)\]/g)].map((m) => m[2] ?? m[3] ?? m[1]);
      const arr = `'{${parts.map((x) => (/^[A-Za-z0-9_]+$/.test(x) ? x : `"${x.replace(/["\\]/g, "\\$&")}"`).replace(/'/g, "''")).join(",")}}'`;
      this.splice(p, c + 1, `((${this.text(p + 2, comma)})::jsonb #>> ${arr})`);
    }
  }

  /** X ->> '$.a.b' (SQLite's JSON path form of the arrows) → X #>> '{a,b}'; X -> '$.a' → X #> '{a}'. A plain key ('a') stays. */
  private jsonArrows(): void {
    for (let p = 0; p + 1 < this.s.length; p++) {
      const op = this.tok(p);
      if (op?.k !== "op" || (op.v !== "->>" && op.v !== "->")) continue;
      let q = p + 1;
      while (this.tok(q)?.k === "ws" || this.tok(q)?.k === "comment") q++;
      const path = this.tok(q);
      if (path?.k !== "str") continue;
      const raw = path.v.slice(1, -1).replace(/''/g, "'");
      if (!raw.startsWith("$")) continue;
      const parts = [...raw.slice(1).matchAll(/\.("([^"]*)"|[^.[]+)|\[(\d+)\]/g)].map((m) => m[2] ?? m[3] ?? m[1]);
      const arr = `'{${parts.map((x) => (/^[A-Za-z0-9_]+$/.test(x) ? x : `"${x.replace(/["\\]/g, "\\$&")}"`).replace(/'/g, "''")).join(",")}}'`;
      this.splice(p, q + 1, `${op.v === "->>" ? "#>>" : "#>"} ${arr}`);
    }
  }

  /** strftime('%Y-%m-%dT%H:%M:%fZ', 'now') → the same UTC ISO text with milliseconds. */
  private strftime(): void {
    for (let p = 0; p < this.s.length; p++) {
      if (this.lw(p) !== "strftime" || !this.is(p + 1, "(")) continue;
      const c = this.close(p + 1);
      const args = this.text(p + 2, c).replace(/\s+/g, "");
      const fmt: Record<string, string> = {
        "'%Y-%m-%dT%H:%M:%fZ','now'": `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`,
        "'%Y-%m-%dT%H:%M:%SZ','now'": `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`,
        "'%Y-%m-%d','now'": `'YYYY-MM-DD'`,
      };
      if (!fmt[args]) this.refuse(`strftime(${args})`);
      this.splice(p, c + 1, `to_char(statement_timestamp() AT TIME ZONE 'UTC', ${fmt[args]})`);
    }
  }

  /** INSERT OR IGNORE/REPLACE; unqualified columns in ON CONFLICT DO UPDATE qualified; the batch shape. */
  private insert(): BatchShape | undefined {
    let mode = "";
    if (this.lw(1) === "or") {
      mode = this.lw(2);
      if (mode !== "ignore" && mode !== "replace") this.refuse(`INSERT OR ${mode.toUpperCase()}`);
      this.splice(1, 3, "");
    }
    // INSERT INTO name [AS alias] [(cols)] …
    if (this.lw(1) !== "into") return undefined;
    const dotted = this.is(3, ".");
    const nameTok = this.tok(dotted ? 4 : 2)!;
    const table = nameOf(nameTok);
    let p = dotted ? 5 : 3;
    let ref = nameTok.v;
    if (this.lw(p) === "as") {
      ref = this.tok(p + 1)!.v;
      p += 2;
    }
    let cols: string[] = [];
    if (this.is(p, "(") && this.lw(p + 1) !== "select") {
      cols = this.namesIn(p);
      p = this.close(p) + 1;
    }
    let endAt = this.s.length;
    for (let q = p; q < this.s.length; q++) if (this.lw(q) === "returning") endAt = q;
    if (mode === "ignore") this.splice(endAt, endAt, " ON CONFLICT DO NOTHING ");
    if (mode === "replace") {
      if (cols.length === 0) this.refuse("INSERT OR REPLACE without a column list");
      const keys = (this.opts.keys?.(table) ?? ["id"]).map((k) => k.toLowerCase());
      const set = cols.filter((c) => !keys.includes(c)).map((c) => `${quote(c)} = excluded.${quote(c)}`);
      this.splice(endAt, endAt, ` ON CONFLICT (${keys.map(quote).join(", ")}) ${set.length ? `DO UPDATE SET ${set.join(", ")}` : "DO NOTHING"} `);
    }
    this.qualifyUpdate(ref);
    return this.shape(table, this.text(2, dotted ? 5 : 3), p, cols);
  }

  /** PostgreSQL finds a bare column in ON CONFLICT DO UPDATE ambiguous (the row or excluded); SQLite takes the row's. */
  private qualifyUpdate(ref: string): void {
    let p = 0;
    while (p < this.s.length && !(this.lw(p) === "do" && this.lw(p + 1) === "update" && this.lw(p + 2) === "set")) p++;
    if (p >= this.s.length) return;
    const from = p + 3;
    if (this.s.slice(from).some((_, i) => this.lw(from + i) === "select")) return;
    let lhs = true;
    let d = 0;
    for (let q = from; q < this.s.length; q++) {
      const v = this.tok(q)!;
      const w = this.lw(q);
      if (w === "returning" && d === 0) break;
      if (v.k === "op") {
        if (v.v === "(") d++;
        else if (v.v === ")") d--;
        else if (v.v === "," && d === 0) lhs = true;
        else if (v.v === "=" && lhs) lhs = false;
        continue;
      }
      if (w === "where" && d === 0) {
        lhs = false;
        continue;
      }
      if (lhs || !(v.k === "id" || v.k === "qid")) continue;
      if (v.k === "id" && KEYWORDS.has(w)) continue;
      if (this.is(q + 1, "(") || this.is(q + 1, ".") || this.is(q - 1, ".") || this.is(q - 1, "::") || this.lw(q - 1) === "as") continue;
      v.v = `${ref}.${v.v}`;
    }
  }

  /** The names listed between the parenthesis at `open` and the one that closes it (`(a, "B")` → a, b). */
  private namesIn(open: number): string[] {
    const names: string[] = [];
    for (let q = open + 1, end = this.close(open); q < end; q++) {
      const t = this.tok(q)!;
      if (t.k === "id" || t.k === "qid") names.push(nameOf(t));
    }
    return names;
  }

  /** `INSERT INTO t (cols) VALUES ($1, …, $k) ON CONFLICT …` with nothing else: batchable. */
  private shape(table: string, target: string, p: number, cols: string[]): BatchShape | undefined {
    if (cols.length === 0 || this.lw(p) !== "values" || !this.is(p + 1, "(")) return undefined;
    const c = this.close(p + 1);
    const vals = this.s.slice(p + 2, c).map((_, i) => this.tok(p + 2 + i)!);
    if (vals.length !== cols.length * 2 - 1) return undefined;
    for (let i = 0; i < vals.length; i++) {
      if (i % 2 === 1 ? vals[i].v !== "," : vals[i].k !== "param" || vals[i].v !== `$${i / 2 + 1}`) return undefined;
    }
    const rest = c + 1;
    if (this.lw(rest) !== "on" || this.lw(rest + 1) !== "conflict") return undefined;
    if (this.s.slice(rest).some((_, i) => ["returning", "where", "select"].includes(this.lw(rest + i)))) return undefined;
    if (this.s.slice(rest).some((_, i) => this.tok(rest + i)!.k === "param")) return undefined;
    const head = this.text(0, p);
    const tail = ` ${this.text(rest, this.s.length)}`;
    let q = rest + 2;
    let keys: string[] = [];
    if (this.is(q, "(")) {
      keys = this.namesIn(q);
      q = this.close(q) + 1;
    }
    if (this.lw(q) === "do" && this.lw(q + 1) === "nothing" && q + 2 === this.s.length) return { table, target, head, columns: cols, tail, width: cols.length, lastWins: false };
    if (!(this.lw(q) === "do" && this.lw(q + 1) === "update" && this.lw(q + 2) === "set")) return undefined;
    const keyIdx = keys.map((k) => cols.indexOf(k));
    if (keys.length === 0 || keyIdx.some((i) => i < 0)) return undefined;
    // lastWins: the SET list is exactly `c = excluded.c` for every non-key column.
    const set = this.text(q + 3, this.s.length).replace(/\s+/g, "").toLowerCase().split(",");
    const want = cols.filter((c2) => !keys.includes(c2));
    const pure = set.length === want.length && want.every((c2) => set.some((x) => x === `${quote(c2)}=excluded.${quote(c2)}` || x === `${c2}=excluded.${c2}`));
    return { table, target, head, columns: cols, tail, width: cols.length, keyIdx, lastWins: pure };
  }
}
