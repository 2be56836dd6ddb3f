// IDs given as numbers, bigints, digit strings, or Basecamp URLs (web or API form).
import { RefusedUrlError } from "../http/errors.js";
import type { Id } from "../http/json.js";

/** What callers may pass where an ID is expected. */
export type IdLike = Id | string;

export interface ParsedUrl {
  /** Scheme, host and port the URL names. */
  origin: string;
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
  return { origin: u.origin, accountId, bucketId, kind: words.join("/"), id: toId(parts[last]), parentId };
}

/** The account a client is connected to, and the origins its Basecamp URLs may have (API and web). */
export interface UrlScope {
  accountId: string;
  origins: readonly string[];
}

/**
 * Refuse a Basecamp URL of another account or host than the connected one: its ID would
 * otherwise be used quietly against the current account, where it names something else
 * or nothing at all.
 */
export function checkUrlScope(parsed: ParsedUrl, value: string, scope: UrlScope | undefined): void {
  if (!scope) return;
  if (!scope.origins.includes(parsed.origin)) {
    throw new RefusedUrlError(`${value} is on ${parsed.origin}, but this connection talks to ${scope.origins.join(" / ")}. Use an ID, or a URL of the connected Basecamp.`);
  }
  if (parsed.accountId !== scope.accountId) {
    throw new RefusedUrlError(`${value} belongs to account ${parsed.accountId}, but this connection is to account ${scope.accountId}. Connect to that account (AccountId=${parsed.accountId}, or campctl use ${parsed.accountId}) to use it.`);
  }
}

/**
 * The ID in `value`. A URL must name one of `kinds` (e.g. ["todos"]), and with a `scope`,
 * the connected account and host; anything else is an error that says what is wrong.
 */
export function idOf(value: IdLike, kinds: readonly string[], what: string, scope?: UrlScope): Id {
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
  checkUrlScope(parsed, t, scope);
  return parsed.id;
}
