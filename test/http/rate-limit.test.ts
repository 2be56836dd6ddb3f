import { describe, expect, it } from "vitest";
import { AbortedError, RateLimitError } from "../../src/http/errors.js";
import { AccountLimiter, parseRateRule } from "../../src/http/rate-limit.js";
import { Road } from "../../src/http/road.js";
import { faults, roadTo, sim, stats, virtualClock } from "./road-helpers.js";

describe("client-side rate limiter", () => {
  it("keeps a 500-request burst free of 429s against a server with the same limit", async () => {
    // The simulator's rule, scaled down in time so the test is quick: 50 per 500 ms.
    const s = sim({ rateLimit: "50/500ms" });
    const limiter = new AccountLimiter(parseRateRule("50/500ms"), 16);
    const a = roadTo(s, { rateLimiter: limiter, maxRetries: 0 });
    const b = roadTo(s, { rateLimiter: limiter, maxRetries: 0 });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? a : b).request("GET", "/projects.json").then((r) => r.status)));
    expect(results.every((st) => st === 200)).toBe(true);
    const st = await stats(s);
    expect(st.by_status["429"]).toBeUndefined();
    expect(st.by_status["200"]).toBe(500);
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

  it("is one limiter for every road to the same account: a second client waits for the window the first filled", async () => {
    const s = sim({ seed: 77 });
    // A host of its own, so no other test has used this account's process-wide limiter.
    const opts = { accountId: s.accountId, apiBaseUrl: "http://limiter-share.localhost", accessToken: s.adminToken, fetch: s.fetch, userAgent: "t (t@example.com)", rateLimit: "2/10s", cache: false as const };
    const one = new Road(opts);
    const two = new Road({ ...opts, rateLimit: "50/10s" });
    expect(two.rateLimiter).toBe(one.rateLimiter);
    expect(new Road({ ...opts, accountId: "5000002" }).rateLimiter).not.toBe(one.rateLimiter);

    await one.request("GET", "/projects.json");
    await one.request("GET", "/projects.json");
    const ac = new AbortController();
    const second = two.request("GET", "/projects.json", { signal: ac.signal }).catch((e) => e);
    // Counted, not timed: the second client's request is queued in the shared limiter and never reached the server.
    for (let i = 0; i < 1000 && one.rateLimiter.waiting === 0; i++) await new Promise((r) => setImmediate(r));
    expect(one.rateLimiter.waiting).toBe(1);
    expect((await stats(s)).by_status["200"]).toBe(2);
    ac.abort();
    expect(await second).toBeInstanceOf(AbortedError);
    expect((await stats(s)).by_status["200"]).toBe(2);
  });

  it("pauses every road of the account after a 429, for the Retry-After asked", async () => {
    const s = sim();
    const clock = virtualClock();
    const limiter = new AccountLimiter(null, 8, clock);
    await faults(s, { rateLimitStorm: { count: 1, retryAfter: 4 } });
    const r1 = roadTo(s, { rateLimiter: limiter, clock });
    const r2 = roadTo(s, { rateLimiter: limiter, clock });
    await expect(r1.request("POST", "/projects.json", { body: { name: "x" } })).rejects.toBeInstanceOf(RateLimitError);
    expect(clock.sleeps).toEqual([]);
    expect((await r2.request("GET", "/projects.json")).status).toBe(200);
    // r2 waited out the pause r1 earned before it was sent.
    expect(clock.sleeps).toEqual([4000]);
  });

  it("reads rules like 50/10s and refuses nonsense", () => {
    expect(parseRateRule("50/10s")).toEqual({ limit: 50, windowMs: 10_000 });
    expect(parseRateRule("100/1m")).toEqual({ limit: 100, windowMs: 60_000 });
    expect(parseRateRule("off")).toBeNull();
    expect(() => parseRateRule("fast")).toThrow(/RateLimit must look like "N\/W" requests per window, e.g. "50\/10s"/);
  });
});
