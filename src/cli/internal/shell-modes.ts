// How `campctl shell` draws rows in each `.mode` (sqlite3's names), with `.headers on|off`;
// plus reading a dot command's arguments (quotes keep spaces).
import { formatRows, type Format } from "./output.js";
import { formatTable } from "./table.js";

export type ShellMode = "table" | "tsv" | "csv" | "json" | "markdown" | "line";
export const SHELL_MODES: readonly ShellMode[] = ["table", "tsv", "csv", "json", "markdown", "line"];

const cell = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "bigint" ? v.toString() : typeof v === "object" ? JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) : String(v));

/**
 * Rows as `mode` draws them; `headers: false` leaves out the header row (table, tsv, csv).
 * Tables fit `width`. `line` is sqlite3's: one `column = value` a line, a blank line between rows.
 */
export function renderRows(rows: Record<string, unknown>[], mode: ShellMode, headers: boolean, width: number): string {
  if (mode === "line") return lineMode(rows);
  if (mode === "table") {
    const text = formatTable(rows, width);
    // The header line and the rule under it.
    return headers || rows.length === 0 ? text : text.split("\n").slice(2).join("\n");
  }
  const text = formatRows(rows, mode as Format);
  if (headers || rows.length === 0 || (mode !== "csv" && mode !== "tsv")) return text;
  // The header row is the first line, unless a column name holds a line break (then quoted).
  const breaks = Object.keys(rows[0]).reduce((n, c) => n + (mode === "csv" ? c.split(/\r\n|\n|\r/).length - 1 : 0), 0);
  return text.split("\n").slice(1 + breaks).join("\n");
}

function lineMode(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  const w = Math.max(...cols.map((c) => c.length));
  return rows.map((r) => cols.map((c) => `${c.padStart(w)} = ${cell(r[c])}`).join("\n")).join("\n\n");
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
