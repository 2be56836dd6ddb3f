// IDs given as numbers, bigints, digit strings, or Basecamp URLs (web or API form).
import type { Id } from "../http/json.js";

/** What callers may pass where an ID is expected. */
export type IdLike = Id | string;

export interface ParsedUrl {
  accountId: string;
  bucketId?: Id;
  /** Path segments naming the kind, e.g. "todos", "card_tables/cards", "chats/lines". */
  kind: string;
  id: Id;
  /** For nested items (campfire lines): the container's id. */
  parentId?: Id;
}

function toId(digits: string): Id {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : BigInt(digits);
}

/**
 * Read a Basecamp URL: `https://3.basecamp.com/{account}/buckets/{b}/todos/{id}` (web),
 * `https://3.basecampapi.com/{account}/buckets/{b}/todos/{id}.json` (API), flat API
 * forms (`/{account}/todos/{id}.json`), and nested lines (`…/chats/{c}/lines/{id}`).
 */
export function parseBasecampUrl(text: string): ParsedUrl | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return undefined;
  }
  const parts = u.pathname.replace(/\.json$/, "").split("/").filter(Boolean);
  if (parts[0] === "web") parts.shift(); // the simulator's web prefix
  const accountId = parts.shift();
  if (!accountId || !/^\d+$/.test(accountId)) return undefined;
  let bucketId: Id | undefined;
  if (parts[0] === "buckets" && /^\d+$/.test(parts[1] ?? "")) {
    bucketId = toId(parts[1]);
    parts.splice(0, 2);
  }
  // Last numeric segment is the id; the words before it (minus a nested container id) the kind.
  let last = -1;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (/^\d+$/.test(parts[i])) {
      last = i;
      break;
    }
  }
  if (last < 0) return undefined;
  const words: string[] = [];
  let parentId: Id | undefined;
  for (let i = 0; i < last; i++) {
    if (/^\d+$/.test(parts[i])) parentId = toId(parts[i]);
    else words.push(parts[i]);
  }
  return { accountId, bucketId, kind: words.join("/"), id: toId(parts[last]), parentId };
}

/**
 * The ID in `value`. A URL must name one of `kinds` (e.g. ["todos"]); anything else is an
 * error that says what the URL points to instead.
 */
export function idOf(value: IdLike, kinds: readonly string[], what: string): Id {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${what} ID must be a positive whole number; got ${value}`);
    return value;
  }
  if (typeof value === "bigint") return value;
  const t = value.trim();
  if (/^\d+$/.test(t)) return toId(t);
  const parsed = parseBasecampUrl(t);
  if (!parsed) throw new TypeError(`Expected a ${what} ID or Basecamp URL; got ${JSON.stringify(value)}`);
  if (kinds.length && !kinds.includes(parsed.kind)) {
    throw new TypeError(`That URL points to ${parsed.kind || "something else"}, not a ${what}: ${JSON.stringify(value)}`);
  }
  return parsed.id;
}
