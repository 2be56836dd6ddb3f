// Basecamp 2 ("bcx") calendars, calendar events, groups, stars, project templates and drafts
// against the simulator, with HTTP Basic: every endpoint line of those families in
// reference/basecamp2-endpoints.txt is called and checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { api, newSim } from "./helpers.js";
import { bc2Request, parseBc2Endpoints, routeFor, type Bc2Res } from "./bc2-endpoints.js";

type Res = Bc2Res;

let sim: InProcessSimulator;
let basic: string;
const bc2 = (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res> => bc2Request(sim, basic, method, path, body, headers);



async function ok(method: string, path: string, body?: unknown, status = 200): Promise<any> {
  const r = await bc2(method, path, body);
  expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
  return r.body;
}

async function made(path: string, body: unknown): Promise<any> {
  const r = await bc2("POST", path, body);
  expect(r.status, `POST ${path}: ${r.text}`).toBe(201);
  expect(r.headers.get("location")).toBe(r.body.url);
  return r.body;
}

const day = (offset: number) => new Date(sim.store.now() + offset * 86_400_000).toISOString().slice(0, 10);
let projectId: bigint;

/** The project's live schedule entries, straight from the store. */
function entries(id: bigint): unknown[] {
  const schedule = sim.store.dockTool(BigInt(id), "Schedule");
  return schedule ? sim.store.childrenOf(schedule.id, ["Schedule::Entry"]).filter((e) => e.status === "active") : [];
}

beforeAll(async () => {
  sim = newSim({ scale: "tiny" });
  basic = `Basic ${Buffer.from(`${sim.bc2User}:${sim.bc2Password}`).toString("base64")}`;
  projectId = (await ok("GET", "/projects.json"))[0].id;
});
afterAll(() => sim?.close());

describe("Basecamp 2 project calendar events (the project's schedule entries)", () => {
  it("creates, lists (upcoming, past, date windows), gets, updates and deletes", async () => {
    const base = `/projects/${projectId}/calendar_events`;
    const allDay = await made(`${base}.json`, { summary: "Launch day", description: "Ship it", all_day: true, starts_at: day(3) });
    expect(allDay).toMatchObject({ summary: "Launch day", all_day: true, starts_at: day(3), ends_at: day(3), private: false, trashed: false, comments: [] });
    const timed = await made(`${base}.json`, { summary: "Standup", starts_at: `${day(4)}T09:00:00-05:00`, ends_at: `${day(4)}T09:15:00-05:00`, remind_at: `${day(4)}T08:30:00-05:00` });
    expect(timed).toMatchObject({ all_day: false, starts_at: `${day(4)}T14:00:00.000Z`, ends_at: `${day(4)}T14:15:00.000Z`, remind_at: `${day(4)}T13:30:00.000Z` });
    const old = await made(`${base}.json`, { summary: "Kickoff", all_day: true, starts_at: day(-10), ends_at: day(-9) });

    // BC4 sees the same entries on the project's schedule.
    const bc4 = await api(sim, "GET", `/buckets/${projectId}/schedule_entries/${allDay.id}.json`);
    expect(bc4.status).toBe(200);
    expect(bc4.body).toMatchObject({ summary: "Launch day", all_day: true, type: "Schedule::Entry" });

    const upcoming = (await ok("GET", `${base}.json`)).map((e: any) => e.id);
    expect(upcoming).toEqual(expect.arrayContaining([allDay.id, timed.id]));
    expect(upcoming).not.toContain(old.id);
    expect(upcoming.indexOf(allDay.id)).toBeLessThan(upcoming.indexOf(timed.id));
    expect((await ok("GET", `${base}/past.json`)).map((e: any) => e.id)).toContain(old.id);
    const window = (await ok("GET", `${base}.json?start_date=${day(-10)}`)).map((e: any) => e.id);
    expect(window).toEqual(expect.arrayContaining([old.id, allDay.id, timed.id]));
    const narrow = (await ok("GET", `${base}.json?start_date=${day(3)}&end_date=${day(3)}`)).map((e: any) => e.id);
    expect(narrow).toContain(allDay.id);
    expect(narrow).not.toContain(timed.id);
    expect((await bc2("GET", `${base}.json?start_date=soon`)).status).toBe(400);

    const one = await ok("GET", `${base}/${timed.id}.json`);
    expect(one).toMatchObject({ id: timed.id, summary: "Standup", subscribers: [expect.objectContaining({ name: expect.any(String) })] });
    const changed = await ok("PUT", `${base}/${allDay.id}.json`, { summary: "Launch days", ends_at: day(5) });
    expect(changed).toMatchObject({ summary: "Launch days", starts_at: day(3), ends_at: day(5), all_day: true });

    expect((await bc2("POST", `${base}.json`, { starts_at: day(1) })).status).toBe(422);
    expect((await bc2("POST", `${base}.json`, { summary: "No date" })).status).toBe(400);
    expect((await bc2("POST", `${base}.json`, { summary: "Bad date", starts_at: "2014-02-30" })).status).toBe(400);
    expect((await bc2("POST", `${base}.json`, { summary: "Early reminder", starts_at: `${day(9)}T09:00:00Z`, remind_at: `${day(1)}T09:00:00Z` })).status).toBe(422);
    expect((await bc2("PUT", `${base}/${timed.id}.json`, { summary: "" })).status).toBe(422);
    const p = sim.store.projects.get(BigInt(projectId))!;
    if (!p.clientsEnabled) expect((await bc2("PUT", `${base}/${timed.id}.json`, { private: true })).status).toBe(422);

    expect((await bc2("DELETE", `${base}/${old.id}.json`)).status).toBe(204);
    expect((await ok("GET", `${base}/${old.id}.json`)).trashed).toBe(true);
    expect((await ok("GET", `${base}/past.json`)).map((e: any) => e.id)).not.toContain(old.id);
    expect((await bc2("GET", `${base}/99999999.json`)).status).toBe(404);
    expect((await bc2("GET", `/projects/99999999/calendar_events.json`)).status).toBe(404);
    const counter = (await ok("GET", `/projects/${projectId}.json`)).calendar_events;
    expect(counter).toMatchObject({ count: entries(projectId).length, url: expect.stringMatching(/\/calendar_events\.json$/) });
  });
});

describe("Basecamp 2 account calendars", () => {
  it("lists the seeded calendar, creates, gets, renames, lists accesses and deletes", async () => {
    const seeded = await ok("GET", "/calendars.json");
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded[0]).toMatchObject({ name: expect.any(String), url: expect.stringMatching(/\/calendars\/\d+\.json$/) });
    const cal = await made("/calendars.json", { name: "Vacation" });
    expect(cal).toMatchObject({ name: "Vacation", accesses: { count: 1 }, calendar_events: { count: 0, updated_at: null } });
    expect(cal.calendar_events.urls.past).toMatch(/\/calendars\/\d+\/calendar_events\/past\.json$/);
    const names = (await ok("GET", "/calendars.json")).map((c: any) => c.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    expect(await ok("GET", `/calendars/${cal.id}.json`)).toMatchObject({ id: cal.id, name: "Vacation", creator: { name: expect.any(String) } });
    expect((await ok("PUT", `/calendars/${cal.id}.json`, { name: "Time off" })).name).toBe("Time off");
    const accesses = await ok("GET", `/calendars/${cal.id}/accesses.json`);
    expect(accesses).toEqual([expect.objectContaining({ email_address: sim.bc2User, is_client: false })]);
    expect((await bc2("POST", "/calendars.json", { name: " " })).status).toBe(422);
    expect((await bc2("PUT", `/calendars/${cal.id}.json`, { name: "" })).status).toBe(422);
    expect((await bc2("DELETE", `/calendars/${cal.id}.json`)).status).toBe(204);
    expect((await bc2("GET", `/calendars/${cal.id}.json`)).status).toBe(404);
  });

  it("holds events: create, list upcoming/past/windows, get, update, delete; never private", async () => {
    const cal = await made("/calendars.json", { name: "Board meetings" });
    const base = `/calendars/${cal.id}/calendar_events`;
    const next = await made(`${base}.json`, { summary: "Board meeting", starts_at: `${day(2)}T15:00:00Z` });
    expect(next).toMatchObject({ summary: "Board meeting", all_day: false, starts_at: `${day(2)}T15:00:00.000Z`, ends_at: `${day(2)}T15:00:00.000Z`, private: false });
    expect(next.url).toMatch(new RegExp(`/calendars/${cal.id}/calendar_events/${next.id}\\.json$`));
    const last = await made(`${base}.json`, { summary: "Last board meeting", all_day: true, starts_at: day(-20) });
    expect((await ok("GET", `${base}.json`)).map((e: any) => e.id)).toEqual([next.id]);
    expect((await ok("GET", `${base}/past.json`)).map((e: any) => e.id)).toEqual([last.id]);
    expect((await ok("GET", `${base}.json?start_date=${day(-21)}`)).map((e: any) => e.id)).toEqual([last.id, next.id]);
    expect((await ok("GET", `${base}.json?start_date=${day(-21)}&end_date=${day(-1)}`)).map((e: any) => e.id)).toEqual([last.id]);
    expect(await ok("GET", `${base}/${next.id}.json`)).toMatchObject({ id: next.id, comments: [], subscribers: [expect.anything()] });
    const moved = await ok("PUT", `${base}/${next.id}.json`, { summary: "Board meeting (moved)", all_day: true, starts_at: day(6) });
    expect(moved).toMatchObject({ summary: "Board meeting (moved)", all_day: true, starts_at: day(6), ends_at: day(6) });
    expect((await bc2("POST", `${base}.json`, { summary: "Secret", starts_at: day(1), private: true })).status).toBe(422);
    expect((await bc2("POST", `${base}.json`, { summary: "Sometime", starts_at: "next week" })).status).toBe(400);
    expect((await ok("GET", `/calendars/${cal.id}.json`)).calendar_events.count).toBe(2);

    // Account-wide: projects' and calendars' events in the window, each with its bucket.
    const all = await ok("GET", `/calendar_events.json?start_date=${day(-21)}`);
    const mine = all.find((e: any) => e.id === last.id);
    expect(mine.bucket).toMatchObject({ id: cal.id, type: "Calendar", name: "Board meetings" });
    expect(all.some((e: any) => e.bucket.type === "Project")).toBe(true);
    const starts = all.map((e: any) => Date.parse(e.starts_at));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const twoDays = await ok("GET", `/calendar_events.json?start_date=${day(6)}&end_date=${day(7)}`);
    expect(twoDays.map((e: any) => e.id)).toContain(next.id);
    expect(twoDays.map((e: any) => e.id)).not.toContain(last.id);

    expect((await bc2("DELETE", `${base}/${last.id}.json`)).status).toBe(204);
    expect((await bc2("GET", `${base}/${last.id}.json`)).status).toBe(404);
    expect((await bc2("GET", `/calendars/999999/calendar_events/${next.id}.json`)).status).toBe(404);
  });
});

describe("Basecamp 2 groups and subgroups", () => {
  it("seeds a group per company; creates, gets, updates, removes members and deletes", async () => {
    const seeded = await ok("GET", "/groups.json");
    const companies = [...sim.store.companies.values()].map((c) => c.name);
    expect(seeded.map((g: any) => g.name)).toEqual(expect.arrayContaining(companies));
    const people = [...sim.store.people.values()].slice(0, 3);
    const [a, b, c] = people.map((p) => Number(p.id));

    const g = await made("/groups.json", { name: "Partners", memberships: [{ person_id: a }, { person_id: b }] });
    expect(g).toMatchObject({ name: "Partners", subgroups: [] });
    expect(g.memberships.map((m: any) => m.id)).toEqual([a, b]);
    expect(g.memberships[0]).toMatchObject({ identity_id: expect.anything(), email_address: expect.any(String), admin: expect.any(Boolean), url: expect.stringMatching(/\/people\/\d+\.json$/) });
    const renamed = await ok("PUT", `/groups/${g.id}.json`, { name: "Partner firms", memberships: [{ person_id: c }] });
    expect(renamed.name).toBe("Partner firms");
    expect(renamed.memberships.map((m: any) => m.id)).toEqual([a, b, c]);

    const sub = await made(`/groups/${g.id}/subgroups.json`, { name: "Designers", memberships: [{ person_id: a }] });
    expect(sub).toMatchObject({ name: "Designers", parent_id: g.id, memberships: [expect.objectContaining({ id: a })] });
    expect(await ok("GET", `/groups/${g.id}/subgroups/${sub.id}.json`)).toMatchObject({ id: sub.id, parent_id: g.id });
    expect((await ok("PUT", `/groups/${g.id}/subgroups/${sub.id}.json`, { name: "Design", memberships: [{ person_id: b }] })).memberships.map((m: any) => m.id)).toEqual([a, b]);
    const listed = (await ok("GET", "/groups.json")).find((x: any) => x.id === g.id);
    expect(listed.subgroups).toEqual([expect.objectContaining({ id: sub.id, name: "Design" })]);
    const full = await ok("GET", `/groups/${g.id}.json`);
    expect(full.subgroups.map((s: any) => s.id)).toEqual([sub.id]);

    // Removing from the group removes from its subgroups too.
    expect((await bc2("DELETE", `/groups/${g.id}/subgroups/${sub.id}/memberships/${b}.json`)).status).toBe(204);
    expect((await ok("GET", `/groups/${g.id}/subgroups/${sub.id}.json`)).memberships.map((m: any) => m.id)).toEqual([a]);
    expect((await bc2("DELETE", `/groups/${g.id}/memberships/${a}.json`)).status).toBe(204);
    expect((await ok("GET", `/groups/${g.id}.json`)).memberships.map((m: any) => m.id)).toEqual([b, c]);
    expect((await ok("GET", `/groups/${g.id}/subgroups/${sub.id}.json`)).memberships).toEqual([]);
    expect((await bc2("DELETE", `/groups/${g.id}/memberships/${a}.json`)).status).toBe(204);
    expect((await bc2("DELETE", `/groups/${g.id}/memberships/99999999.json`)).status).toBe(404);

    expect((await bc2("POST", "/groups.json", { memberships: [] })).status).toBe(422);
    expect((await bc2("POST", "/groups.json", { name: "Ghosts", memberships: [{ person_id: 42 }] })).status).toBe(422);
    expect((await bc2("POST", `/groups/${g.id}/subgroups.json`, { name: "Outsiders", memberships: [{ person_id: a }] })).status).toBe(422);
    expect((await bc2("GET", `/groups/${sub.id}.json`)).status).toBe(404);

    expect((await bc2("DELETE", `/groups/${g.id}/subgroups/${sub.id}.json`)).status).toBe(204);
    expect((await bc2("GET", `/groups/${g.id}/subgroups/${sub.id}.json`)).status).toBe(404);
    expect((await bc2("DELETE", `/groups/${g.id}.json`)).status).toBe(204);
    expect((await bc2("GET", `/groups/${g.id}.json`)).status).toBe(404);
  });
});

describe("Basecamp 2 stars, project templates and drafts", () => {
  it("stars and unstars a project; starred shows on the project", async () => {
    const first = await made("/projects.json", { name: "Star me" });
    const r = await bc2("POST", `/projects/${first.id}/star.json`);
    expect(r.status).toBe(201);
    expect(r.text).toBe("");
    const stars = await ok("GET", "/stars.json");
    expect(stars.find((s: any) => s.project_id === first.id)).toMatchObject({ url: expect.stringMatching(new RegExp(`/projects/${first.id}/star\\.json$`)), created_at: expect.any(String) });
    expect((await ok("GET", `/projects/${first.id}.json`)).starred).toBe(true);
    expect((await bc2("DELETE", `/projects/${first.id}/star.json`)).status).toBe(204);
    expect((await ok("GET", "/stars.json")).map((s: any) => s.project_id)).not.toContain(first.id);
    expect((await ok("GET", `/projects/${first.id}.json`)).starred).toBe(false);
    expect((await bc2("POST", "/projects/99999999/star.json")).status).toBe(404);
  });

  it("lists and creates templates, makes a draft project from one, and publishes it", async () => {
    const before = await ok("GET", "/project_templates.json");
    expect(before.length).toBeGreaterThan(0);
    expect(before[0]).toMatchObject({ template: true, archived: false, trashed: false });
    const t = await made("/project_templates.json", { name: "Client project", description: "Let's get started!" });
    expect(t).toMatchObject({ name: "Client project", description: "Let's get started!", template: true, todolists: { remaining_count: 0 } });
    expect((await ok("GET", "/project_templates.json")).map((x: any) => x.id)).toContain(t.id);
    expect((await bc2("POST", "/project_templates.json", { description: "no name" })).status).toBe(422);

    const draft = await made(`/project_templates/${t.id}/projects.json`, {});
    expect(draft).toMatchObject({ name: "Client project", description: "Let's get started!", draft: true, template: false });
    const named = await made(`/project_templates/${t.id}/projects.json`, { name: "Acme site" });
    expect(named).toMatchObject({ name: "Acme site", draft: true });
    const drafts = (await ok("GET", "/projects/drafts.json")).map((p: any) => p.id);
    expect(drafts).toEqual(expect.arrayContaining([draft.id, named.id]));
    expect((await ok("GET", "/projects.json")).map((p: any) => p.id)).not.toContain(draft.id);

    const published = await ok("POST", `/projects/${draft.id}/publish.json`);
    expect(published).toMatchObject({ id: draft.id, draft: false });
    expect((await ok("GET", "/projects.json")).map((p: any) => p.id)).toContain(draft.id);
    expect((await ok("GET", "/projects/drafts.json")).map((p: any) => p.id)).toEqual([named.id]);
    expect((await bc2("POST", "/project_templates/99999999/projects.json", {})).status).toBe(404);
    expect((await bc2("POST", "/projects/99999999/publish.json")).status).toBe(404);
  });

  it("grants client access in client projects", async () => {
    const p = await made("/projects.json", { name: "With clients" });
    sim.store.projects.get(BigInt(p.id))!.clientsEnabled = true;
    const someone = [...sim.store.people.values()].find((x) => x.id !== sim.store.account.ownerId)!;
    expect((await bc2("POST", `/projects/${p.id}/client_accesses.json`, { ids: [someone.id] })).status).toBe(204);
    expect((await ok("GET", `/projects/${p.id}/accesses.json`)).map((x: any) => x.id)).toContain(Number(someone.id));
  });
});

const MINE = /^(GET|POST|PUT|DELETE) \/(calendars|calendar_events|groups|stars|project_templates)|\/calendar_events|\/star\.json|\/projects\/drafts|\/publish|\/client_accesses/;

describe("coverage", () => {
  it("served every endpoint line of these families with a success", () => {
    const lines = parseBc2Endpoints().filter((e) => MINE.test(e.line));
    expect(lines.length).toBe(43);
    const seen = sim.sim.stats.byRouteStatus;
    for (const e of lines) {
      const route = routeFor(e);
      expect(route, `${e.line} has no route`).toBeDefined();
      const label = `BC2 ${route!.method} ${route!.path}`;
      const hit = [...seen.keys()].some((k) => k.startsWith(`${label} `) && /\s(200|201|204)$/.test(k));
      expect(hit, `${e.line} (${label}) was not called successfully`).toBe(true);
    }
  });
});
