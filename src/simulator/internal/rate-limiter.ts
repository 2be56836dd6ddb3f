/**
 * Sliding-window limiter per client key: at most `limit` requests in any `windowMs`.
 * `take` answers null when the request may go ahead, else the whole seconds to wait.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly rule: { limit: number; windowMs: number } | null,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): number | null {
    if (!this.rule) return null;
    const t = this.now();
    const from = t - this.rule.windowMs;
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
    }
    let drop = 0;
    while (drop < list.length && list[drop] <= from) drop++;
    if (drop) list.splice(0, drop);
    if (list.length >= this.rule.limit) {
      return Math.max(1, Math.ceil((list[0] + this.rule.windowMs - t) / 1000));
    }
    list.push(t);
    return null;
  }
}
