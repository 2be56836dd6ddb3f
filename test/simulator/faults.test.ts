import { afterEach, describe, expect, it } from "vitest";
import { json, TARGETS, type Target } from "./targets.js";

async function setFaults(t: Target, body: unknown, token = t.adminToken): Promise<Response> {
  return t.fetch(`${t.apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

async function stats(t: Target): Promise<any> {
  const r = await t.fetch(`${t.apiUrl}/__sim/stats`, { headers: { Authorization: `Bearer ${t.adminToken}` } });
  expect(r.status).toBe(200);
  return r.json();
}

describe.each(TARGETS)("faults and counters (%s)", (_name, make) => {
  let t: Target | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("requires the admin token", async () => {
    t = await make();
    expect((await setFaults(t, { latencyMs: 1 }, "wrong")).status).toBe(401);
    expect((await t.fetch(`${t.apiUrl}/__sim/stats`)).status).toBe(401);
  });

  it("rejects a malformed fault spec with a message naming the field", async () => {
    t = await make();
    const r = await setFaults(t, { errors: { rate: 3 } });
    expect(r.status).toBe(400);
    expect((await json(r)).error).toMatch(/errors\.rate/);
  });

  it("injects 5xx answers in turn, then stops", async () => {
    t = await make();
    expect((await setFaults(t, { errors: { count: 4 } })).status).toBe(200);
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push((await t.call("GET", "/projects.json")).status);
    expect(got).toEqual([500, 502, 503, 504, 200]);
    const s = await stats(t);
    expect(s.faults_injected).toBe(4);
    expect(s.by_status["503"]).toBe(1);
  });

  it("injects errors at a rate, only on matching paths", async () => {
    t = await make();
    await setFaults(t, { errors: { rate: 1, statuses: [503] }, match: "/todos/" });
    const todo = [...t.store.ofType("Todo")][0];
    expect((await t.call("GET", `/todos/${todo.id}.json`)).status).toBe(503);
    expect((await t.call("GET", "/projects.json")).status).toBe(200);
    await t.fetch(`${t.apiUrl}/__sim/faults`, { method: "DELETE", headers: { Authorization: `Bearer ${t.adminToken}` } });
    expect((await t.call("GET", `/todos/${todo.id}.json`)).status).toBe(200);
  });

  it("adds latency", async () => {
    t = await make();
    await setFaults(t, { latencyMs: 120 });
    const started = performance.now();
    expect((await t.call("GET", "/projects.json")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("resets connections: the client sees a network error", async () => {
    t = await make();
    await setFaults(t, { resets: { count: 1 } });
    await expect(t.call("GET", "/projects.json")).rejects.toThrow(/fetch failed/);
    expect((await t.call("GET", "/projects.json")).status).toBe(200);
  });

  it("truncates bodies: the headers arrive, reading the body fails", async () => {
    t = await make();
    await setFaults(t, { truncate: { count: 1 } });
    const r = await t.call("GET", "/projects.json");
    expect(r.status).toBe(200);
    await expect(r.text()).rejects.toThrow();
    const ok = await t.call("GET", "/projects.json");
    expect(Array.isArray(await json(ok))).toBe(true);
  });

  it("runs a 429 storm with Retry-After", async () => {
    t = await make();
    await setFaults(t, { rateLimitStorm: { count: 2, retryAfter: 3 } });
    const a = await t.call("GET", "/projects.json");
    const b = await t.call("GET", "/projects.json");
    const c = await t.call("GET", "/projects.json");
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers.get("retry-after")).toBe("3");
  });

  it("forces token expiry and marks the account inactive", async () => {
    t = await make();
    const tok = t.store.auth.issueTokens(t.store.account.ownerId, t.clientId, 3600).access_token;
    const auth = { Authorization: `Bearer ${tok}` };
    expect((await t.call("GET", "/projects.json", undefined, auth)).status).toBe(200);
    const r = await setFaults(t, { expireTokens: true });
    expect((await json(r)).expired_tokens).toBeGreaterThanOrEqual(1);
    expect((await t.call("GET", "/projects.json", undefined, auth)).status).toBe(401);

    await setFaults(t, { accountInactive: true });
    const gone = await t.call("GET", "/projects.json");
    expect(gone.status).toBe(404);
    expect(gone.headers.get("reason")).toBe("Account Inactive");
    await setFaults(t, { accountInactive: false });
    expect((await t.call("GET", "/projects.json")).status).toBe(200);
  });

  it("counts requests by route and status", async () => {
    t = await make();
    const todo = [...t.store.ofType("Todo")][0];
    await t.call("GET", "/projects.json");
    await t.call("GET", "/projects.json");
    await t.call("GET", `/buckets/${todo.bucketId}/todos/${todo.id}.json`);
    await t.call("GET", "/missing.json");
    const s = await stats(t);
    expect(s.total).toBe(4);
    expect(s.by_route["GET /projects"]).toBe(2);
    expect(s.by_route["GET /buckets/:bucket/todos/:id"]).toBe(1);
    expect(s.by_route_status["GET /projects 200"]).toBe(2);
    expect(s.by_status["404"]).toBe(1);
  });
});
