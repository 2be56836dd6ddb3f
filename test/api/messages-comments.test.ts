import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/http/errors.js";
import { childrenOf, firstProject, recordsOf, setup, str, tool, walk } from "./helpers.js";

describe("message boards and messages", () => {
  it("reads a board and walks its messages across pages", async () => {
    const { sim, client } = setup();
    const board = await client.messageBoards.get(tool(sim, "Message::Board").id);
    expect(board.type).toBe("Message::Board");
    for (let i = 0; i < 20; i++) await client.messages.create(board.id, { subject: `Note ${i}` });
    const stored = childrenOf(sim, BigInt(board.id), ["Message"]);
    const it = client.messages.list(board.id);
    const seen = await walk(it);
    expect(seen.length).toBe(stored.length);
    expect(it.totalCount).toBe(stored.length);
    expect(seen[0].subject).toBe("Note 19");
    const asc = await client.messages.list(board.url, { direction: "asc", sort: "created_at", maxItems: 1 }).toArray();
    expect(asc[0].subject).not.toBe("Note 19");
  });

  it("posts, edits, pins and unpins a message with a message type", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const board = tool(sim, "Message::Board");
    const type = await client.messageTypes.create(project.id, { name: "Kudos", icon: "🎉" });
    expect(type).toMatchObject({ name: "Kudos", icon: "🎉" });
    const m = await client.messages.create(board.id, { subject: "Hello", content: "<div>Hi all</div>", category_id: type.id });
    expect(m).toMatchObject({ subject: "Hello", content: "<div>Hi all</div>", type: "Message" });
    expect(m.category?.name).toBe("Kudos");
    const edited = await client.messages.update(m.app_url, { subject: "Hello again" });
    expect(edited).toMatchObject({ subject: "Hello again", content: "<div>Hi all</div>" });
    await client.messages.pin(m.id);
    expect((await client.messages.get(m.id)).pinned).toBe(true);
    await client.messages.unpin(m.url);
    expect((await client.messages.get(m.id)).pinned).toBe(false);
  });

  it("lists, reads, updates and deletes message types", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const before = await client.messageTypes.list(project.id).toArray();
    const t = await client.messageTypes.create(project.id, { name: "Idea", icon: "💡" });
    expect((await client.messageTypes.list(project.id).toArray()).length).toBe(before.length + 1);
    expect((await client.messageTypes.get(project.id, t.id)).name).toBe("Idea");
    expect((await client.messageTypes.update(project.id, t.id, { name: "Big idea" })).name).toBe("Big idea");
    await client.messageTypes.delete(project.id, t.id);
    expect((await client.messageTypes.list(project.id).toArray()).map((x) => str(x.id))).not.toContain(str(t.id));
    const err = await client.messageTypes.create(project.id, { name: "", icon: "" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fieldErrors).sort()).toEqual(["icon", "name"]);
  });
});

describe("comments", () => {
  it("comments on a recording given by its URL, lists, reads and edits", async () => {
    const { sim, client } = setup();
    const todo = await client.todos.get(recordsOf(sim, "Todo")[0].id);
    const before = todo.comments_count ?? 0;
    const c = await client.comments.create(todo.app_url, "<div>Nice</div>");
    expect(c).toMatchObject({ content: "<div>Nice</div>", type: "Comment" });
    expect(str(c.parent?.id)).toBe(str(todo.id));
    const list = client.comments.list(todo.url);
    const all = await walk(list);
    expect(all.length).toBe(before + 1);
    expect(list.totalCount).toBe(before + 1);
    expect(str(all[all.length - 1].id)).toBe(str(c.id)); // oldest first
    expect((await client.comments.get(c.app_url)).content).toBe("<div>Nice</div>");
    expect((await client.comments.update(c.id, "<div>Nicer</div>")).content).toBe("<div>Nicer</div>");
    await expect(client.comments.get(todo.app_url)).rejects.toThrow(/points to todos, not a comment/);
  });
});
