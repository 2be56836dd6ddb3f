import { describe, expect, it } from "vitest";
import type { Person, Project, Recording } from "../../src/simulator/store/model.js";
import { all, api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function setup(opts: Parameters<typeof newSim>[0] = {}) {
  const sim = newSim(opts);
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const chat1 = sim.store.dockTool(p1.id, "Chat::Transcript")!;
  const chat2 = sim.store.dockTool(p2.id, "Chat::Transcript")!;
  return { sim, p1, p2, chat1, chat2 };
}

/** A person who is neither admin nor owner, made a member of `project`, with a token. */
function plainMember(sim: Sim, project: Project): { person: Person; auth: Record<string, string> } {
  const person = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
  if (!project.peopleIds.includes(person.id)) project.peopleIds.push(person.id);
  const token = sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token;
  return { person, auth: { Authorization: `Bearer ${token}` } };
}

/** IDs as strings: parsed IDs are numbers below 2^53 and bigints above, store IDs are bigints. */
const str = (v: unknown): string => String(v);
const idsOf = (xs: any[]): string[] => xs.map((x) => String(x.id));

function linesOf(sim: Sim, chat: Recording): Recording[] {
  return sim.store.childrenOf(chat.id).filter((r) => r.type.startsWith("Chat::Lines::"));
}

describe("campfires", () => {
  it("lists every visible campfire, flat form only, with the campfire shape", async () => {
    const { sim, p1, chat1, chat2 } = setup();
    const r = await api(sim, "GET", "/chats.json");
    expect(r.status).toBe(200);
    expect(r.headers.get("x-total-count")).toBe("2");
    expect(idsOf(r.body).sort()).toEqual([str(chat1.id), str(chat2.id)].sort());
    const c = r.body.find((x: any) => str(x.id) === str(chat1.id));
    expect(c.type).toBe("Chat::Transcript");
    expect(c.topic).toBe("Campfire");
    expect(c.position).toBe(sim.store.positionOf(chat1));
    expect(c.position).toBeGreaterThan(0);
    expect(c.lines_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/chats/${chat1.id}/lines.json`);
    expect(c.files_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/chats/${chat1.id}/uploads.json`);
    expect(c.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/chats/${chat1.id}.json`);
    expect({ ...c.bucket, id: str(c.bucket.id) }).toEqual({ id: str(p1.id), name: p1.name, type: "Project" });
    expect(str(c.creator.id)).toBe(str(chat1.creatorId));
    expect(c.subscription_url).toMatch(/\/chats\/\d+\/subscription\.json$/);

    expect((await api(sim, "GET", "/chats")).body.length).toBe(2);
    expect((await api(sim, "GET", `/buckets/${p1.id}/chats.json`)).status).toBe(404);
  });

  it("shows a person only the campfires of their projects", async () => {
    const { sim, p1, p2, chat1 } = setup();
    const person = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
    p1.peopleIds = p1.peopleIds.filter((id) => id !== person.id).concat(person.id);
    p2.peopleIds = p2.peopleIds.filter((id) => id !== person.id);
    const auth = { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` };
    const r = await api(sim, "GET", "/chats.json", undefined, auth);
    expect(idsOf(r.body)).toEqual([str(chat1.id)]);
    const other = sim.store.dockTool(p2.id, "Chat::Transcript")!;
    expect((await api(sim, "GET", `/chats/${other.id}.json`, undefined, auth)).status).toBe(404);
  });

  it("answers one campfire in flat, legacy and suffixless forms; 404 for a wrong bucket or type", async () => {
    const { sim, p1, p2, chat1 } = setup();
    for (const path of [`/chats/${chat1.id}.json`, `/chats/${chat1.id}`, `/buckets/${p1.id}/chats/${chat1.id}.json`, `/buckets/${p1.id}/chats/${chat1.id}`]) {
      const r = await api(sim, "GET", path);
      expect(r.status, path).toBe(200);
      expect(str(r.body.id)).toBe(str(chat1.id));
      expect(r.body.type).toBe("Chat::Transcript");
    }
    expect((await api(sim, "GET", `/buckets/${p2.id}/chats/${chat1.id}.json`)).status).toBe(404);
    const board = sim.store.dockTool(p1.id, "Message::Board")!;
    expect((await api(sim, "GET", `/chats/${board.id}.json`)).status).toBe(404);
  });

  it("posts plain and rich lines and reads them back", async () => {
    const { sim, p1, chat1 } = setup();
    const before = linesOf(sim, chat1).length;
    const r = await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: "Hello, campfire" });
    expect(r.status).toBe(201);
    expect(r.body.type).toBe("Chat::Lines::Text");
    expect(r.body.content).toBe("Hello, campfire");
    expect(r.body.title).toBe("Hello, campfire");
    expect(str(r.body.parent.id)).toBe(str(chat1.id));
    expect(r.body.parent.type).toBe("Chat::Transcript");
    expect(r.body.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/chats/${chat1.id}/lines/${r.body.id}.json`);
    expect(str(r.body.creator.id)).toBe(str(sim.store.account.ownerId));
    expect(linesOf(sim, chat1).length).toBe(before + 1);
    expect(sim.store.events.get(BigInt(r.body.id))?.map((e) => e.action)).toEqual(["created"]);

    for (const path of [`/chats/${chat1.id}/lines/${r.body.id}.json`, `/buckets/${p1.id}/chats/${chat1.id}/lines/${r.body.id}`]) {
      const g = await api(sim, "GET", path);
      expect(g.status, path).toBe(200);
      expect(g.body.content).toBe("Hello, campfire");
    }

    const rich = await api(sim, "POST", `/buckets/${p1.id}/chats/${chat1.id}/lines`, { content: "<strong>Bold</strong> move", content_type: "text/html" });
    expect(rich.status).toBe(201);
    expect(rich.body.type).toBe("Chat::Lines::RichText");
    expect(rich.body.content).toBe("<strong>Bold</strong> move");
    const listed = await api(sim, "GET", `/chats/${chat1.id}/lines.json`);
    expect(str(listed.body[0].id)).toBe(str(rich.body.id));
  });

  it("rejects blank or missing content and a bad content_type with 422", async () => {
    const { sim, chat1 } = setup();
    const before = linesOf(sim, chat1).length;
    const blank = await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: "   " });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.content).toEqual(["can't be blank"]);
    expect((await api(sim, "POST", `/chats/${chat1.id}/lines.json`, {})).status).toBe(422);
    expect((await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: "x", content_type: "image/png" })).status).toBe(422);
    expect(linesOf(sim, chat1).length).toBe(before);
  });

  it("pages lines newest first with Link and X-Total-Count, and sorts on request", async () => {
    let now = Date.UTC(2025, 0, 15, 12);
    const { sim, chat1 } = setup({ clock: () => now });
    const seeded = linesOf(sim, chat1).length;
    const posted: string[] = [];
    for (let i = 0; i < 20; i++) {
      now += 1000;
      const r = await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: `line ${i}` });
      expect(r.status).toBe(201);
      posted.push(str(r.body.id));
    }
    const total = seeded + 20;
    const p1 = await api(sim, "GET", `/chats/${chat1.id}/lines.json`);
    expect(p1.status).toBe(200);
    expect(p1.body.length).toBe(15);
    expect(p1.headers.get("x-total-count")).toBe(String(total));
    expect(idsOf(p1.body)).toEqual([...posted].reverse().slice(0, 15));
    const next = /<([^>]+)>;\s*rel="next"/.exec(p1.headers.get("link") ?? "")?.[1];
    expect(next).toMatch(/page=2/);
    const p2 = await api(sim, "GET", next!);
    expect(p2.body.length).toBe(total - 15);
    expect(p2.headers.get("link")).toBeNull();
    const ids = [...p1.body, ...p2.body].map((l: any) => String(l.id));
    expect(new Set(ids).size).toBe(total);

    const walked = await all(sim, `/chats/${chat1.id}/lines.json`);
    expect(walked.map((l: any) => String(l.id))).toEqual(ids);
    const created = walked.map((l: any) => Date.parse(l.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const asc = await all(sim, `/chats/${chat1.id}/lines.json?sort=created_at&direction=asc`);
    expect(asc.map((l: any) => String(l.id))).toEqual([...ids].reverse());
    expect((await api(sim, "GET", `/chats/${chat1.id}/lines.json?direction=sideways`)).status).toBe(400);
  });

  it("lets only the creator or an admin delete a line; the line is gone afterwards", async () => {
    const { sim, p1, chat1, chat2 } = setup();
    const { person, auth } = plainMember(sim, p1);
    const mine = await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: "owner's line" });
    const theirs = await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: "their line" }, auth);
    expect(theirs.status).toBe(201);
    expect(str(theirs.body.creator.id)).toBe(str(person.id));

    const denied = await api(sim, "DELETE", `/chats/${chat1.id}/lines/${mine.body.id}.json`, undefined, auth);
    expect(denied.status).toBe(403);
    expect((await api(sim, "GET", `/chats/${chat1.id}/lines/${mine.body.id}.json`)).status).toBe(200);

    // Wrong campfire in the path → 404, nothing deleted.
    expect((await api(sim, "DELETE", `/chats/${chat2.id}/lines/${theirs.body.id}.json`, undefined, auth)).status).toBe(404);

    const own = await api(sim, "DELETE", `/buckets/${p1.id}/chats/${chat1.id}/lines/${theirs.body.id}`, undefined, auth);
    expect(own.status).toBe(204);
    expect((await api(sim, "GET", `/chats/${chat1.id}/lines/${theirs.body.id}.json`)).status).toBe(404);
    expect(sim.store.recordings.has(BigInt(theirs.body.id))).toBe(false);

    const byAdmin = await api(sim, "DELETE", `/chats/${chat1.id}/lines/${mine.body.id}.json`);
    expect(byAdmin.status).toBe(204);
    const left = idsOf(await all(sim, `/chats/${chat1.id}/lines.json`));
    expect(left).not.toContain(str(mine.body.id));
    expect(left).not.toContain(str(theirs.body.id));
  });

  it("refuses new lines in a trashed campfire", async () => {
    const { sim, chat1 } = setup();
    sim.store.setStatus(chat1, "trashed", sim.store.account.ownerId);
    expect((await api(sim, "POST", `/chats/${chat1.id}/lines.json`, { content: "anyone?" })).status).toBe(403);
    expect(idsOf((await api(sim, "GET", "/chats.json")).body)).not.toContain(str(chat1.id));
  });

  it("uploads a file into a campfire as an upload line and lists it under uploads", async () => {
    const { sim, p1, chat1 } = setup();
    const bytes = "col1,col2\n1,2\n";
    const up = await api(sim, "POST", `/buckets/${p1.id}/chats/${chat1.id}/uploads.json?name=data.csv`, bytes, { "Content-Type": "text/csv", "Content-Length": String(bytes.length) });
    expect(up.status).toBe(201);
    expect(up.body.type).toBe("Chat::Lines::Upload");
    expect(up.body.attachments).toHaveLength(1);
    expect(up.body.attachments[0]).toMatchObject({ filename: "data.csv", content_type: "text/csv", byte_size: bytes.length });
    const listed = await api(sim, "GET", `/chats/${chat1.id}/uploads.json`);
    expect(listed.status).toBe(200);
    expect(idsOf(listed.body)).toEqual([str(up.body.id)]);
    const lines = await api(sim, "GET", `/chats/${chat1.id}/lines.json`);
    expect(idsOf(lines.body)).toContain(str(up.body.id));
    const file = await sim.fetch(up.body.attachments[0].download_url, { headers: { "User-Agent": "t", Authorization: `Bearer ${sim.adminToken}` } });
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(bytes);
    const noName = await api(sim, "POST", `/chats/${chat1.id}/uploads.json`, bytes, { "Content-Type": "text/csv", "Content-Length": String(bytes.length) });
    expect(noName.status).toBe(400);
  });
});
