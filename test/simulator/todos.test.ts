import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { all, api, newSim } from "./helpers.js";

const big = (v: unknown): bigint => BigInt(v as number | bigint);

function setup(sim: InProcessSimulator) {
  const [project, other] = [...sim.store.projects.values()];
  const todoset = sim.store.dockTool(project.id, "Todoset")!;
  const list = sim.store.childrenOf(todoset.id, ["Todolist"])[0];
  const otherList = sim.store.childrenOf(sim.store.dockTool(other.id, "Todoset")!.id, ["Todolist"])[0];
  const me = sim.store.account.ownerId;
  const mate = project.peopleIds.find((id) => id !== me)!;
  return { project, other, todoset, list, otherList, me, mate };
}

async function newList(sim: InProcessSimulator, todosetId: bigint, name = "Fresh list") {
  const r = await api(sim, "POST", `/todosets/${todosetId}/todolists.json`, { name, description: "<div>About</div>" });
  expect(r.status).toBe(201);
  return r.body;
}

describe("todosets", () => {
  it("shows a todoset with counts and URLs, in flat, legacy and suffixless forms", async () => {
    const sim = newSim();
    const { project, other, todoset } = setup(sim);
    const r = await api(sim, "GET", `/todosets/${todoset.id}.json`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: "Todoset", name: "To-dos", title: "To-dos", todolists_count: 1 });
    expect(r.body.completed_ratio).toMatch(/^\d+\/\d+$/);
    const [done, total] = r.body.completed_ratio.split("/").map(Number);
    const todos = sim.store.childrenOf(sim.store.childrenOf(todoset.id)[0].id, ["Todo"]).filter((t) => t.status === "active");
    expect(total).toBe(todos.length);
    expect(done).toBe(todos.filter((t) => t.completed).length);
    expect(r.body.position).toBe(2);
    expect(r.body.todolists_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${project.id}/todosets/${todoset.id}/todolists.json`);
    expect(r.body.app_todoslists_url).toMatch(/\/todosets\/\d+\/todolists$/);
    expect(r.body.bucket).toMatchObject({ name: project.name, type: "Project" });
    expect((await api(sim, "GET", `/buckets/${project.id}/todosets/${todoset.id}.json`)).status).toBe(200);
    expect((await api(sim, "GET", `/todosets/${todoset.id}`)).status).toBe(200);
    expect((await api(sim, "GET", `/buckets/${other.id}/todosets/${todoset.id}.json`)).status).toBe(404);
    const listId = sim.store.childrenOf(todoset.id)[0].id;
    expect((await api(sim, "GET", `/todosets/${listId}.json`)).status).toBe(404);
  });
});

describe("todolists", () => {
  it("creates, reads and fully replaces a list (omitted description is cleared)", async () => {
    const sim = newSim();
    const { project, todoset } = setup(sim);
    const created = await newList(sim, todoset.id);
    expect(created).toMatchObject({ type: "Todolist", name: "Fresh list", title: "Fresh list", description: "<div>About</div>", completed: false, completed_ratio: "0/0", position: 2 });
    expect(created.todos_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${project.id}/todolists/${created.id}/todos.json`);
    expect(created.groups_url).toMatch(/\/todolists\/\d+\/groups\.json$/);
    expect(created.app_todos_url).toMatch(/\/todolists\/\d+\/todos$/);
    expect(created).not.toHaveProperty("group_position_url");
    expect(created.parent).toMatchObject({ type: "Todoset" });
    expect(big(created.parent.id)).toBe(todoset.id);

    const put = await api(sim, "PUT", `/buckets/${project.id}/todolists/${created.id}.json`, { name: "Renamed list" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: "Renamed list", description: "" });
    const read = await api(sim, "GET", `/todolists/${created.id}`);
    expect(read.body).toMatchObject({ name: "Renamed list", title: "Renamed list", description: "" });
    const actions = sim.store.events.get(big(created.id))!.map((e) => e.action);
    expect(actions).toEqual(["created", "content_changed"]);

    expect((await api(sim, "PUT", `/todolists/${created.id}.json`, { description: "x" })).status).toBe(422);
    expect((await api(sim, "POST", `/todosets/${todoset.id}/todolists.json`, { name: "" })).status).toBe(422);
  });

  it("filters lists by status", async () => {
    const sim = newSim();
    const { todoset, list, me } = setup(sim);
    const extra = await newList(sim, todoset.id, "To archive");
    sim.store.setStatus(sim.store.recordings.get(big(extra.id))!, "archived", me);
    const active = await api(sim, "GET", `/todosets/${todoset.id}/todolists.json`);
    expect(active.body.map((l: any) => big(l.id))).toEqual([list.id]);
    expect(active.headers.get("x-total-count")).toBe("1");
    const archived = await api(sim, "GET", `/todosets/${todoset.id}/todolists.json?status=archived`);
    expect(archived.body.map((l: any) => big(l.id))).toEqual([big(extra.id)]);
    expect((await api(sim, "GET", `/todosets/${todoset.id}/todolists.json?status=trashed`)).body).toEqual([]);
    expect((await api(sim, "GET", `/todosets/${todoset.id}/todolists.json?status=nope`)).status).toBe(400);
  });
});

describe("todolist groups", () => {
  it("creates groups with colours, validates colour, repositions them", async () => {
    const sim = newSim();
    const { project, list } = setup(sim);
    const g1 = await api(sim, "POST", `/todolists/${list.id}/groups.json`, { name: "Phase 1", color: "red" });
    expect(g1.status).toBe(201);
    expect(g1.body).toMatchObject({ type: "Todolist", name: "Phase 1", color: "red", position: 1 });
    expect(g1.body.group_position_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${project.id}/todolists/groups/${g1.body.id}/position.json`);
    expect(g1.body).not.toHaveProperty("groups_url");
    expect(big(g1.body.parent.id)).toBe(list.id);
    const g2 = await api(sim, "POST", `/buckets/${project.id}/todolists/${list.id}/groups.json`, { name: "Phase 2" });
    expect(g2.status).toBe(201);
    expect(g2.body.color).toBeNull();
    expect((await api(sim, "POST", `/todolists/${list.id}/groups.json`, { name: "Bad", color: "magenta" })).status).toBe(422);
    expect((await api(sim, "POST", `/todolists/${list.id}/groups.json`, { color: "red" })).status).toBe(422);
    // A group is a list: readable at /todolists/{id}; it has no groups of its own.
    expect((await api(sim, "GET", `/todolists/${g1.body.id}.json`)).body.group_position_url).toBeDefined();
    expect((await api(sim, "GET", `/todolists/${g1.body.id}/groups.json`)).status).toBe(404);

    const before = await api(sim, "GET", `/todolists/${list.id}/groups.json`);
    expect(before.body.map((g: any) => g.name)).toEqual(["Phase 1", "Phase 2"]);
    expect((await api(sim, "PUT", `/todolists/groups/${g2.body.id}/position.json`, { position: 1 })).status).toBe(200);
    const after = await api(sim, "GET", `/todolists/${list.id}/groups.json`);
    expect(after.body.map((g: any) => [g.name, g.position])).toEqual([["Phase 2", 1], ["Phase 1", 2]]);
    expect((await api(sim, "PUT", `/todolists/groups/${g2.body.id}/position.json`, { position: 0 })).status).toBe(422);
    expect((await api(sim, "PUT", `/todolists/groups/${g2.body.id}/position.json`, {})).status).toBe(422);
    expect((await api(sim, "PUT", `/todolists/groups/${list.id}/position.json`, { position: 1 })).status).toBe(404);
  });
});

describe("todos", () => {
  it("creates a to-do with every field and renders the reference shape", async () => {
    const sim = newSim();
    const { project, list, me, mate } = setup(sim);
    const r = await api(sim, "POST", `/todolists/${list.id}/todos.json`, {
      content: "Write the launch post",
      description: "<div>Draft first</div>",
      assignee_ids: [mate],
      completion_subscriber_ids: [me],
      notify: true,
      due_on: "2031-05-10",
      starts_on: "2031-05-01",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "Todo", content: "Write the launch post", title: "Write the launch post", description: "<div>Draft first</div>", completed: false, due_on: "2031-05-10", starts_on: "2031-05-01", status: "active" });
    expect(r.body).not.toHaveProperty("completion");
    expect(r.body.assignees.map((p: any) => big(p.id))).toEqual([mate]);
    expect(r.body.completion_subscribers.map((p: any) => big(p.id))).toEqual([me]);
    expect(r.body.completion_url).toBe(`${sim.apiUrl}/${sim.accountId}/todos/${r.body.id}/completion.json`);
    expect(r.body.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${project.id}/todos/${r.body.id}.json`);
    expect(r.body.position).toBe(7);
    expect(r.body.comments_count).toBe(0);
    expect(big(r.body.parent.id)).toBe(list.id);
    expect(big(r.body.creator.id)).toBe(me);
    const read = await api(sim, "GET", `/buckets/${project.id}/todos/${r.body.id}.json`);
    expect(read.status).toBe(200);
    expect(read.body.content).toBe("Write the launch post");
    expect((await api(sim, "GET", `/todos/${r.body.id}`)).status).toBe(200);
  });

  it("rejects bad input with 422", async () => {
    const sim = newSim();
    const { list } = setup(sim);
    const post = async (body: unknown) => (await api(sim, "POST", `/todolists/${list.id}/todos.json`, body)).status;
    expect(await post({ description: "no content" })).toBe(422);
    expect(await post({ content: "  " })).toBe(422);
    expect(await post({ content: "x", starts_on: "2031-05-11", due_on: "2031-05-10" })).toBe(422);
    expect(await post({ content: "x", due_on: "2031-02-30" })).toBe(422);
    expect(await post({ content: "x", assignee_ids: [424242] })).toBe(422);
    expect(sim.store.childrenOf(list.id, ["Todo"])).toHaveLength(6);
  });

  it("PUT is a full replace: omitted fields are cleared, content and title stay in sync", async () => {
    const sim = newSim();
    const { list, me, mate } = setup(sim);
    const c = await api(sim, "POST", `/todolists/${list.id}/todos.json`, { content: "Original", description: "<div>d</div>", assignee_ids: [mate, me], due_on: "2031-01-02", starts_on: "2031-01-01" });
    const id = c.body.id;
    const put = await api(sim, "PUT", `/todos/${id}.json`, { content: "Changed", assignee_ids: [me] });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ content: "Changed", title: "Changed", description: "", due_on: null, starts_on: null });
    expect(put.body.assignees.map((p: any) => big(p.id))).toEqual([me]);
    const read = await api(sim, "GET", `/todos/${id}.json`);
    expect(read.body).toMatchObject({ content: "Changed", title: "Changed", description: "", due_on: null, starts_on: null });
    const ev = sim.store.events.get(big(id))!;
    const last = ev[ev.length - 1];
    expect(last.action).toBe("content_changed");
    expect(last.details).toMatchObject({ content_was: "Original", removed_assignee_ids: [mate], added_assignee_ids: [] });

    // Missing assignee_ids unassigns; an assignment-only change is still recorded.
    const unassign = await api(sim, "PUT", `/todos/${id}.json`, { content: "Changed" });
    expect(unassign.body.assignees).toEqual([]);
    const ev2 = sim.store.events.get(big(id))!;
    expect(ev2[ev2.length - 1]).toMatchObject({ action: "changed", details: { removed_assignee_ids: [me] } });
    expect((await api(sim, "PUT", `/todos/${id}.json`, { description: "no content" })).status).toBe(422);
    expect((await api(sim, "PUT", `/todos/${id}.json`, { content: "x", starts_on: "2031-02-02", due_on: "2031-02-01" })).status).toBe(422);
  });

  it("completes and uncompletes (204), visible on re-read, filters and events", async () => {
    const sim = newSim();
    const { project, list, me } = setup(sim);
    const c = await api(sim, "POST", `/todolists/${list.id}/todos.json`, { content: "Finish me" });
    const id = c.body.id;
    const done = await api(sim, "POST", `/buckets/${project.id}/todos/${id}/completion.json`);
    expect(done.status).toBe(204);
    const read = await api(sim, "GET", `/todos/${id}.json`);
    expect(read.body.completed).toBe(true);
    expect(big(read.body.completion.creator.id)).toBe(me);
    expect(read.body.completion.created_at).toMatch(/Z$/);
    const pending = await all(sim, `/todolists/${list.id}/todos.json`);
    expect(pending.some((t) => String(t.id) === String(id))).toBe(false);
    expect(pending.every((t) => t.completed === false)).toBe(true);
    const completed = await all(sim, `/todolists/${list.id}/todos.json?completed=true`);
    expect(completed.some((t) => String(t.id) === String(id))).toBe(true);
    expect(completed.every((t) => t.completed === true)).toBe(true);
    const listRead = await api(sim, "GET", `/todolists/${list.id}.json`);
    const [doneCount] = listRead.body.completed_ratio.split("/").map(Number);
    expect(doneCount).toBe(completed.length);

    expect((await api(sim, "DELETE", `/todos/${id}/completion`)).status).toBe(204);
    const back = await api(sim, "GET", `/todos/${id}.json`);
    expect(back.body.completed).toBe(false);
    expect(back.body).not.toHaveProperty("completion");
    expect(sim.store.events.get(big(id))!.map((e) => e.action)).toEqual(["created", "completed", "uncompleted"]);
  });

  it("filters to-dos by status (archived/trashed show both completion states)", async () => {
    const sim = newSim();
    const { list, me } = setup(sim);
    const a = await api(sim, "POST", `/todolists/${list.id}/todos.json`, { content: "A" });
    const b = await api(sim, "POST", `/todolists/${list.id}/todos.json`, { content: "B" });
    await api(sim, "POST", `/todos/${b.body.id}/completion.json`);
    for (const t of [a, b]) sim.store.setStatus(sim.store.recordings.get(big(t.body.id))!, "trashed", me);
    const trashed = await api(sim, "GET", `/todolists/${list.id}/todos.json?status=trashed`);
    const names = trashed.body.map((t: any) => t.content);
    expect(names).toEqual(expect.arrayContaining(["A", "B"]));
    const trashedDone = await api(sim, "GET", `/todolists/${list.id}/todos.json?status=trashed&completed=true`);
    expect(trashedDone.body.map((t: any) => t.content)).toContain("B");
    expect(trashedDone.body.map((t: any) => t.content)).not.toContain("A");
    const active = await all(sim, `/todolists/${list.id}/todos.json`);
    expect(active.map((t) => t.content)).not.toContain("A");
    // Trashed to-dos are read-only.
    expect((await api(sim, "PUT", `/todos/${a.body.id}.json`, { content: "edit" })).status).toBe(403);
    expect((await api(sim, "POST", `/todos/${a.body.id}/completion.json`)).status).toBe(403);
  });

  it("paginates a long list in position order: 15, then 30, Link and X-Total-Count, no repeats", async () => {
    const sim = newSim();
    const { todoset } = setup(sim);
    const l = await newList(sim, todoset.id, "Long");
    for (let i = 0; i < 50; i++) {
      expect((await api(sim, "POST", `/todolists/${l.id}/todos.json`, { content: `Item ${i}` })).status).toBe(201);
    }
    const p1 = await api(sim, "GET", `/todolists/${l.id}/todos.json`);
    expect(p1.body).toHaveLength(15);
    expect(p1.headers.get("x-total-count")).toBe("50");
    const next = /<([^>]+)>;\s*rel="next"/.exec(p1.headers.get("link") ?? "")![1];
    expect(next).toMatch(/page=2/);
    const p2 = await api(sim, "GET", next);
    expect(p2.body).toHaveLength(30);
    const next2 = /<([^>]+)>;\s*rel="next"/.exec(p2.headers.get("link") ?? "")![1];
    const p3 = await api(sim, "GET", next2);
    expect(p3.body).toHaveLength(5);
    expect(p3.headers.get("link")).toBeNull();
    const items = [...p1.body, ...p2.body, ...p3.body];
    expect(new Set(items.map((t: any) => String(t.id))).size).toBe(50);
    expect(items.map((t: any) => t.content)).toEqual(Array.from({ length: 50 }, (_, i) => `Item ${i}`));
    expect(items.map((t: any) => t.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("repositions a to-do and moves it to another list in the same project only", async () => {
    const sim = newSim();
    const { todoset, list, otherList } = setup(sim);
    const target = await newList(sim, todoset.id, "Target");
    const names = ["one", "two", "three"];
    const ids: unknown[] = [];
    for (const n of names) ids.push((await api(sim, "POST", `/todolists/${target.id}/todos.json`, { content: n })).body.id);
    expect((await api(sim, "PUT", `/todos/${ids[2]}/position.json`, { position: 1 })).status).toBe(200);
    let order = (await api(sim, "GET", `/todolists/${target.id}/todos.json`)).body.map((t: any) => t.content);
    expect(order).toEqual(["three", "one", "two"]);

    const moving = sim.store.childrenOf(list.id, ["Todo"]).find((t) => t.status === "active" && !t.completed)!;
    expect((await api(sim, "PUT", `/todos/${moving.id}/position.json`, { position: 2, parent_id: big(target.id) })).status).toBe(200);
    order = (await api(sim, "GET", `/todolists/${target.id}/todos.json`)).body.map((t: any) => t.content);
    expect(order).toEqual(["three", moving.title, "one", "two"]);
    const moved = await api(sim, "GET", `/todos/${moving.id}.json`);
    expect(big(moved.body.parent.id)).toBe(big(target.id));
    expect(sim.store.events.get(moving.id)!.map((e) => e.action)).toContain("adopted");

    expect((await api(sim, "PUT", `/todos/${moving.id}/position.json`, { position: 1, parent_id: otherList.id })).status).toBe(422);
    expect((await api(sim, "PUT", `/todos/${moving.id}/position.json`, { position: 0 })).status).toBe(422);
    expect((await api(sim, "PUT", `/todos/${moving.id}/position.json`, {})).status).toBe(422);
  });

  it("keeps IDs above 2^53 exact: a big-id to-do and a big-id assignee", async () => {
    const sim = newSim();
    const { project, list } = setup(sim);
    // Make a person with a big id through the API (every tenth new id is above 2^53).
    let bigPerson: bigint | undefined;
    for (let i = 0; i < 12 && bigPerson === undefined; i++) {
      const g = await api(sim, "PUT", `/projects/${project.id}/people/users.json`, { create: [{ name: `Big ${i}`, email_address: `big${i}@example.com` }] });
      const id = g.body.granted[0].id;
      if (typeof id === "bigint") bigPerson = id;
    }
    expect(typeof bigPerson).toBe("bigint");
    let bigTodo: any;
    for (let i = 0; i < 12 && !bigTodo; i++) {
      // A to-do takes two ids (itself and its `created` event); a new person takes one, so
      // use one to line the to-do up with a big id when the parity is off.
      if (sim.store.seq % 2 === 1) await api(sim, "PUT", `/projects/${project.id}/people/users.json`, { create: [{ name: `Pad ${i}`, email_address: `pad${i}@example.com` }] });
      const r = await api(sim, "POST", `/todolists/${list.id}/todos.json`, { content: `T${i}`, assignee_ids: [bigPerson] });
      expect(r.status).toBe(201);
      expect(r.body.assignees[0].id).toBe(bigPerson);
      if (typeof r.body.id === "bigint") bigTodo = r.body;
    }
    expect(bigTodo).toBeDefined();
    expect(bigTodo.id > 2n ** 53n).toBe(true);
    const read = await api(sim, "GET", `/todos/${bigTodo.id}.json`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(bigTodo.id);
    expect(read.text).toContain(`"id":${bigTodo.id}`);
    expect((await api(sim, "POST", `/todos/${bigTodo.id}/completion.json`)).status).toBe(204);
    expect(sim.store.recordings.get(bigTodo.id)!.completed).toBe(true);
  });

  it("404s for a wrong bucket, a wrong type and an unknown id", async () => {
    const sim = newSim();
    const { other, list } = setup(sim);
    const todo = sim.store.childrenOf(list.id, ["Todo"])[0];
    expect((await api(sim, "GET", `/buckets/${other.id}/todos/${todo.id}.json`)).status).toBe(404);
    expect((await api(sim, "PUT", `/buckets/${other.id}/todos/${todo.id}.json`, { content: "x" })).status).toBe(404);
    expect((await api(sim, "POST", `/buckets/${other.id}/todos/${todo.id}/completion.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/buckets/${other.id}/todolists/${list.id}/todos.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/todos/${list.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/todolists/${todo.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", "/todos/99999999.json")).status).toBe(404);
  });
});
