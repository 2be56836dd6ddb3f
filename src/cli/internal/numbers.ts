// Whole-number options (--port, --interval, --max-rows …): checked once, the same way, with a
// usage error that names the option, its range and what it is for.
import { UsageError } from "./errors.js";

/** `text` as a whole number from `min` to `max`, else a UsageError; `hint` says what the option is for. */
export function wholeNumber(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER, hint?: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} must be a whole number ${range}${hint ? ` (${hint})` : ""}; got ${JSON.stringify(text)}`);
  }
  return n;
}
