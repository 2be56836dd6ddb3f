// One error root for everything the road reports, with a subclass per kind, all made by
// `BasecampError.from*` factories. Every message says what happened and what to do next;
// messages pass through `redact` so no secret reaches them.
import { redact } from "./redact.js";

export interface ErrorContext {
  method?: string;
  url?: string;
  status?: number;
  requestId?: string;
  /** The parsed error body, when the server sent one. */
  body?: unknown;
  retryAfter?: number;
  cause?: unknown;
}

export class BasecampError extends Error {
  override name = "BasecampError";
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly body: unknown;

  constructor(message: string, ctx: ErrorContext = {}) {
    super(redact(message), ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.status = ctx.status;
    this.requestId = ctx.requestId;
    this.method = ctx.method;
    this.url = ctx.url === undefined ? undefined : redact(ctx.url);
    this.body = ctx.body;
  }

  /** The error for an HTTP answer that is not a success. */
  static fromResponse(ctx: ErrorContext & { status: number; headers: Headers; authScheme?: string }): BasecampError {
    const { status, headers } = ctx;
    // The server's own words, without a closing full stop (ours follow).
    const said = serverMessage(ctx.body)?.replace(/[.\s]+$/, "");
    const where = `${ctx.method ?? "?"} ${pathOf(ctx.url)}`;
    const full = { ...ctx, requestId: ctx.requestId ?? headers.get("x-request-id") ?? undefined };
    const fields = status === 422 || status === 400 ? fieldErrorsOf(ctx.body) : {};
    if (Object.keys(fields).length > 0 || status === 422) {
      const list = Object.entries(fields).map(([f, m]) => (f === BASE_FIELD ? m.join("; ") : `${f}: ${m.join(", ")}`)).join("; ");
      return new ValidationError(`${where} was refused (${status})${list ? `: ${list}` : said ? `: ${said}` : ""}. Fix those fields and send it again.`, full, fields);
    }
    // The server's words when it sent some, else ours: never both, since they say the same.
    const say = (meaning: string, advice: string) => `${where} answered ${status}: ${said ?? meaning}. ${advice}`;
    switch (status) {
      case 400:
        return new BadRequestError(say("the request is malformed", "Check the request's parameters and User-Agent."), full);
      case 401:
        return /^basic$/i.test(ctx.authScheme ?? "")
          ? new AuthError(say("the user name or password was refused", "Check User and Password (your Basecamp 2 sign-in), and that this person may use the API."), full)
          : new AuthError(say("the access token is missing, expired or revoked", "Sign in again (campctl login) or refresh the token."), full);
      case 403:
        return new ForbiddenError(say("the signed-in person may not do this", "Ask an admin of the account or project for access."), full);
      case 404: {
        const inactive = /account inactive/i.test(headers.get("reason") ?? "");
        return inactive
          ? new NotFoundError(`${where} answered 404: the Basecamp account is inactive (expired trial or suspended). Reactivate it in Basecamp; retrying will not help.`, full, true)
          : new NotFoundError(say("it does not exist, was deleted, or you have no access", "Check the ID and the account."), full, false);
      }
      case 413:
        return new BadRequestError(say("the request body is too large", "Send less at once."), full);
      case 415:
        return new BadRequestError(say("the server wants JSON", "Send Content-Type: application/json."), full);
      case 429: {
        const wait = ctx.retryAfter ?? parseRetryAfter(headers.get("retry-after"));
        return new RateLimitError(say("too many requests", `Wait ${wait === undefined ? "a few seconds" : wait === 1 ? "1 second" : `${wait} seconds`}, then try again.`), full, wait);
      }
      case 507:
        return new InsufficientStorageError(say("the account is at a plan limit (projects, webhooks or storage)", "Free some up, or upgrade the plan."), full);
      default:
        if (status >= 500) return new ServerError(say("Basecamp had a problem", "Try again in a minute."), full);
        return new BasecampError(`${where} answered ${status}${said ? `: ${said}` : ""}.`, full);
    }
  }
}

export class BadRequestError extends BasecampError {
  override name = "BadRequestError";
}
export class AuthError extends BasecampError {
  override name = "AuthError";
}
export class ForbiddenError extends BasecampError {
  override name = "ForbiddenError";
}
export class NotFoundError extends BasecampError {
  override name = "NotFoundError";
  constructor(
    message: string,
    ctx: ErrorContext,
    readonly accountInactive: boolean,
  ) {
    super(message, ctx);
  }
}
export class ValidationError extends BasecampError {
  override name = "ValidationError";
  constructor(
    message: string,
    ctx: ErrorContext,
    readonly fieldErrors: Record<string, string[]>,
  ) {
    super(message, ctx);
  }
}
export class RateLimitError extends BasecampError {
  override name = "RateLimitError";
  constructor(
    message: string,
    ctx: ErrorContext,
    /** Seconds to wait before trying again. */
    readonly retryAfter: number | undefined,
  ) {
    super(message, ctx);
  }
}
export class InsufficientStorageError extends BasecampError {
  override name = "InsufficientStorageError";
}
export class ServerError extends BasecampError {
  override name = "ServerError";
}
/** The network failed: no answer (refused, reset, DNS, TLS, cut-off body). */
export class ConnectionError extends BasecampError {
  override name = "ConnectionError";
}
/** An attempt or the whole call ran out of time. */
export class TimeoutError extends BasecampError {
  override name = "TimeoutError";
}
/** The caller aborted the call through its AbortSignal. */
export class AbortedError extends BasecampError {
  override name = "AbortedError";
}
/** A `Link` header pointed somewhere the client will not follow. */
export class UnsafeLinkError extends BasecampError {
  override name = "UnsafeLinkError";
}
/** A `Link` header named a next page but gave no usable address: the list would be cut short. */
export class LinkHeaderError extends BasecampError {
  override name = "LinkHeaderError";
}
/**
 * An address (an API path, a Basecamp URL given as an ID, a base URL) that the client will
 * not use: another account or host, a path that leaves the account, or plain http off
 * this machine. Nothing was sent.
 */
export class RefusedUrlError extends BasecampError {
  override name = "RefusedUrlError";
}

/** IMF-fixdate, RFC 850 and asctime: the three forms of an HTTP date. */
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * `Retry-After` as whole seconds to wait: a positive integer, or an HTTP date in the future
 * (rounded up). Anything else (0, negative, fractions, junk, a past date) is undefined, so
 * the caller falls back to its own backoff and never retries at once.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n > 0 && Number.isSafeInteger(n) ? n : undefined;
  }
  const form = HTTP_DATE.findIndex((re) => re.test(v));
  if (form < 0) return undefined;
  const at = Date.parse(form === 2 ? `${v} GMT` : v);
  if (Number.isNaN(at) || at <= now) return undefined;
  return Math.ceil((at - now) / 1000);
}

function serverMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return typeof body === "string" && body.length < 300 ? body : undefined;
  const o = body as Record<string, unknown>;
  for (const k of ["error_description", "error", "message"]) if (typeof o[k] === "string") return o[k] as string;
  return undefined;
}

/** Where messages that name no field go (`{"errors": ["Name can't be blank"]}`). */
export const BASE_FIELD = "base";

/**
 * Field errors from `{"errors": {"f": ["msg"]}}`, a bare `{"f": ["msg"]}` or
 * `{"errors": ["msg"]}`, in the server's order; a single string counts as one message.
 */
export function fieldErrorsOf(body: unknown): Record<string, string[]> {
  if (!body || typeof body !== "object") return {};
  const o = body as Record<string, unknown>;
  if (Array.isArray(o.errors)) {
    const msgs = o.errors.filter((m): m is string => typeof m === "string");
    return msgs.length ? { [BASE_FIELD]: msgs } : {};
  }
  const src = o.errors && typeof o.errors === "object" && !Array.isArray(o.errors) ? (o.errors as Record<string, unknown>) : o;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(src)) {
    if (Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === "string")) out[k] = v as string[];
    else if (typeof v === "string" && src !== o) out[k] = [v];
  }
  return out;
}

function pathOf(url: string | undefined): string {
  if (!url) return "?";
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
