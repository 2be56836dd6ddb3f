// `update(id, changes)` reads the record, merges the changes over its editable fields and
// sends the whole record: a one-field change keeps the rest, and null clears. Work records:
// to-dos, lists, messages, comments, documents, vaults, uploads, message types.
import { describe, expect, it } from "vitest";
import { BIG, childrenOf, firstProject, recordsOf, stored, str, strs, tool, watchedSetup } from "./helpers.js";

describe("to-dos", () => {
  it("update(id, { content }) keeps description, people and dates; sends the whole to-do", async () => {
    const { sim, client, puts } = watchedSetup();
    const [, a, b] = firstProject(sim).peopleIds;
    const list = childrenOf(sim, tool(sim, "Todoset").id, ["Todolist"])[0];
    const t = await client.todos.create(list.id, { content: "Draft", description: "<div>Notes</div>", assignee_ids: [a], completion_subscriber_ids: [b], due_on: "2030-02-01", starts_on: "2030-01-15" });
    await client.todos.update(t.id, { content: "Draft v2" });
    expect(stored(sim, t.id)).toMatchObject({ title: "Draft v2", description: "<div>Notes</div>", dueOn: "2030-02-01", startsOn: "2030-01-15" });
    expect(strs(stored(sim, t.id).assigneeIds)).toEqual([str(a)]);
    expect(strs(stored(sim, t.id).completionSubscriberIds)).toEqual([str(b)]);
    expect(puts()).toHaveLength(1);
    expect(Object.keys(puts()[0].body).sort()).toEqual(["assignee_ids", "completion_subscriber_ids", "content", "description", "due_on", "starts_on"]);

    await client.todos.update(t.id, { due_on: null });
    expect(stored(sim, t.id)).toMatchObject({ dueOn: null, startsOn: "2030-01-15", description: "<div>Notes</div>" });
    expect(strs(stored(sim, t.id).assigneeIds)).toEqual([str(a)]);
    expect(puts()[1].body).toMatchObject({ due_on: null, starts_on: "2030-01-15" });
  });

  it("keeps IDs above 2^53 exact through the merge (record, assignees)", async () => {
    const { sim, client, puts } = watchedSetup("small");
    const big = recordsOf(sim, "Todo", { big: true })[0];
    const bigPerson = [...sim.store.people.values()].find((p) => p.id > BIG)!;
    expect(bigPerson.id).toBeGreaterThan(BIG);
    await client.todos.update(big.id, { assignee_ids: [bigPerson.id] });
    await client.todos.update(big.id, { content: "Still exact" });
    expect(puts()[1].path).toBe(`/todos/${big.id}.json`);
    expect(puts()[1].body.assignee_ids).toEqual([bigPerson.id]);
    expect(stored(sim, big.id).assigneeIds).toEqual([bigPerson.id]);
    expect(stored(sim, big.id).title).toBe("Still exact");
  });
});

describe("to-do lists", () => {
  it("update(id, { name }) keeps the description; description: null clears it", async () => {
    const { sim, client } = watchedSetup();
    const list = await client.todolists.create(tool(sim, "Todoset").id, { name: "Launch", description: "<div>Plan</div>" });
    await client.todolists.update(list.id, { name: "Launch v2" });
    expect(stored(sim, list.id)).toMatchObject({ title: "Launch v2", description: "<div>Plan</div>" });
    await client.todolists.update(list.id, { description: null });
    expect(stored(sim, list.id)).toMatchObject({ title: "Launch v2", description: "" });
  });
});

describe("messages", () => {
  it("update(id, { subject }) sends content and category back; category_id: null clears the type", async () => {
    const { sim, client, puts } = watchedSetup();
    const project = firstProject(sim);
    const type = await client.messageTypes.create(project.id, { name: "Plan", icon: "🗺" });
    const m = await client.messages.create(tool(sim, "Message::Board").id, { subject: "Hello", content: "<div>Body</div>", category_id: type.id });
    await client.messages.update(m.id, { subject: "Hello again" });
    expect(puts()[0].body).toEqual({ subject: "Hello again", content: "<div>Body</div>", category_id: type.id });
    expect(stored(sim, m.id)).toMatchObject({ title: "Hello again", content: "<div>Body</div>" });
    expect(str(stored(sim, m.id).categoryId)).toBe(str(type.id));
    await client.messages.update(m.url, { category_id: null });
    expect(puts()[1].body).toEqual({ subject: "Hello again", content: "<div>Body</div>", category_id: null });
    expect(stored(sim, m.id)).toMatchObject({ categoryId: null, content: "<div>Body</div>" });
  });
});

describe("comments and vaults (one editable field each)", () => {
  it("comments.update sends the new content after reading the comment", async () => {
    const { sim, client, sent } = watchedSetup();
    const todo = recordsOf(sim, "Todo")[0];
    const c = await client.comments.create(todo.id, "<div>First</div>");
    await client.comments.update(c.id, { content: "<div>Second</div>" });
    await client.comments.update(c.id, "<div>Third</div>");
    expect(sent.filter((r) => r.path === `/comments/${c.id}.json`).map((r) => r.method)).toEqual(["GET", "PUT", "GET", "PUT"]);
    expect(stored(sim, c.id).content).toBe("<div>Third</div>");
  });

  it("vaults.update renames after reading the vault", async () => {
    const { sim, client, puts, sent } = watchedSetup();
    const v = await client.vaults.create(tool(sim, "Vault").id, "Folder");
    expect((await client.vaults.update(v.id, "Renamed")).title).toBe("Renamed");
    await client.vaults.update(v.app_url, { title: "Again" });
    expect(sent.filter((r) => r.path === `/vaults/${v.id}.json`).map((r) => r.method)).toEqual(["GET", "PUT", "GET", "PUT"]);
    expect(puts().map((p) => p.body)).toEqual([{ title: "Renamed" }, { title: "Again" }]);
    expect(stored(sim, v.id).title).toBe("Again");
  });
});

describe("documents", () => {
  it("update(id, { title }) keeps the content (the PUT is a full replace); content: null clears it", async () => {
    const { sim, client } = watchedSetup();
    const d = await client.documents.create(tool(sim, "Vault").id, { title: "Spec", content: "<div>v1</div>" });
    await client.documents.update(d.id, { title: "Spec v2" });
    expect(stored(sim, d.id)).toMatchObject({ title: "Spec v2", content: "<div>v1</div>" });
    await client.documents.update(d.id, { content: "<div>v2</div>" });
    expect(stored(sim, d.id)).toMatchObject({ title: "Spec v2", content: "<div>v2</div>" });
    await client.documents.update(d.id, { content: null });
    expect(stored(sim, d.id)).toMatchObject({ title: "Spec v2", content: "" });
  });
});

describe("uploads", () => {
  it("update(id, { base_name }) sends the description back; description: null clears it", async () => {
    const { sim, client, puts } = watchedSetup();
    const att = await client.attachments.upload(new Uint8Array([1, 2, 3]), { name: "report.v1.pdf", contentType: "application/pdf" });
    const up = await client.uploads.create(tool(sim, "Vault").id, { attachable_sgid: att.attachable_sgid, description: "<div>Q1</div>" });
    await client.uploads.update(up.id, { base_name: "final" });
    expect(puts()[0].body).toEqual({ description: "<div>Q1</div>", base_name: "final" });
    expect(stored(sim, up.id)).toMatchObject({ filename: "final.pdf", description: "<div>Q1</div>" });
    await client.uploads.update(up.id, { description: "<div>Q2</div>" });
    expect(puts()[1].body).toEqual({ description: "<div>Q2</div>", base_name: "final" });
    expect(stored(sim, up.id)).toMatchObject({ filename: "final.pdf", description: "<div>Q2</div>" });
    await client.uploads.update(up.id, { description: null });
    expect(stored(sim, up.id)).toMatchObject({ filename: "final.pdf", description: "" });
  });
});

describe("message types", () => {
  it("update(project, id, { name }) sends the icon back", async () => {
    const { sim, client, puts } = watchedSetup();
    const project = firstProject(sim);
    const t = await client.messageTypes.create(project.id, { name: "Idea", icon: "💡" });
    const u = await client.messageTypes.update(project.id, t.id, { name: "Big idea" });
    expect(u).toMatchObject({ name: "Big idea", icon: "💡" });
    expect(puts()[0]).toMatchObject({ path: `/buckets/${project.id}/categories/${t.id}.json`, body: { name: "Big idea", icon: "💡" } });
    expect(sim.store.messageTypes.get(BigInt(str(t.id)))).toMatchObject({ name: "Big idea", icon: "💡" });
  });
});
