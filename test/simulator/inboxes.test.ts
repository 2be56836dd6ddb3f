import { describe, expect, it } from "vitest";
import type { Project } from "../../src/simulator/store/model.js";
import { parseJson } from "../../src/simulator/internal/json.js";
import { all, api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const inbox = sim.store.dockTool(p1.id, "Inbox")!;
  return { sim, p1, p2, inbox };
}

async function deliver(sim: Sim, path: string, body: unknown, token = sim.adminToken): Promise<{ status: number; body: any }> {
  const res = await sim.fetch(`${sim.apiUrl}/__sim${path}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? parseJson(text) : undefined };
}

describe("inboxes and forwards", () => {
  it("shows the inbox with its forwards count and URL, in both path forms", async () => {
    const { sim, p1, inbox } = setup();
    const flat = await api(sim, "GET", `/inboxes/${inbox.id}.json`);
    expect(flat.status).toBe(200);
    expect(flat.body.type).toBe("Inbox");
    expect(flat.body.forwards_count).toBe(2);
    expect(flat.body.forwards_url).toContain(`/buckets/${p1.id}/inboxes/${inbox.id}/forwards.json`);
    const legacy = await api(sim, "GET", `/buckets/${p1.id}/inboxes/${inbox.id}.json`);
    expect(legacy.status).toBe(200);
    // The Inbox path under another bucket, or another tool's ID, is not found.
    const todoset = sim.store.dockTool(p1.id, "Todoset")!;
    expect((await api(sim, "GET", `/inboxes/${todoset.id}.json`)).status).toBe(404);
  });

  it("lists forwards newest first at both list paths, and reads one with its replies", async () => {
    const { sim, p1, inbox } = setup();
    const list = await all(sim, `/inboxes/${inbox.id}/inbox_forwards.json`);
    expect(list).toHaveLength(2);
    expect(Date.parse(list[0].created_at)).toBeGreaterThanOrEqual(Date.parse(list[1].created_at));
    expect(await all(sim, `/buckets/${p1.id}/inboxes/${inbox.id}/forwards.json`)).toHaveLength(2);
    const fwd = list.find((f: any) => f.replies_count === 1)!;
    expect(fwd.type).toBe("Inbox::Forward");
    expect(fwd.subject).toBe(fwd.title);
    expect(fwd.from).toMatch(/@/);
    expect(fwd.parent.type).toBe("Inbox");
    expect(fwd.content_attachments).toEqual([]);
    expect(fwd.comments_count).toBe(0);
    const got = await api(sim, "GET", `/inbox_forwards/${fwd.id}.json`);
    expect(got.status).toBe(200);
    expect(got.body.url).toBe(fwd.url);
    const replies = await api(sim, "GET", `/inbox_forwards/${fwd.id}/replies.json`);
    expect(replies.status).toBe(200);
    expect(replies.body).toHaveLength(1);
    const reply = replies.body[0];
    expect(reply.type).toBe("Inbox::Reply");
    expect(reply.title).toBe(`Re: ${fwd.subject}`);
    expect(reply.parent.id).toBe(fwd.id);
    // The reply's url is where it is read.
    const one = await api(sim, "GET", reply.url);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(reply.id);
    // A reply read through another forward is not found.
    const other = list.find((f: any) => f.id !== fwd.id)!;
    expect((await api(sim, "GET", `/inbox_forwards/${other.id}/replies/${reply.id}.json`)).status).toBe(404);
  });

  it("delivers email through the admin API; the API cannot create forwards", async () => {
    const { sim, inbox } = setup();
    expect((await deliver(sim, `/inboxes/${inbox.id}/forwards`, { subject: "x" }, "wrong")).status).toBe(401);
    expect((await deliver(sim, `/inboxes/${inbox.id}/forwards`, { content: "no subject" })).status).toBe(422);
    const made = await deliver(sim, `/inboxes/${inbox.id}/forwards`, { subject: "Contract", content: "<div>See attached</div>", from: "lee@client.example" });
    expect(made.status).toBe(201);
    const fwd = await api(sim, "GET", `/inbox_forwards/${made.body.id}.json`);
    expect(fwd.body.subject).toBe("Contract");
    expect(fwd.body.from).toBe("lee@client.example");
    expect(fwd.body.content).toContain("See attached");
    const reply = await deliver(sim, `/inbox_forwards/${made.body.id}/replies`, { content: "Got it" });
    expect(reply.status).toBe(201);
    expect((await api(sim, "GET", `/inbox_forwards/${made.body.id}.json`)).body.replies_count).toBe(1);
    expect((await api(sim, "GET", `/inboxes/${inbox.id}.json`)).body.forwards_count).toBe(3);
    // The forward's creation is an event.
    const events = await api(sim, "GET", `/buckets/${inbox.bucketId}/recordings/${made.body.id}/events.json`);
    expect(events.body.map((e: any) => e.action)).toContain("created");
    // No API route creates forwards.
    expect((await api(sim, "POST", `/inboxes/${inbox.id}/inbox_forwards.json`, { subject: "x" })).status).toBe(404);
  });

  it("takes comments on forwards, and trashing one hides it", async () => {
    const { sim, p1, inbox } = setup();
    const [fwd] = await all(sim, `/inboxes/${inbox.id}/inbox_forwards.json`);
    const comment = await api(sim, "POST", `/buckets/${p1.id}/recordings/${fwd.id}/comments.json`, { content: "<div>Replying by hand</div>" });
    expect(comment.status).toBe(201);
    expect((await api(sim, "GET", `/inbox_forwards/${fwd.id}.json`)).body.comments_count).toBe(1);
    expect((await api(sim, "PUT", `/buckets/${p1.id}/recordings/${fwd.id}/status/trashed.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/inbox_forwards/${fwd.id}.json`)).status).toBe(404);
    expect(await all(sim, `/inboxes/${inbox.id}/inbox_forwards.json`)).toHaveLength(1);
  });

  it("hides another project's forwards from people not on it", async () => {
    const { sim, p1, inbox } = setup();
    const outsider = [...sim.store.people.values()].find((p) => !p.admin && !p.owner && !p1.peopleIds.includes(p.id));
    if (!outsider) return;
    const token = sim.store.auth.issueTokens(outsider.id, sim.clientId, 3600).access_token;
    const [fwd] = await all(sim, `/inboxes/${inbox.id}/inbox_forwards.json`);
    expect((await api(sim, "GET", `/inbox_forwards/${fwd.id}.json`, undefined, { Authorization: `Bearer ${token}` })).status).toBe(404);
  });
});
