// The retry contract: what is sent again, after how long, and what is never sent twice.
// Waits are counted on a virtual clock, never measured.
import { describe, expect, it } from "vitest";
import { ConnectionError, parseRetryAfter, RateLimitError, ServerError } from "../../src/http/errors.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { backoffMs, resolveRetry } from "../../src/http/retry.js";
import { faults, json, mockServer, recording, roadTo, roadToMock, sim, stats, virtualClock } from "./road-helpers.js";

const NOW = Date.parse("2026-12-01T12:00:00Z");

describe("a request that is not idempotent", () => {
  it("is never sent twice after a 429: the caller gets RateLimitError.retryAfter and the account's limiter pauses", async () => {
    const s = sim();
    const clock = virtualClock();
    const limiter = new AccountLimiter(null, 8, clock);
    await faults(s, { rateLimitStorm: { count: 3, retryAfter: 7 } });
    const rec = recording(s.fetch);
    const road = roadTo(s, { fetch: rec.fetch, clock, rateLimiter: limiter });
    const before = s.store.projects.size;
    const err = await road.request("POST", "/projects.json", { body: { name: "Once only" } }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfter).toBe(7);
    expect(rec.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(s.store.projects.size).toBe(before);
    expect(clock.sleeps).toEqual([]);
    expect(limiter.pausedUntilMs).toBe(clock.now() + 7000);

    // The next call of the account waits out the pause before it is sent (the storm goes on, so it retries after 7 s each time).
    await faults(s, { rateLimitStorm: null });
    const r = await road.request("GET", "/projects.json");
    expect(r.status).toBe(200);
    expect(clock.sleeps).toEqual([7000]);
  });

  it("is never sent twice after a 502, 503, 504 or a reset either, unless declared idempotent", async () => {
    for (const fault of [{ errors: { count: 1, statuses: [502] } }, { errors: { count: 1, statuses: [503] } }, { errors: { count: 1, statuses: [504] } }, { resets: { count: 1 } }]) {
      const s = sim();
      await faults(s, fault);
      const rec = recording(s.fetch);
      const err = await roadTo(s, { fetch: rec.fetch, clock: virtualClock() }).request("POST", "/projects.json", { body: { name: "x" } }).catch((e) => e);
      expect(err).toBeInstanceOf("resets" in fault ? ConnectionError : ServerError);
      expect(rec.calls).toHaveLength(1);
      await faults(s, fault);
      const again = await roadTo(s, { clock: virtualClock() }).request("POST", "/projects.json", { body: { name: "Declared safe" }, idempotent: true });
      expect(again.attempts).toBe(2);
    }
  });
});

describe("idempotent requests", () => {
  it("are retried on 429, 502, 503, 504 and network errors, for GET, PUT and DELETE", async () => {
    const s = sim();
    const project = [...s.store.projects.values()][0];
    const todo = [...s.store.ofType("Todo")].find((t) => t.status === "active")!;
    const calls = [
      ["GET", "/projects.json", undefined],
      ["PUT", `/projects/${project.id}.json`, { name: project.name }],
      ["DELETE", `/todos/${todo.id}/completion.json`, undefined],
    ] as const;
    const kinds = [{ rateLimitStorm: { count: 1, retryAfter: 2 } }, { errors: { count: 1, statuses: [502] } }, { errors: { count: 1, statuses: [503] } }, { errors: { count: 1, statuses: [504] } }, { resets: { count: 1 } }];
    for (const [method, path, body] of calls) {
      for (const fault of kinds) {
        await faults(s, fault);
        const clock = virtualClock();
        const r = await roadTo(s, { clock, random: () => 0.5 }).request(method, path, { body });
        expect(r.status, `${method} ${JSON.stringify(fault)}`).toBeLessThan(300);
        expect(r.attempts).toBe(2);
        expect(clock.sleeps).toEqual(["rateLimitStorm" in fault ? 2000 : 1000]);
      }
    }
  });

  it("are not retried on a 500 (a server bug) or any 4xx", async () => {
    for (const status of [500, 400, 403, 404, 409, 422]) {
      const m = await mockServer((_req, res) => json(res, status, { error: "no" }));
      try {
        for (const method of ["GET", "PUT", "DELETE"]) {
          await expect(roadToMock(m).request(method, "/projects/1.json")).rejects.toMatchObject({ status });
        }
        expect(m.requests).toHaveLength(3);
      } finally {
        await m.close();
      }
    }
  });

  it("are retried at most 3 times by default, with exponential backoff from 1 s, then report the last answer", async () => {
    const s = sim();
    await faults(s, { errors: { count: 10, statuses: [503] } });
    const rec = recording(s.fetch);
    const clock = virtualClock();
    const err = await roadTo(s, { fetch: rec.fetch, clock, random: () => 0.5, baseDelayMs: undefined }).request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.status).toBe(503);
    expect(rec.calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect((await stats(s)).by_status["503"]).toBe(4);
  });

  it("gives up on 429 with RateLimitError.retryAfter once maxRetries are spent", async () => {
    const s = sim();
    await faults(s, { rateLimitStorm: { count: 10, retryAfter: 3 } });
    const rec = recording(s.fetch);
    const clock = virtualClock();
    const err = await roadTo(s, { fetch: rec.fetch, clock, maxRetries: 2 }).request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfter).toBe(3);
    expect(rec.calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([3000, 3000]);
  });

  it("maxRetries 0 sends once", async () => {
    const s = sim();
    await faults(s, { errors: { count: 1, statuses: [503] } });
    const rec = recording(s.fetch);
    await expect(roadTo(s, { fetch: rec.fetch, maxRetries: 0, clock: virtualClock() }).request("GET", "/projects.json")).rejects.toBeInstanceOf(ServerError);
    expect(rec.calls).toHaveLength(1);
    expect(() => roadTo(s, { maxRetries: -1 })).toThrow(/maxRetries must be a whole number from 0 to 20/);
  });

  it("stay within the call's deadline: a retry whose wait would pass it is not made", async () => {
    const s = sim();
    await faults(s, { errors: { count: 10, statuses: [503] } });
    const clock = virtualClock();
    const rec = recording(s.fetch);
    const err = await roadTo(s, { fetch: rec.fetch, clock, random: () => 0.5, baseDelayMs: 1000, maxRetries: 10, deadlineSeconds: 5 }).request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    // 1 s + 2 s fit in 5 s; the next 4 s would not.
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(rec.calls).toHaveLength(3);

    await faults(s, { rateLimitStorm: { count: 5, retryAfter: 120 } });
    const late = await roadTo(s, { clock: virtualClock(), deadlineSeconds: 60 }).request("GET", "/projects.json").catch((e) => e);
    expect(late).toBeInstanceOf(RateLimitError);
    expect(late.retryAfter).toBe(120);
    expect(late.message).toMatch(/Wait 120 seconds/);
  });
});

describe("backoff", () => {
  it("doubles from 1 s with ±20 % jitter and stops at the cap", () => {
    const p = (r: number) => resolveRetry({ random: () => r, maxDelayMs: 5000 });
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(p(0.5), n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffMs(p(0), 1)).toBe(800);
    expect(backoffMs(p(0.999999), 1)).toBe(1200);
    expect(backoffMs(p(0), 3)).toBe(3200);
  });
});

describe("Retry-After", () => {
  it("is a positive whole number of seconds or a future HTTP date; anything else is ignored", () => {
    expect(parseRetryAfter("7", NOW)).toBe(7);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30);
    expect(parseRetryAfter(new Date(NOW + 29_000).toUTCString(), NOW - 400)).toBe(30);
    expect(parseRetryAfter("Tuesday, 01-Dec-26 12:00:45 GMT", NOW)).toBe(45);
    expect(parseRetryAfter("Tue Dec  1 12:01:00 2026", NOW)).toBe(60);
    for (const junk of ["0", "-5", "1.5", "120junk", "junk", "", "   ", new Date(NOW - 1000).toUTCString(), new Date(NOW).toUTCString(), "2026-12-01T12:05:00Z", "99999999999999999999"]) {
      expect(parseRetryAfter(junk, NOW), JSON.stringify(junk)).toBeUndefined();
    }
  });

  it("is honoured when usable; otherwise the backoff applies and the retry is never immediate", async () => {
    const cases: Array<[string, number]> = [
      ["4", 4000],
      [new Date(NOW + 9000).toUTCString(), 9000],
      ["0", 1000],
      ["-3", 1000],
      ["120junk", 1000],
      [new Date(NOW - 60_000).toUTCString(), 1000],
    ];
    for (const [value, wait] of cases) {
      const m = await mockServer((_req, res, n) => (n === 1 ? json(res, 429, { error: "slow down" }, { "retry-after": value }) : json(res, 200, [])));
      try {
        const clock = virtualClock(NOW);
        const r = await roadToMock(m, { clock }).request("GET", "/projects.json");
        expect(r.attempts, value).toBe(2);
        expect(clock.sleeps, value).toEqual([wait]);
      } finally {
        await m.close();
      }
    }
  });
});
