// The tokens of SQLite SQL for translate.ts: strings, quoted identifiers and comments are
// single tokens, so no rewrite ever looks inside them; and a cursor over one statement's
// significant tokens that the rewrites use.

export class UnsupportedSqlError extends Error {
  override name = "UnsupportedSqlError";
}

export type Kind = "ws" | "comment" | "str" | "qid" | "id" | "num" | "param" | "op";
export interface Tok {
  k: Kind;
  v: string;
  /** A quoted identifier as written, before it was lower-cased. */
  o?: string;
}

const OPS = ["#>>", "->>", "::", "||", "<>", "!=", "<=", ">=", "==", "->", "<<", ">>"];

export function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    let j = i + 1;
    let k: Kind;
    if (/\s/.test(c)) {
      while (j < n && /\s/.test(sql[j])) j++;
      k = "ws";
    } else if (c === "-" && sql[i + 1] === "-") {
      while (j < n && sql[j] !== "\n") j++;
      k = "comment";
    } else if (c === "/" && sql[i + 1] === "*") {
      const e = sql.indexOf("*/", i + 2);
      j = e < 0 ? n : e + 2;
      k = "comment";
    } else if (c === "'" || c === '"' || c === "`") {
      for (;;) {
        while (j < n && sql[j] !== c) j++;
        if (j < n && sql[j + 1] === c) j += 2;
        else break;
      }
      j = Math.min(j + 1, n);
      k = c === "'" ? "str" : "qid";
    } else if (/[A-Za-z_]/.test(c)) {
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j])) j++;
      k = "id";
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      while (j < n && /[0-9.eE]/.test(sql[j])) j++;
      k = "num";
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(sql.slice(i, i + 64))) {
      // PostgreSQL's dollar quoting: $tag$ … $tag$ is one string.
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64))![0];
      const e = sql.indexOf(tag, i + tag.length);
      j = e < 0 ? n : e + tag.length;
      k = "str";
    } else if (c === "?" || (c === "$" && /[0-9]/.test(sql[i + 1] ?? ""))) {
      while (j < n && /[0-9]/.test(sql[j])) j++;
      k = "param";
    } else {
      const op = OPS.find((o) => sql.startsWith(o, i));
      if (op) j = i + op.length;
      k = "op";
    }
    out.push({ k, v: sql.slice(i, j) });
    i = j;
  }
  return out;
}

export const low = (t: Tok | undefined) => (t && t.k === "id" ? t.v.toLowerCase() : "");
/** A quoted identifier's lower-case name (SQLite also quotes with backticks). */
export function qidName(v: string): string {
  const q = v[0];
  return v.slice(1, -1).split(q + q).join(q).toLowerCase();
}
/** The name an identifier token stands for, in lower case (quoted or not). */
export const nameOf = (t: Tok) => (t.k === "qid" ? qidName(t.v) : t.v.toLowerCase());
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Split into statements on top-level semicolons (the semicolons are dropped). */
export function statements(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [[]];
  for (const t of toks) {
    if (t.k === "op" && t.v === ";") out.push([]);
    else out[out.length - 1].push(t);
  }
  return out.filter((s) => s.some((t) => t.k !== "ws" && t.k !== "comment"));
}

/** Words that are never a column of the target table (in ON CONFLICT DO UPDATE) nor a table name. */
export const KEYWORDS = new Set(
  "and or not is null case when then else end in like ilike between true false as distinct from exists select where collate escape current_timestamp current_date current_time excluded isnull notnull asc desc nulls first last any all some similar to interval unknown on set only lateral".split(" "),
);

/** SQLite-only words with no translation: a statement naming one is refused. */
export const REFUSED: Record<string, string> = {
  sqlite_master: "sqlite_master",
  sqlite_schema: "sqlite_schema",
  sqlite_temp_master: "sqlite_temp_master",
  pragma_table_info: "pragma_table_info()",
  total_changes: "total_changes()",
  changes: "changes()",
  last_insert_rowid: "last_insert_rowid()",
  glob: "GLOB",
  typeof: "typeof()",
  json_group_object: "json_group_object()",
  json_group_array: "json_group_array()",
  rowid: "rowid",
  datetime: "datetime()",
  julianday: "julianday()",
  unixepoch: "unixepoch()",
};

/** SQLite-only statements (by their first word). */
export const REFUSED_STATEMENTS: Record<string, string> = {
  pragma: "PRAGMA",
  explain: "EXPLAIN",
  attach: "ATTACH",
  detach: "DETACH",
  vacuum: "VACUUM",
  reindex: "REINDEX",
  replace: "REPLACE INTO",
};

/** One statement's tokens; `s` holds the significant tokens' indexes. */
export class Cursor {
  protected s: number[] = [];
  constructor(
    protected t: Tok[],
    protected readonly source: string,
    protected readonly opts: { keys?: (table: string) => readonly string[] | undefined },
  ) {
    this.index();
  }

  protected index(): void {
    this.s = [];
    this.t.forEach((t, i) => t.k !== "ws" && t.k !== "comment" && this.s.push(i));
  }
  protected tok(p: number): Tok | undefined {
    return this.t[this.s[p]];
  }
  protected lw(p: number): string {
    return low(this.tok(p));
  }
  protected is(p: number, v: string): boolean {
    const t = this.tok(p);
    return !!t && (t.k === "id" ? t.v.toLowerCase() === v : t.v === v);
  }
  /** Replace significant tokens [a, b) (and what lies between them) by raw text. */
  protected splice(a: number, b: number, text: string): void {
    const from = a < this.s.length ? this.s[a] : this.t.length;
    const to = b > a ? this.s[b - 1] + 1 : from;
    this.t.splice(from, to - from, ...tokenize(text));
    this.index();
  }
  protected text(a: number, b: number): string {
    if (b <= a) return "";
    return this.t.slice(this.s[a], this.s[b - 1] + 1).map((t) => t.v).join("");
  }
  /** The significant position of the ")" closing the "(" at p. */
  protected close(p: number): number {
    let d = 0;
    for (let q = p; q < this.s.length; q++) {
      const v = this.tok(q)!.v;
      if (this.tok(q)!.k !== "op") continue;
      if (v === "(") d++;
      else if (v === ")" && --d === 0) return q;
    }
    throw new UnsupportedSqlError(`Unbalanced parentheses in ${this.head()}`);
  }
  protected head(): string {
    const one = this.source.replace(/\s+/g, " ").trim();
    return JSON.stringify(one.length > 120 ? `${one.slice(0, 117)}…` : one);
  }
  protected refuse(what: string): never {
    throw new UnsupportedSqlError(`The PostgreSQL replica cannot run SQLite's ${what}: ${this.head()}. Make this statement dialect-aware.`);
  }


  /** CREATE [TEMP] TABLE [IF NOT EXISTS] name (col …, …): the table and its columns as written (before any rewrite). */
  protected createdTable(): { table: string; columns: string[] } | undefined {
    if (this.lw(0) !== "create") return undefined;
    let p = 1;
    while (["temp", "temporary", "unlogged"].includes(this.lw(p))) p++;
    if (this.lw(p++) !== "table") return undefined;
    if (this.lw(p) === "if" && this.lw(p + 1) === "not" && this.lw(p + 2) === "exists") p += 3;
    if (this.is(p + 1, ".")) p += 2;
    const name = this.tok(p);
    if (!name || !this.is(p + 1, "(")) return undefined;
    const columns: string[] = [];
    const end = this.close(p + 1);
    let first = true;
    let d = 0;
    for (let q = p + 2; q < end; q++) {
      const t = this.tok(q)!;
      if (t.k === "op" && t.v === "(") d++;
      else if (t.k === "op" && t.v === ")") d--;
      else if (t.k === "op" && t.v === "," && d === 0) first = true;
      else if (first) {
        first = false;
        const w = t.k === "id" ? t.v.toLowerCase() : "";
        if (["primary", "unique", "check", "foreign", "constraint", "exclude"].includes(w)) continue;
        if (t.k === "id") columns.push(t.v);
        else if (t.k === "qid") columns.push((t.o ?? t.v).slice(1, -1).replace(/""/g, '"'));
      }
    }
    return { table: nameOf(name), columns };
  }


  /** The start of the operand ending at significant position e (an identifier, a.b, or f(…)). */
  protected operandStart(e: number): number {
    let p = e;
    if (this.is(p, ")")) {
      let d = 0;
      for (; p >= 0; p--) {
        const v = this.tok(p)!;
        if (v.k !== "op") continue;
        if (v.v === ")") d++;
        else if (v.v === "(" && --d === 0) break;
      }
      if (p > 0 && (this.tok(p - 1)!.k === "id" || this.tok(p - 1)!.k === "qid") && !KEYWORDS.has(this.lw(p - 1))) p--;
      return p;
    }
    while (p >= 2 && this.is(p - 1, ".")) p -= 2;
    return p;
  }

  /**
   * `X [NOT] IN (SELECT value FROM json_each(?))` → `(X)::text [NOT] IN (SELECT jsonb_array_elements_text($n::jsonb))`:
   * SQLite compares the JSON array's numbers with integer columns; comparing text on both
   * sides keeps bigint IDs exact and works with `CAST(Id AS TEXT)` too. Any other
   * `json_each(?)` becomes a set of text values named `value` (numbers in an INSERT … SELECT).
   */
}
