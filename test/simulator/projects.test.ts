import { describe, expect, it } from "vitest";
import { all, api, newSim } from "./helpers.js";

const big = (v: unknown): bigint => BigInt(v as number | bigint);

describe("projects", () => {
  it("GET /projects/{id}.json has the reference shape with a full dock", async () => {
    const sim = newSim();
    const p = [...sim.store.projects.values()][0];
    const r = await api(sim, "GET", `/projects/${p.id}.json`);
    expect(r.status).toBe(200);
    for (const k of ["id", "status", "created_at", "updated_at", "name", "description", "purpose", "clients_enabled", "timesheet_enabled", "color", "last_needle_color", "last_needle_position", "previous_needle_position", "bookmark_url", "url", "app_url", "dock", "bookmarked"]) {
      expect(r.body).toHaveProperty(k);
    }
    expect(big(r.body.id)).toBe(p.id);
    expect(r.body.name).toBe(p.name);
    expect(r.body.url).toBe(`${sim.apiUrl}/${sim.accountId}/projects/${p.id}.json`);
    expect(r.body.app_url).toMatch(new RegExp(`/projects/${p.id}$`));
    const names = r.body.dock.map((d: any) => d.name);
    expect(names).toEqual(expect.arrayContaining(["message_board", "todoset", "vault", "chat", "schedule", "questionnaire", "kanban_board", "inbox"]));
    const todoset = r.body.dock.find((d: any) => d.name === "todoset");
    expect(todoset).toMatchObject({ enabled: true, title: "To-dos" });
    expect(todoset.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p.id}/todosets/${todoset.id}.json`);
    expect(r.body.dock.find((d: any) => d.name === "inbox")).toMatchObject({ enabled: false, position: null });
    // Suffixless form; no legacy bucket form for projects; unknown id 404.
    expect((await api(sim, "GET", `/projects/${p.id}`)).status).toBe(200);
    expect((await api(sim, "GET", `/buckets/${p.id}/projects/${p.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", "/projects/1.json")).status).toBe(404);
  });

  it("creates a project (201, dock built, creator = me), newest first in the list", async () => {
    const sim = newSim();
    const c = await api(sim, "POST", "/projects.json", { name: "Launch Plan", description: "<div>All about the launch</div>" });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ name: "Launch Plan", description: "<div>All about the launch</div>", status: "active" });
    expect(c.body.dock).toHaveLength(8);
    const stored = sim.store.projects.get(big(c.body.id))!;
    expect(stored.creatorId).toBe(sim.store.account.ownerId);
    const list = await api(sim, "GET", "/projects.json");
    expect(list.status).toBe(200);
    expect(list.headers.get("x-total-count")).toBe("3");
    expect(big(list.body[0].id)).toBe(stored.id);
    const again = await api(sim, "GET", `/projects/${c.body.id}.json`);
    expect(again.body.name).toBe("Launch Plan");
  });

  it("rejects a blank name with 422", async () => {
    const sim = newSim();
    const r = await api(sim, "POST", "/projects.json", { name: "   " });
    expect(r.status).toBe(422);
    expect(r.body.errors.name).toEqual(["can't be blank"]);
    expect((await api(sim, "POST", "/projects.json", {})).status).toBe(422);
    expect(sim.store.projects.size).toBe(2);
  });

  it("answers 507 at the project limit, and for unarchiving at the limit", async () => {
    const sim = newSim({ projectLimit: 3 });
    const ok = await api(sim, "POST", "/projects.json", { name: "Third" });
    expect(ok.status).toBe(201);
    const full = await api(sim, "POST", "/projects.json", { name: "Fourth" });
    expect(full.status).toBe(507);
    expect(full.body.error).toMatch(/limit/);
    expect(sim.store.projects.size).toBe(3);
    expect((await api(sim, "GET", "/account.json")).body.limits.can_create_projects).toBe(false);

    // Archiving frees a slot; unarchiving when the slot is taken again is 507.
    expect((await api(sim, "PUT", `/projects/${ok.body.id}/status/archived.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/projects/${ok.body.id}.json`)).body.status).toBe("archived");
    const fourth = await api(sim, "POST", "/projects.json", { name: "Fourth" });
    expect(fourth.status).toBe(201);
    const un = await api(sim, "PUT", `/projects/${ok.body.id}/status/active.json`);
    expect(un.status).toBe(507);
    expect((await api(sim, "GET", `/projects/${ok.body.id}.json`)).body.status).toBe("archived");
    // Trash one, then unarchiving works.
    expect((await api(sim, "DELETE", `/projects/${fourth.body.id}.json`)).status).toBe(204);
    expect((await api(sim, "PUT", `/projects/${ok.body.id}/status/active`)).status).toBe(204);
    expect((await api(sim, "GET", `/projects/${ok.body.id}.json`)).body.status).toBe("active");
  });

  it("filters by status: active (default), archived, trashed; bad status is 400", async () => {
    const sim = newSim();
    const [a, b] = [...sim.store.projects.values()];
    expect((await api(sim, "PUT", `/projects/${a.id}/status/archived.json`)).status).toBe(204);
    expect((await api(sim, "DELETE", `/projects/${b.id}.json`)).status).toBe(204);
    expect(sim.store.projects.get(b.id)!.trashedAt).not.toBeNull();
    expect((await api(sim, "GET", "/projects.json")).body).toEqual([]);
    const archived = await api(sim, "GET", "/projects.json?status=archived");
    expect(archived.body.map((p: any) => big(p.id))).toEqual([a.id]);
    const trashed = await api(sim, "GET", "/projects.json?status=trashed");
    expect(trashed.body.map((p: any) => big(p.id))).toEqual([b.id]);
    expect(trashed.body[0].status).toBe("trashed");
    expect((await api(sim, "GET", "/projects.json?status=bogus")).status).toBe(400);
    // A trashed project is read-only.
    expect((await api(sim, "PUT", `/projects/${b.id}.json`, { name: "x" })).status).toBe(403);
  });

  it("updates name, description, schedule dates and admissions; validates them", async () => {
    const sim = newSim();
    const p = [...sim.store.projects.values()][0];
    const r = await api(sim, "PUT", `/projects/${p.id}.json`, { name: "Renamed", description: "New words", schedule_attributes: { start_date: "2030-01-01", end_date: "2030-02-01" }, admissions: "team" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "Renamed", description: "New words", start_date: "2030-01-01", end_date: "2030-02-01" });
    expect(sim.store.projects.get(p.id)!.admissions).toBe("team");
    const read = await api(sim, "GET", `/projects/${p.id}.json`);
    expect(read.body.name).toBe("Renamed");
    expect(Date.parse(read.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(read.body.created_at));

    const bad = async (body: unknown) => (await api(sim, "PUT", `/projects/${p.id}.json`, body)).status;
    expect(await bad({ description: "no name" })).toBe(422);
    expect(await bad({ name: "x", schedule_attributes: { start_date: "2030-01-01" } })).toBe(422);
    expect(await bad({ name: "x", schedule_attributes: { start_date: "2030-03-01", end_date: "2030-01-01" } })).toBe(422);
    expect(await bad({ name: "x", schedule_attributes: { start_date: "2030-13-01", end_date: "2030-14-01" } })).toBe(422);
    expect(await bad({ name: "x", admissions: "everyone" })).toBe(422);
    expect((await api(sim, "GET", `/projects/${p.id}.json`)).body.name).toBe("Renamed");
    expect((await api(sim, "PUT", "/projects/77.json", { name: "x" })).status).toBe(404);
  });

  it("paginates a long project list with Link and X-Total-Count, no repeats", async () => {
    const sim = newSim();
    for (let i = 0; i < 18; i++) expect((await api(sim, "POST", "/projects.json", { name: `P${i}` })).status).toBe(201);
    const first = await api(sim, "GET", "/projects.json");
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("x-total-count")).toBe("20");
    expect(first.headers.get("link")).toMatch(/^<.*page=2>; rel="next"$/);
    const second = await api(sim, "GET", "/projects.json?page=2");
    expect(second.body).toHaveLength(5);
    expect(second.headers.get("link")).toBeNull();
    const everything = await all(sim, "/projects.json");
    expect(new Set(everything.map((p) => String(p.id))).size).toBe(20);
    const created = everything.map((p) => Date.parse(p.created_at));
    expect([...created].sort((x, y) => y - x)).toEqual(created);
  });

  it("keeps IDs above 2^53 exact", async () => {
    const sim = newSim();
    let bigId: unknown;
    for (let i = 0; i < 12 && bigId === undefined; i++) {
      const r = await api(sim, "POST", "/projects.json", { name: `Big ${i}` });
      for (const v of [r.body.id, ...r.body.dock.map((d: any) => d.id)]) if (typeof v === "bigint") bigId = v;
    }
    expect(typeof bigId).toBe("bigint");
    expect(bigId as bigint).toBeGreaterThan(2n ** 53n);
    const project = [...sim.store.projects.values()].find((p) => p.id === bigId || p.dock.includes(bigId as bigint))!;
    const r = await api(sim, "GET", `/projects/${project.id}.json`);
    expect(r.status).toBe(200);
    expect(big(r.body.id)).toBe(project.id);
    expect(r.body.dock.map((d: any) => big(d.id))).toEqual(expect.arrayContaining([bigId]));
  });

  it("numeric-id routes leave static siblings alone and keep plain stats labels", async () => {
    const sim = newSim();
    const p = [...sim.store.projects.keys()][0];
    await api(sim, "GET", `/projects/${p}.json`);
    // Not answered by GET /projects/:id (whatever module owns it, or the 404 fallback).
    await api(sim, "GET", "/projects/recordings.json?type=Todo");
    const routes = [...sim.sim.stats.byRoute.keys()];
    expect(sim.sim.stats.byRoute.get("GET /projects/:id")).toBe(1);
    expect(routes.some((k) => k.includes("{"))).toBe(false);
  });
});
