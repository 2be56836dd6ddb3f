// `campctl sync [tables…] [--full]`: progress on stderr when it is a terminal (a spinner until
// every table's total is known, then a bar that ends at 100%), one line per table otherwise;
// then "Synced N tables: …" on stdout.
import type { Db } from "../../sql/replica.js";
import { syncableTables, tableByName } from "../../sql/schema/index.js";
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { toJson } from "../internal/output.js";
import { plural, syncProgress } from "../internal/progress.js";

export interface SyncCommandOptions {
  full?: boolean;
  /** --replica: where the replica is (a SQLite file or a PostgreSQL URL), as Replica= says. */
  replica?: string;
}

/** --replica's value as a connection-string part (Replica='…'), or none. */
export function replicaPart(where: string | undefined): string[] {
  return where ? [`Replica='${where.replace(/'/g, "''")}'`] : [];
}

export async function runSync(tables: string[], o: SyncCommandOptions, g: GlobalOptions): Promise<void> {
  const conn = await openConnection(g, replicaPart(o.replica));
  const started = Date.now();
  // Progress goes to stderr, so stdout holds only the result; --json shows none.
  const progress = g.json ? undefined : syncProgress({ stream: process.stderr, tables: tablesSynced(tables, conn.db) });
  try {
    let summary;
    try {
      summary = await conn.sync(tables.length ? tables : undefined, {
        full: o.full,
        onProgress: progress?.onProgress,
        onWait: (h) => process.stderr.write(`Waiting for another sync of ${h.tables.length === 1 ? h.tables[0] : `${h.tables.length} of these tables`} (pid ${h.pid}) to finish…\n`),
      });
    } catch (e) {
      progress?.abort();
      throw e;
    }
    progress?.finish(Object.keys(summary).length);
    const rows = Object.entries(summary).map(([table, s]) => ({ table, requests: s.requests, upserted: s.upserted, deleted: s.deleted, ms: s.durationMs }));
    if (g.json) process.stdout.write(`${toJson(rows)}\n`);
    else {
      const total = rows.reduce((a, r) => a + r.upserted, 0);
      const requests = rows.reduce((a, r) => a + r.requests, 0);
      process.stdout.write(`Synced ${plural(rows.length, "table")}: ${total} rows, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await conn.close();
  }
}

/**
 * How many tables a sync of `names` (default all) reads, as the engine resolves them (the
 * Recordings view is every recording table, a link table is ToDos); undefined for an unknown
 * name (the sync itself says what is wrong).
 */
export function tablesSynced(names: string[], db?: Db): number | undefined {
  const all = syncableTables(db);
  const wanted = new Set<string>();
  for (const name of names.length ? names : all.map((t) => t.name)) {
    const t = tableByName(name, db);
    if (!t) return undefined;
    if (t.source === "view") {
      for (const r of all) if (r.recording) wanted.add(r.name);
    } else if (t.source === "link") wanted.add("ToDos");
    else wanted.add(t.name);
  }
  return wanted.size;
}
