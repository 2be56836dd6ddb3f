import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/http/errors.js";
import { childrenOf, firstProject, setup, str, tool, walk } from "./helpers.js";

describe("campfires", () => {
  it("lists campfires and walks every line across pages", async () => {
    const { sim, client } = setup("small");
    const rooms = await client.campfires.list().toArray();
    expect(rooms.length).toBe([...sim.store.projects.values()].filter((p) => p.status === "active").length);
    const chat = tool(sim, "Chat::Transcript");
    const stored = childrenOf(sim, chat.id, ["Chat::Lines::Text", "Chat::Lines::RichText", "Chat::Lines::Upload"]);
    expect(stored.length).toBeGreaterThan(15);
    const it = client.campfires.lines(chat.id);
    const lines = await walk(it);
    expect(lines.length).toBe(stored.length);
    expect(it.totalCount).toBe(stored.length);
    const asc = await client.campfires.lines(chat.id, { direction: "asc", maxItems: 3 }).toArray();
    expect(asc.map((l) => str(l.id))).toEqual(lines.slice(-3).reverse().map((l) => str(l.id)));
  });

  it("writes plain and rich lines, reads one by IDs or by its URL, deletes it", async () => {
    const { sim, client } = setup();
    const chat = await client.campfires.get(tool(sim, "Chat::Transcript").id);
    expect(chat.type).toBe("Chat::Transcript");
    const plain = await client.campfires.write(chat.id, "Hello there");
    expect(plain).toMatchObject({ content: "Hello there", type: "Chat::Lines::Text" });
    const rich = await client.campfires.write(chat.app_url, "<strong>Bold</strong>", { rich: true });
    expect(rich.type).toBe("Chat::Lines::RichText");

    expect((await client.campfires.line(chat.id, plain.id)).content).toBe("Hello there");
    expect((await client.campfires.line(plain.app_url)).content).toBe("Hello there");
    expect((await client.campfires.line(plain.url)).content).toBe("Hello there");
    await expect(client.campfires.line(chat.id, chat.url)).rejects.toThrow(/points to chats, not a campfire line/);

    await client.campfires.deleteLine(plain.app_url);
    await expect(client.campfires.line(chat.id, plain.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("uploads a file into a campfire and lists it", async () => {
    const { sim, client } = setup();
    const chat = tool(sim, "Chat::Transcript");
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252]);
    const line = await client.campfires.upload(chat.id, bytes, { name: "blob.bin", contentType: "application/octet-stream" });
    expect(line.type).toBe("Chat::Lines::Upload");
    expect(line.attachments?.[0]).toMatchObject({ filename: "blob.bin", byte_size: 6 });
    const uploads = await client.campfires.uploads(chat.id).toArray();
    expect(uploads.map((u) => str(u.id))).toContain(str(line.id));
    const back = await client.attachments.download(line.attachments![0]);
    expect([...back]).toEqual([...bytes]);
  });

  it("offers a Python-wrapper style handle: client.campfire(id).info() / .write()", async () => {
    const { sim, client } = setup();
    const chat = tool(sim, "Chat::Transcript");
    const room = client.campfire(chat.id);
    const info = await room.info();
    expect(str(info.id)).toBe(str(chat.id));
    expect(info.topic).toBeTruthy();
    const line = await room.write("Hello");
    expect(line.content).toBe("Hello");
    expect(str(line.parent?.id)).toBe(str(chat.id));
    const newest = await room.lines({ maxItems: 1 }).toArray();
    expect(str(newest[0].id)).toBe(str(line.id));
    const byUrl = client.campfire(info.app_url);
    expect(str((await byUrl.info()).id)).toBe(str(chat.id));
    expect(() => client.campfire(firstProject(sim).id.toString() + "x")).toThrow(TypeError);
  });
});
