// IDs above 2^53 and URL arguments across resource families.
import { describe, expect, it } from "vitest";
import { BIG, recordsOf, setup, str } from "./helpers.js";

describe("IDs above 2^53", () => {
  it("come back as bigint and go back exactly, for every family the simulator has them in", async () => {
    const { sim, client } = setup("small");
    const reads: Record<string, (id: bigint) => Promise<{ id: unknown }>> = {
      Todolist: (id) => client.todolists.get(id),
      Message: (id) => client.messages.get(id),
      Comment: (id) => client.comments.get(id),
      Document: (id) => client.documents.get(id),
      "Schedule::Entry": (id) => client.schedules.entry(id),
      "Kanban::Card": (id) => client.cardTables.card(id),
      "Question::Answer": (id) => client.questionnaires.answer(id),
    };
    let checked = 0;
    for (const [type, read] of Object.entries(reads)) {
      const rec = recordsOf(sim, type, { big: true })[0];
      if (!rec) continue;
      const got = await read(rec.id);
      expect(typeof got.id).toBe("bigint");
      expect(got.id).toBe(rec.id);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it("a big comment ID from a list goes back into update and a URL of it works too", async () => {
    const { sim, client } = setup("small");
    const big = recordsOf(sim, "Comment", { big: true })[0];
    const listed = await client.comments.list(big.parentId!).toArray();
    const c = listed.find((x) => typeof x.id === "bigint" && x.id > BIG)!;
    expect(c).toBeDefined();
    const u = await client.comments.update(c.id, "<div>exact</div>");
    expect(u.id).toBe(c.id);
    expect((await client.comments.get(c.app_url)).content).toBe("<div>exact</div>");
    expect(sim.store.recordings.get(c.id as bigint)!.content).toBe("<div>exact</div>");
    expect(str(c.id)).toMatch(/^\d{16,}$/);
  });
});

describe("URL arguments", () => {
  it("take web and API URLs and refuse the wrong kind with a TypeError naming it", async () => {
    const { sim, client } = setup();
    const doc = await client.documents.get(recordsOf(sim, "Document")[0].id);
    const msg = await client.messages.get(recordsOf(sim, "Message")[0].id);
    expect(str((await client.documents.get(doc.app_url)).id)).toBe(str(doc.id));
    expect(str((await client.documents.get(doc.url)).id)).toBe(str(doc.id));
    expect(str((await client.messages.get(` ${msg.app_url} `)).id)).toBe(str(msg.id));

    const wrong = await client.documents.get(msg.app_url).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TypeError);
    expect(String((wrong as Error).message)).toMatch(/points to messages, not a document/);
    await expect(client.cardTables.card(doc.url)).rejects.toThrow(/points to documents, not a card/);
    await expect(client.schedules.entry(doc.url)).rejects.toThrow(TypeError);
    await expect(client.projects.get(doc.app_url)).rejects.toThrow(/points to documents, not a project/);
    await expect(client.todos.get(-5)).rejects.toThrow(TypeError);
    // Any recording is fine where any recording is meant (comments, events, subscriptions).
    expect((await client.events.list(msg.app_url).toArray()).length).toBeGreaterThan(0);
  });
});
