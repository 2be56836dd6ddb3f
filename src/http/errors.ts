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
  static fromResponse(ctx: ErrorContext & { status: number; headers: Headers }): BasecampError {
    const { status, headers } = ctx;
    // The server's own words, without a closing full stop (ours follow).
    const said = serverMessage(ctx.body)?.replace(/[.\s]+$/, "");
    const where = `${ctx.method ?? "?"} ${pathOf(ctx.url)}`;
    const head = `${where} answered ${status}${said ? `: ${said}` : ""}`;
    const full = { ...ctx, requestId: ctx.requestId ?? headers.get("x-request-id") ?? undefined };
    switch (status) {
      case 400:
        return new BadRequestError(`${head}. Check the request's parameters and User-Agent.`, full);
      case 401:
        return new AuthError(`${head}. The access token is missing, expired or revoked: sign in again (campctl login) or refresh the token.`, full);
      case 403:
        return new ForbiddenError(`${head}. The signed-in person may not do this; ask an admin of the account or project for access.`, full);
      case 404: {
        const inactive = /account inactive/i.test(headers.get("reason") ?? "");
        return inactive
          ? new NotFoundError(`${where} answered 404: the Basecamp account is inactive (expired trial or suspended). Reactivate it in Basecamp; retrying will not help.`, full, true)
          : new NotFoundError(`${head}. It does not exist, was deleted, or you have no access; check the ID and the account.`, full, false);
      }
      case 413:
        return new BadRequestError(`${head}. The request body is too large; send less at once.`, full);
      case 415:
        return new BadRequestError(`${head}. The server wants JSON with Content-Type: application/json.`, full);
      case 422: {
        const fields = fieldErrorsOf(ctx.body);
        const list = Object.entries(fields).map(([f, m]) => `${f} ${m.join(", ")}`).join("; ");
        return new ValidationError(`${where} was refused (422)${list ? `: ${list}` : said ? `: ${said}` : ""}. Fix those fields and send it again.`, full, fields);
      }
      case 429: {
        const wait = ctx.retryAfter ?? parseRetryAfter(headers.get("retry-after")) ?? undefined;
        return new RateLimitError(`${head}. Too many requests: wait ${wait ?? "a few"} seconds, then try again.`, full, wait);
      }
      case 507:
        return new InsufficientStorageError(`${head}. The account is at a plan limit (projects, webhooks or storage); free some up or upgrade.`, full);
      default:
        if (status >= 500) return new ServerError(`${head}. Basecamp had a problem; try again in a minute.`, full);
        return new BasecampError(`${head}.`, full);
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

/** `Retry-After` as seconds (from seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - now) / 1000);
}

function serverMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return typeof body === "string" && body.length < 300 ? body : undefined;
  const o = body as Record<string, unknown>;
  for (const k of ["error_description", "error", "message"]) if (typeof o[k] === "string") return o[k] as string;
  return undefined;
}

/** Field errors from `{"errors": {"f": ["msg"]}}` or a bare `{"f": ["msg"]}`. */
export function fieldErrorsOf(body: unknown): Record<string, string[]> {
  if (!body || typeof body !== "object") return {};
  const o = body as Record<string, unknown>;
  const src = o.errors && typeof o.errors === "object" && !Array.isArray(o.errors) ? (o.errors as Record<string, unknown>) : o;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(src)) {
    if (Array.isArray(v) && v.every((m) => typeof m === "string")) out[k] = v as string[];
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
