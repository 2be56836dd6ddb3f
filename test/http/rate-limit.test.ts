import { describe, expect, it } from "vitest";
import { AccountLimiter, limiterFor, parseRateRule } from "../../src/http/rate-limit.js";
import { Road } from "../../src/http/road.js";
import { faults, roadTo, sim, stats } from "./road-helpers.js";

describe("client-side rate limiter", () => {
  it("keeps a 500-request burst free of 429s against a server with the same limit", async () => {
    // The simulator's rule, scaled down in time so the test is quick: 50 per 500 ms.
    const s = sim({ rateLimit: "50/500ms" });
    const limiter = new AccountLimiter(parseRateRule("50/500ms"), 16);
    const a = roadTo(s, { rateLimiter: limiter, maxAttempts: 1 });
    const b = roadTo(s, { rateLimiter: limiter, maxAttempts: 1 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? a : b).request("GET", "/projects.json").then((r) => r.status)));
    const elapsed = performance.now() - started;
    expect(results.every((st) => st === 200)).toBe(true);
    const st = await stats(s);
    expect(st.by_status["429"]).toBeUndefined();
    expect(st.by_status["200"]).toBe(500);
    // 500 requests at 50 per 500 ms cannot finish in under 4.5 s: the limiter really paced them.
    expect(elapsed).toBeGreaterThan(4500);
  });

  it("caps requests in flight", async () => {
    const s = sim();
    await faults(s, { latencyMs: 30 });
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await s.fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const road = roadTo(s, { fetch: counting, rateLimiter: new AccountLimiter(null, 3) });
    await Promise.all(Array.from({ length: 20 }, () => road.request("GET", "/projects.json")));
    expect(peak).toBe(3);
  });

  it("is shared by every road to the same account in the process, and a 429 pauses them all", async () => {
    const s = sim({ seed: 77 });
    const opts = { accountId: s.accountId, apiBaseUrl: s.apiUrl, accessToken: s.adminToken, fetch: s.fetch, userAgent: "t (t@example.com)" };
    const one = new Road({ ...opts, rateLimit: "5/10s" });
    const two = new Road({ ...opts, rateLimit: "5/10s" });
    expect(limiterFor(one.accountBase, null)).toBe(limiterFor(two.accountBase, null));

    const limiter = new AccountLimiter(null, 8);
    await faults(s, { rateLimitStorm: { count: 1, retryAfter: 1 } });
    const r1 = roadTo(s, { rateLimiter: limiter });
    const r2 = roadTo(s, { rateLimiter: limiter });
    const first = r1.request("GET", "/projects.json");
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await r2.request("GET", "/projects.json");
    // r2 started after the 429 and waited for the pause r1 earned.
    expect(performance.now() - t0).toBeGreaterThan(700);
    await first;
  });

  it("reads rules like 50/10s and refuses nonsense", () => {
    expect(parseRateRule("50/10s")).toEqual({ limit: 50, windowMs: 10_000 });
    expect(parseRateRule("100/1m")).toEqual({ limit: 100, windowMs: 60_000 });
    expect(parseRateRule("off")).toBeNull();
    expect(() => parseRateRule("fast")).toThrow(/RateLimit must look like "N\/W" requests per window, e.g. "50\/10s"/);
  });
});
