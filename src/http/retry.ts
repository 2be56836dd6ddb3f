// When to try a request again, and after how long.
import { parseRetryAfter } from "./errors.js";

export interface RetryOptions {
  /** Attempts in all, the first included (default 5; 1 turns retrying off). */
  maxAttempts?: number;
  /** First backoff step in ms (default 500); each later step doubles. */
  baseDelayMs?: number;
  /** Longest backoff in ms (default 30 000). */
  maxDelayMs?: number;
  /** Random number source in [0, 1) for jitter (tests pass a fixed one). */
  random?: () => number;
}

export interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export function resolveRetry(o: RetryOptions = {}): ResolvedRetry {
  const maxAttempts = o.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) throw new Error(`maxAttempts must be a whole number from 1 to 20; got ${String(o.maxAttempts)}`);
  return { maxAttempts, baseDelayMs: o.baseDelayMs ?? 500, maxDelayMs: o.maxDelayMs ?? 30_000, random: o.random ?? Math.random };
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
  /** Whether the wait came from the server (Retry-After), which every caller should respect. */
  serverAsked: boolean;
  why: string;
}

const NO: Decision = { retry: false, delayMs: 0, serverAsked: false, why: "" };

/**
 * 429 waits exactly Retry-After (any method: the server refused the request unprocessed);
 * 502/503/504 back off for idempotent requests (honouring Retry-After when sent); 500 only
 * for reads; network failures for idempotent requests; nothing else is tried again.
 */
export function decide(policy: ResolvedRetry, attempt: number, method: string, idempotent: boolean, outcome: Outcome, now = Date.now()): Decision {
  if (attempt >= policy.maxAttempts) return NO;
  const backoff = () => {
    const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step * (0.5 + policy.random() / 2));
  };
  if (outcome.kind === "network") {
    return idempotent ? { retry: true, delayMs: backoff(), serverAsked: false, why: "network error" } : NO;
  }
  const { status, headers } = outcome;
  const asked = parseRetryAfter(headers.get("retry-after"), now);
  if (status === 429) {
    return { retry: true, delayMs: asked !== undefined ? asked * 1000 : backoff(), serverAsked: asked !== undefined, why: "429 rate limited" };
  }
  const read = method === "GET" || method === "HEAD";
  if ((status === 502 || status === 503 || status === 504) && idempotent) {
    return { retry: true, delayMs: asked !== undefined ? asked * 1000 : backoff(), serverAsked: asked !== undefined, why: `${status}` };
  }
  if (status === 500 && read) return { retry: true, delayMs: backoff(), serverAsked: false, why: "500 on a read" };
  return NO;
}
