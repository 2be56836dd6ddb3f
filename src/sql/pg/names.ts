// The names and values a PostgreSQL replica's rows come back with (pg/db.ts), as better-sqlite3
// gives the SQLite replica's: PostgreSQL folds unquoted names to lower case, so a result column
// is named as the statement writes it (an alias), else as the table it comes from names it,
// else by a canonical name the code registered (`projectid` → `ProjectId`); booleans become
// 1n/0n and bytea a Buffer.
import type { PgResult } from "./sync-pg.js";
import type { Translated } from "./translate.js";

const KEY_SEP = "\u0001";

export class ResultNames {
  private readonly canonical = new Map<string, string>();
  /** Per table (lower case): its columns by lower case, as named. */
  private readonly tables = new Map<string, Map<string, string>>();
  private known = new WeakMap<Translated, { key: string; names: string[] }>();

  /** Result columns named (case-insensitively) like one of these come back under that name. */
  addCanonical(names: Iterable<string>): void {
    for (const n of names) this.canonical.set(n.toLowerCase(), n);
    this.known = new WeakMap();
  }

  /** A table's columns as the code names them. */
  setTable(table: string, columns: Iterable<string>): void {
    this.tables.set(table.toLowerCase(), new Map([...columns].map((c) => [c.toLowerCase(), c])));
    this.known = new WeakMap();
  }

  /** A statement's result rows, named and valued as better-sqlite3 gives them. */
  rows(t: Translated, r: PgResult): Array<Record<string, unknown>> {
    if (r.fields.length === 0) return [];
    const names = this.columnNames(t, r.fields);
    return r.rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const v = row[r.fields[i]];
        // SQLite has no booleans (0/1) and gives blobs as Buffers (a worker hands back Uint8Arrays).
        out[names[i]] = typeof v === "boolean" ? (v ? 1n : 0n) : v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
      }
      return out;
    });
  }

  /** Result names: as the statement writes them, else as its tables name them, else the canonical names. */
  private columnNames(t: Translated, fields: string[]): string[] {
    const key = fields.join(KEY_SEP);
    const known = this.known.get(t);
    if (known?.key === key) return known.names;
    const tables = t.tables.map((n) => this.tables.get(n)).filter((m) => m !== undefined);
    const names = fields.map((f) => {
      const lower = f.toLowerCase();
      if (t.written[lower] !== undefined) return t.written[lower];
      for (const m of tables) if (m.has(lower)) return m.get(lower)!;
      return this.canonical.get(lower) ?? f;
    });
    this.known.set(t, { key, names });
    return names;
  }
}
