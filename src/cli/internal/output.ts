// Rows in the formats `--format` offers: table (fits the terminal), json, csv, markdown.
import { formatTable } from "./table.js";

export type Format = "table" | "json" | "csv" | "markdown";
export const FORMATS: readonly Format[] = ["table", "json", "csv", "markdown"];

const text = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v, jsonSafe) : String(v));

function jsonSafe(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : `__bigint__${v}`) : v;
}

/** JSON with integers above 2^53 written exactly (as numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, jsonSafe, 2).replace(/"__bigint__(-?\d+)"/g, "$1");
}

export function formatRows(rows: Record<string, unknown>[], format: Format): string {
  switch (format) {
    case "json":
      return toJson(rows);
    case "csv": {
      if (rows.length === 0) return "";
      const cols = Object.keys(rows[0]);
      const cell = (v: unknown) => {
        const t = text(v);
        return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
      };
      return [cols.map(cell).join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n");
    }
    case "markdown": {
      if (rows.length === 0) return "(no rows)";
      const cols = Object.keys(rows[0]);
      const cell = (v: unknown) => text(v).replace(/\|/g, "\\|").replace(/\n/g, " ");
      return [`| ${cols.join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(" | ")} |`)].join("\n");
    }
    default:
      return formatTable(rows);
  }
}
