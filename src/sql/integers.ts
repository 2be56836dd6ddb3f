// How query results give integers (IntegerMode). The replica reads every integer as a bigint,
// so none loses digits; people get a number where a number is exact, and only past that a
// bigint (or a string), so `rows[0].n + 1` and JSON work and a 64-bit ID stays exact.

/**
 * "number" (default): a number when it is a safe integer (within ±(2^53 − 1)), else a bigint.
 * "bigint": every integer a bigint. "string": a number when safe, else its decimal digits.
 */
export type IntegerMode = "number" | "bigint" | "string";

export const INTEGER_MODES: readonly IntegerMode[] = ["number", "bigint", "string"];

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = -MAX;

/** One value as the mode gives it; anything but a bigint is returned as it is. */
export function integerOf(v: unknown, mode: IntegerMode): unknown {
  if (typeof v !== "bigint" || mode === "bigint") return v;
  if (v <= MAX && v >= MIN) return Number(v);
  return mode === "string" ? v.toString() : v;
}

/** Convert, in place, the values of rows read as arrays (the query process's raw rows). */
export function convertRawRows(rows: unknown[][], mode: IntegerMode): void {
  if (mode === "bigint") return;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) if (typeof row[i] === "bigint") row[i] = integerOf(row[i], mode);
  }
}

/** Rows as objects with their integers as the mode gives them (new objects; the input is left alone). */
export function convertRows(rows: Record<string, unknown>[], mode: IntegerMode): Record<string, unknown>[] {
  if (mode === "bigint") return rows;
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = integerOf(v, mode);
    return out;
  });
}
