// Rows as a plain text table. Widths are display columns (CJK and emoji take two); on a
// terminal the table fits its width, long cells cut with "…"; elsewhere nothing is cut.
import stringWidth from "string-width";
import { stringifyJsonExact } from "../../http/json.js";

/** The width to fit: the terminal's columns, else no limit (a pipe or file gets whole cells). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY === true ? stream.columns || 100 : Number.POSITIVE_INFINITY;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** `s` cut to at most `w` display columns, ending in "…" when something was cut. */
export function cutToWidth(s: string, w: number): string {
  if (stringWidth(s) <= w) return s;
  let out = "";
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const sw = stringWidth(segment);
    if (used + sw > w - 1) break;
    out += segment;
    used += sw;
  }
  return `${out}…`;
}

/** `s` padded with spaces to `w` display columns. */
export function padToWidth(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - stringWidth(s)));
}

/** A value as the text of one cell: nothing for null, exact JSON for an object or array. */
export function cellText(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? stringifyJsonExact(v) : String(v);
}

/** Options every row format takes. */
export interface RowsOptions {
  /** false: no header row (the shell's `.headers off`). Default true. */
  headers?: boolean;
}

export function formatTable(rows: Record<string, unknown>[], width = terminalWidth(), opts: RowsOptions = {}): string {
  if (rows.length === 0) return "(no rows)";
  const cols = Object.keys(rows[0]);
  const cells = rows.map((r) => cols.map((c) => cellText(r[c]).replace(/\s+/g, " ")));
  const widths = cols.map((c, i) => Math.max(stringWidth(c), ...cells.map((r) => stringWidth(r[i]))));
  // Shrink the widest columns until the table fits.
  const room = Math.max(20, width - 3 * (cols.length - 1));
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > room) {
    const i = widths.indexOf(Math.max(...widths));
    if (widths[i] <= 8) break;
    // Down to the next widest column (or as far as needed), one column at least.
    const second = Math.max(0, ...widths.filter((_, j) => j !== i));
    const next = Math.min(widths[i] - 1, Math.max(8, second, widths[i] - (total - room)));
    total -= widths[i] - next;
    widths[i] = next;
  }
  const line = (vals: string[]) => vals.map((v, i) => padToWidth(cutToWidth(v, widths[i]), widths[i])).join(" │ ").trimEnd();
  const head = opts.headers === false ? [] : [line(cols), widths.map((w) => "─".repeat(w)).join("─┼─")];
  return [...head, ...cells.map(line)].join("\n");
}
