import { describe, expect, it } from "vitest";
import { all, api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function tokenFor(sim: Sim, personId: bigint): Record<string, string> {
  return { Authorization: `Bearer ${sim.store.auth.issueTokens(personId, sim.clientId, 3600).access_token}` };
}

describe("templates", () => {
  it("lists seeded templates newest first, with their dock; status filters", async () => {
    const sim = newSim();
    const list = await all(sim, "/templates.json");
    expect(list.map((t) => t.name)).toEqual(["Product launch", "Client onboarding"]);
    const t = list[0];
    expect(t).toMatchObject({ status: "active", description: "Plan, build and ship." });
    expect(t.url).toMatch(new RegExp(`/templates/${t.id}\\.json$`));
    expect(t.dock.map((d: any) => d.name)).toEqual(["message_board", "todoset", "vault", "chat", "schedule", "questionnaire", "inbox", "kanban_board"]);
    expect(t.dock.find((d: any) => d.name === "questionnaire")).toMatchObject({ enabled: false, position: null });
    expect(t.dock[0].url).toContain(`/buckets/${t.id}/message_boards/`);
    expect((await api(sim, "GET", "/templates.json?status=trashed")).body).toEqual([]);
    expect((await api(sim, "GET", "/templates.json?status=bogus")).status).toBe(400);
  });

  it("creates, updates and trashes a template", async () => {
    const sim = newSim();
    expect((await api(sim, "POST", "/templates.json", { description: "no name" })).status).toBe(422);
    const made = await api(sim, "POST", "/templates.json", { name: "New starter", description: "First week" });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "New starter", description: "First week", status: "active" });
    const id = made.body.id;
    const up = await api(sim, "PUT", `/templates/${id}.json`, { name: "New starter checklist" });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ name: "New starter checklist", description: "First week" });
    expect((await api(sim, "PUT", `/templates/${id}.json`, { name: "" })).status).toBe(422);
    expect((await api(sim, "DELETE", `/templates/${id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/templates/${id}.json`)).body.status).toBe("trashed");
    expect((await all(sim, "/templates.json")).some((t) => String(t.id) === String(id))).toBe(false);
    expect((await all(sim, "/templates.json?status=trashed")).map((t) => String(t.id))).toEqual([String(id)]);
    // Gone after 30 days in the trash.
    const now = Date.now();
    sim.store.clock = () => now + 31 * 86_400_000;
    expect((await api(sim, "GET", `/templates/${id}.json`)).status).toBe(404);
  });

  it("answers 507 at the account's project limit", async () => {
    const sim = newSim({ projectLimit: 1 });
    const r = await api(sim, "POST", "/templates.json", { name: "Over the limit" });
    expect(r.status).toBe(507);
  });

  it("only lets the creator or an admin change a template; clients see none", async () => {
    const sim = newSim();
    const t = (await all(sim, "/templates.json"))[0];
    const plain = [...sim.store.people.values()].find((p) => !p.admin && !p.owner && !p.client)!;
    const auth = tokenFor(sim, plain.id);
    expect((await api(sim, "GET", `/templates/${t.id}.json`, undefined, auth)).status).toBe(200);
    expect((await api(sim, "PUT", `/templates/${t.id}.json`, { name: "Mine now" }, auth)).status).toBe(403);
    expect((await api(sim, "DELETE", `/templates/${t.id}.json`, undefined, auth)).status).toBe(403);
    const own = await api(sim, "POST", "/templates.json", { name: "Plain's" }, auth);
    expect(own.status).toBe(201);
    expect((await api(sim, "PUT", `/templates/${own.body.id}.json`, { name: "Plain's own" }, auth)).status).toBe(200);
    plain.client = true;
    expect((await api(sim, "GET", "/templates.json", undefined, auth)).body).toEqual([]);
    expect((await api(sim, "GET", `/templates/${t.id}.json`, undefined, auth)).status).toBe(404);
  });

  it("constructs a real project with the template's dock layout", async () => {
    const sim = newSim();
    const t = (await all(sim, "/templates.json")).find((x) => x.name === "Product launch")!;
    expect((await api(sim, "POST", `/templates/${t.id}/project_constructions.json`, { project: { description: "no name" } })).status).toBe(422);
    const k = await api(sim, "POST", `/templates/${t.id}/project_constructions.json`, { project: { name: "Launch v2", description: "Autumn" } });
    expect(k.status).toBe(201);
    expect(k.body.status).toBe("pending");
    expect(k.body.project).toBeUndefined();
    expect(k.body.url).toContain(`/templates/${t.id}/project_constructions/${k.body.id}.json`);
    const done = await api(sim, "GET", `/templates/${t.id}/project_constructions/${k.body.id}.json`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe("completed");
    const project = done.body.project;
    expect(project).toMatchObject({ name: "Launch v2", description: "Autumn", status: "active" });
    expect(project.dock.map((d: any) => [d.name, d.enabled])).toEqual(t.dock.map((d: any) => [d.name, d.enabled]));
    // It is a real project: listed, with working tools.
    expect((await all(sim, "/projects.json")).some((p) => String(p.id) === String(project.id))).toBe(true);
    const todoset = project.dock.find((d: any) => d.name === "todoset");
    expect((await api(sim, "POST", `/buckets/${project.id}/todosets/${todoset.id}/todolists.json`, { name: "Launch tasks" })).status).toBe(201);
    // Another template's constructions are not found under this one.
    const other = (await all(sim, "/templates.json")).find((x) => x.name !== "Product launch")!;
    expect((await api(sim, "GET", `/templates/${other.id}/project_constructions/${k.body.id}.json`)).status).toBe(404);
    // A trashed template makes no projects.
    await api(sim, "DELETE", `/templates/${t.id}.json`);
    expect((await api(sim, "POST", `/templates/${t.id}/project_constructions.json`, { project: { name: "Nope" } })).status).toBe(422);
  });

  it("keeps templates and constructions across a restart", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "tpl-")), "state.json");
    const a = newSim({ data: file, saveDelayMs: 1 });
    const made = await api(a, "POST", "/templates.json", { name: "Persisted" });
    await a.close();
    const b = newSim({ data: file });
    const got = await api(b, "GET", `/templates/${made.body.id}.json`);
    expect(got.body.name).toBe("Persisted");
    expect(got.body.dock.map((d: any) => String(d.id))).toEqual(made.body.dock.map((d: any) => String(d.id)));
    await b.close();
  });
});
