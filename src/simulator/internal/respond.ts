import { createHash } from "node:crypto";
import type { SimContext } from "../context.js";
import { stringifyJson } from "./json.js";

/** An HTTP error answer; thrown by handlers, rendered by the app's error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === "string" ? body.error : `HTTP ${status}`);
  }
}

export function notFound(what = "The resource you were looking for doesn't exist or you don't have access to it."): HttpError {
  return new HttpError(404, { error: what });
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, { error: message });
}

export function forbidden(message = "You don't have permission to do that."): HttpError {
  return new HttpError(403, { error: message });
}

/** 422 with Basecamp's field error shape: `{"error": "...", "errors": {"field": ["msg"]}}`. */
export function validationFailed(errors: Record<string, string[]>): HttpError {
  const summary = Object.entries(errors)
    .map(([f, msgs]) => `${f} ${msgs.join(", ")}`)
    .join("; ");
  return new HttpError(422, { error: `Validation failed: ${summary}`, errors });
}

export function insufficientStorage(message: string): HttpError {
  return new HttpError(507, { error: message });
}

function etagOf(text: string): string {
  return `W/"${createHash("sha1").update(text).digest("base64url")}"`;
}

function notModifiedSince(c: SimContext, lastModified: number | undefined): boolean {
  const ims = c.req.header("if-modified-since");
  if (!ims || lastModified === undefined) return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  // HTTP dates have one-second precision.
  return Math.floor(lastModified / 1000) <= Math.floor(since / 1000);
}

export interface JsonOptions {
  status?: number;
  /** Epoch ms used for `Last-Modified` (max updated_at of what is shown). */
  lastModified?: number;
  headers?: Record<string, string>;
}

/**
 * Send JSON (bigint-exact). GETs carry an `ETag` (and `Last-Modified` when known) and are
 * answered 304 with no body when the client's `If-None-Match` / `If-Modified-Since` match.
 */
export function sendJson(c: SimContext, data: unknown, opts: JsonOptions = {}): Response {
  const text = stringifyJson(data);
  const status = opts.status ?? 200;
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    ...opts.headers,
  };
  if (c.req.method === "GET" && status === 200) {
    const etag = etagOf(text);
    headers.ETag = etag;
    headers["Cache-Control"] = "max-age=0, private, must-revalidate";
    if (opts.lastModified !== undefined) headers["Last-Modified"] = new Date(opts.lastModified).toUTCString();
    const inm = c.req.header("if-none-match");
    const matches = inm !== undefined && inm.split(",").some((t) => {
      const v = t.trim();
      return v === "*" || v === etag || v.replace(/^W\//, "") === etag.replace(/^W\//, "");
    });
    if (matches || (inm === undefined && notModifiedSince(c, opts.lastModified))) {
      delete headers["Content-Type"];
      return c.body(null, 304, headers);
    }
  }
  return c.body(text, status as 200, headers);
}

export function noContent(c: SimContext): Response {
  return c.body(null, 204);
}

/** Geared page sizes: page 1 has 15 items, 2 has 30, 3 has 50, 4 and later 100. */
export function pageBounds(page: number): { start: number; end: number } {
  const sizes = [15, 30, 50];
  let start = 0;
  for (let p = 1; p < page; p++) start += p <= 3 ? sizes[p - 1] : 100;
  const size = page <= 3 ? sizes[page - 1] : 100;
  return { start, end: start + size };
}

export function requestedPage(c: SimContext): number {
  const raw = c.req.query("page");
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`page must be a whole number from 1 up (got ${JSON.stringify(raw)})`);
  return n;
}

/**
 * Answer one geared page of `items`, with `X-Total-Count` and an absolute
 * `Link: <…>; rel="next"` when more pages follow.
 */
export function paginate<T>(c: SimContext, items: readonly T[], render: (item: T) => unknown, updatedAt?: (item: T) => number): Response {
  const page = requestedPage(c);
  const { start, end } = pageBounds(page);
  const slice = items.slice(start, end);
  const headers: Record<string, string> = { "X-Total-Count": String(items.length) };
  if (end < items.length) {
    const url = new URL(c.req.url);
    url.searchParams.set("page", String(page + 1));
    headers.Link = `<${url.toString()}>; rel="next"`;
  }
  let lastModified: number | undefined;
  if (updatedAt) for (const it of slice) lastModified = Math.max(lastModified ?? 0, updatedAt(it));
  return sendJson(c, slice.map(render), { headers, lastModified });
}
