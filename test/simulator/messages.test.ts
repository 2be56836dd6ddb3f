import { describe, expect, it } from "vitest";
import type { Project, Recording } from "../../src/simulator/store/model.js";
import { all, api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

/** IDs as strings: parsed IDs are numbers below 2^53 and bigints above, store IDs are bigints. */
const str = (v: unknown): string => String(v);
const idsOf = (xs: any[]): string[] => xs.map((x) => String(x.id));

function setup(opts: Parameters<typeof newSim>[0] = {}) {
  const sim = newSim(opts);
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const board1 = sim.store.dockTool(p1.id, "Message::Board")!;
  const board2 = sim.store.dockTool(p2.id, "Message::Board")!;
  const types1 = [...sim.store.messageTypes.values()].filter((m) => m.bucketId === p1.id);
  const types2 = [...sim.store.messageTypes.values()].filter((m) => m.bucketId === p2.id);
  return { sim, p1, p2, board1, board2, types1, types2 };
}

function messagesOf(sim: Sim, board: Recording): Recording[] {
  return sim.store.childrenOf(board.id, ["Message"]);
}

function actions(sim: Sim, id: unknown): string[] {
  return (sim.store.events.get(BigInt(id as string)) ?? []).map((e) => e.action);
}

describe("message boards and messages", () => {
  it("lists same-millisecond messages newest first (ties follow creation order), and oldest first with direction=asc", async () => {
    let now = Date.UTC(2026, 10, 1, 12);
    const { sim, board1 } = setup({ clock: () => now });
    now += 60_000; // after the seed data; every post below lands in this one millisecond
    for (const subject of ["tie A", "tie B", "tie C"]) expect((await api(sim, "POST", `/message_boards/${board1.id}/messages.json`, { subject })).status).toBe(201);
    const desc = (await api(sim, "GET", `/message_boards/${board1.id}/messages.json`)).body as Array<{ subject: string }>;
    expect(desc.slice(0, 3).map((m) => m.subject)).toEqual(["tie C", "tie B", "tie A"]);
    const asc = (await all(sim, `/message_boards/${board1.id}/messages.json?direction=asc`)) as Array<{ subject: string }>;
    expect(asc.slice(-3).map((m) => m.subject)).toEqual(["tie A", "tie B", "tie C"]);
  });

  it("shows a message board with its counts and URLs, in every path form", async () => {
    const { sim, p1, p2, board1 } = setup();
    const count = messagesOf(sim, board1).filter((m) => m.status === "active").length;
    expect(count).toBeGreaterThan(0);
    for (const path of [`/message_boards/${board1.id}.json`, `/message_boards/${board1.id}`, `/buckets/${p1.id}/message_boards/${board1.id}.json`, `/buckets/${p1.id}/message_boards/${board1.id}`]) {
      const r = await api(sim, "GET", path);
      expect(r.status, path).toBe(200);
      expect(r.body.type).toBe("Message::Board");
      expect(r.body.messages_count).toBe(count);
      expect(r.body.position).toBe(1);
      expect(r.body.messages_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/message_boards/${board1.id}/messages.json`);
      expect(r.body.app_messages_url).toMatch(new RegExp(`/buckets/${p1.id}/message_boards/${board1.id}/messages$`));
      expect(r.body.parent).toBeUndefined();
    }
    expect((await api(sim, "GET", `/buckets/${p2.id}/message_boards/${board1.id}.json`)).status).toBe(404);
    const chat = sim.store.dockTool(p1.id, "Chat::Transcript")!;
    expect((await api(sim, "GET", `/message_boards/${chat.id}.json`)).status).toBe(404);
  });

  it("creates a message, reads it back and lists it first", async () => {
    const { sim, p1, board1, types1 } = setup();
    const other = p1.peopleIds.find((id) => id !== sim.store.account.ownerId)!;
    const before = messagesOf(sim, board1).length;
    const r = await api(sim, "POST", `/message_boards/${board1.id}/messages.json`, {
      subject: "Kickoff",
      content: "<div>Let's go</div>",
      status: "active",
      category_id: types1[0].id,
      subscriptions: [other],
    });
    expect(r.status).toBe(201);
    expect(r.body.type).toBe("Message");
    expect(r.body.subject).toBe("Kickoff");
    expect(r.body.title).toBe("Kickoff");
    expect(r.body.content).toBe("<div>Let's go</div>");
    expect(str(r.body.category.id)).toBe(str(types1[0].id));
    expect(r.body.category.name).toBe(types1[0].name);
    expect(r.body.category.icon).toBe(types1[0].icon);
    expect(r.body.pinned).toBe(false);
    expect(str(r.body.parent.id)).toBe(str(board1.id));
    expect(r.body.comments_count).toBe(0);
    expect(r.body.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/messages/${r.body.id}.json`);
    expect(messagesOf(sim, board1).length).toBe(before + 1);
    expect(actions(sim, r.body.id)).toEqual(["created"]);
    const stored = sim.store.recordings.get(BigInt(r.body.id))!;
    expect(stored.subscriberIds.map(str).sort()).toEqual([str(other), str(sim.store.account.ownerId)].sort());

    const g = await api(sim, "GET", `/buckets/${p1.id}/messages/${r.body.id}`);
    expect(g.status).toBe(200);
    expect(g.body.subject).toBe("Kickoff");
    const list = await api(sim, "GET", `/message_boards/${board1.id}/messages.json`);
    expect(str(list.body[0].id)).toBe(str(r.body.id));
    expect((await api(sim, "GET", `/message_boards/${board1.id}.json`)).body.messages_count).toBe(before + 1);

    // Without status or subscriptions: active, everyone on the project subscribed.
    const plain = await api(sim, "POST", `/buckets/${p1.id}/message_boards/${board1.id}/messages`, { subject: "No status" });
    expect(plain.status).toBe(201);
    expect(plain.body.status).toBe("active");
    expect(plain.body).not.toHaveProperty("category"); // an object in the reference: absent when none
    expect(sim.store.recordings.get(BigInt(plain.body.id))!.subscriberIds.map(str).sort()).toEqual(p1.peopleIds.map(str).sort());
  });

  it("validates new messages with 422", async () => {
    const { sim, board1, types2 } = setup();
    const before = messagesOf(sim, board1).length;
    const path = `/message_boards/${board1.id}/messages.json`;
    const blank = await api(sim, "POST", path, { subject: " " });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.subject).toEqual(["can't be blank"]);
    expect((await api(sim, "POST", path, { content: "no subject" })).status).toBe(422);
    const drafted = await api(sim, "POST", path, { subject: "Draft", status: "drafted" });
    expect(drafted.status).toBe(422);
    expect(drafted.body.errors.status).toBeDefined();
    const foreign = await api(sim, "POST", path, { subject: "Wrong type", category_id: types2[0].id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors.category_id).toBeDefined();
    expect((await api(sim, "POST", path, { subject: "Who?", subscriptions: [123] })).status).toBe(422);
    expect(messagesOf(sim, board1).length).toBe(before);
  });

  it("sorts and filters the message list, paging with Link and X-Total-Count", async () => {
    let now = Date.UTC(2025, 3, 1, 9);
    const { sim, p1, board1 } = setup({ clock: () => now });
    const posted: string[] = [];
    for (let i = 0; i < 17; i++) {
      now += 60_000;
      const r = await api(sim, "POST", `/message_boards/${board1.id}/messages.json`, { subject: `Note ${i}` });
      posted.push(str(r.body.id));
    }
    const total = messagesOf(sim, board1).length;
    const first = await api(sim, "GET", `/message_boards/${board1.id}/messages.json`);
    expect(first.body.length).toBe(15);
    expect(first.headers.get("x-total-count")).toBe(String(total));
    expect(first.headers.get("link")).toMatch(/page=2>; rel="next"/);
    expect(idsOf(first.body)).toEqual([...posted].reverse().slice(0, 15));
    const walked = idsOf(await all(sim, `/buckets/${p1.id}/message_boards/${board1.id}/messages`));
    expect(walked.length).toBe(total);
    expect(new Set(walked).size).toBe(total);

    const asc = idsOf(await all(sim, `/message_boards/${board1.id}/messages.json?direction=asc`));
    expect(asc.slice(-17)).toEqual(posted);

    // Editing the oldest posted one moves it to the top by updated_at.
    now += 60_000;
    expect((await api(sim, "PUT", `/messages/${posted[0]}.json`, { content: "<div>edited</div>" })).status).toBe(200);
    const byUpdate = await api(sim, "GET", `/message_boards/${board1.id}/messages.json?sort=updated_at&direction=desc`);
    expect(str(byUpdate.body[0].id)).toBe(posted[0]);
    expect((await api(sim, "GET", `/message_boards/${board1.id}/messages.json?sort=title`)).status).toBe(400);

    // Trashed messages leave the default list and show under status=trashed.
    const victim = sim.store.recordings.get(BigInt(posted[1]))!;
    sim.store.setStatus(victim, "trashed", sim.store.account.ownerId);
    const active = idsOf(await all(sim, `/message_boards/${board1.id}/messages.json`));
    expect(active).not.toContain(posted[1]);
    const trashed = await api(sim, "GET", `/message_boards/${board1.id}/messages.json?status=trashed`);
    expect(idsOf(trashed.body)).toEqual([posted[1]]);
    expect((await api(sim, "GET", `/message_boards/${board1.id}.json`)).body.messages_count).toBe(total - 1);
  });

  it("updates subject, content and category, recording events", async () => {
    const { sim, p1, p2, board1, types1, types2 } = setup();
    const created = await api(sim, "POST", `/message_boards/${board1.id}/messages.json`, { subject: "Old subject", content: "old", category_id: types1[0].id });
    const id = created.body.id;
    const r = await api(sim, "PUT", `/buckets/${p1.id}/messages/${id}.json`, { subject: "New subject", content: "<div>new</div>", category_id: types1[1].id });
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe("New subject");
    expect(r.body.title).toBe("New subject");
    expect(r.body.content).toBe("<div>new</div>");
    expect(r.body.category.name).toBe(types1[1].name);
    expect(actions(sim, id)).toEqual(["created", "title_changed", "content_changed"]);

    const g = await api(sim, "GET", `/messages/${id}`);
    expect(g.body.subject).toBe("New subject");
    expect(g.body.content).toBe("<div>new</div>");

    const cleared = await api(sim, "PUT", `/messages/${id}`, { category_id: null });
    expect(cleared.body).not.toHaveProperty("category");
    expect(cleared.body.subject).toBe("New subject");

    expect((await api(sim, "PUT", `/messages/${id}.json`, { subject: "" })).status).toBe(422);
    expect((await api(sim, "PUT", `/messages/${id}.json`, { category_id: types2[0].id })).status).toBe(422);
    expect((await api(sim, "PUT", `/buckets/${p2.id}/messages/${id}.json`, { subject: "x" })).status).toBe(404);
    expect((await api(sim, "GET", `/messages/${id}.json`)).body.subject).toBe("New subject");
  });

  it("pins and unpins messages only", async () => {
    const { sim, p1, board1 } = setup();
    const msg = messagesOf(sim, board1)[0];
    const pin = await api(sim, "POST", `/recordings/${msg.id}/pin.json`);
    expect(pin.status).toBe(204);
    expect(msg.pinned).toBe(true);
    expect((await api(sim, "GET", `/messages/${msg.id}.json`)).body.pinned).toBe(true);
    expect(actions(sim, msg.id)).toContain("pinned");
    const unpin = await api(sim, "DELETE", `/buckets/${p1.id}/recordings/${msg.id}/pin`);
    expect(unpin.status).toBe(204);
    expect((await api(sim, "GET", `/messages/${msg.id}.json`)).body.pinned).toBe(false);
    const todo = [...sim.store.ofType("Todo")][0];
    expect((await api(sim, "POST", `/recordings/${todo.id}/pin.json`)).status).toBe(404);
  });
});

describe("message types", () => {
  it("lists a project's types under /buckets only, unpaginated", async () => {
    const { sim, p1, types1 } = setup();
    const r = await api(sim, "GET", `/buckets/${p1.id}/categories.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("link")).toBeNull();
    expect(idsOf(r.body).sort()).toEqual(types1.map((t) => str(t.id)).sort());
    expect(Object.keys(r.body[0]).sort()).toEqual(["created_at", "icon", "id", "name", "updated_at"]);
    expect((await api(sim, "GET", `/buckets/${p1.id}/categories`)).body.length).toBe(types1.length);
    expect((await api(sim, "GET", "/categories.json")).status).toBe(404);
  });

  it("creates, reads, updates and deletes a type; 422 without name or icon; 404 from another bucket", async () => {
    const { sim, p1, p2, board1 } = setup();
    const base = `/buckets/${p1.id}/categories`;
    const c = await api(sim, "POST", `${base}.json`, { name: "Retro", icon: "🔁" });
    expect(c.status).toBe(201);
    expect(c.body.name).toBe("Retro");
    expect(c.body.icon).toBe("🔁");
    const id = c.body.id;
    const stored = sim.store.messageTypes.get(BigInt(id))!;
    expect(str(stored.bucketId)).toBe(str(p1.id));

    const g = await api(sim, "GET", `${base}/${id}.json`);
    expect(g.status).toBe(200);
    expect(g.body.name).toBe("Retro");
    expect((await api(sim, "GET", `/buckets/${p2.id}/categories/${id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/categories/${id}.json`)).status).toBe(404);

    const noIcon = await api(sim, "POST", `${base}.json`, { name: "Only name" });
    expect(noIcon.status).toBe(422);
    expect(noIcon.body.errors.icon).toEqual(["can't be blank"]);
    const neither = await api(sim, "POST", base, {});
    expect(Object.keys(neither.body.errors).sort()).toEqual(["icon", "name"]);

    const u = await api(sim, "PUT", `${base}/${id}`, { name: "Retrospective" });
    expect(u.status).toBe(200);
    expect(u.body.name).toBe("Retrospective");
    expect(u.body.icon).toBe("🔁");
    expect((await api(sim, "PUT", `${base}/${id}.json`, { icon: "" })).status).toBe(422);

    // A message can use it; deleting the type leaves the message without a category.
    const m = await api(sim, "POST", `/message_boards/${board1.id}/messages.json`, { subject: "Retro notes", category_id: id });
    expect(m.body.category.name).toBe("Retrospective");
    expect((await api(sim, "DELETE", `/buckets/${p2.id}/categories/${id}.json`)).status).toBe(404);
    expect((await api(sim, "DELETE", `${base}/${id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `${base}/${id}.json`)).status).toBe(404);
    expect(idsOf((await api(sim, "GET", `${base}.json`)).body)).not.toContain(str(id));
    expect((await api(sim, "GET", `/messages/${m.body.id}.json`)).body).not.toHaveProperty("category");
  });
});
