// Basecamp 2 ("bcx") core families against the simulator: projects, people, accesses, to-do
// lists, to-dos, comments and events; every endpoint of those families in
// reference/basecamp2-endpoints.txt is called, with Basic auth and with a bearer token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { api, newSim, UA } from "./helpers.js";
import { basicOf, BC2_CORE_LINES, bc2Coverage, bc2Request, parseBc2Endpoints, uncalledLines } from "./bc2-endpoints.js";


let sim: InProcessSimulator;
let basic: string;
let bearer: string;




const call = (s: { bc2ApiUrl: string; fetch?: InProcessSimulator["fetch"] }, method: string, path: string, body?: unknown, headers?: Record<string, string>) => bc2Request(s, basic, method, path, body, headers);
const bc2 = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(sim, method, path, body, headers);

async function ok(method: string, path: string, body?: unknown, status = 200): Promise<any> {
  const r = await bc2(method, path, body);
  expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
  return r.body;
}

let projectId: bigint;
let listId: bigint;
let todoId: bigint;

beforeAll(() => {
  sim = newSim({ scale: "tiny" });
  basic = basicOf(sim.bc2User, sim.bc2Password);
  const client = sim.store.auth.apps.values().next().value!;
  bearer = `Bearer ${sim.store.auth.issueTokens(sim.store.account.ownerId, client.clientId, 3600).access_token}`;
});
afterAll(() => sim?.close());

describe("Basecamp 2 foundation", () => {
  it("lists the bcx account, its login and base URL", async () => {
    expect(sim.bc2AccountId).toBe(String(sim.store.account.bcxId));
    expect(sim.bc2ApiUrl).toBe(`${sim.apiUrl}/bcx/${sim.bc2AccountId}/api/v1`);
    expect(sim.bc2User).toBe(sim.store.people.get(sim.store.account.ownerId)!.emailAddress);
    expect(sim.bc2Password.length).toBeGreaterThan(8);
    const lp = await sim.fetch(`${sim.launchpadUrl}/authorization.json`, { headers: { Authorization: `Bearer ${sim.adminToken}` } });
    const accounts = ((await lp.json()) as any).accounts as Array<{ product: string; href: string }>;
    expect(accounts.find((a) => a.product === "bcx")?.href).toBe(sim.bc2ApiUrl);
  });

  it("accepts Basic and bearer tokens, and answers a wrong password with 401 that names User/Password", async () => {
    expect((await bc2("GET", "/people/me.json", undefined, { Authorization: bearer })).body.email_address).toBe(sim.bc2User);
    expect((await bc2("GET", "/people/me.json", undefined, { Authorization: `Bearer ${sim.adminToken}` })).status).toBe(200);
    const wrong = await bc2("GET", "/projects.json", undefined, { Authorization: basicOf(sim.bc2User, "nope") });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(wrong.text).toMatch(/User/);
    expect(wrong.text).toMatch(/Password/);
    expect(wrong.text).not.toMatch(/campctl login/);
    expect((await bc2("GET", "/projects.json", undefined, { Authorization: "Bearer nope" })).status).toBe(401);
    expect((await bc2("GET", "/projects.json", undefined, { Authorization: "" })).status).toBe(401);
  });

  it("requires .json and a JSON content type (415), a User-Agent (400), and the right account (404)", async () => {
    expect((await bc2("GET", "/projects")).status).toBe(415);
    expect((await bc2("GET", "/projects.xml")).status).toBe(415);
    expect((await bc2("POST", "/projects.json", "name=x", { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
    const noUa = await sim.fetch(`${sim.bc2ApiUrl}/projects.json`, { headers: { Authorization: basic } });
    expect(noUa.status).toBe(400);
    expect((await bc2("GET", `${sim.apiUrl}/bcx/999/api/v1/projects.json`)).status).toBe(404);
  });

  it("serves the same account at /{bcxId}/api/v1 without breaking Basecamp 4", async () => {
    const short = await bc2("GET", `${sim.apiUrl}/${sim.bc2AccountId}/api/v1/projects.json`);
    expect(short.status).toBe(200);
    expect(short.body[0].url).toMatch(new RegExp(`/${sim.bc2AccountId}/api/v1/projects/\\d+\\.json$`));
    const bc4 = await api(sim, "GET", "/projects.json");
    expect(bc4.status).toBe(200);
    expect(bc4.body.map((p: any) => String(p.id)).sort()).toEqual(short.body.map((p: any) => String(p.id)).sort());
  });

  it("answers 304 to a matching ETag", async () => {
    const first = await bc2("GET", "/projects.json");
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect((await bc2("GET", "/projects.json", undefined, { "If-None-Match": etag })).status).toBe(304);
  });

  it("limits to 500 requests per 10 s per account (429 + Retry-After), and not when rateLimit is off", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const limited = newSim({ scale: "empty", rateLimit: "50/10s", clock: () => now });
    const auth = { Authorization: basicOf(limited.bc2User, limited.bc2Password), "User-Agent": UA };
    const statuses: number[] = [];
    for (let i = 0; i < 501; i++) statuses.push((await limited.fetch(`${limited.bc2ApiUrl}/people/me.json`, { headers: auth })).status);
    expect(statuses.slice(0, 500).every((s) => s === 200)).toBe(true);
    const last = await limited.fetch(`${limited.bc2ApiUrl}/people/me.json`, { headers: auth });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await last.json()) as { error: string }).error).toMatch(/500 requests per 10 seconds/);
    await limited.close();
    const off: number[] = [];
    for (let i = 0; i < 510; i++) off.push((await bc2("GET", "/people/me.json")).status);
    expect(off.every((s) => s === 200)).toBe(true);
  });
});

describe("Basecamp 2 core endpoints", () => {
  it("projects: list, archived, drafts, get, create (201 + Location), update, archive, delete", async () => {
    const list = await ok("GET", "/projects.json");
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toMatchObject({ archived: false, trashed: false, draft: false, template: false });
    expect(list[0].url).toMatch(/\/projects\/\d+\.json$/);
    const made = await bc2("POST", "/projects.json", { name: "BC2 walk", description: "made through bcx" });
    expect(made.status).toBe(201);
    expect(made.headers.get("location")).toBe(made.body.url);
    projectId = made.body.id;
    const one = await ok("GET", `/projects/${projectId}.json`);
    expect(one).toMatchObject({ name: "BC2 walk", description: "made through bcx" });
    expect(one.todolists).toMatchObject({ remaining_count: 0, completed_count: 0 });
    expect(one.accesses.count).toBe(1);
    expect((await ok("PUT", `/projects/${projectId}.json`, { name: "BC2 walk (renamed)" })).name).toBe("BC2 walk (renamed)");
    expect((await ok("PUT", `/projects/${projectId}.json`, { archived: true })).archived).toBe(true);
    expect((await ok("GET", "/projects/archived.json")).some((p: any) => p.id === projectId)).toBe(true);
    expect((await ok("PUT", `/projects/${projectId}.json`, { archived: false })).archived).toBe(false);
    expect(await ok("GET", "/projects/drafts.json")).toEqual([]);
    expect((await bc2("POST", "/projects.json", {})).status).toBe(422);
    const doomed = (await bc2("POST", "/projects.json", { name: "to delete" })).body.id;
    expect((await bc2("DELETE", `/projects/${doomed}.json`)).status).toBe(204);
    expect((await bc2("GET", `/projects/${doomed}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/projects/${doomed}.json`)).body.status).toBe("trashed");
  });

  it("projects: 507 past the project limit, 403 for a client creating one", async () => {
    const full = newSim({ scale: "tiny", projectLimit: 1 });
    const r = await call(full, "POST", "/projects.json", { name: "one too many" }, { Authorization: basicOf(full.bc2User, full.bc2Password) });
    expect(r.status).toBe(507);
    const client = [...sim.store.people.values()].find((p) => p.client);
    if (client) {
      const tok = sim.store.auth.issueTokens(client.id, sim.clientId, 3600).access_token;
      expect((await bc2("POST", "/projects.json", { name: "x" }, { Authorization: `Bearer ${tok}` })).status).toBe(403);
    }
    await full.close();
  });

  it("people: list, me, get, projects, delete, trashed", async () => {
    const people = await ok("GET", "/people.json");
    expect(people.length).toBe(sim.store.people.size);
    expect(people[0]).toHaveProperty("email_address");
    const me = await ok("GET", "/people/me.json");
    expect(me).toMatchObject({ email_address: sim.bc2User, admin: true, trashed: false });
    const other = people.find((p: any) => p.id !== me.id);
    const got = await ok("GET", `/people/${other.id}.json`);
    expect(got.assigned_todos.url).toMatch(/assigned_todos\.json$/);
    expect((await ok("GET", `/people/${me.id}/projects.json`)).length).toBeGreaterThan(0);
    expect((await bc2("DELETE", `/people/${other.id}.json`)).status).toBe(204);
    expect((await ok("GET", "/people/trashed.json")).map((p: any) => p.id)).toContain(other.id);
    expect((await ok("GET", "/people.json")).map((p: any) => p.id)).not.toContain(other.id);
    expect((await bc2("DELETE", `/people/${me.id}.json`)).status).toBe(403);
  });

  it("accesses: list, grant (204), client access (422 outside client projects), revoke", async () => {
    const someone = [...sim.store.people.values()].find((p) => !p.owner && !sim.store.projects.get(BigInt(projectId))!.peopleIds.includes(p.id))!;
    expect((await ok("GET", `/projects/${projectId}/accesses.json`)).length).toBe(1);
    expect((await bc2("POST", `/projects/${projectId}/accesses.json`, { ids: [someone.id] })).status).toBe(204);
    expect((await ok("GET", `/projects/${projectId}/accesses.json`)).map((p: any) => String(p.id))).toContain(String(someone.id));
    expect((await bc2("POST", `/projects/${projectId}/client_accesses.json`, { ids: [someone.id] })).status).toBe(422);
    sim.store.projects.get(BigInt(projectId))!.clientsEnabled = true;
    expect((await bc2("POST", `/projects/${projectId}/client_accesses.json`, { email_addresses: [someone.emailAddress] })).status).toBe(204);
    sim.store.projects.get(BigInt(projectId))!.clientsEnabled = false;
    expect((await bc2("DELETE", `/projects/${projectId}/accesses/${someone.id}.json`)).status).toBe(204);
    expect((await ok("GET", `/projects/${projectId}/accesses.json`)).map((p: any) => String(p.id))).not.toContain(String(someone.id));
  });

  it("to-do lists and to-dos: create, page by 50, complete, update, trash, the filtered lists", async () => {
    const made = await bc2("POST", `/projects/${projectId}/todolists.json`, { name: "Big list", description: "55 to-dos" });
    expect(made.status).toBe(201);
    expect(made.headers.get("location")).toBe(made.body.url);
    listId = made.body.id;
    expect((await bc2("POST", `/projects/${projectId}/todolists.json`, { name: "x", private: true })).status).toBe(422);
    const me = await ok("GET", "/people/me.json");
    for (let i = 1; i <= 55; i++) {
      const t = await bc2("POST", `/projects/${projectId}/todolists/${listId}/todos.json`, { content: `Task ${i}`, due_at: "2030-01-0" + ((i % 9) + 1), assignee: { id: me.id, type: "Person" } });
      expect(t.status).toBe(201);
      if (i === 1) {
        todoId = t.body.id;
        expect(t.headers.get("location")).toBe(t.body.url);
        expect(t.body).toMatchObject({ content: "Task 1", todolist_id: listId, completed: false, due_on: "2030-01-02", assignee: { id: me.id, type: "Person" } });
      }
    }
    const page1 = await bc2("GET", `/projects/${projectId}/todolists/${listId}/todos.json`);
    expect(page1.body.length).toBe(50);
    expect(page1.headers.get("link")).toBeNull();
    expect((await ok("GET", `/projects/${projectId}/todolists/${listId}/todos.json?page=2`)).length).toBe(5);
    expect((await ok("GET", `/projects/${projectId}/todos.json?page=2`)).length).toBe(5);

    const done = await ok("PUT", `/projects/${projectId}/todos/${todoId}.json`, { completed: true, content: "Task 1 (done)" });
    expect(done).toMatchObject({ completed: true, content: "Task 1 (done)" });
    expect(done.completer.id).toBe(me.id);
    expect((await ok("PUT", `/projects/${projectId}/todos/${todoId}.json`, { assignee: null })).assignee).toBeUndefined();
    expect((await bc2("PUT", `/projects/${projectId}/todos/${todoId}.json`, { content: "" })).status).toBe(422);
    expect((await ok("GET", `/projects/${projectId}/todos/${todoId}.json`)).todolist.id).toBe(listId);
    expect((await ok("GET", `/projects/${projectId}/todos/completed.json`)).map((t: any) => t.id)).toEqual([todoId]);
    expect((await ok("GET", `/projects/${projectId}/todos/remaining.json`)).length).toBe(50);
    expect((await ok("GET", `/projects/${projectId}/todos.json?due_since=2030-01-09`)).every((t: any) => t.due_on >= "2030-01-09")).toBe(true);
    expect((await ok("GET", `/projects/${projectId}/todolists/${listId}/todos/completed.json`)).length).toBe(1);
    expect((await ok("GET", `/projects/${projectId}/todolists/${listId}/todos/remaining.json`)).length).toBe(50);
    const second = (await ok("GET", `/projects/${projectId}/todolists/${listId}/todos/remaining.json`))[0].id;
    expect((await bc2("DELETE", `/projects/${projectId}/todos/${second}.json`)).status).toBe(204);
    expect((await ok("GET", `/projects/${projectId}/todolists/${listId}/todos/trashed.json`)).map((t: any) => t.id)).toEqual([second]);
    expect((await ok("GET", `/projects/${projectId}/todos/${second}.json`)).trashed).toBe(true);

    const full = await ok("GET", `/projects/${projectId}/todolists/${listId}.json`);
    expect(full).toMatchObject({ name: "Big list", completed_count: 1, remaining_count: 53 });
    expect(full.todos.remaining.length).toBe(53);
    expect(full.todos.trashed.length).toBe(1);
    expect((await ok("GET", `/projects/${projectId}/todolists/${listId}.json?exclude_todos=true`)).todos).toBeUndefined();
    expect((await ok("PUT", `/projects/${projectId}/todolists/${listId}.json`, { name: "Big list!", position: 1 })).name).toBe("Big list!");
    expect((await ok("GET", `/projects/${projectId}/todolists.json`)).map((l: any) => l.id)).toContain(listId);
    expect((await ok("GET", "/todolists.json")).map((l: any) => l.id)).toContain(listId);
    expect((await ok("GET", `/people/${me.id}/assigned_todos.json`)).find((l: any) => l.id === listId).assigned_todos.length).toBe(53);
    expect((await ok("GET", `/people/${me.id}/assigned_todos.json?due_since=2030-01-09`)).find((l: any) => l.id === listId).assigned_todos.every((t: any) => t.due_on >= "2030-01-09")).toBe(true);

    // A small list, completed, then trashed.
    const small = (await bc2("POST", `/projects/${projectId}/todolists.json`, { name: "Small" })).body.id;
    const only = (await bc2("POST", `/projects/${projectId}/todolists/${small}/todos.json`, { content: "only" })).body.id;
    await ok("PUT", `/projects/${projectId}/todos/${only}.json`, { completed: true });
    expect((await ok("GET", `/projects/${projectId}/todolists/completed.json`)).map((l: any) => l.id)).toEqual([small]);
    expect((await ok("GET", "/todolists/completed.json")).map((l: any) => l.id)).toContain(small);
    expect((await bc2("DELETE", `/projects/${projectId}/todolists/${small}.json`)).status).toBe(204);
    expect((await ok("GET", `/projects/${projectId}/todolists/trashed.json`)).map((l: any) => l.id)).toEqual([small]);
    expect((await ok("GET", "/todolists/trashed.json")).map((l: any) => l.id)).toContain(small);
    expect((await bc2("PUT", `/projects/${projectId}/todolists/${small}.json`, { name: "no" })).status).toBe(403);

    // Basecamp 4 sees the same records.
    const bc4 = await api(sim, "GET", `/buckets/${projectId}/todos/${todoId}.json`);
    expect(bc4.body).toMatchObject({ completed: true, content: "Task 1 (done)" });
  });

  it("comments: create on a to-do and a list (201 + Location), delete", async () => {
    const c1 = await bc2("POST", `/projects/${projectId}/todos/${todoId}/comments.json`, { content: "Looks good" });
    expect(c1.status).toBe(201);
    expect(c1.headers.get("location")).toMatch(new RegExp(`/projects/${projectId}/comments/${c1.body.id}\\.json$`));
    expect(c1.body).toMatchObject({ content: "Looks good", trashed: false });
    expect((await bc2("POST", `/projects/${projectId}/todolists/${listId}/comments.json`, { content: "On the list" })).status).toBe(201);
    expect((await ok("GET", `/projects/${projectId}/todos/${todoId}.json`)).comments.map((c: any) => c.id)).toContain(c1.body.id);
    expect((await bc2("POST", `/projects/${projectId}/nonsense/${todoId}/comments.json`, { content: "x" })).status).toBe(422);
    expect((await bc2("POST", `/projects/${projectId}/todos/${todoId}/comments.json`, {})).status).toBe(422);
    expect((await bc2("DELETE", `/projects/${projectId}/comments/${c1.body.id}.json`)).status).toBe(204);
    expect((await ok("GET", `/projects/${projectId}/todos/${todoId}.json`)).comments_count).toBe(0);
    expect((await ok("GET", `/projects/${projectId}/todolists/${listId}.json`)).comments_count).toBe(1);
  });

  it("events: since a time, for the account, a project and a person; changes through BC2 reach BC4 events", async () => {
    expect((await bc2("GET", "/events.json")).status).toBe(400);
    const since = new Date(sim.store.now() - 1).toISOString();
    const t = (await bc2("POST", `/projects/${projectId}/todolists/${listId}/todos.json`, { content: "Watch me" })).body.id;
    await ok("PUT", `/projects/${projectId}/todos/${t}.json`, { completed: true });
    const feed = await ok("GET", `/events.json?since=${encodeURIComponent(since)}`);
    const mine = feed.filter((e: any) => e.eventable.id === t);
    expect(mine.map((e: any) => e.action).sort()).toEqual(["completed a to-do", "created a to-do"]);
    expect(mine[0]).toMatchObject({ target: "Watch me", eventable: { type: "Todo" }, bucket: { id: projectId, type: "Project" } });
    expect((await ok("GET", `/projects/${projectId}/events.json?since=${encodeURIComponent(since)}`)).length).toBe(feed.filter((e: any) => e.bucket.id === projectId).length);
    const me = await ok("GET", "/people/me.json");
    expect((await ok("GET", `/people/${me.id}/events.json?since=${encodeURIComponent(since)}`)).length).toBeGreaterThanOrEqual(2);
    expect((await ok("GET", "/events.json?since=2000-01-01T00:00:00Z&page=1")).length).toBe(50);
    const bc4 = await api(sim, "GET", `/buckets/${projectId}/recordings/${t}/events.json`);
    expect(bc4.body.map((e: any) => e.action)).toEqual(expect.arrayContaining(["created", "completed"]));
  });

  it("called every core endpoint of reference/basecamp2-endpoints.txt with a success", () => {
    const all = parseBc2Endpoints();
    expect(all.length).toBe(124);
    const core = all.filter((e) => BC2_CORE_LINES.includes(e.line));
    expect(core.length).toBe(BC2_CORE_LINES.length);
    const served = bc2Coverage().served.map((e) => e.line);
    for (const e of core) expect(served, `${e.line} is not served`).toContain(e.line);
    expect(uncalledLines(sim.sim.stats, BC2_CORE_LINES)).toEqual([]);
  });
});

describe("Basecamp 2 over a real port", () => {
  it("reads and writes with Basic at both mount paths", async () => {
    const running = await startSimulator({ scale: "tiny", rateLimit: "off" });
    try {
      const auth = { Authorization: basicOf(running.bc2User, running.bc2Password) };
      const projects = await call({ bc2ApiUrl: running.bc2ApiUrl }, "GET", "/projects.json", undefined, auth);
      expect(projects.status).toBe(200);
      const pid = projects.body[0].id;
      const short = `${running.apiUrl}/${running.bc2AccountId}/api/v1`;
      const list = await call({ bc2ApiUrl: short }, "POST", `/projects/${pid}/todolists.json`, { name: "Over the wire" }, auth);
      expect(list.status).toBe(201);
      expect(list.headers.get("location")).toBe(`${short}/projects/${pid}/todolists/${list.body.id}.json`);
      const wrong = await call({ bc2ApiUrl: running.bc2ApiUrl }, "GET", "/projects.json", undefined, { Authorization: basicOf(running.bc2User, "bad") });
      expect(wrong.status).toBe(401);
    } finally {
      await running.close();
    }
  });
});
