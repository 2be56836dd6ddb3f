/**
 * Connection strings: `Key=Value;Key2='va;lue';…`.
 *
 * - Keys are case-insensitive and come back in canonical spelling; an unknown key or a key
 *   given twice is an error.
 * - Whitespace around keys and unquoted values is trimmed; empty segments are skipped.
 * - A value may be quoted with '…', "…" or {…} to hold ';', '=' or outer whitespace. Inside
 *   quotes a doubled quote ('' or "") stands for one; inside braces `}}` stands for `}`.
 * - An unquoted value runs to the next ';' and may itself contain '=' (tokens often end in
 *   "=="); quote characters inside it are literal.
 *
 * Errors are ConfigError with a 0-based position. Messages quote keys, never values.
 */
import { ConfigError, quoteForMessage } from "./errors.js";
import { KEYS, lookupKey, type SettingsRecord } from "./keys.js";
import { suggestionFor } from "./suggest.js";

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Parse a connection string into raw values by canonical key. Throws ConfigError only. */
export function parseConnectionString(text: string): SettingsRecord {
  if (typeof text !== "string") {
    throw new ConfigError(`the connection string must be text like "AccountId=123;Schema=V3", not ${text === null ? "null" : typeof text}`);
  }
  const out: SettingsRecord = {};
  const seenAt = new Map<string, number>();
  const n = text.length;
  let i = 0;
  // The previous segment, when it was an unquoted secret: a ';' inside a password splits it,
  // and the rest must not be echoed back as a "key".
  let afterSecret: string | undefined;

  while (i < n) {
    while (isSpace(text[i])) i++;
    if (i >= n) break;
    if (text[i] === ";") {
      i++;
      afterSecret = undefined;
      continue;
    }
    const keyStart = i;
    while (i < n && text[i] !== "=" && text[i] !== ";") i++;
    const rawKey = text.slice(keyStart, i).trim();
    if (i >= n || text[i] === ";") {
      if (afterSecret !== undefined) {
        throw new ConfigError(
          `text at position ${keyStart} has no '=': if the ${afterSecret} value contains ';', quote it, e.g. ${afterSecret}='…'`,
          { position: keyStart },
        );
      }
      throw new ConfigError(
        `missing '=' after ${quoteForMessage(rawKey)} at position ${keyStart}: write Key=Value pairs separated by ';'`,
        { position: keyStart },
      );
    }
    if (rawKey === "") {
      throw new ConfigError(`missing key before '=' at position ${i}: write Key=Value pairs separated by ';'`, { position: i });
    }
    const info = lookupKey(rawKey);
    if (info === undefined) {
      if (afterSecret !== undefined) {
        throw new ConfigError(
          `unknown key at position ${keyStart}, right after the ${afterSecret} value: if that value contains ';', quote it, e.g. ${afterSecret}='…'`,
          { position: keyStart },
        );
      }
      throw new ConfigError(`unknown key ${quoteForMessage(rawKey)} at position ${keyStart}; ${suggestionFor(rawKey)}`, { position: keyStart });
    }
    const earlier = seenAt.get(info.key);
    if (earlier !== undefined) {
      throw new ConfigError(
        `${info.key} is given twice (at positions ${earlier} and ${keyStart}; keys ignore case): keep only one`,
        { key: info.key, position: keyStart },
      );
    }
    i++; // past '='
    while (i < n && text[i] !== ";" && isSpace(text[i])) i++;
    const open = text[i];
    let value: string;
    let quoted = false;
    if (open === "'" || open === '"' || open === "{") {
      quoted = true;
      const close = open === "{" ? "}" : open;
      const quoteStart = i;
      i++;
      const parts: string[] = [];
      let runStart = i;
      for (;;) {
        if (i >= n) throw unterminated(info.key, open, close, quoteStart);
        if (text[i] === close) {
          parts.push(text.slice(runStart, i));
          if (text[i + 1] === close) {
            parts.push(close);
            i += 2;
            runStart = i;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      value = parts.join("");
      while (isSpace(text[i])) i++;
      if (i < n && text[i] !== ";") {
        throw new ConfigError(
          `unexpected text at position ${i}, after the closing ${close} of the ${info.key} value: ` +
            `put the whole value inside the ${open === "{" ? "braces" : "quotes"}, or end the value with ';'` +
            (close === "}" ? " (write }} for a } inside braces)" : ` (write ${close}${close} for a ${close} inside the value)`),
          { key: info.key, position: i },
        );
      }
    } else {
      const valueStart = i;
      while (i < n && text[i] !== ";") i++;
      value = text.slice(valueStart, i).trim();
    }
    out[info.key] = value;
    seenAt.set(info.key, keyStart);
    afterSecret = info.secret && !quoted ? info.key : undefined;
    if (i < n) i++; // past ';'
  }
  return out;
}

function unterminated(key: string, open: string, close: string, at: number): ConfigError {
  const what = open === "{" ? "brace" : "quote";
  const inner = close === "}" ? "}}" : `${close}${close}`;
  return new ConfigError(
    `unterminated ${what} starting at position ${at} (value of ${key}): close it with ${close} ` +
      `(write ${inner} for a ${close} inside the value)`,
    { key, position: at },
  );
}

/** A connection string for a record, quoting values that need it; parses back to the same record. */
export function formatConnectionString(record: SettingsRecord): string {
  const order = new Map(KEYS.map((k, idx) => [k.key, idx]));
  const keys = Object.keys(record).sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
  return keys
    .map((key) => {
      const value = record[key];
      const plain = value === "" || (!/[;'"{}=]/.test(value) && value.trim() === value);
      return `${key}=${plain ? value : `'${value.replace(/'/g, "''")}'`}`;
    })
    .join(";");
}

/**
 * A record from options, a profile or JSON → raw values by canonical key. Keys ignore case;
 * numbers and booleans become text; `where` names the source in messages.
 */
export function canonicalizeRecord(input: Record<string, unknown>, where: string): SettingsRecord {
  const out: SettingsRecord = {};
  for (const [name, value] of Object.entries(input)) {
    const info = lookupKey(name);
    if (info === undefined) throw new ConfigError(`unknown key ${quoteForMessage(name)} in ${where}; ${suggestionFor(name)}`);
    if (out[info.key] !== undefined) {
      throw new ConfigError(`${info.key} is given twice in ${where} (keys ignore case): keep only one`, { key: info.key });
    }
    if (value === undefined) continue;
    if (typeof value === "string") out[info.key] = value;
    else if (typeof value === "number" || typeof value === "boolean") out[info.key] = String(value);
    else throw new ConfigError(`${info.key} in ${where} must be text, a number or true/false, not ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}`, { key: info.key });
  }
  return out;
}
