import { describe, expect, it } from "vitest";
import { restoreStore, serializeStore } from "../../src/simulator/persist.js";
import type { Change } from "../../src/simulator/store/store.js";
import { Store } from "../../src/simulator/store/store.js";
import type { Person, Project, Recording } from "../../src/simulator/store/model.js";
import { renderRecording } from "../../src/simulator/render.js";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;
const str = (v: unknown) => String(v);

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const todos = [...sim.store.ofType("Todo")].filter((t) => t.bucketId === p1.id && t.status === "active");
  const todolist = [...sim.store.ofType("Todolist")].find((t) => t.bucketId === p1.id)!;
  return { sim, p1, p2, todo: todos[0], todolist };
}

function memberToken(sim: Sim, project: Project): { person: Person; auth: Record<string, string> } {
  const person = project.peopleIds.map((id) => sim.store.people.get(id)!).find((p) => !p.admin && !p.owner)!;
  return { person, auth: { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` } };
}

describe("timesheets", () => {
  it("logs time on a to-do: 201 with the entry, an event and a change for webhooks", async () => {
    const { sim, p1, todo } = setup();
    const changes: Change[] = [];
    sim.store.onChange((c) => changes.push(c));
    const r = await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-02-10", hours: "1:30", description: "Prep" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "Timesheet::Entry", title: "Timesheet entry", date: "2026-02-10", hours: "1.5", description: "Prep", status: "active" });
    expect(str(r.body.parent.id)).toBe(str(todo.id));
    expect(str(r.body.bucket.id)).toBe(str(p1.id));
    expect(str(r.body.person.id)).toBe(str(sim.store.account.ownerId));
    const rec = sim.store.getRecording(BigInt(r.body.id))!;
    expect(sim.store.events.get(rec.id)!.map((e) => e.action)).toEqual(["created"]);
    expect(changes.map((c) => [c.recording.type, c.webhookEvent])).toEqual([["Timesheet::Entry", "created"]]);
    // Its url is a path the simulator serves.
    const again = await api(sim, "GET", r.body.url);
    expect(again.status).toBe(200);
    expect(again.body.hours).toBe("1.5");
    // Whole hours read "2.0", as Basecamp writes them.
    const two = await api(sim, "POST", `/buckets/${p1.id}/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-02-11", hours: 2 });
    expect(two.status).toBe(201);
    expect(two.body.hours).toBe("2.0");
  });

  it("validates date, hours and person, and refuses types time can't be logged on", async () => {
    const { sim, p1, p2, todo, todolist } = setup();
    const post = (body: unknown, id: unknown = todo.id) => api(sim, "POST", `/recordings/${id}/timesheet/entries.json`, body);
    expect((await post({ hours: "1" })).body.errors).toHaveProperty("date");
    expect((await post({ date: "2026-02-30", hours: "1" })).status).toBe(422);
    expect((await post({ date: "2026-02-10" })).body.errors).toHaveProperty("hours");
    for (const hours of ["0", "-1", "25", "abc", "1:75"]) expect((await post({ date: "2026-02-10", hours })).status, hours).toBe(422);
    // The person must be a non-client member of the project.
    const outsider = [...sim.store.people.values()].find((p) => !p1.peopleIds.includes(p.id));
    if (outsider) expect((await post({ date: "2026-02-10", hours: "1", person_id: Number(outsider.id) })).body.errors).toHaveProperty("person_id");
    const member = p1.peopleIds[p1.peopleIds.length - 1];
    sim.store.people.get(member)!.client = true;
    expect((await post({ date: "2026-02-10", hours: "1", person_id: Number(member) })).status).toBe(422);
    sim.store.people.get(member)!.client = false;
    const ok = await post({ date: "2026-02-10", hours: "1", person_id: Number(member) });
    expect(ok.status).toBe(201);
    expect(str(ok.body.person.id)).toBe(str(member));
    expect((await post({ date: "2026-02-10", hours: "1" }, todolist.id)).status).toBe(403);
    expect((await post({ date: "2026-02-10", hours: "1" }, 999)).status).toBe(404);
    expect((await api(sim, "POST", `/buckets/${p2.id}/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-02-10", hours: "1" })).status).toBe(404);
  });

  it("updates and deletes an entry for good", async () => {
    const { sim, todo } = setup();
    const made = await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-02-10", hours: "1" });
    const id = made.body.id;
    const up = await api(sim, "PUT", `/timesheet_entries/${id}.json`, { hours: "2.5", description: "More" });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ hours: "2.5", description: "More", date: "2026-02-10" });
    expect((await api(sim, "PUT", `/timesheet_entries/${id}.json`, { hours: "nope" })).status).toBe(422);
    expect(sim.store.events.get(BigInt(id))!.map((e) => e.action)).toEqual(["created", "content_changed"]);
    expect((await api(sim, "DELETE", `/timesheet_entries/${id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/timesheet_entries/${id}.json`)).status).toBe(404);
    expect(sim.store.recordings.has(BigInt(id))).toBe(false);
  });

  it("lists by recording and project with filters, newest work first", async () => {
    const { sim, p1, todo } = setup();
    const other = p1.peopleIds[1];
    await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-01-05", hours: "1" });
    await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-01-20", hours: "2", person_id: Number(other) });
    const byRec = await api(sim, "GET", `/recordings/${todo.id}/timesheet.json`);
    expect(byRec.status).toBe(200);
    const dates = byRec.body.map((e: any) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(byRec.body.every((e: any) => str(e.parent.id) === str(todo.id))).toBe(true);
    const ranged = await api(sim, "GET", `/recordings/${todo.id}/timesheet.json?from=2026-01-01&to=2026-01-10`);
    expect(ranged.body.map((e: any) => e.date)).toEqual(["2026-01-05"]);
    const mine = await api(sim, "GET", `/projects/${p1.id}/timesheet.json?person_id=${other}`);
    expect(mine.body.length).toBeGreaterThanOrEqual(1);
    expect(mine.body.every((e: any) => str(e.person.id) === str(other))).toBe(true);
    expect((await api(sim, "GET", `/projects/${p1.id}/timesheet.json?person_id=abc`)).status).toBe(400);
    expect((await api(sim, "GET", `/projects/999/timesheet.json`)).status).toBe(404);
  });

  it("reports across the account: last month by default, ranges in pairs, admins only", async () => {
    const { sim, p1, p2, todo } = setup();
    const now = new Date(sim.store.now());
    const today = now.toISOString().slice(0, 10);
    const old = new Date(now.getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
    const fresh = await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: today, hours: "1" });
    const stale = await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: old, hours: "1" });
    const report = await api(sim, "GET", "/reports/timesheet.json");
    expect(report.status).toBe(200);
    const ids = report.body.map((e: any) => str(e.id));
    expect(ids).toContain(str(fresh.body.id));
    expect(ids).not.toContain(str(stale.body.id));
    const ranged = await api(sim, "GET", `/reports/timesheet.json?start_date=${old}&end_date=${today}&bucket_id=${p1.id}`);
    expect(ranged.body.map((e: any) => str(e.id))).toContain(str(stale.body.id));
    expect(ranged.body.every((e: any) => str(e.bucket.id) === str(p1.id))).toBe(true);
    const other = await api(sim, "GET", `/reports/timesheet.json?bucket_id=${p2.id}`);
    expect(other.body.every((e: any) => str(e.bucket.id) === str(p2.id))).toBe(true);
    expect((await api(sim, "GET", `/reports/timesheet.json?start_date=${old}`)).status).toBe(400);
    expect((await api(sim, "GET", `/reports/timesheet.json?start_date=2026-13-01&end_date=2026-12-01`)).status).toBe(400);
    expect((await api(sim, "GET", `/reports/timesheet.json?start_date=${today}&end_date=${old}`)).status).toBe(400);
    expect((await api(sim, "GET", `/reports/timesheet.json?bucket_id=x`)).status).toBe(400);
    expect(report.headers.get("link")).toBeNull();
    const { auth } = memberToken(sim, p1);
    expect((await api(sim, "GET", "/reports/timesheet.json", undefined, auth)).status).toBe(403);
  });

  it("keeps entries (and whom they are for) across a save and restore", async () => {
    const { sim, p1, todo } = setup();
    const member = p1.peopleIds[1];
    const made = await api(sim, "POST", `/recordings/${todo.id}/timesheet/entries.json`, { date: "2026-02-10", hours: "3", person_id: Number(member) });
    const copy = new Store(() => sim.store.now());
    restoreStore(copy, serializeStore(sim.store), "state.json");
    const rec = copy.getRecording(BigInt(made.body.id)) as Recording;
    expect(rec.type).toBe("Timesheet::Entry");
    const json = renderRecording({ store: copy, origin: sim.apiUrl, accountId: copy.account.id }, rec);
    expect(json).toMatchObject({ hours: "3.0", date: "2026-02-10" });
    expect(str((json.person as any).id)).toBe(str(member));
    expect((json.person as any).name).toBe(sim.store.people.get(member)!.name);
  });
});
