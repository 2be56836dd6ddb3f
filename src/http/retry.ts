// When to try a request again, and after how long.
//
// Only requests that are safe to send twice are retried: GET, HEAD, PUT, DELETE and OPTIONS
// by default, or any request declared `idempotent`. They are retried on 429, 502, 503, 504
// and network failures; a 500 is a server bug and every other status is final. A POST is
// never sent twice, not even after a 429: its caller gets the RateLimitError, while the
// account's limiter still pauses for the wait the server asked (see `pauseMs`).
import { parseRetryAfter } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retrying off). */
  maxRetries?: number;
  /** First backoff step in ms (default 1000); each later step doubles, with jitter. */
  baseDelayMs?: number;
  /** Longest backoff in ms (default 30 000). */
  maxDelayMs?: number;
  /** Random number source in [0, 1) for jitter (tests pass a fixed one). */
  random?: () => number;
}

export interface ResolvedRetry {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export const DEFAULT_MAX_RETRIES = 3;

export function resolveRetry(o: RetryOptions = {}): ResolvedRetry {
  const maxRetries = o.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 20) throw new Error(`maxRetries must be a whole number from 0 to 20; got ${String(o.maxRetries)}`);
  const baseDelayMs = o.baseDelayMs ?? 1000;
  const maxDelayMs = o.maxDelayMs ?? 30_000;
  if (!(baseDelayMs > 0) || !(maxDelayMs >= baseDelayMs)) throw new Error(`baseDelayMs must be positive and maxDelayMs at least as large; got ${baseDelayMs} and ${maxDelayMs}`);
  return { maxRetries, baseDelayMs, maxDelayMs, random: o.random ?? Math.random };
}

/** Methods that may be sent twice without changing the outcome. */
export function isIdempotent(method: string, declared: boolean | undefined): boolean {
  if (declared !== undefined) return declared;
  return method === "GET" || method === "HEAD" || method === "PUT" || method === "DELETE" || method === "OPTIONS";
}

export type Outcome =
  | { kind: "response"; status: number; headers: Headers }
  /** No usable answer: refused, reset, cut-off body, or the attempt's timeout. */
  | { kind: "network" };

export interface Decision {
  retry: boolean;
  /** Wait before the next attempt, in ms. */
  delayMs: number;
  /** A wait every caller of the account should keep (a 429, or Retry-After on a 503), in ms; 0 for none. */
  pauseMs: number;
  why: string;
}

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

/** The backoff before retry number `retry` (1-based): base·2^(retry-1), ±20 % jitter, capped. */
export function backoffMs(policy: ResolvedRetry, retry: number): number {
  const step = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.round(Math.min(policy.maxDelayMs, step * (0.8 + 0.4 * policy.random())));
}

/**
 * Whether to try again after attempt number `attempt` (1-based) ended in `outcome`, and how
 * long to wait first: Retry-After when the server gave a usable one, else the backoff.
 */
export function decide(policy: ResolvedRetry, attempt: number, method: string, idempotent: boolean, outcome: Outcome, now = Date.now()): Decision {
  void method;
  const left = attempt <= policy.maxRetries;
  if (outcome.kind === "network") {
    return { retry: idempotent && left, delayMs: backoffMs(policy, attempt), pauseMs: 0, why: "network error" };
  }
  const { status, headers } = outcome;
  if (!RETRIED_STATUSES.has(status)) return { retry: false, delayMs: 0, pauseMs: 0, why: `${status} is final` };
  const asked = parseRetryAfter(headers.get("retry-after"), now);
  const delayMs = asked !== undefined ? asked * 1000 : backoffMs(policy, attempt);
  const pauseMs = status === 429 || asked !== undefined ? delayMs : 0;
  const why = status === 429 ? "429 rate limited" : `${status}`;
  return { retry: idempotent && left, delayMs, pauseMs, why: asked !== undefined ? `${why}, Retry-After ${asked} s` : why };
}
