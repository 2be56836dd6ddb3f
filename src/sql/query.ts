// Before a SELECT runs: find the tables it reads (from EXPLAIN's root pages, no SQL parser) so
// the caller can sync the stale ones, and explain SQLite's errors. It runs in query-runner.ts.
import { editDistance } from "../config/suggest.js";
import type { Db } from "./replica.js";

export class SqlError extends Error {
  override name = "SqlError";
}


export function closest(name: string, candidates: readonly string[], n = 3): string[] {
  return candidates
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) + (c.toLowerCase().includes(name.toLowerCase()) ? -2 : 0) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 2)))
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((x) => x.c);
}

/** User-facing tables: the views (and plain tables) that are not internal (bc_*, sqlite_*). */
export function userTables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('view','table') AND name NOT LIKE 'bc\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((r) => r.name);
}

/** Turn SQLite's error into one that names the problem and lists close table or column names. */
export function explainSqlError(db: Db, sql: string, e: unknown): SqlError {
  const msg = (e as Error)?.message ?? String(e);
  const table = /no such table: (?:main\.)?(\S+)/i.exec(msg);
  if (table) {
    const hints = closest(table[1], userTables(db));
    return new SqlError(`No table named ${table[1]}.${hints.length ? ` Did you mean ${hints.join(", ")}?` : ""} SELECT * FROM sys_tables lists them all.`);
  }
  const column = /no such column: (\S+)/i.exec(msg);
  if (column) {
    const bare = column[1].replace(/^.*\./, "");
    const all = new Set<string>();
    for (const t of userTables(db)) {
      if (new RegExp(`\\b${t}\\b`, "i").test(sql)) for (const c of columnsOf(db, t)) all.add(c);
    }
    const hints = closest(bare, [...all]);
    return new SqlError(`No column named ${column[1]}.${hints.length ? ` Did you mean ${hints.join(", ")}?` : ""} SELECT * FROM sys_tablecolumns WHERE TableName = '…' lists a table's columns.`);
  }
  if (/syntax error|incomplete input|unrecognized token/i.test(msg)) return new SqlError(`SQL syntax error: ${msg}. Check the statement near that point.`);
  return new SqlError(msg);
}

/** The user tables a statement reads, from the root pages EXPLAIN opens. */
export function tablesRead(db: Db, sql: string, params: unknown[] | Record<string, unknown> = []): string[] {
  let plan: Array<{ opcode: string; p2: number | bigint }>;
  try {
    plan = db.prepare(`EXPLAIN ${sql}`).all(params as never) as Array<{ opcode: string; p2: number | bigint }>;
  } catch (e) {
    throw explainSqlError(db, sql, e);
  }
  const roots = new Set(plan.filter((r) => r.opcode === "OpenRead").map((r) => Number(r.p2)));
  const owners = db.prepare("SELECT tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0").all() as Array<{ tbl_name: string; rootpage: number | bigint }>;
  const out = new Set<string>();
  for (const o of owners) if (roots.has(Number(o.rootpage))) out.add(o.tbl_name.replace(/^bc_/, ""));
  return [...out].sort();
}

/** Project IDs a statement pins with `ProjectId = <n>` or `ProjectId IN (…)` (literals or bound parameters). */
export function pinnedProjects(sql: string, params: unknown[] | Record<string, unknown> = []): Array<string> | undefined {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''");
  const m = /\bProjectId\s*(=\s*(\d+|\?|[:@$]\w+)|IN\s*\(([^)]*)\))/i.exec(code);
  if (!m) return undefined;
  const resolve = (tok: string): string | undefined => {
    const t = tok.trim();
    if (/^\d+$/.test(t)) return t;
    if (t === "?" && Array.isArray(params)) {
      const idx = [...code.slice(0, m.index)].filter((ch) => ch === "?").length;
      const v = params[idx];
      return v === undefined || v === null ? undefined : String(v);
    }
    if (/^[:@$]\w+$/.test(t) && !Array.isArray(params)) {
      const v = params[t.slice(1)];
      return v === undefined || v === null ? undefined : String(v);
    }
    return undefined;
  };
  const items = m[2] !== undefined ? [m[2]] : m[3].split(",");
  const ids = items.map(resolve);
  return ids.every((x) => x !== undefined && /^\d+$/.test(x)) ? (ids as string[]) : undefined;
}
