// How `campctl shell` draws rows in each `.mode` (sqlite3's names), with `.headers on|off`;
// plus reading a dot command's arguments (quotes keep spaces).
import { formatRows } from "./output.js";
import { cellText, formatTable } from "./table.js";

export type ShellMode = "table" | "tsv" | "csv" | "json" | "markdown" | "line";
export const SHELL_MODES: readonly ShellMode[] = ["table", "tsv", "csv", "json", "markdown", "line"];

/**
 * Rows as `mode` draws them; `headers: false` leaves out the header row (table, tsv, csv).
 * Tables fit `width`. `line` is sqlite3's: one `column = value` a line, a blank line between rows.
 */
export function renderRows(rows: Record<string, unknown>[], mode: ShellMode, headers: boolean, width: number): string {
  if (mode === "line") return lineMode(rows);
  if (mode === "table") return formatTable(rows, width, { headers });
  return formatRows(rows, mode, { headers });
}

function lineMode(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  const w = Math.max(...cols.map((c) => c.length));
  return rows.map((r) => cols.map((c) => `${c.padStart(w)} = ${cellText(r[c])}`).join("\n")).join("\n\n");
}

/** A dot command's words: spaces separate them, '…' or "…" keep spaces inside one. */
export function dotWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

/** on/off in the words sqlite3 takes (yes/no, true/false, 1/0); undefined for anything else. */
export function onOff(word: string | undefined): boolean | undefined {
  const w = word?.toLowerCase();
  if (w === "on" || w === "yes" || w === "true" || w === "1") return true;
  if (w === "off" || w === "no" || w === "false" || w === "0") return false;
  return undefined;
}
