// JSON for the client, exact for 64-bit IDs. Integers that a double cannot hold exactly
// come back as bigint; everything else is what JSON.parse gives. bigint values are written
// back as bare JSON numbers, so an ID read, stored and sent back keeps every digit.

/** A Basecamp ID: a number when it fits a double exactly, else a bigint. */
export type Id = number | bigint;

const MAYBE_BIG = /\d{16}/;
// A string token (skipped as is) or an integer of 16+ digits that is a whole JSON number
// (not the fraction or exponent of another number).
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])(-?\d{16,})(?![\d.eE])/g;

let nonceCounter = 0;

export function parseJsonExact<T = unknown>(text: string): T {
  // Fast path: no run of 16 digits anywhere, so every number fits a double.
  if (!MAYBE_BIG.test(text)) return JSON.parse(text) as T;
  // Quote the unsafe integers with a marker no response can predict, then revive them.
  // The marker starts with an escaped NUL: raw text can hold that escape, but a response
  // cannot guess the nonce after it.
  const nonce = `${(++nonceCounter).toString(36)}${Math.random().toString(36).slice(2, 8)}:`;
  const mark = `\u0000${nonce}`;
  let marked = false;
  const quoted = text.replace(TOKENS, (token: string, digits: string | undefined) => {
    if (digits === undefined || Number.isSafeInteger(Number(digits))) return token;
    marked = true;
    return `"\\u0000${nonce}${digits}"`;
  });
  if (!marked) return JSON.parse(text) as T;
  return JSON.parse(quoted, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith(mark) ? BigInt(value.slice(mark.length)) : value,
  ) as T;
}

/** JSON text of `value`; bigint becomes a bare number (exact), undefined members are left out. */
export function stringifyJsonExact(value: unknown): string {
  return write(value) ?? "null";
}

function write(v: unknown): string | undefined {
  switch (typeof v) {
    case "bigint":
      return v.toString();
    case "string":
    case "boolean":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (v === null) return "null";
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return write((v as { toJSON(): unknown }).toJSON());
  if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? "null").join(",")}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const s = write(x);
    if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
  }
  return `{${parts.join(",")}}`;
}

/** Compare two IDs whatever their representation (number, bigint or digit string). */
export function sameId(a: Id | string, b: Id | string): boolean {
  return String(a) === String(b);
}
