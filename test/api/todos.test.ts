import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../src/http/errors.js";
import type { Todo } from "../../src/api/index.js";
import { BIG, childrenOf, firstProject, recordsOf, setup, str, tool, walk } from "./helpers.js";

describe("todosets and todolists", () => {
  it("reads the todoset from the dock and walks its lists", async () => {
    const { sim, client } = setup("small");
    const project = await client.projects.get(firstProject(sim).id);
    const dock = await client.projects.tool(project, "todoset");
    expect(dock).toBeDefined();
    const todoset = await client.todosets.get(dock!.id);
    expect(todoset.type).toBe("Todoset");
    const lists = client.todolists.list(todoset.id);
    const seen = await walk(lists);
    expect(seen.length).toBe(todoset.todolists_count);
    expect(lists.totalCount).toBe(seen.length);
    expect(seen.every((l) => l.type === "Todolist")).toBe(true);
  });

  it("creates, updates (keeping the rest), replaces and patches a list; manages groups", async () => {
    const { sim, client } = setup();
    const todoset = tool(sim, "Todoset");
    const list = await client.todolists.create(todoset.id, { name: "Launch", description: "<div>Plan</div>" });
    expect(list).toMatchObject({ name: "Launch", description: "<div>Plan</div>", type: "Todolist" });
    const renamed = await client.todolists.update(list.id, { name: "Launch v2" });
    expect(renamed).toMatchObject({ name: "Launch v2", description: "<div>Plan</div>" });
    const viaPatch = await client.todolists.patch(list.id, { name: "Launch v2.1" });
    expect(viaPatch).toMatchObject({ name: "Launch v2.1", description: "<div>Plan</div>" });
    const replaced = await client.todolists.replace(list.app_url, { name: "Launch v3" });
    expect(replaced).toMatchObject({ name: "Launch v3", description: "" });

    const g1 = await client.todolists.createGroup(list.id, { name: "Phase 1", color: "green" });
    const g2 = await client.todolists.createGroup(list.url, { name: "Phase 2" });
    expect(g1.group_position_url).toBeTruthy();
    expect(g1.color).toBe("green");
    await client.todolists.repositionGroup(g2.id, 1);
    const groups = await client.todolists.listGroups(list.id).toArray();
    expect(groups.map((g) => g.name)).toEqual(["Phase 2", "Phase 1"]);
    expect((await client.todolists.get(g1.id)).name).toBe("Phase 1");
  });
});

describe("todos", () => {
  it("walks every page of a long list with for await, and knows the total", async () => {
    const { sim, client } = setup("small");
    const list = childrenOf(sim, tool(sim, "Todoset").id, ["Todolist"])[0];
    for (let i = 0; i < 40; i++) await client.todos.create(list.id, { content: `Extra ${i}` });
    const pending = childrenOf(sim, list.id, ["Todo"]).filter((t) => !t.completed);
    expect(pending.length).toBeGreaterThan(45); // pages of 15 and 30, then more
    const it = client.todos.list(list.id);
    const ids: string[] = [];
    for await (const t of it) ids.push(str(t.id));
    expect(ids.length).toBe(pending.length);
    expect(new Set(ids)).toEqual(new Set(pending.map((t) => str(t.id))));
    expect(it.totalCount).toBe(pending.length);
    let pages = 0;
    for await (const _ of client.todos.list(list.id).pages()) pages++;
    expect(pages).toBeGreaterThan(1);
    const done = await client.todos.list(list.id, { completed: true }).toArray();
    expect(done.every((t) => t.completed)).toBe(true);
  });

  it("creates a to-do and returns the typed record", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const list = childrenOf(sim, tool(sim, "Todoset").id, ["Todolist"])[0];
    const mate = project.peopleIds[1];
    const t: Todo = await client.todos.create(list.id, { content: "Ship it", description: "<div>Soon</div>", assignee_ids: [mate], due_on: "2030-01-31" });
    expect(t).toMatchObject({ content: "Ship it", description: "<div>Soon</div>", due_on: "2030-01-31", completed: false, type: "Todo" });
    expect(t.assignees.map((p) => str(p.id))).toEqual([str(mate)]);
    expect(str(t.parent?.id)).toBe(str(list.id));
    expect(str((await client.todos.get(t.id)).id)).toBe(str(t.id));
  });

  it("update keeps what it does not touch (patch is its alias); replace sends the whole to-do as given", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const list = childrenOf(sim, tool(sim, "Todoset").id, ["Todolist"])[0];
    const t = await client.todos.create(list.id, { content: "Draft", description: "<div>Notes</div>", assignee_ids: [project.peopleIds[1]], due_on: "2030-02-01", starts_on: "2030-01-15" });

    const patched = await client.todos.update(t.id, { content: "Draft v2" });
    expect(patched.content).toBe("Draft v2");
    expect(patched.description).toBe("<div>Notes</div>");
    expect(patched.due_on).toBe("2030-02-01");
    expect(patched.starts_on).toBe("2030-01-15");
    expect(patched.assignees.map((p) => str(p.id))).toEqual([str(project.peopleIds[1])]);
    const reread = await client.todos.get(t.id);
    expect(reread.assignees).toHaveLength(1);
    expect(reread.content).toBe("Draft v2");

    const cleared = await client.todos.patch(t.id, { due_on: null });
    expect(cleared.due_on).toBeNull();
    expect(cleared.starts_on).toBe("2030-01-15");
    expect(cleared.assignees).toHaveLength(1);

    const replaced = await client.todos.replace(t.id, { content: "Only content" });
    expect(replaced.content).toBe("Only content");
    expect(replaced.assignees).toEqual([]);
    expect(replaced.description).toBe("");
    expect(replaced.starts_on).toBeNull();
  });

  it("completes, uncompletes and repositions, also into another list", async () => {
    const { sim, client } = setup();
    const todoset = tool(sim, "Todoset");
    const list = childrenOf(sim, todoset.id, ["Todolist"])[0];
    const other = await client.todolists.create(todoset.id, { name: "Elsewhere" });
    const t = await client.todos.create(list.id, { content: "Move me" });

    await client.todos.complete(t.id);
    expect((await client.todos.get(t.id)).completed).toBe(true);
    expect((await client.todos.get(t.id)).completion?.creator).toBeDefined();
    await client.todos.uncomplete(t.app_url);
    expect((await client.todos.get(t.id)).completed).toBe(false);

    await client.todos.reposition(t.id, 1);
    expect(str((await client.todos.list(list.id).toArray())[0].id)).toBe(str(t.id));

    await client.todos.reposition(t.id, 1, { parentId: other.url });
    const moved = await client.todos.get(t.id);
    expect(str(moved.parent?.id)).toBe(str(other.id));
    expect((await client.todos.list(other.id).toArray()).map((x) => str(x.id))).toEqual([str(t.id)]);
  });

  it("takes an ID above 2^53 from a response and sends it back exactly", async () => {
    const { sim, client } = setup("small");
    const bigTodo = recordsOf(sim, "Todo", { big: true })[0];
    expect(bigTodo).toBeDefined();
    const listId = bigTodo.parentId!;
    const all = await client.todos.list(listId, { status: "active", completed: bigTodo.completed }).toArray();
    const fromApi = all.find((t) => str(t.id) === str(bigTodo.id))!;
    expect(typeof fromApi.id).toBe("bigint");
    expect(fromApi.id as bigint).toBeGreaterThan(BIG);
    const again = await client.todos.get(fromApi.id);
    expect(again.id).toBe(bigTodo.id);
    const patched = await client.todos.update(fromApi.id, { content: "Big and exact" });
    expect(patched.id).toBe(bigTodo.id);
    expect(sim.store.recordings.get(bigTodo.id)!.title).toBe("Big and exact");
  });

  it("accepts the web URL and the API URL of a to-do, and refuses a URL of another kind", async () => {
    const { sim, client } = setup();
    const todo = recordsOf(sim, "Todo")[0];
    const viaId = await client.todos.get(todo.id);
    expect(viaId.app_url).toContain("/todos/");
    expect(str((await client.todos.get(viaId.app_url)).id)).toBe(str(todo.id));
    expect(str((await client.todos.get(viaId.url)).id)).toBe(str(todo.id));
    expect(str((await client.todos.get(str(todo.id))).id)).toBe(str(todo.id));

    const message = await client.messages.get(recordsOf(sim, "Message")[0].id);
    await expect(client.todos.get(message.app_url)).rejects.toThrow(TypeError);
    await expect(client.todos.get(message.app_url)).rejects.toThrow(/points to messages, not a to-do/);
    await expect(client.todos.complete(message.url)).rejects.toThrow(/not a to-do/);
    await expect(client.todos.get("not an id")).rejects.toThrow(TypeError);
    // List calls check at once (they return an iterator, not a promise).
    expect(() => client.todos.list(message.app_url)).toThrow(/points to messages, not a to-do list/);
    expect(sim.store.recordings.get(todo.id)!.completed).toBe(todo.completed);
  });

  it("reports a missing to-do as NotFoundError and a blank one as ValidationError", async () => {
    const { sim, client } = setup();
    const list = childrenOf(sim, tool(sim, "Todoset").id, ["Todolist"])[0];
    await expect(client.todos.get(999_999_999)).rejects.toBeInstanceOf(NotFoundError);
    const err = await client.todos.create(list.id, { content: "   " }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors).toHaveProperty("content");
    expect((err as ValidationError).status).toBe(422);
  });
});
