import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/http/errors.js";
import { firstProject, setup, str, walk } from "./helpers.js";

describe("account", () => {
  it("reads the account", async () => {
    const { sim, client } = setup();
    const a = await client.account.get();
    expect(str(a.id)).toBe(sim.accountId);
    expect(a.name).toBe(sim.store.account.name);
    expect(a.limits.can_create_projects).toBe(true);
  });
});

describe("projects", () => {
  it("walks projects across pages with for await and knows the total", async () => {
    const { sim, client } = setup();
    for (let i = 0; i < 20; i++) await client.projects.create({ name: `Extra ${i}` });
    const active = [...sim.store.projects.values()].filter((p) => p.status === "active");
    expect(active.length).toBeGreaterThan(15);
    const it = client.projects.list();
    const seen = await walk(it);
    expect(seen.map((p) => str(p.id)).sort()).toEqual(active.map((p) => str(p.id)).sort());
    expect(it.totalCount).toBe(active.length);
    expect(seen[0].name).toBe("Extra 19"); // newest first
    const firstTwo = await client.projects.list({ maxItems: 2 }).toArray();
    expect(firstTwo).toHaveLength(2);
  });

  it("creates, reads, updates, archives, unarchives and trashes a project", async () => {
    const { sim, client } = setup();
    const p = await client.projects.create({ name: "Moonshot", description: "To the moon" });
    expect(p).toMatchObject({ name: "Moonshot", description: "To the moon", status: "active" });
    expect(p.dock.some((d) => d.name === "todoset")).toBe(true);
    const got = await client.projects.get(p.app_url);
    expect(got.name).toBe("Moonshot");
    const updated = await client.projects.update(p.url, { name: "Moonshot 2", schedule_attributes: { start_date: "2030-01-01", end_date: "2030-12-31" } });
    expect(updated).toMatchObject({ name: "Moonshot 2", start_date: "2030-01-01", end_date: "2030-12-31" });

    await client.projects.archive(p.id);
    expect((await client.projects.get(p.id)).status).toBe("archived");
    const archived = await client.projects.list({ status: "archived" }).toArray();
    expect(archived.map((x) => str(x.id))).toContain(str(p.id));
    await client.projects.unarchive(p.id);
    expect((await client.projects.get(p.id)).status).toBe("active");
    await client.projects.trash(p.id);
    expect(sim.store.projects.get(BigInt(p.id))!.status).toBe("trashed");
    const trashed = await client.projects.list({ status: "trashed" }).toArray();
    expect(trashed.map((x) => str(x.id))).toContain(str(p.id));
  });

  it("finds a dock tool by name and reports a missing project as NotFoundError", async () => {
    const { sim, client } = setup();
    const chat = await client.projects.tool(firstProject(sim).id, "chat");
    expect(chat?.enabled).toBe(true);
    await expect(client.projects.get(424242)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.projects.get(`${sim.apiUrl}/${sim.accountId}/people/1.json`)).rejects.toThrow(/points to people, not a project/);
  });
});

describe("people", () => {
  it("lists people, reads one and me", async () => {
    const { sim, client } = setup("small");
    const it = client.people.list();
    const all = await walk(it);
    expect(all.length).toBe(sim.store.people.size);
    expect(it.totalCount).toBe(sim.store.people.size);
    const me = await client.people.me();
    expect(str(me.id)).toBe(str(sim.store.account.ownerId));
    expect(me.owner).toBe(true);
    const other = all.find((p) => str(p.id) !== str(me.id))!;
    expect((await client.people.get(other.id)).email_address).toBe(other.email_address);
  });

  it("shows who is on a project and grants, revokes and invites", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const on = await client.people.onProject(project.id).toArray();
    expect(on.map((p) => str(p.id)).sort()).toEqual(project.peopleIds.map(str).sort());
    const outsider = [...sim.store.people.values()].find((p) => !project.peopleIds.includes(p.id));
    const member = project.peopleIds.find((id) => id !== sim.store.account.ownerId)!;
    const r = await client.people.updateAccess(project.id, {
      grant: outsider ? [outsider.id] : [],
      revoke: [member],
      create: [{ name: "New Person", email_address: "new.person@example.com" }],
    });
    expect(r.revoked.map((p) => str(p.id))).toEqual([str(member)]);
    expect(r.granted.map((p) => p.email_address)).toContain("new.person@example.com");
    const after = (await client.people.onProject(project.id).toArray()).map((p) => str(p.id));
    expect(after).not.toContain(str(member));
    expect(after.length).toBe(on.length - 1 + r.granted.length);
  });
});
