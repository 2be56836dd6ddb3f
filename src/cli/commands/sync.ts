// `campctl sync [tables…] [--full]`: a progress bar (items / total, rate, ETA) on a terminal,
// plain lines otherwise.
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { toJson } from "../internal/output.js";

export interface SyncCommandOptions {
  full?: boolean;
}

export async function runSync(tables: string[], o: SyncCommandOptions, g: GlobalOptions): Promise<void> {
  const conn = await openConnection(g);
  const tty = process.stderr.isTTY === true && !g.json;
  const started = Date.now();
  const state = new Map<string, { done: number; total?: number }>();
  const reported = new Set<string>();
  let lastDraw = 0;
  try {
    const summary = await conn.sync(tables.length ? tables : undefined, {
      full: o.full,
      onProgress: (p) => {
        state.set(p.table, { done: p.done, total: p.total });
        if (tty) {
          const now = Date.now();
          if (now - lastDraw < 100) return;
          lastDraw = now;
          const done = [...state.values()].reduce((a, b) => a + b.done, 0);
          const total = [...state.values()].reduce((a, b) => a + Math.max(b.done, b.total ?? 0), 0);
          const secs = (now - started) / 1000;
          const rate = done / Math.max(secs, 0.001);
          const eta = rate > 0 && total > done ? `${Math.ceil((total - done) / rate)} s left` : "";
          const width = 24;
          const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
          process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} items, ${rate.toFixed(0)}/s ${eta}   `);
        } else if (!g.json && p.total !== undefined && p.done >= p.total && !reported.has(p.table)) {
          reported.add(p.table);
          process.stderr.write(`${p.table}: ${p.done} items\n`);
        }
      },
    });
    if (tty) process.stderr.write("\n");
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
