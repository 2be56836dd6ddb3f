import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function tokenFor(sim: Sim, personId: bigint): Record<string, string> {
  return { Authorization: `Bearer ${sim.store.auth.issueTokens(personId, sim.clientId, 3600).access_token}` };
}

describe("folders (stacks)", () => {
  it("lists the person's folders, newest on top, and shows projects in one", async () => {
    const sim = newSim();
    const seeded = (await api(sim, "GET", "/stacks.json")).body;
    expect(seeded.map((f: any) => f.name)).toEqual(["Client work"]);
    expect(seeded[0]).toMatchObject({ type: "Stack", gauges_url: null, color: null, image_url: null, is_emoji_only_name: false });
    expect(seeded[0].projects).toBeUndefined();
    const made = await api(sim, "POST", "/stacks.json", {});
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "New folder", bucket_ids: [], projects: [] });
    expect((await api(sim, "GET", "/stacks.json")).body.map((f: any) => f.name)).toEqual(["New folder", "Client work"]);
    const one = await api(sim, "GET", `/stacks/${seeded[0].id}.json`);
    expect(one.body.projects.map((p: any) => String(p.id))).toEqual(seeded[0].bucket_ids.map(String));
  });

  it("files projects (moving them out of other folders); a bad project fails the whole create", async () => {
    const sim = newSim();
    const before = (await api(sim, "GET", "/stacks.json")).body[0];
    const moved = before.bucket_ids[0];
    const f = await api(sim, "POST", "/stacks.json", { name: "🚀", project_ids: [moved] });
    expect(f.status).toBe(201);
    expect(f.body.is_emoji_only_name).toBe(true);
    expect(f.body.bucket_ids.map(String)).toEqual([String(moved)]);
    const after = (await api(sim, "GET", `/stacks/${before.id}.json`)).body;
    expect(after.bucket_ids.map(String)).not.toContain(String(moved));
    const count = (await api(sim, "GET", "/stacks.json")).body.length;
    expect((await api(sim, "POST", "/stacks.json", { name: "Bad", project_ids: [moved, 424242] })).status).toBe(404);
    const trashed = [...sim.store.projects.values()].find((p) => p.status === "trashed");
    if (trashed) expect((await api(sim, "POST", "/stacks.json", { project_ids: [trashed.id] })).status).toBe(404);
    expect((await api(sim, "GET", "/stacks.json")).body.length).toBe(count);
  });

  it("renames (name required), deletes, and keeps folders per person", async () => {
    const sim = newSim();
    const f = (await api(sim, "GET", "/stacks.json")).body[0];
    expect((await api(sim, "PUT", `/stacks/${f.id}.json`, { name: "" })).status).toBe(422);
    const r = await api(sim, "PUT", `/stacks/${f.id}.json`, { name: "Active clients" });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe("Active clients");
    const other = [...sim.store.people.values()].find((p) => !p.owner)!;
    const auth = tokenFor(sim, other.id);
    expect((await api(sim, "GET", "/stacks.json", undefined, auth)).body).toEqual([]);
    expect((await api(sim, "GET", `/stacks/${f.id}.json`, undefined, auth)).status).toBe(404);
    expect((await api(sim, "DELETE", `/stacks/${f.id}.json`, undefined, auth)).status).toBe(404);
    const projects = f.bucket_ids.length;
    expect((await api(sim, "DELETE", `/stacks/${f.id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/stacks/${f.id}.json`)).status).toBe(404);
    // The projects themselves stay.
    expect([...sim.store.projects.values()].filter((p) => f.bucket_ids.map(String).includes(String(p.id)))).toHaveLength(projects);
  });

  it("filing an all-access project joins the person to it; invite-only ones they are not on are refused", async () => {
    const sim = newSim();
    const p = [...sim.store.projects.values()].find((x) => x.status === "active")!;
    const outsider = [...sim.store.people.values()].find((x) => !x.admin && !x.owner && !x.client)!;
    p.peopleIds = p.peopleIds.filter((id) => id !== outsider.id);
    const auth = tokenFor(sim, outsider.id);
    expect((await api(sim, "POST", "/stacks.json", { project_ids: [p.id] }, auth)).status).toBe(404);
    p.admissions = "employee";
    expect((await api(sim, "POST", "/stacks.json", { project_ids: [p.id] }, auth)).status).toBe(201);
    expect(p.peopleIds).toContain(outsider.id);
  });
});
