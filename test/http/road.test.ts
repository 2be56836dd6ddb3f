import { describe, expect, it } from "vitest";
import { AbortedError, AuthError, NotFoundError, TimeoutError, UnsafeLinkError, ValidationError } from "../../src/http/errors.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileCache } from "../../src/http/cache.js";
import { parseJsonExact } from "../../src/http/json.js";
import { DEFAULT_USER_AGENT, Road } from "../../src/http/road.js";
import { faults, recording, roadTo, sim, stats } from "./road-helpers.js";

const BIG = 2n ** 53n;

describe("the road: transport", () => {
  it("sends User-Agent, Accept, Bearer auth and JSON bodies, relative to the account base", async () => {
    const s = sim();
    const rec = recording(s.fetch);
    const road = roadTo(s, { fetch: rec.fetch });
    const list = [...s.store.ofType("Todolist")][0];
    const r = await road.request<any>("POST", `/todolists/${list.id}/todos.json`, { body: { content: "Sent by the road" } });
    expect(r.status).toBe(201);
    const call = rec.calls[0];
    expect(call.url).toBe(`${s.apiUrl}/${s.accountId}/todolists/${list.id}/todos.json`);
    expect(call.headers.get("user-agent")).toBe("road tests (tests@example.com)");
    expect(call.headers.get("accept")).toBe("application/json");
    expect(call.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(call.headers.get("authorization")).toBe(`Bearer ${s.adminToken}`);
    expect(r.data.content).toBe("Sent by the road");
  });

  it("names this package and its repository in the default User-Agent, and refuses one without a contact", () => {
    expect(DEFAULT_USER_AGENT).toMatch(/^basecamp-connector\/\d+\.\d+\.\d+ \(https:\/\/github\.com\/[^)]+\)$/);
    const s = sim();
    expect(() => roadTo(s, { userAgent: "JustAName" })).toThrow(/UserAgent must name your app and a contact/);
    expect(() => new Road({ accountId: "abc", accessToken: "x" })).toThrow(/AccountId must be the number/);
  });

  it("refuses to send credentials to another origin", async () => {
    const s = sim();
    const road = roadTo(s);
    await expect(road.request("GET", "https://elsewhere.example/projects.json")).rejects.toThrow(/Refusing to send credentials/);
  });

  it("keeps IDs above 2^53 exact through a read and a write", async () => {
    const s = sim();
    const road = roadTo(s);
    const todo = [...s.store.ofType("Todo")].find((t) => t.id > BIG && t.status === "active")!;
    const bigPerson = [...s.store.people.values()].find((p) => p.id > BIG);
    const got = await road.request<any>("GET", `/todos/${todo.id}.json`);
    expect(typeof got.data.id).toBe("bigint");
    expect(got.data.id).toBe(todo.id);
    const assignees = bigPerson ? [bigPerson.id] : [];
    const put = await road.request<any>("PUT", got.data.url, { body: { content: got.data.content, assignee_ids: assignees } });
    expect(put.data.id).toBe(todo.id);
    expect(s.store.recordings.get(got.data.id)!.title).toBe(got.data.content);
    if (bigPerson) expect(s.store.recordings.get(todo.id)!.assigneeIds).toEqual([bigPerson.id]);
  });
});

describe("the road: time limits", () => {
  it("times out an attempt, retries a GET, then reports a TimeoutError", async () => {
    const s = sim();
    await faults(s, { latencyMs: 400 });
    const rec = recording(s.fetch);
    const err = await roadTo(s, { fetch: rec.fetch, timeoutSeconds: 0.1, maxRetries: 1 }).request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/Timeout/);
    expect(rec.calls).toHaveLength(2);
  });

  it("ends an attempt that runs past the call's deadline with a TimeoutError", async () => {
    const s = sim();
    await faults(s, { latencyMs: 2000 });
    const rec = recording(s.fetch);
    const err = await roadTo(s, { fetch: rec.fetch, deadlineSeconds: 0.2 }).request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/deadline for the whole call/);
    expect(rec.calls).toHaveLength(1);
  });

  it("sends nothing when the caller's signal is already aborted", async () => {
    const s = sim();
    const rec = recording(s.fetch);
    const ac = new AbortController();
    ac.abort();
    await expect(roadTo(s, { fetch: rec.fetch }).request("GET", "/projects.json", { signal: ac.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(rec.calls).toHaveLength(0);
  });

  it("stops when the caller aborts", async () => {
    const s = sim();
    await faults(s, { latencyMs: 500 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await roadTo(s).request("GET", "/projects.json", { signal: ac.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(AbortedError);
  });
});

describe("the road: errors", () => {
  it("makes typed errors with status, request id, field errors and account state", async () => {
    const s = sim();
    const road = roadTo(s);
    const list = [...s.store.ofType("Todolist")][0];
    const v = await road.request("POST", `/todolists/${list.id}/todos.json`, { body: { content: "" } }).catch((e) => e);
    expect(v).toBeInstanceOf(ValidationError);
    expect(v.fieldErrors.content[0]).toMatch(/blank/);
    expect(v.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(v.message).toMatch(/Fix those fields/);

    const a = await roadTo(s, { accessToken: "not-a-token" }).request("GET", "/projects.json").catch((e) => e);
    expect(a).toBeInstanceOf(AuthError);
    expect(a.message).not.toContain("not-a-token");

    s.store.account.active = false;
    const n = await road.request("GET", "/projects.json").catch((e) => e);
    expect(n).toBeInstanceOf(NotFoundError);
    expect(n.accountInactive).toBe(true);
  });

  it("refreshes once after a 401 through the auth provider", async () => {
    const s = sim();
    const stale = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600).access_token;
    s.store.auth.accessTokens.get(stale)!.expiresAt = 0;
    let current = stale;
    let refreshes = 0;
    const road = roadTo(s, {
      accessToken: undefined,
      auth: {
        authorization: async () => `Bearer ${current}`,
        refreshAfterUnauthorized: async () => {
          refreshes++;
          current = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600).access_token;
          return true;
        },
      },
    });
    expect((await road.request("GET", "/projects.json")).status).toBe(200);
    expect(refreshes).toBe(1);
  });
});

describe("the road: ETag cache", () => {
  it("answers a 304 from the cache, per credential", async () => {
    const s = sim();
    const rec = recording(s.fetch);
    const road = roadTo(s, { fetch: rec.fetch });
    const a = await road.request<any[]>("GET", "/projects.json");
    const b = await road.request<any[]>("GET", "/projects.json");
    expect(a.fromCache).toBe(false);
    expect(b.fromCache).toBe(true);
    expect(b.data).toEqual(a.data);
    expect(b.headers.get("x-total-count")).toBe(a.headers.get("x-total-count"));
    expect(rec.calls[1].headers.get("if-none-match")).toBe(a.headers.get("etag"));
    expect((await stats(s)).by_status["304"]).toBe(1);

    const other = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600).access_token;
    const rec2 = recording(s.fetch);
    const road2 = roadTo(s, { fetch: rec2.fetch, accessToken: other, cache: (road as any).cache });
    await road2.request("GET", "/projects.json");
    expect(rec2.calls[0].headers.get("if-none-match")).toBeNull();
  });

  it("keeps a file cache across road instances", async () => {
    const dir = mkdtempSync(join(tmpdir(), "etag-cache-"));
    const s = sim();
    await roadTo(s, { cache: { dir } }).request("GET", "/projects.json");
    const rec = recording(s.fetch);
    const r = await roadTo(s, { fetch: rec.fetch, cache: { dir } }).request("GET", "/projects.json");
    expect(rec.calls[0].headers.get("if-none-match")).toMatch(/^W\//);
    expect(r.fromCache).toBe(true);
  });

  it("stores a file entry's body as it came, and reads a cut-short or older entry as a miss", () => {
    const dir = mkdtempSync(join(tmpdir(), "etag-file-"));
    const cache = new FileCache(dir);
    const body = '[{"id":9007199254740993,"title":"naïve \\"quoted\\" 東京 🚀\\n"}]';
    cache.set("k", { etag: 'W/"1"', body, headers: { etag: 'W/"1"' }, storedAt: 1 });
    expect(cache.get("k")).toEqual({ etag: 'W/"1"', body, headers: { etag: 'W/"1"' }, storedAt: 1 });
    const file = join(dir, "k.json");
    const whole = readFileSync(file);
    expect(whole.subarray(whole.indexOf(10) + 1).toString("utf8")).toBe(body);
    writeFileSync(file, whole.subarray(0, whole.length - 3));
    expect(cache.get("k")).toBeUndefined();
    writeFileSync(file, JSON.stringify({ etag: 'W/"1"', body, headers: {}, storedAt: 1 }));
    expect(cache.get("k")).toBeUndefined();
  });
});

describe("the road: pagination", () => {
  it("follows Link rel=next through every page, exposes X-Total-Count, stops at maxItems", async () => {
    const s = sim({ scale: "small" });
    const road = roadTo(s);
    const it1 = road.paginate<any>("/projects/recordings.json", { query: { type: "Todo" } });
    const ids = new Set<string>();
    for await (const t of it1) ids.add(String(t.id));
    expect(it1.totalCount).toBe(ids.size);
    expect(ids.size).toBeGreaterThan(200);
    const rec = recording(s.fetch);
    const few = await roadTo(s, { fetch: rec.fetch }).paginate<any>("/projects/recordings.json", { query: { type: "Todo" }, maxItems: 20 }).toArray();
    expect(few).toHaveLength(20);
    expect(rec.calls).toHaveLength(2);
  });

  it("refuses a next link to another origin or a downgrade to http", async () => {
    const s = sim();
    for (const bad of ["https://evil.example/5/projects.json?page=2", "http://api.example/5/projects.json?page=2"]) {
      const fake: typeof fetch = async () =>
        new Response("[]", { status: 200, headers: { "content-type": "application/json", link: `<${bad}>; rel="next"` } });
      const road = new Road({ accountId: s.accountId, apiBaseUrl: "https://api.example", accessToken: "t0ken-value", fetch: fake, userAgent: "t (t@example.com)", rateLimit: null });
      const err = await road.paginate("/projects.json").toArray().catch((e) => e);
      expect(err).toBeInstanceOf(UnsafeLinkError);
      expect(err.message).toMatch(bad.startsWith("http:") ? /downgrades/ : /another origin/);
    }
  });

  it("runs every page through retry", async () => {
    const s = sim({ scale: "small" });
    await faults(s, { errors: { count: 2, statuses: [503] }, match: "page=3" });
    const pages = roadTo(s).paginate<any>("/projects/recordings.json", { query: { type: "Todo" } });
    const all = await pages.toArray();
    expect(all.length).toBe(pages.totalCount);
    expect(new Set(all.map((t) => String(t.id))).size).toBe(all.length);
    expect((await stats(s)).by_status["503"]).toBe(2);
  });
});

describe("JSON", () => {
  it("parses big integers exactly without touching strings or fractions", () => {
    const v = parseJsonExact<any>('{"id":9007199254740993,"n":12,"s":"9007199254740993","f":0.12345678901234567890,"neg":-9007199254740995,"arr":[1234567890123456789]}');
    expect(v.id).toBe(9007199254740993n);
    expect(v.n).toBe(12);
    expect(v.s).toBe("9007199254740993");
    expect(typeof v.f).toBe("number");
    expect(v.neg).toBe(-9007199254740995n);
    expect(v.arr[0]).toBe(1234567890123456789n);
  });

  it("tells digits inside strings (escaped quotes and backslashes too) from numbers", () => {
    expect(parseJsonExact('9007199254740993')).toBe(9007199254740993n);
    expect(parseJsonExact('"x\\"9007199254740993"')).toBe('x"9007199254740993');
    expect(parseJsonExact<any>('{"a":"\\\\","b":9007199254740993}')).toEqual({ a: "\\", b: 9007199254740993n });
    expect(parseJsonExact<any>('{"s":"\\"9007199254740993\\" and 9007199254740995","t":[9007199254740997,{"u":"x"},-9007199254740999]}')).toEqual({
      s: '"9007199254740993" and 9007199254740995',
      t: [9007199254740997n, { u: "x" }, -9007199254740999n],
    });
    // Exponents, fractions and 16-digit integers that a double holds are plain numbers.
    expect(parseJsonExact('[1e-12345678901234567, 12345678901234567.5, 1234567890123456]')).toEqual([0, 12345678901234567.5, 1234567890123456]);
    // A key named __proto__ stays an own property.
    const p = parseJsonExact<any>('{"__proto__":9007199254740993}');
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(p, "__proto__")?.value).toBe(9007199254740993n);
  });

  it("reads every ID of a seeded account exactly as a digit-by-digit reading does", () => {
    const s = sim({ scale: "small" });
    const text = JSON.stringify([...s.store.ofType("Todo")].slice(0, 300), (_k, v) => (typeof v === "bigint" ? `@@${v}@@` : v)).replace(/"@@(-?\d+)@@"/g, "$1");
    const bigs = [...text.matchAll(/(?<![\d"])\d{16,}(?![\d"])/g)].map((m) => BigInt(m[0])).filter((n) => n > BIG);
    expect(bigs.length).toBeGreaterThan(10);
    const found: bigint[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === "bigint") found.push(v);
      else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    walk(parseJsonExact(text));
    expect(found.sort()).toEqual(bigs.sort());
  });
});
