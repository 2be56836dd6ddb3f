import { describe, expect, it } from "vitest";
import type { Project } from "../../src/simulator/store/model.js";
import { api, newSim } from "./helpers.js";

describe("to-dos at the to-do set level", () => {
  it("creates a to-do whose parent is the to-do set", async () => {
    const sim = newSim();
    const p1 = [...sim.store.projects.values()][0] as Project;
    const todoset = sim.store.dockTool(p1.id, "Todoset")!;
    const me = sim.store.account.ownerId;
    const r = await api(sim, "POST", `/buckets/${p1.id}/todosets/${todoset.id}/todos.json`, { content: "Loose end", assignee_ids: [me], due_on: "2030-01-02" });
    expect(r.status).toBe(201);
    expect(r.body.type).toBe("Todo");
    expect(r.body.content).toBe("Loose end");
    expect(r.body.parent.type).toBe("Todoset");
    expect(String(r.body.parent.id)).toBe(String(todoset.id));
    expect(r.body.due_on).toBe("2030-01-02");
    expect(r.body.assignees.map((a: any) => String(a.id))).toEqual([String(me)]);
    expect(r.body.completed).toBe(false);
    // It is a to-do like any other: readable, completable.
    expect((await api(sim, "GET", `/todos/${r.body.id}.json`)).status).toBe(200);
    expect((await api(sim, "POST", `/todos/${r.body.id}/completion.json`)).status).toBe(204);
    expect(sim.store.getRecording(BigInt(r.body.id))?.completed).toBe(true);
  });

  it("validates like a to-do and only under a to-do set", async () => {
    const sim = newSim();
    const p1 = [...sim.store.projects.values()][0] as Project;
    const todoset = sim.store.dockTool(p1.id, "Todoset")!;
    const path = `/buckets/${p1.id}/todosets/${todoset.id}/todos.json`;
    expect((await api(sim, "POST", path, {})).status).toBe(422);
    expect((await api(sim, "POST", path, { content: "x", due_on: "soon" })).status).toBe(422);
    expect((await api(sim, "POST", path, { content: "x", starts_on: "2030-02-01", due_on: "2030-01-01" })).status).toBe(422);
    expect((await api(sim, "POST", path, { content: "x", assignee_ids: [424242] })).status).toBe(422);
    const list = sim.store.childrenOf(todoset.id, ["Todolist"])[0];
    expect((await api(sim, "POST", `/buckets/${p1.id}/todosets/${list.id}/todos.json`, { content: "x" })).status).toBe(404);
  });
});
