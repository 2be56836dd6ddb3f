import { describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError } from "../../src/http/errors.js";
import { firstProject, recordsOf, setup, str, tool, walk } from "./helpers.js";

describe("recordings", () => {
  it("lists one type across projects over several pages, and filters by bucket", async () => {
    const { sim, client } = setup("small");
    const activeProjects = new Set([...sim.store.projects.values()].filter((p) => p.status === "active").map((p) => p.id));
    const expected = recordsOf(sim, "Todo").filter((t) => activeProjects.has(t.bucketId));
    const it = client.recordings.list("Todo");
    const all = await walk(it);
    expect(all.length).toBe(expected.length);
    expect(it.totalCount).toBe(expected.length);
    expect(all.every((r) => r.type === "Todo")).toBe(true);
    const project = firstProject(sim);
    const one = await client.recordings.list("Todo", { bucket: project.id }).toArray();
    expect(one.length).toBe(expected.filter((t) => t.bucketId === project.id).length);
    expect(one.every((r) => str(r.bucket.id) === str(project.id))).toBe(true);
  });

  it("trashes, archives and unarchives any recording, by ID or URL", async () => {
    const { sim, client } = setup();
    const doc = await client.documents.create(tool(sim, "Vault").id, { title: "Temp", content: "<div>x</div>" });
    await client.recordings.archive(doc.app_url);
    expect((await client.documents.get(doc.id)).status).toBe("archived");
    const archived = await client.recordings.list("Document", { status: "archived" }).toArray();
    expect(archived.map((d) => str(d.id))).toContain(str(doc.id));
    await client.recordings.unarchive(doc.id);
    expect((await client.documents.get(doc.id)).status).toBe("active");
    await client.recordings.trash(doc.url);
    expect((await client.documents.get(doc.id)).status).toBe("trashed");
    await client.recordings.unarchive(doc.id);
    expect((await client.documents.get(doc.id)).status).toBe("active");
  });

  it("shows a recording's events", async () => {
    const { sim, client } = setup();
    const list = recordsOf(sim, "Todolist")[0];
    const t = await client.todos.create(list.id, { content: "Eventful" });
    await client.todos.complete(t.id);
    const events = await client.events.list(t.app_url).toArray();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["created", "completed"]));
    expect(events.every((e) => str(e.recording_id) === str(t.id))).toBe(true);
  });
});

describe("subscriptions", () => {
  it("subscribes, unsubscribes and changes other subscribers", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const msg = await client.messages.get(recordsOf(sim, "Message").find((m) => m.bucketId === project.id)!.id);
    await client.subscriptions.unsubscribe(msg.id);
    expect((await client.subscriptions.get(msg.app_url)).subscribed).toBe(false);
    const on = await client.subscriptions.subscribe(msg.url);
    expect(on.subscribed).toBe(true);
    const mate = project.peopleIds.find((id) => id !== sim.store.account.ownerId)!;
    const changed = await client.subscriptions.update(msg.id, { unsubscriptions: [mate] });
    expect(changed.subscribers.map((p) => str(p.id))).not.toContain(str(mate));
    const back = await client.subscriptions.update(msg.id, { subscriptions: [mate] });
    expect(back.subscribers.map((p) => str(p.id))).toContain(str(mate));
    expect(back.count).toBe(back.subscribers.length);
  });
});

describe("webhooks", () => {
  it("creates, lists, reads, updates and deletes a webhook", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const hook = await client.webhooks.create(project.id, { payload_url: "https://example.com/hook", types: ["Todo", "Comment"] });
    expect(hook).toMatchObject({ payload_url: "https://example.com/hook", types: ["Todo", "Comment"], active: true });
    expect((await client.webhooks.list(project.id).toArray()).map((w) => str(w.id))).toContain(str(hook.id));
    const got = await client.webhooks.get(hook.url);
    expect(got.recent_deliveries).toEqual([]);
    const upd = await client.webhooks.update(hook.id, { payload_url: "https://example.com/hook2", active: false });
    expect(upd).toMatchObject({ payload_url: "https://example.com/hook2", active: false, types: ["Todo", "Comment"] });
    await client.webhooks.delete(hook.id);
    await expect(client.webhooks.get(hook.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.webhooks.create(project.id, { payload_url: "ftp://nope" })).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe("search", () => {
  it("finds recordings across pages, filtered by type and project", async () => {
    const { sim, client } = setup();
    const list = recordsOf(sim, "Todolist")[0];
    for (let i = 0; i < 7; i++) await client.todos.create(list.id, { content: `Zebra crossing ${i}` });
    const it = client.search.search("zebra", { type: "Todo", per_page: 3 });
    const hits = await walk(it);
    expect(hits).toHaveLength(7);
    expect(it.totalCount).toBe(7);
    expect(hits.every((h) => h.type === "Todo" && /<em>Zebra<\/em>/.test(h.plain_text_content ?? ""))).toBe(true);
    const elsewhere = [...sim.store.projects.values()].find((p) => p.id !== list.bucketId)!;
    expect(await client.search.search("zebra", { bucket_id: elsewhere.id }).toArray()).toEqual([]);
    const meta = await client.search.metadata();
    expect(meta.recording_search_types.map((t) => t.key)).toContain("Todo");
  });
});

describe("assignments", () => {
  it("shows my open, completed and due assignments", async () => {
    const { sim, client } = setup();
    const me = sim.store.account.ownerId;
    const list = recordsOf(sim, "Todolist")[0];
    const open = await client.todos.create(list.id, { content: "Mine, overdue", assignee_ids: [me], due_on: "2001-01-01" });
    const done = await client.todos.create(list.id, { content: "Mine, done", assignee_ids: [me] });
    await client.todos.complete(done.id);
    const mine = await client.assignments.mine();
    expect(mine.non_priorities.map((a) => str(a.id))).toContain(str(open.id));
    expect(mine.non_priorities.map((a) => str(a.id))).not.toContain(str(done.id));
    expect((await client.assignments.completed().toArray()).map((a) => str(a.id))).toContain(str(done.id));
    const overdue = await client.assignments.due("overdue").toArray();
    expect(overdue.map((a) => a.content)).toContain("Mine, overdue");
    expect((await client.assignments.due("due_later").toArray()).map((a) => str(a.id))).not.toContain(str(open.id));
  });
});
