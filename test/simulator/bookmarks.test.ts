import { describe, expect, it } from "vitest";
import { all, api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function tokenFor(sim: Sim, personId: bigint): Record<string, string> {
  return { Authorization: `Bearer ${sim.store.auth.issueTokens(personId, sim.clientId, 3600).access_token}` };
}

describe("bookmarks", () => {
  it("has seeded bookmarks for the owner", async () => {
    const sim = newSim();
    const list = await all(sim, "/my/bookmarks.json");
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toHaveProperty("recording.type", "Message");
  });

  it("bookmarks once, reports, lists newest first and removes", async () => {
    const sim = newSim();
    const todo = [...sim.store.ofType("Todo")].find((t) => t.status === "active")!;
    expect((await api(sim, "GET", `/recordings/${todo.id}/bookmark.json`)).body).toEqual({ bookmarked: false });
    const a = await api(sim, "POST", `/recordings/${todo.id}/bookmark.json`);
    expect(a.status).toBe(201);
    expect(a.body.recording).toMatchObject({ type: "Todo", title: todo.title });
    const again = await api(sim, "POST", `/recordings/${todo.id}/bookmark.json`);
    expect(again.status).toBe(201);
    expect(String(again.body.id)).toBe(String(a.body.id));
    expect((await api(sim, "GET", `/recordings/${todo.id}/bookmark.json`)).body).toEqual({ bookmarked: true });
    const list = await all(sim, "/my/bookmarks.json");
    expect(String(list[0].id)).toBe(String(a.body.id));
    expect(list.filter((b) => String(b.recording.id) === String(todo.id))).toHaveLength(1);
    // Trashed recordings drop out of the list.
    sim.store.setStatus(todo, "trashed", sim.store.account.ownerId);
    expect((await all(sim, "/my/bookmarks.json")).some((b) => String(b.id) === String(a.body.id))).toBe(false);
    sim.store.setStatus(todo, "active", sim.store.account.ownerId);
    expect((await api(sim, "DELETE", `/recordings/${todo.id}/bookmark.json`)).status).toBe(204);
    expect((await api(sim, "DELETE", `/recordings/${todo.id}/bookmark.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/recordings/${todo.id}/bookmark.json`)).body).toEqual({ bookmarked: false });
    expect((await api(sim, "POST", "/recordings/999999999999/bookmark.json")).status).toBe(404);
  });

  it("keeps each person's bookmarks to themselves, within projects they can see", async () => {
    const sim = newSim();
    const p = [...sim.store.projects.values()].find((x) => x.status === "active")!;
    const member = [...sim.store.people.values()].find((x) => !x.admin && !x.owner && p.peopleIds.includes(x.id))!;
    const msg = [...sim.store.ofType("Message")].find((m) => m.bucketId === p.id)!;
    const auth = tokenFor(sim, member.id);
    expect((await api(sim, "POST", `/recordings/${msg.id}/bookmark.json`, undefined, auth)).status).toBe(201);
    expect((await all(sim, "/my/bookmarks.json")).filter((b) => String(b.recording.id) === String(msg.id)).length).toBeLessThanOrEqual(1);
    const theirs = (await api(sim, "GET", "/my/bookmarks.json", undefined, auth)).body;
    expect(theirs.map((b: any) => String(b.recording.id))).toEqual([String(msg.id)]);
    // Off the project: the bookmark is hidden and the recording not found.
    p.peopleIds = p.peopleIds.filter((id) => id !== member.id);
    expect((await api(sim, "GET", "/my/bookmarks.json", undefined, auth)).body).toEqual([]);
    expect((await api(sim, "GET", `/recordings/${msg.id}/bookmark.json`, undefined, auth)).status).toBe(404);
  });
});
