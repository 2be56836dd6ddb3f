// Rows as a plain text table that fits the terminal width (long cells are cut with "…").
export function formatTable(rows: Record<string, unknown>[], width = process.stdout.columns || 100): string {
  if (rows.length === 0) return "(no rows)";
  const cols = Object.keys(rows[0]);
  const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) : String(v)).replace(/\s+/g, " ");
  const cells = rows.map((r) => cols.map((c) => text(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  // Shrink the widest columns until the table fits.
  const room = Math.max(20, width - 3 * (cols.length - 1));
  while (widths.reduce((a, b) => a + b, 0) > room) {
    const i = widths.indexOf(Math.max(...widths));
    if (widths[i] <= 8) break;
    widths[i]--;
  }
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (vals: string[]) => vals.map((v, i) => fit(v, widths[i])).join(" │ ").trimEnd();
  return [line(cols), widths.map((w) => "─".repeat(w)).join("─┼─"), ...cells.map(line)].join("\n");
}
