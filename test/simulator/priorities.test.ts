import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

/** The owner's open to-dos in active projects. */
function myOpenTodos(sim: Sim) {
  const me = sim.store.account.ownerId;
  return [...sim.store.ofType("Todo")].filter((t) => t.status === "active" && !t.completed && t.assigneeIds?.includes(me) && sim.store.projects.get(t.bucketId)?.status === "active");
}

/** Make `n` new to-dos assigned to the owner; answers their IDs. */
async function assignMe(sim: Sim, n: number): Promise<bigint[]> {
  const list = [...sim.store.ofType("Todolist")].find((l) => l.status === "active" && sim.store.projects.get(l.bucketId)?.status === "active")!;
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const r = await api(sim, "POST", `/buckets/${list.bucketId}/todolists/${list.id}/todos.json`, { content: `Mine ${i}`, assignee_ids: [sim.store.account.ownerId] });
    expect(r.status).toBe(201);
    out.push(BigInt(r.body.id));
  }
  return out;
}

const ids = (list: any[]) => list.map((a) => String(a.id));

describe("up next (priorities)", () => {
  it("shows seeded priorities first in GET /my/assignments.json", async () => {
    const sim = newSim();
    const r = (await api(sim, "GET", "/my/assignments.json")).body;
    expect(r.priorities.length).toBe(Math.min(2, myOpenTodos(sim).length));
    expect(r.priorities.length).toBeGreaterThan(0);
    for (const id of ids(r.priorities)) expect(ids(r.non_priorities)).not.toContain(id);
  });

  it("prioritizes, reorders and deprioritizes assignments", async () => {
    const sim = newSim();
    const [a, b, c] = (await assignMe(sim, 3)).map((id) => sim.store.recordings.get(id)!);
    const start = ids((await api(sim, "GET", "/my/assignments.json")).body.priorities);
    for (const t of [a, b, c]) expect((await api(sim, "POST", "/my/priorities.json", { id: t.id })).status).toBe(204);
    expect((await api(sim, "POST", "/my/priorities.json", { id: a.id })).status).toBe(204); // idempotent
    let r = (await api(sim, "GET", "/my/assignments.json")).body;
    expect(ids(r.priorities)).toEqual([...start, String(a.id), String(b.id), String(c.id)]);
    expect(ids(r.non_priorities)).not.toContain(String(a.id));
    expect((await api(sim, "POST", "/my/priority_moves.json", { source_id: c.id, position: 1 })).status).toBe(204);
    r = (await api(sim, "GET", "/my/assignments.json")).body;
    expect(ids(r.priorities)[0]).toBe(String(c.id));
    expect((await api(sim, "POST", "/my/priority_moves.json", { source_id: c.id, position: 99 })).status).toBe(204);
    expect(ids((await api(sim, "GET", "/my/assignments.json")).body.priorities).pop()).toBe(String(c.id));
    expect((await api(sim, "DELETE", `/my/priorities/${b.id}.json`)).status).toBe(204);
    r = (await api(sim, "GET", "/my/assignments.json")).body;
    expect(ids(r.priorities)).not.toContain(String(b.id));
    expect(ids(r.non_priorities)).toContain(String(b.id));
    // Completing an assignment takes it out of up next.
    expect((await api(sim, "POST", `/todos/${a.id}/completion.json`)).status).toBe(204);
    expect(ids((await api(sim, "GET", "/my/assignments.json")).body.priorities)).not.toContain(String(a.id));
  });

  it("refuses what is not one's open assignment and bad moves", async () => {
    const sim = newSim();
    const me = sim.store.account.ownerId;
    const notMine = [...sim.store.ofType("Todo")].find((t) => t.status === "active" && !t.completed && !t.assigneeIds?.includes(me))!;
    expect((await api(sim, "POST", "/my/priorities.json", { id: notMine.id })).status).toBe(404);
    expect((await api(sim, "POST", "/my/priorities.json", {})).status).toBe(400);
    expect((await api(sim, "DELETE", "/my/priorities/424242.json")).status).toBe(404);
    expect((await api(sim, "DELETE", `/my/priorities/${notMine.id}.json`)).status).toBe(204);
    const mine = sim.store.recordings.get((await assignMe(sim, 1))[0])!;
    expect((await api(sim, "POST", "/my/priority_moves.json", { source_id: mine.id, position: 1 })).status).toBe(404);
    expect((await api(sim, "POST", "/my/priority_moves.json", { position: 1 })).status).toBe(400);
    await api(sim, "POST", "/my/priorities.json", { id: mine.id });
    expect((await api(sim, "POST", "/my/priority_moves.json", { source_id: mine.id })).status).toBe(400);
    expect((await api(sim, "POST", "/my/priority_moves.json", { source_id: mine.id, position: 0 })).status).toBe(422);
  });
});
