import { afterEach, describe, expect, it } from "vitest";
import { parseJson } from "../../src/simulator/internal/json.js";
import { BIG_ID_BASE } from "../../src/simulator/store/store.js";
import { json, TARGETS, type Target } from "./targets.js";

const DAY = 86_400_000;

describe.each(TARGETS)("protocol behaviour (%s)", (_name, make) => {
  let t: Target | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("pages 15/30/50/100 with absolute Link rel=next and X-Total-Count", async () => {
    t = await make({ scale: "small" });
    const first = await t.call("GET", "/projects/recordings.json?type=Todo");
    expect(first.status).toBe(200);
    const total = Number(first.headers.get("x-total-count"));
    expect(total).toBeGreaterThan(195);
    const sizes: number[] = [];
    const seen = new Set<string>();
    let res: Response = first;
    for (;;) {
      const items = parseJson(await res.text()) as Array<{ id: bigint | number }>;
      sizes.push(items.length);
      for (const i of items) seen.add(String(i.id));
      expect(res.headers.get("x-total-count")).toBe(String(total));
      const link = res.headers.get("link");
      if (!link) break;
      const m = /^<(http[^>]+)>; rel="next"$/.exec(link);
      expect(m, link).not.toBeNull();
      expect(new URL(m![1]).origin).toBe(t.apiUrl);
      res = await t.call("GET", m![1]);
      expect(res.status).toBe(200);
    }
    expect(sizes.slice(0, 4)).toEqual([15, 30, 50, 100]);
    expect(seen.size).toBe(total);
    const page2 = await t.call("GET", "/projects/recordings.json?type=Todo&page=2");
    expect((parseJson(await page2.text()) as unknown[]).length).toBe(30);
  });

  it("sends ETag and Last-Modified and answers 304 with no body", async () => {
    t = await make();
    const project = [...t.store.projects.values()][0];
    const path = `/projects/${project.id}.json`;
    const a = await t.call("GET", path);
    expect(a.status).toBe(200);
    const etag = a.headers.get("etag")!;
    const lastModified = a.headers.get("last-modified")!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(Date.parse(lastModified)).not.toBeNaN();
    await a.text();
    const b = await t.call("GET", path, undefined, { "If-None-Match": etag });
    expect(b.status).toBe(304);
    expect(await b.text()).toBe("");
    const c = await t.call("GET", path, undefined, { "If-Modified-Since": lastModified });
    expect(c.status).toBe(304);
    const put = await t.call("PUT", path, { name: "Renamed for the ETag test" });
    expect(put.status).toBe(200);
    const d = await t.call("GET", path, undefined, { "If-None-Match": etag });
    expect(d.status).toBe(200);
    expect(d.headers.get("etag")).not.toBe(etag);
    expect((await json(d)).name).toBe("Renamed for the ETag test");
  });

  it("answers 400 without a User-Agent, 415 for a non-JSON write, 400 for malformed JSON, 413 over 10 MB", async () => {
    t = await make();
    // Node's fetch adds "User-Agent: node" by itself, so over a port use a bare request.
    const noUa = await t.fetchWithoutUserAgent(`${t.apiUrl}/${t.accountId}/projects.json`, { Authorization: `Bearer ${t.adminToken}` });
    expect(noUa.status).toBe(400);
    expect(JSON.parse(noUa.body).error).toMatch(/User-Agent/);
    const form = await t.call("POST", "/projects.json", "name=x", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const bad = await t.call("POST", "/projects.json", '{"name": "x",', { "Content-Type": "application/json" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatch(/Malformed JSON/);
    const huge = await t.call("POST", "/projects.json", JSON.stringify({ name: "big", description: "x".repeat(10 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(t.store.projects.size).toBe(2);
  });

  it("answers 401 for a missing, invalid or expired bearer token", async () => {
    let now = Date.now();
    t = await make({ clock: () => now });
    for (const auth of ["", "Bearer nope"]) {
      const r = await t.call("GET", "/projects.json", undefined, { Authorization: auth });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/Bearer/);
    }
    const owner = t.store.account.ownerId;
    const tok = t.store.auth.issueTokens(owner, t.clientId, 60).access_token;
    expect((await t.call("GET", "/projects.json", undefined, { Authorization: `Bearer ${tok}` })).status).toBe(200);
    now += 61_000;
    const expired = await t.call("GET", "/projects.json", undefined, { Authorization: `Bearer ${tok}` });
    expect(expired.status).toBe(401);
    expect((await json(expired)).error).toMatch(/expired/);
  });

  it("answers 404 for unknown and purged records, and for an inactive account with Reason", async () => {
    let now = Date.now();
    t = await make({ clock: () => now });
    expect((await t.call("GET", "/todos/1.json")).status).toBe(404);
    const todo = [...t.store.ofType("Todo")].find((r) => r.status === "active")!;
    expect((await t.call("PUT", `/recordings/${todo.id}/status/trashed.json`)).status).toBe(204);
    const trashed = await t.call("GET", `/todos/${todo.id}.json`);
    expect(trashed.status).toBe(200);
    expect((await json(trashed)).status).toBe("trashed");
    now += 31 * DAY;
    expect((await t.call("GET", `/todos/${todo.id}.json`)).status).toBe(404);

    t.store.account.active = false;
    const inactive = await t.call("GET", "/projects.json");
    expect(inactive.status).toBe(404);
    expect(inactive.headers.get("reason")).toBe("Account Inactive");
  });

  it("answers 422 with field errors and 507 at the project limit", async () => {
    t = await make({ projectLimit: 3 });
    const list = [...t.store.ofType("Todolist")][0];
    const invalid = await t.call("POST", `/todolists/${list.id}/todos.json`, { content: "" });
    expect(invalid.status).toBe(422);
    const body = await json(invalid);
    expect(body.errors.content).toEqual(expect.arrayContaining([expect.stringMatching(/blank/)]));
    expect((await t.call("POST", "/projects.json", { name: "Third" })).status).toBe(201);
    const full = await t.call("POST", "/projects.json", { name: "Fourth" });
    expect(full.status).toBe(507);
    expect((await json(full)).error).toMatch(/limit/i);
  });

  it("puts X-Request-Id on every response", async () => {
    t = await make();
    const answers = await Promise.all([
      t.call("GET", "/projects.json"),
      t.call("GET", "/nope.json"),
      t.fetch(`${t.apiUrl}/${t.accountId}/projects.json`),
      t.fetch(`${t.launchpadUrl}/authorization.json`),
      t.fetch(`${t.apiUrl}/__sim/stats`),
    ]);
    const ids = answers.map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("limits each client to the configured rate with 429 and Retry-After", async () => {
    t = await make({ rateLimit: "5/10s" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.call("GET", "/projects.json")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.call("GET", "/projects.json");
    expect(limited.status).toBe(429);
    const ra = Number(limited.headers.get("retry-after"));
    expect(ra).toBeGreaterThanOrEqual(1);
    expect(ra).toBeLessThanOrEqual(10);
  });

  it("writes IDs above 2^53 exactly and finds records by them", async () => {
    t = await make();
    const big = [...t.store.recordings.values()].find((r) => r.id > BIG_ID_BASE && r.type === "Todo")!;
    expect(big).toBeDefined();
    const r = await t.call("GET", `/todos/${big.id}.json`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain(`"id":${big.id}`);
    expect((parseJson(text) as { id: bigint }).id).toBe(big.id);
  });

  it("serves flat, /buckets legacy and suffixless paths alike", async () => {
    t = await make();
    const todo = [...t.store.ofType("Todo")][0];
    const bodies = await Promise.all(
      [`/todos/${todo.id}.json`, `/todos/${todo.id}`, `/buckets/${todo.bucketId}/todos/${todo.id}.json`, `/buckets/${todo.bucketId}/todos/${todo.id}`].map(async (p) => {
        const r = await t!.call("GET", p);
        expect(r.status, p).toBe(200);
        return r.text();
      }),
    );
    expect(new Set(bodies).size).toBe(1);
    const other = [...t.store.projects.keys()].find((id) => id !== todo.bucketId)!;
    expect((await t.call("GET", `/buckets/${other}/todos/${todo.id}.json`)).status).toBe(404);
  });
});
