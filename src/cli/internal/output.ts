// Rows in the formats `--format` offers: table (fits the terminal), tsv (what a pipe gets by
// default: never cut, escaped), csv, json and markdown; and the choice of format for a run.
import type { GlobalOptions } from "./context.js";
import { UsageError } from "./errors.js";
import { FORMATS, type Format } from "./formats.js";
import { cellText as text, formatTable, type RowsOptions } from "./table.js";

export { FORMATS, type Format };

function jsonSafe(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : `__bigint__${v}`) : v;
}

/** JSON with integers above 2^53 written exactly (as numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, jsonSafe, 2).replace(/"__bigint__(-?\d+)"/g, "$1");
}

/** The format when none is asked for: a table on a terminal, tab-separated values in a pipe. */
export function defaultFormat(stream: { isTTY?: boolean } = process.stdout): Format {
  return stream.isTTY === true ? "table" : "tsv";
}

/**
 * The format of this run: the command's own --format, else the global --format, else json with
 * --json, else `fallback`. An unknown name is a usage error that lists the known ones.
 */
export function chooseFormat(g: Pick<GlobalOptions, "format" | "json">, own?: string, fallback: Format = defaultFormat()): Format {
  const asked = own ?? g.format;
  if (asked !== undefined && !FORMATS.includes(asked as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(asked)}`);
  return (asked as Format | undefined) ?? (g.json ? "json" : fallback);
}

/** A TSV field: tab, newline, carriage return and backslash written as \t, \n, \r and \\. */
export function tsvField(v: unknown): string {
  return text(v).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** The columns of `rows`: those of its first row, else the names a query result carries along. */
function columnsOf(rows: Record<string, unknown>[]): string[] {
  if (rows.length > 0) return Object.keys(rows[0]);
  const carried = (rows as { columns?: unknown }).columns;
  return Array.isArray(carried) ? carried.map(String) : [];
}

export function formatRows(rows: Record<string, unknown>[], format: Format, opts: RowsOptions = {}): string {
  const head = opts.headers !== false;
  switch (format) {
    case "json":
      return toJson(rows);
    case "tsv": {
      // A script reading the header still finds it when no row matched.
      const cols = columnsOf(rows);
      if (cols.length === 0) return "";
      const body = rows.map((r) => cols.map((c) => tsvField(r[c])).join("\t"));
      return (head ? [cols.map(tsvField).join("\t"), ...body] : body).join("\n");
    }
    case "csv": {
      const cols = columnsOf(rows);
      if (cols.length === 0) return "";
      const cell = (v: unknown) => {
        const t = text(v);
        return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
      };
      const body = rows.map((r) => cols.map((c) => cell(r[c])).join(","));
      return (head ? [cols.map(cell).join(","), ...body] : body).join("\n");
    }
    case "markdown": {
      if (rows.length === 0) return "(no rows)";
      const cols = Object.keys(rows[0]);
      const cell = (v: unknown) => text(v).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
      return [`| ${cols.map(cell).join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(" | ")} |`)].join("\n");
    }
    default:
      return formatTable(rows, undefined, opts);
  }
}
