import { describe, expect, it } from "vitest";
import { all, api, newSim } from "./helpers.js";

const big = (v: unknown): bigint => BigInt(v as number | bigint);

describe("account", () => {
  it("GET /account.json has the reference shape with the project limit", async () => {
    const sim = newSim({ projectLimit: 7 });
    const r = await api(sim, "GET", "/account.json");
    expect(r.status).toBe(200);
    expect(String(r.body.id)).toBe(sim.accountId);
    expect(r.body).toMatchObject({ name: "Sandbox Co.", active: true, trial: false, frozen: false, paused: false });
    expect(r.body.owner_name).toBe(sim.store.people.get(sim.store.account.ownerId)!.name);
    expect(Object.keys(r.body.limits).sort()).toEqual(["can_create_projects", "can_pin_projects", "can_create_users", "can_upload_files"].sort());
    expect(r.body.limits.can_create_projects).toBe(true);
    expect(r.body.subscription.project_limit).toBe(7);
    expect(r.body.settings).toEqual({ company_hq_enabled: true, teams_enabled: true, projects_enabled: true });
    expect(r.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    // Suffixless form works too; the bucket form does not exist.
    expect((await api(sim, "GET", "/account")).status).toBe(200);
    const p = [...sim.store.projects.keys()][0];
    expect((await api(sim, "GET", `/buckets/${p}/account.json`)).status).toBe(404);
  });

  it("reports can_create_projects false at the limit", async () => {
    const sim = newSim({ projectLimit: 2 });
    const r = await api(sim, "GET", "/account.json");
    expect(r.body.limits.can_create_projects).toBe(false);
  });
});

describe("people", () => {
  it("lists people with Person shape and reads one by id", async () => {
    const sim = newSim();
    const r = await api(sim, "GET", "/people.json");
    expect(r.status).toBe(200);
    expect(r.headers.get("x-total-count")).toBe(String(sim.store.people.size));
    expect(r.body).toHaveLength(sim.store.people.size);
    const p = r.body[0];
    for (const k of ["id", "attachable_sgid", "name", "email_address", "personable_type", "title", "created_at", "updated_at", "admin", "owner", "client", "employee", "time_zone", "avatar_url", "can_ping"]) {
      expect(p).toHaveProperty(k);
    }
    const one = await api(sim, "GET", `/people/${p.id}.json`);
    expect(one.status).toBe(200);
    expect(one.body.email_address).toBe(p.email_address);
    expect((await api(sim, "GET", `/people/${p.id}`)).status).toBe(200);
    expect((await api(sim, "GET", "/people/999999.json")).status).toBe(404);
  });

  it("paginates /people.json when the account has many people", async () => {
    const sim = newSim();
    const emails = Array.from({ length: 20 }, (_, i) => ({ name: `Extra ${i}`, email_address: `extra${i}@example.com` }));
    const project = [...sim.store.projects.keys()][0];
    const g = await api(sim, "PUT", `/projects/${project}/people/users.json`, { create: emails });
    expect(g.status).toBe(200);
    const total = sim.store.people.size;
    expect(total).toBe(24);
    const first = await api(sim, "GET", "/people.json");
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("x-total-count")).toBe("24");
    expect(first.headers.get("link")).toMatch(/page=2>; rel="next"/);
    const everyone = await all(sim, "/people.json");
    expect(everyone).toHaveLength(24);
    expect(new Set(everyone.map((p) => String(p.id))).size).toBe(24);
  });

  it("GET /my/profile.json is the signed-in person; PUT updates it (204) and rejects a taken email", async () => {
    const sim = newSim();
    const me = await api(sim, "GET", "/my/profile.json");
    expect(me.status).toBe(200);
    expect(big(me.body.id)).toBe(sim.store.account.ownerId);
    expect(me.body.owner).toBe(true);

    const put = await api(sim, "PUT", "/my/profile.json", { name: "Jordan Renamed", title: "Boss", bio: "Hi", location: "Lisbon", time_zone_name: "Europe/Lisbon", first_week_day: 1, time_format: "twenty_four_hour" });
    expect(put.status).toBe(204);
    const again = await api(sim, "GET", "/my/profile");
    expect(again.body).toMatchObject({ name: "Jordan Renamed", title: "Boss", bio: "Hi", location: "Lisbon", time_zone: "Europe/Lisbon" });

    const other = [...sim.store.people.values()].find((p) => !p.owner)!;
    const taken = await api(sim, "PUT", "/my/profile.json", { email_address: other.emailAddress });
    expect(taken.status).toBe(422);
    expect(taken.body.errors.email_address).toBeDefined();
    expect((await api(sim, "PUT", "/my/profile.json", { name: "  " })).status).toBe(422);
    expect((await api(sim, "PUT", "/my/profile.json", { first_week_day: 3 })).status).toBe(422);
    expect((await api(sim, "PUT", "/my/profile.json", { time_format: "fortnightly" })).status).toBe(422);
  });

  it("/circles/people.json is unpaginated pingable people without me", async () => {
    const sim = newSim();
    const r = await api(sim, "GET", "/circles/people.json");
    expect(r.status).toBe(200);
    expect(r.headers.get("link")).toBeNull();
    const ids = r.body.map((p: any) => big(p.id));
    expect(ids).not.toContain(sim.store.account.ownerId);
    expect(ids).toHaveLength(sim.store.people.size - 1);
  });
});

describe("project people", () => {
  it("lists people on a project and grants, revokes and creates access", async () => {
    const sim = newSim();
    const project = [...sim.store.projects.values()][0];
    const before = await api(sim, "GET", `/projects/${project.id}/people.json`);
    expect(before.status).toBe(200);
    expect(before.body.map((p: any) => big(p.id)).sort()).toEqual([...project.peopleIds].sort());

    const outsider = [...sim.store.people.values()].find((p) => !project.peopleIds.includes(p.id));
    const member = project.peopleIds.find((id) => id !== sim.store.account.ownerId)!;
    const body: Record<string, unknown> = {
      revoke: [member],
      create: [{ name: "New Person", email_address: "new.person@example.com", title: "Contractor", company_name: "Acme" }],
    };
    if (outsider) body.grant = [outsider.id];
    const r = await api(sim, "PUT", `/projects/${project.id}/people/users.json`, body);
    expect(r.status).toBe(200);
    const grantedNames = r.body.granted.map((p: any) => p.name);
    expect(grantedNames).toContain("New Person");
    if (outsider) expect(grantedNames).toContain(outsider.name);
    expect(r.body.revoked.map((p: any) => big(p.id))).toEqual([member]);
    const created = r.body.granted.find((p: any) => p.name === "New Person");
    expect(created.company).toMatchObject({ name: "Acme" });
    expect(created.title).toBe("Contractor");

    const after = await all(sim, `/projects/${project.id}/people.json`);
    const afterIds = after.map((p) => big(p.id));
    expect(afterIds).not.toContain(member);
    expect(afterIds).toContain(big(created.id));
    if (outsider) expect(afterIds).toContain(outsider.id);
    expect((await api(sim, "GET", `/people/${created.id}.json`)).body.email_address).toBe("new.person@example.com");
  });

  it("needs at least one of grant, revoke, create (400); unknown ids and bad creates are 422; unknown project 404", async () => {
    const sim = newSim();
    const project = [...sim.store.projects.keys()][0];
    expect((await api(sim, "PUT", `/projects/${project}/people/users.json`, {})).status).toBe(400);
    expect((await api(sim, "PUT", `/projects/${project}/people/users.json`, { grant: [], revoke: [] })).status).toBe(400);
    expect((await api(sim, "PUT", `/projects/${project}/people/users.json`, { grant: [123] })).status).toBe(422);
    expect((await api(sim, "PUT", `/projects/${project}/people/users.json`, { create: [{ name: "No Email" }] })).status).toBe(422);
    expect((await api(sim, "PUT", `/projects/${project}/people/users.json`, { create: [{ email_address: "x@example.com" }] })).status).toBe(422);
    expect((await api(sim, "GET", "/projects/424242/people.json")).status).toBe(404);
  });
});
