// Client-side rate limiting, shared by everything in the process that talks to one account.
//
// Basecamp counts requests per window ("50 per 10 s"): any window of that length may hold
// at most `limit` requests. A classic token bucket refilling at limit/window would let
// 2×limit through in one window (a full bucket, then the refill), so the limiter keeps the
// start times of the last `limit` requests and lets a new one start only once the oldest
// is a whole window (plus a margin for network jitter) in the past. A cap on requests in
// flight rides along, and a 429 from the server pauses every caller until Retry-After.
import { RATE_RULE_FORMS, readRateRule, type RateRule } from "../config/rate-rule.js";
import { realClock, type Clock } from "./clock.js";

export type { RateRule };

export const DEFAULT_RATE: RateRule = { limit: 50, windowMs: 10_000 };
export const DEFAULT_MAX_IN_FLIGHT = 8;

/** "50/10s", "100/1m", "off" → a rule or null; anything else is an error naming the forms. */
export function parseRateRule(text: string): RateRule | null {
  const rule = readRateRule(text);
  if (rule === undefined) throw new Error(`RateLimit must look like ${RATE_RULE_FORMS}; got ${JSON.stringify(text)}`);
  return rule;
}

export class AccountLimiter {
  private readonly starts: number[] = [];
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private pausedUntil = 0;
  /** Serializes window checks so callers take slots in arrival order. */
  private gate: Promise<void> = Promise.resolve();

  constructor(
    private rule: RateRule | null,
    private maxInFlight: number,
    private readonly clock: Clock = realClock,
  ) {}

  private now(): number {
    return this.clock.now();
  }

  /** Epoch ms until which every caller waits (after a 429), or 0. */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  /** Callers waiting for a slot or a window right now. */
  get waiting(): number {
    return this.waiters.length + this.queued;
  }
  private queued = 0;

  /** Use the stricter of the current and the given settings (several clients, one account). */
  tighten(rule: RateRule | null, maxInFlight: number): void {
    if (rule && (!this.rule || rule.limit / rule.windowMs < this.rule.limit / this.rule.windowMs)) this.rule = rule;
    this.maxInFlight = Math.min(this.maxInFlight, maxInFlight);
  }

  /** Stop every caller until `until` (epoch ms), e.g. after a 429 with Retry-After. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Wait for a slot; returns how long it waited (ms) and a release function. */
  async acquire(signal?: AbortSignal): Promise<{ waitedMs: number; release: () => void }> {
    const started = this.now();
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((r) => this.waiters.push(r));
    this.inFlight++;
    if (!this.rule && this.pausedUntil <= this.now()) return { waitedMs: this.now() - started, release: this.releaser() };
    this.queued++;
    try {
      const turn = this.gate.then(() => this.takeWindowSlot(signal));
      this.gate = turn.catch(() => undefined);
      await turn;
    } catch (e) {
      this.release();
      throw e;
    } finally {
      this.queued--;
    }
    return { waitedMs: this.now() - started, release: this.releaser() };
  }

  /** A release function that frees the slot once, however often it is called. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.release();
      }
    };
  }

  private async takeWindowSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const t = this.now();
      if (this.pausedUntil > t) {
        await this.clock.sleep(this.pausedUntil - t, signal);
        continue;
      }
      const rule = this.rule;
      if (!rule) return;
      // Room for arrival jitter on a busy machine: the server counts arrivals, we count starts.
      const margin = Math.max(200, rule.windowMs * 0.025);
      while (this.starts.length > 0 && this.starts[0] <= t - rule.windowMs - margin) this.starts.shift();
      if (this.starts.length < rule.limit) {
        this.starts.push(t);
        return;
      }
      await this.clock.sleep(this.starts[0] + rule.windowMs + margin - t + 1, signal);
    }
  }

  private release(): void {
    this.inFlight--;
    const next = this.waiters.shift();
    if (next) next();
  }
}

const shared = new Map<string, AccountLimiter>();

/**
 * The limiter for an account (keyed by its API base URL), shared by every client in the
 * process; the first caller's settings win unless a later one is stricter.
 */
export function limiterFor(key: string, rule: RateRule | null, maxInFlight = DEFAULT_MAX_IN_FLIGHT): AccountLimiter {
  let l = shared.get(key);
  if (!l) {
    l = new AccountLimiter(rule, maxInFlight);
    shared.set(key, l);
  } else {
    l.tighten(rule, maxInFlight);
  }
  return l;
}
