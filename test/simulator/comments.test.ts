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
  const board = sim.store.dockTool(p1.id, "Message::Board")!;
  const message = sim.store.childrenOf(board.id, ["Message"])[0];
  return { sim, p1, p2, board, message };
}

function commentsOf(sim: Sim, rec: Recording): Recording[] {
  return sim.store.childrenOf(rec.id, ["Comment"]);
}

function tokenFor(sim: Sim, project: Project): { personId: bigint; auth: Record<string, string> } {
  const person = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
  if (!project.peopleIds.includes(person.id)) project.peopleIds.push(person.id);
  return { personId: person.id, auth: { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` } };
}

describe("comments", () => {
  it("lists a recording's active comments oldest first with the comment shape", async () => {
    const { sim } = setup();
    // Find a seeded recording with at least one comment.
    const comment = [...sim.store.ofType("Comment")][0];
    const parent = sim.store.recordings.get(comment.parentId!)!;
    const expected = commentsOf(sim, parent).filter((x) => x.status === "active");
    const r = await api(sim, "GET", `/recordings/${parent.id}/comments.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-total-count")).toBe(String(expected.length));
    expect(idsOf(r.body).sort()).toEqual(expected.map((x) => str(x.id)).sort());
    const times = r.body.map((x: any) => Date.parse(x.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const c = r.body[0];
    expect(c.type).toBe("Comment");
    expect(c.title).toBe(`Re: ${parent.title}`);
    expect(typeof c.content).toBe("string");
    expect(str(c.parent.id)).toBe(str(parent.id));
    expect(c.parent.type).toBe(parent.type);
    expect(c.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${parent.bucketId}/comments/${c.id}.json`);
    expect(c.comments_count).toBeUndefined();
  });

  it("posts a comment: 201 with Location, visible on read, parent's comments_count grows, event recorded", async () => {
    const { sim, p1, message } = setup();
    const before = (await api(sim, "GET", `/messages/${message.id}.json`)).body.comments_count;
    expect(before).toBe(commentsOf(sim, message).filter((x) => x.status === "active").length);

    const r = await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: "<div>Nice one</div>" });
    expect(r.status).toBe(201);
    expect(r.body.type).toBe("Comment");
    expect(r.body.content).toBe("<div>Nice one</div>");
    expect(r.body.title).toBe(`Re: ${message.title}`);
    expect(str(r.body.parent.id)).toBe(str(message.id));
    expect(r.headers.get("location")).toBe(r.body.app_url);
    expect(r.body.app_url).toMatch(new RegExp(`/buckets/${p1.id}/comments/${r.body.id}$`));
    expect(str(r.body.creator.id)).toBe(str(sim.store.account.ownerId));
    expect((sim.store.events.get(BigInt(r.body.id)) ?? []).map((e) => e.action)).toEqual(["created"]);

    const after = await api(sim, "GET", `/buckets/${p1.id}/messages/${message.id}`);
    expect(after.body.comments_count).toBe(before + 1);

    for (const path of [`/comments/${r.body.id}.json`, `/comments/${r.body.id}`, `/buckets/${p1.id}/comments/${r.body.id}.json`, `/buckets/${p1.id}/comments/${r.body.id}`]) {
      const g = await api(sim, "GET", path);
      expect(g.status, path).toBe(200);
      expect(g.body.content).toBe("<div>Nice one</div>");
    }
    const list = await all(sim, `/buckets/${p1.id}/recordings/${message.id}/comments`);
    expect(str(list[list.length - 1].id)).toBe(str(r.body.id));
  });

  it("comments on a to-do too, and tells webhooks listeners about a created comment", async () => {
    const { sim, p1 } = setup();
    const todo = [...sim.store.ofType("Todo")].find((t) => t.bucketId === p1.id && t.status === "active")!;
    const seen: string[] = [];
    const stop = sim.store.onChange((ch) => seen.push(`${ch.recording.type}:${ch.webhookEvent}`));
    const r = await api(sim, "POST", `/recordings/${todo.id}/comments`, { content: "On it" });
    stop();
    expect(r.status).toBe(201);
    expect(seen).toContain("Comment:created");
    expect(commentsOf(sim, todo).map((x) => str(x.id))).toContain(str(r.body.id));
  });

  it("answers 404 for non-commentable parents and wrong buckets, 422 for blank content", async () => {
    const { sim, p1, p2, board, message } = setup();
    const chat = sim.store.dockTool(p1.id, "Chat::Transcript")!;
    expect((await api(sim, "GET", `/recordings/${board.id}/comments.json`)).status).toBe(404);
    expect((await api(sim, "POST", `/recordings/${chat.id}/comments.json`, { content: "hi" })).status).toBe(404);
    expect((await api(sim, "GET", `/buckets/${p2.id}/recordings/${message.id}/comments.json`)).status).toBe(404);
    const comment = [...sim.store.ofType("Comment")].find((x) => x.bucketId === p1.id)!;
    expect((await api(sim, "GET", `/buckets/${p2.id}/comments/${comment.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/comments/${message.id}.json`)).status).toBe(404);

    const n = commentsOf(sim, message).length;
    const blank = await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: "" });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.content).toEqual(["can't be blank"]);
    expect((await api(sim, "POST", `/recordings/${message.id}/comments.json`, {})).status).toBe(422);
    expect(commentsOf(sim, message).length).toBe(n);
  });

  it("lets only the creator or an admin edit a comment", async () => {
    const { sim, p1, message } = setup();
    const { personId, auth } = tokenFor(sim, p1);
    const ownerComment = await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: "by owner" });
    const theirs = await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: "by member" }, auth);
    expect(str(theirs.body.creator.id)).toBe(str(personId));

    const denied = await api(sim, "PUT", `/comments/${ownerComment.body.id}.json`, { content: "hijack" }, auth);
    expect(denied.status).toBe(403);
    expect((await api(sim, "GET", `/comments/${ownerComment.body.id}.json`)).body.content).toBe("by owner");

    const own = await api(sim, "PUT", `/buckets/${p1.id}/comments/${theirs.body.id}`, { content: "by member, edited" }, auth);
    expect(own.status).toBe(200);
    expect(own.body.content).toBe("by member, edited");
    expect(own.headers.get("location")).toBe(own.body.app_url);

    const byAdmin = await api(sim, "PUT", `/comments/${theirs.body.id}.json`, { content: "moderated" });
    expect(byAdmin.status).toBe(200);
    expect((await api(sim, "GET", `/comments/${theirs.body.id}.json`)).body.content).toBe("moderated");
    expect((sim.store.events.get(BigInt(theirs.body.id)) ?? []).map((e) => e.action)).toEqual(["created", "content_changed", "content_changed"]);

    expect((await api(sim, "PUT", `/comments/${theirs.body.id}.json`, { content: "  " })).status).toBe(422);
  });

  it("pages long comment threads without duplicates", async () => {
    let now = Date.UTC(2025, 5, 1);
    const { sim, message } = setup({ clock: () => now });
    const posted: string[] = [];
    for (let i = 0; i < 18; i++) {
      now += 1000;
      posted.push(str((await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: `c${i}` })).body.id));
    }
    const total = commentsOf(sim, message).filter((x) => x.status === "active").length;
    const first = await api(sim, "GET", `/recordings/${message.id}/comments.json`);
    expect(first.body.length).toBe(15);
    expect(first.headers.get("x-total-count")).toBe(String(total));
    expect(first.headers.get("link")).toMatch(/page=2/);
    const walked = idsOf(await all(sim, `/recordings/${message.id}/comments.json`));
    expect(walked.length).toBe(total);
    expect(new Set(walked).size).toBe(total);
    expect(walked.slice(-18)).toEqual(posted);
  });

  it("hides trashed comments and refuses comments on trashed parents", async () => {
    const { sim, message } = setup();
    const r = await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: "soon gone" });
    const c = sim.store.recordings.get(BigInt(r.body.id))!;
    sim.store.setStatus(c, "trashed", sim.store.account.ownerId);
    expect(idsOf(await all(sim, `/recordings/${message.id}/comments.json`))).not.toContain(str(r.body.id));
    sim.store.setStatus(message, "trashed", sim.store.account.ownerId);
    expect((await api(sim, "POST", `/recordings/${message.id}/comments.json`, { content: "late" })).status).toBe(403);
  });
});
