// Sync progress on a terminal: one line redrawn in place. A spinner with counts while the
// overall total is unknown; a bar once every table's total is known (it never moves back);
// at the end a last frame at 100% and a clean line. Off a terminal: one plain line per finished
// table (or nothing, for callers that print their own summary).
import type { SyncOptions } from "../../sql/sync/index.js";

type OnProgress = NonNullable<SyncOptions["onProgress"]>;

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Plain lines when not on a terminal (default true). */
  plain?: boolean;
  indent?: string;
  /** How many tables this sync reports on, when the caller knows: the bar waits for all of their totals. */
  tables?: number;
  /** Milliseconds between redraws (default 100; 0: redraw on every report, and no spinner timer). */
  tick?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface SyncProgressDisplay {
  onProgress: OnProgress;
  /** The sync succeeded: a last frame at 100% ("N tables"), then a newline. */
  finish(tables?: number): void;
  /** The sync failed: wipe the line so the error starts clean. */
  abort(): void;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const BAR = 24;
const n = (x: number) => x.toLocaleString("en-US");

/** "1 table", "21 tables". */
export function plural(count: number, word: string): string {
  return `${n(count)} ${word}${count === 1 ? "" : "s"}`;
}

export function syncProgress(o: ProgressOptions): SyncProgressDisplay {
  const tty = o.stream.isTTY === true;
  const indent = o.indent ?? "";
  const now = o.now ?? Date.now;
  const tick = o.tick ?? 100;
  const started = now();
  // Per table, the most seen: a table read project by project restarts its count for each.
  const state = new Map<string, { done: number; total?: number }>();
  const reported = new Set<string>();
  let lastDraw = -Infinity;
  let drawn = false;
  let ended = false;
  let frame = 0;
  let shown = 0; // the fraction the bar shows: it never goes back
  let timer: NodeJS.Timeout | undefined;

  const sums = () => {
    let done = 0;
    let total = 0;
    let known = o.tables !== undefined && state.size >= o.tables;
    for (const s of state.values()) {
      done += s.done;
      if (s.total === undefined) known = false;
      else total += Math.max(s.total, s.done);
    }
    return { done, total, known: known && state.size > 0 && total > 0 };
  };

  const fit = (line: string) => {
    const cols = o.stream.columns;
    const room = cols && cols > 10 ? cols - 1 : Infinity;
    return [...line].length > room ? `${[...line].slice(0, room - 1).join("")}…` : line;
  };

  const write = (line: string, end = "") => {
    // \r and erase-to-end-of-line: nothing of a longer earlier frame is left behind.
    o.stream.write(`\r${fit(`${indent}${line}`)}\x1b[K${end}`);
    drawn = true;
  };

  const draw = (t: number) => {
    lastDraw = t;
    const { done, total, known } = sums();
    const tables = plural(state.size, "table");
    if (!known) {
      frame = (frame + 1) % SPINNER.length;
      write(`${SPINNER[frame]} Syncing: ${plural(done, "item")} from ${tables} so far`);
      return;
    }
    shown = Math.max(shown, Math.min(1, done / total));
    const secs = (t - started) / 1000;
    const rate = done / Math.max(secs, 0.001);
    const left = rate > 0 && total > done ? `, ${Math.ceil((total - done) / rate)} s left` : "";
    write(`${bar(shown)} ${Math.floor(shown * 100)}% ${n(Math.min(done, total))}/${n(total)} items · ${tables}${left}`);
  };

  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  const onProgress: OnProgress = (p) => {
    if (ended) return;
    const was = state.get(p.table);
    state.set(p.table, { done: Math.max(p.done, was?.done ?? 0), total: p.total === undefined ? undefined : Math.max(p.total, was?.total ?? 0) });
    if (tty) {
      if (!timer && tick > 0) {
        timer = setInterval(() => draw(now()), tick);
        timer.unref();
      }
      const t = now();
      if (t - lastDraw >= tick) draw(t);
    } else if (o.plain !== false && p.total !== undefined && p.done >= p.total && !reported.has(p.table)) {
      reported.add(p.table);
      o.stream.write(`${indent}${p.table}: ${p.done} items\n`);
    }
  };

  return {
    onProgress,
    finish(tables?: number) {
      if (ended) return;
      ended = true;
      stopTimer();
      if (!tty || !drawn) return;
      const { done } = sums();
      const secs = ((now() - started) / 1000).toFixed(1);
      write(`${bar(1)} 100% ${plural(done, "item")} · ${plural(tables ?? state.size, "table")} in ${secs} s`, "\n");
    },
    abort() {
      if (ended) return;
      ended = true;
      stopTimer();
      if (tty && drawn) o.stream.write("\r\x1b[K");
    },
  };
}

function bar(fraction: number): string {
  const filled = Math.min(BAR, Math.floor(fraction * BAR));
  return `[${"#".repeat(filled)}${"-".repeat(BAR - filled)}]`;
}
