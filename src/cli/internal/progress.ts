// Sync progress: a bar (items / total, rate, ETA) redrawn in place on a terminal, or one
// plain line per finished table otherwise (or nothing, for callers that print a summary).
import type { SyncOptions } from "../../sql/sync/index.js";

type OnProgress = NonNullable<SyncOptions["onProgress"]>;

export interface ProgressOptions {
  stream: NodeJS.WriteStream;
  /** Plain lines when not on a terminal (default true). */
  plain?: boolean;
  indent?: string;
}

export function syncProgress(o: ProgressOptions): { onProgress: OnProgress; finish(): void } {
  const tty = o.stream.isTTY === true;
  const indent = o.indent ?? "";
  const started = Date.now();
  const state = new Map<string, { done: number; total?: number }>();
  const reported = new Set<string>();
  let lastDraw = 0;
  let drawn = false;
  const onProgress: OnProgress = (p) => {
    state.set(p.table, { done: p.done, total: p.total });
    if (tty) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      const done = [...state.values()].reduce((a, b) => a + b.done, 0);
      const total = [...state.values()].reduce((a, b) => a + Math.max(b.done, b.total ?? 0), 0);
      const secs = (now - started) / 1000;
      const rate = done / Math.max(secs, 0.001);
      const eta = rate > 0 && total > done ? `, ${Math.ceil((total - done) / rate)} s left` : "";
      const width = 24;
      const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
      o.stream.write(`\r${indent}[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} items, ${rate.toFixed(0)}/s${eta}, ${state.size} tables   `);
    } else if (o.plain !== false && p.total !== undefined && p.done >= p.total && !reported.has(p.table)) {
      reported.add(p.table);
      o.stream.write(`${indent}${p.table}: ${p.done} items\n`);
    }
  };
  return { onProgress, finish: () => drawn && o.stream.write("\n") };
}
