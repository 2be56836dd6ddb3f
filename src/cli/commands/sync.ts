// `campctl sync [tables…] [--full]`: a progress bar (items / total, rate, ETA) on a terminal,
// plain lines otherwise.
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { toJson } from "../internal/output.js";
import { syncProgress } from "../internal/progress.js";

export interface SyncCommandOptions {
  full?: boolean;
}

export async function runSync(tables: string[], o: SyncCommandOptions, g: GlobalOptions): Promise<void> {
  const conn = await openConnection(g);
  const started = Date.now();
  // Progress goes to stderr, so stdout holds only the result; --json shows none.
  const progress = g.json ? undefined : syncProgress({ stream: process.stderr });
  try {
    const summary = await conn.sync(tables.length ? tables : undefined, {
      full: o.full,
      onProgress: progress?.onProgress,
      onWait: (h) => process.stderr.write(`Waiting for another sync of ${h.tables.length === 1 ? h.tables[0] : `${h.tables.length} of these tables`} (pid ${h.pid}) to finish…\n`),
    });
    progress?.finish();
    const rows = Object.entries(summary).map(([table, s]) => ({ table, requests: s.requests, upserted: s.upserted, deleted: s.deleted, ms: s.durationMs }));
    if (g.json) process.stdout.write(`${toJson(rows)}\n`);
    else {
      const total = rows.reduce((a, r) => a + r.upserted, 0);
      const requests = rows.reduce((a, r) => a + r.requests, 0);
      process.stdout.write(`Synced ${rows.length} tables: ${total} rows, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await conn.close();
  }
}
