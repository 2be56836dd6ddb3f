// Fault injection, set through `POST /__sim/faults` (admin token). Faults apply to the
// Basecamp API and Launchpad token routes, never to `/__sim/*` itself.

export interface Trigger {
  /** Chance per request, 0..1. */
  rate?: number;
  /** Fire on the next N requests (counted down), before `rate` is considered. */
  count?: number;
}

export interface FaultSpec {
  /** 5xx answers: status chosen in turn from `statuses` (default [500, 502, 503, 504]). */
  errors?: Trigger & { statuses?: number[] };
  /** Milliseconds added before answering each affected request. */
  latencyMs?: number;
  /** Connections dropped before any answer (ECONNRESET for the client). */
  resets?: Trigger;
  /** Answers cut off halfway through the body. */
  truncate?: Trigger;
  /** A storm of 429s: the next `count` requests get 429 with `Retry-After: retryAfter`. */
  rateLimitStorm?: { count: number; retryAfter?: number };
  /** Only requests whose path and query contain this text are affected (default: all). */
  match?: string;
}

export type FaultAction =
  | { kind: "error"; status: number }
  | { kind: "reset" }
  | { kind: "truncate" }
  | { kind: "storm"; retryAfter: number };

const ERROR_STATUSES = [500, 502, 503, 504];

export class FaultSpecError extends Error {}

/** Deterministic PRNG (mulberry32), so a seeded simulator injects the same faults. */
export function prng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkTrigger(name: string, t: unknown): Trigger | undefined {
  if (t === undefined || t === null) return undefined;
  if (typeof t !== "object") throw new FaultSpecError(`${name} must be an object like {"rate": 0.2} or {"count": 3}`);
  const o = t as Record<string, unknown>;
  const out: Trigger = {};
  if (o.rate !== undefined) {
    if (typeof o.rate !== "number" || o.rate < 0 || o.rate > 1) throw new FaultSpecError(`${name}.rate must be a number from 0 to 1`);
    out.rate = o.rate;
  }
  if (o.count !== undefined) {
    if (typeof o.count !== "number" || !Number.isInteger(o.count) || o.count < 0) throw new FaultSpecError(`${name}.count must be a whole number`);
    out.count = o.count;
  }
  if (out.rate === undefined && out.count === undefined) throw new FaultSpecError(`${name} needs "rate" (0..1) or "count" (next N requests)`);
  return out;
}

export class Faults {
  spec: FaultSpec = {};
  private turn = 0;
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = prng(seed + 7919);
  }

  /** Validate and merge a spec (fields given replace the current ones). */
  set(input: Record<string, unknown>): void {
    const next: FaultSpec = { ...this.spec };
    if ("errors" in input) {
      const t = checkTrigger("errors", input.errors);
      if (t) {
        const e = input.errors as Record<string, unknown>;
        let statuses = ERROR_STATUSES;
        if (e.statuses !== undefined) {
          if (!Array.isArray(e.statuses) || e.statuses.length === 0 || !e.statuses.every((s) => typeof s === "number" && s >= 500 && s <= 599)) {
            throw new FaultSpecError("errors.statuses must be a list of 5xx status codes, e.g. [502, 503]");
          }
          statuses = e.statuses as number[];
        }
        next.errors = { ...t, statuses };
      } else delete next.errors;
    }
    if ("latencyMs" in input) {
      const v = input.latencyMs;
      if (v === null || v === 0) delete next.latencyMs;
      else if (typeof v !== "number" || v < 0 || v > 120_000) throw new FaultSpecError("latencyMs must be a number of milliseconds from 0 to 120000");
      else next.latencyMs = v;
    }
    for (const k of ["resets", "truncate"] as const) {
      if (k in input) {
        const t = checkTrigger(k, input[k]);
        if (t) next[k] = t;
        else delete next[k];
      }
    }
    if ("rateLimitStorm" in input) {
      const s = input.rateLimitStorm as Record<string, unknown> | null;
      if (s === null) delete next.rateLimitStorm;
      else {
        if (typeof s !== "object" || typeof s.count !== "number" || !Number.isInteger(s.count) || s.count < 0) {
          throw new FaultSpecError('rateLimitStorm must look like {"count": 5, "retryAfter": 2}');
        }
        const ra = s.retryAfter ?? 1;
        if (typeof ra !== "number" || !Number.isInteger(ra) || ra < 0) throw new FaultSpecError("rateLimitStorm.retryAfter must be whole seconds");
        next.rateLimitStorm = { count: s.count, retryAfter: ra };
      }
    }
    if ("match" in input) {
      if (input.match === null || input.match === "") delete next.match;
      else if (typeof input.match !== "string") throw new FaultSpecError("match must be a string found in the request path");
      else next.match = input.match;
    }
    this.spec = next;
  }

  clear(): void {
    this.spec = {};
  }

  private fires(t: Trigger | undefined): boolean {
    if (!t) return false;
    if (t.count !== undefined && t.count > 0) {
      t.count--;
      return true;
    }
    return t.rate !== undefined && t.rate > 0 && this.random() < t.rate;
  }

  /** Decide what happens to a request for `path` (with its query): extra latency and at most one fault. */
  decide(path: string): { latencyMs: number; action: FaultAction | null } {
    const s = this.spec;
    if (s.match && !path.includes(s.match)) return { latencyMs: 0, action: null };
    const latencyMs = s.latencyMs ?? 0;
    if (s.rateLimitStorm && s.rateLimitStorm.count > 0) {
      s.rateLimitStorm.count--;
      return { latencyMs, action: { kind: "storm", retryAfter: s.rateLimitStorm.retryAfter ?? 1 } };
    }
    if (this.fires(s.resets)) return { latencyMs, action: { kind: "reset" } };
    if (s.errors && this.fires(s.errors)) {
      const list = s.errors.statuses ?? ERROR_STATUSES;
      const status = list[this.turn++ % list.length];
      return { latencyMs, action: { kind: "error", status } };
    }
    if (this.fires(s.truncate)) return { latencyMs, action: { kind: "truncate" } };
    return { latencyMs, action: null };
  }

  toJSON(): FaultSpec {
    return this.spec;
  }
}
