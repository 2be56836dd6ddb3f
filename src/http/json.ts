// JSON for the client, exact for 64-bit IDs. Integers that a double cannot hold exactly
// come back as bigint; everything else is what JSON.parse gives. bigint values are written
// back as bare JSON numbers, so an ID read, stored and sent back keeps every digit.

/** A Basecamp ID: a number when it fits a double exactly, else a bigint. */
export type Id = number | bigint;

const MAYBE_BIG = /\d{16}/;
/**
 * Runs of 16+ digits: the candidates; most are IDs, some sit inside strings. The lookbehind
 * makes every attempt inside a shorter run (times, 10-digit IDs) fail at once.
 */
const LONG_DIGITS = /(?<![\d-])-?\d{16,}/g;
const BACKSLASH = 0x5c;

let nonceCounter = 0;

export function parseJsonExact<T = unknown>(text: string): T {
  // Fast path: no run of 16 digits anywhere, so every number fits a double.
  if (!MAYBE_BIG.test(text)) return JSON.parse(text) as T;
  // Quote the unsafe integers with a marker no response can predict, parse natively, then
  // put the exact values back. The marker starts with an escaped NUL: raw text can hold that
  // escape, but a response cannot guess the nonce after it.
  const nonce = `${(++nonceCounter).toString(36)}${Math.random().toString(36).slice(2, 8)}:`;
  const parts: string[] = [];
  let from = 0;
  let marks = 0;
  const strings = new QuoteParity(text);
  for (const m of text.matchAll(LONG_DIGITS)) {
    const at = m.index;
    const end = at + m[0].length;
    if (!isWholeNumber(text, at, end) || strings.inside(at)) continue;
    if (Number.isSafeInteger(Number(m[0]))) continue;
    parts.push(text.slice(from, at), `"\\u0000${nonce}${m[0]}"`);
    from = end;
    marks++;
  }
  if (marks === 0) return JSON.parse(text) as T;
  parts.push(text.slice(from));
  const value = JSON.parse(parts.join("")) as unknown;
  return revive(value, `\u0000${nonce}`, { left: marks }) as T;
}

/** Whether text[at, end) is a whole JSON number: not part of a longer number, fraction or exponent. */
function isWholeNumber(text: string, at: number, end: number): boolean {
  const before = at > 0 ? text[at - 1] : "";
  const after = end < text.length ? text[end] : "";
  return !/[\d.eE+-]/.test(before) && !/[\d.eE]/.test(after);
}

/** Tells whether a position lies inside a JSON string, walking forward through the quotes once. */
class QuoteParity {
  private pos = 0;
  private open = false;
  constructor(private readonly text: string) {}

  /** Positions must be asked in increasing order. */
  inside(at: number): boolean {
    const t = this.text;
    for (;;) {
      const q = t.indexOf('"', this.pos);
      if (q < 0 || q >= at) return this.open;
      let slashes = 0;
      while (q - slashes - 1 >= 0 && t.charCodeAt(q - slashes - 1) === BACKSLASH) slashes++;
      if (slashes % 2 === 0) this.open = !this.open;
      this.pos = q + 1;
    }
  }
}

/** Replace marked strings by their bigint, in place; stops once every mark is found. */
function revive(v: unknown, mark: string, count: { left: number }): unknown {
  if (typeof v === "string") return v.startsWith(mark) ? BigInt(v.slice(mark.length)) : v;
  if (v !== null && typeof v === "object") reviveInside(v as Record<string, unknown>, mark, count);
  return v;
}

/** The members of an object or array (its indices are keys too). */
function reviveInside(o: Record<string, unknown>, mark: string, count: { left: number }): void {
  for (const k of Object.keys(o)) {
    if (count.left === 0) return;
    const x = o[k];
    if (typeof x === "string") {
      if (x.startsWith(mark)) {
        // defineProperty: a key named "__proto__" stays a plain property, as JSON.parse made it.
        Object.defineProperty(o, k, { value: BigInt(x.slice(mark.length)), writable: true, enumerable: true, configurable: true });
        count.left--;
      }
    } else if (x !== null && typeof x === "object") reviveInside(x as Record<string, unknown>, mark, count);
  }
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
