import { describe, expect, it } from "vitest";
import type { Person, Project } from "../../src/simulator/store/model.js";
import { restoreStore, serializeStore } from "../../src/simulator/persist.js";
import { boostCount } from "../../src/simulator/render.js";
import { Store } from "../../src/simulator/store/store.js";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;
const str = (v: unknown) => String(v);

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const todos = [...sim.store.ofType("Todo")].filter((t) => t.bucketId === p1.id && t.status === "active");
  const completed = todos.find((t) => sim.store.events.get(t.id)?.some((e) => e.action === "completed"))!;
  return { sim, p1, p2, todo: todos[0], completed };
}

function memberToken(sim: Sim, project: Project): { person: Person; auth: Record<string, string> } {
  const person = project.peopleIds.map((id) => sim.store.people.get(id)!).find((p) => !p.admin && !p.owner)!;
  return { person, auth: { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` } };
}

describe("boosts", () => {
  it("boosts a recording: 201, listed, counted on the recording, readable by id", async () => {
    const { sim, todo } = setup();
    const before = (await api(sim, "GET", `/todos/${todo.id}.json`)).body.boosts_count;
    const r = await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "Yay!" });
    expect(r.status).toBe(201);
    expect(r.body.content).toBe("Yay!");
    expect(str(r.body.booster.id)).toBe(str(sim.store.account.ownerId));
    expect(str(r.body.recording.id)).toBe(str(todo.id));
    const shown = await api(sim, "GET", `/todos/${todo.id}.json`);
    expect(shown.body.boosts_count).toBe(before + 1);
    const list = await api(sim, "GET", shown.body.boosts_url);
    expect(list.status).toBe(200);
    expect(list.body.map((b: any) => str(b.id))).toContain(str(r.body.id));
    const one = await api(sim, "GET", `/boosts/${r.body.id}.json`);
    expect(one.status).toBe(200);
    expect(one.body.content).toBe("Yay!");
  });

  it("wants content of at most 16 characters, and refuses types that take no boosts", async () => {
    const { sim, p1, todo } = setup();
    expect((await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, {})).status).toBe(422);
    expect((await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "   " })).status).toBe(422);
    expect((await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "x".repeat(17) })).status).toBe(422);
    expect((await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "🎉".repeat(16) })).status).toBe(201);
    const vault = sim.store.dockTool(p1.id, "Vault")!;
    expect((await api(sim, "POST", `/recordings/${vault.id}/boosts.json`, { content: "hi" })).status).toBe(403);
    expect((await api(sim, "POST", `/recordings/999/boosts.json`, { content: "hi" })).status).toBe(404);
  });

  it("boosts boostable events only, and counts them on the event", async () => {
    const { sim, completed } = setup();
    const events = sim.store.events.get(completed.id)!;
    const done = events.find((e) => e.action === "completed")!;
    const created = events.find((e) => e.action === "created")!;
    const r = await api(sim, "POST", `/recordings/${completed.id}/events/${done.id}/boosts.json`, { content: "👏" });
    expect(r.status).toBe(201);
    expect((await api(sim, "POST", `/recordings/${completed.id}/events/${created.id}/boosts.json`, { content: "👏" })).status).toBe(403);
    expect((await api(sim, "POST", `/recordings/${completed.id}/events/999/boosts.json`, { content: "👏" })).status).toBe(404);
    const list = await api(sim, "GET", `/recordings/${completed.id}/events/${done.id}/boosts.json`);
    expect(list.body.map((b: any) => str(b.id))).toContain(str(r.body.id));
    const shownEvents = await api(sim, "GET", `/recordings/${completed.id}/events.json`);
    const shown = shownEvents.body.find((e: any) => str(e.id) === str(done.id));
    expect(shown.boosts_count).toBe(list.body.length);
    // Event boosts are not the recording's own.
    const own = await api(sim, "GET", `/recordings/${completed.id}/boosts.json`);
    expect(own.body.map((b: any) => str(b.id))).not.toContain(str(r.body.id));
  });

  it("lets only the booster (or an admin) remove a boost", async () => {
    const { sim, p1, todo } = setup();
    const { person, auth } = memberToken(sim, p1);
    const mine = await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "Mine" }, auth);
    expect(mine.status).toBe(201);
    expect(str(mine.body.booster.id)).toBe(str(person.id));
    const owners = await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "Owner's" });
    expect((await api(sim, "DELETE", `/boosts/${owners.body.id}.json`, undefined, auth)).status).toBe(403);
    expect((await api(sim, "DELETE", `/boosts/${mine.body.id}.json`, undefined, auth)).status).toBe(204);
    expect((await api(sim, "GET", `/boosts/${mine.body.id}.json`)).status).toBe(404);
    expect((await api(sim, "DELETE", `/boosts/${owners.body.id}.json`)).status).toBe(204);
  });

  it("keeps boosts across a save and restore, and seeds a few", async () => {
    const { sim, todo } = setup();
    expect(sim.store.collection("boosts").size).toBeGreaterThan(0);
    const made = await api(sim, "POST", `/recordings/${todo.id}/boosts.json`, { content: "Kept" });
    const copy = new Store(() => sim.store.now());
    restoreStore(copy, serializeStore(sim.store), "state.json");
    expect(boostCount(copy, todo.id)).toBe(boostCount(sim.store, todo.id));
    const b = copy.collection("boosts").get(BigInt(made.body.id))!;
    expect(b).toMatchObject({ content: "Kept", recordingId: todo.id, eventId: null });
  });

  it("hides boosts in projects the person is not on", async () => {
    const { sim, p1, p2 } = setup();
    const outsider = [...sim.store.people.values()].find((p) => !p.admin && !p.owner && p1.peopleIds.includes(p.id) && !p2.peopleIds.includes(p.id));
    if (!outsider) return;
    const auth = { Authorization: `Bearer ${sim.store.auth.issueTokens(outsider.id, sim.clientId, 3600).access_token}` };
    const todo2 = [...sim.store.ofType("Todo")].find((t) => t.bucketId === p2.id && t.status === "active")!;
    const b = await api(sim, "POST", `/recordings/${todo2.id}/boosts.json`, { content: "hi" });
    expect((await api(sim, "GET", `/boosts/${b.body.id}.json`, undefined, auth)).status).toBe(404);
    expect((await api(sim, "GET", `/recordings/${todo2.id}/boosts.json`, undefined, auth)).status).toBe(404);
    expect((await api(sim, "GET", `/buckets/${p1.id}/boosts/${b.body.id}.json`)).status).toBe(404);
  });
});
