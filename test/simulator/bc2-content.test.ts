// Basecamp 2 ("bcx") content families against the simulator: messages, topics, documents,
// attachments (raw-bytes upload → token), uploads, tags and forwards. Every endpoint line of
// those families in reference/basecamp2-endpoints.txt is called, with HTTP Basic auth.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/simulator/internal/json.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { api, newSim, UA } from "./helpers.js";
import { BC2_CONTENT_LINES, bc2Coverage, bc2Request, parseBc2Endpoints, uncalledLines, type Bc2Res } from "./bc2-endpoints.js";

type Res = Bc2Res;

let sim: InProcessSimulator;
let basic: string;
const bc2 = (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res> => bc2Request(sim, basic, method, path, body, headers);
let P: string; // an active project's id
let F: string; // a project with a forward


async function ok(method: string, path: string, body?: unknown, status = 200): Promise<any> {
  const r = await bc2(method, path, body);
  expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
  return r.body;
}

async function status(method: string, path: string, body?: unknown): Promise<number> {
  return (await bc2(method, path, body)).status;
}

/** POST raw bytes to /attachments.json; the token it answers. */
async function upload(bytes = "hello, file", type = "image/png"): Promise<string> {
  const data = new TextEncoder().encode(bytes);
  const r = await bc2("POST", "/attachments.json", data, { "Content-Type": type, "Content-Length": String(data.length) });
  expect(r.status, r.text).toBe(200);
  expect(typeof r.body.token).toBe("string");
  return r.body.token;
}

beforeAll(async () => {
  sim = newSim({ scale: "tiny" });
  basic = `Basic ${Buffer.from(`${sim.bc2User}:${sim.bc2Password}`).toString("base64")}`;
  const projects = await ok("GET", "/projects.json");
  P = String(projects[0].id);
  const fwd = [...sim.store.ofType("Inbox::Forward")].find((f) => sim.store.projects.get(f.bucketId)?.status === "active" && f.status === "active");
  expect(fwd, "the tiny seed has a forward in an active project").toBeDefined();
  F = String(fwd!.bucketId);
});
afterAll(() => sim?.close());

describe("Basecamp 2 messages", () => {
  let msgId: string;

  it("creates a message with an attached file (201 + Location), shown in Basecamp 4 too", async () => {
    const token = await upload("PNGDATA");
    const r = await bc2("POST", `/projects/${P}/messages.json`, { subject: "Hello everyone", content: "<div>A <strong>great</strong> Saturday</div>", attachments: [{ token, name: "logo.png" }] });
    expect(r.status, r.text).toBe(201);
    expect(r.headers.get("location")).toBe(r.body.url);
    expect(r.body.url).toBe(`${sim.bc2ApiUrl}/projects/${P}/messages/${r.body.id}.json`);
    expect(r.body.subject).toBe("Hello everyone");
    expect(r.body.content).toContain("<strong>great</strong>");
    expect(r.body.attachments.map((a: any) => [a.name, a.content_type, a.byte_size])).toEqual([["logo.png", "image/png", 7]]);
    expect(r.body.comments).toEqual([]);
    expect(r.body.subscribers.length).toBeGreaterThan(0);
    expect(r.body.trashed).toBe(false);
    msgId = String(r.body.id);
    const bc4 = await api(sim, "GET", `/buckets/${P}/messages/${msgId}.json`);
    expect(bc4.status).toBe(200);
    expect(bc4.body.subject).toBe("Hello everyone");
    expect(bc4.body.content_attachments.map((a: any) => a.filename)).toEqual(["logo.png"]);
  });

  it("answers 422 on bad input and 404 on unknown IDs", async () => {
    expect(await status("POST", `/projects/${P}/messages.json`, { content: "no subject" })).toBe(422);
    expect(await status("POST", `/projects/${P}/messages.json`, { subject: "x", private: true })).toBe(422);
    expect(await status("POST", `/projects/${P}/messages.json`, { subject: "x", attachments: [{ token: "nope", name: "a.txt" }] })).toBe(422);
    const token = await upload();
    expect(await status("POST", `/projects/${P}/messages.json`, { subject: "x", attachments: [{ token, name: "no-extension" }] })).toBe(422);
    expect(await status("POST", `/projects/${P}/messages.json`, { subject: "x", subscribers: [1] })).toBe(422);
    expect(await status("GET", `/projects/${P}/messages/1.json`)).toBe(404);
    expect(await status("GET", `/projects/1/messages/${msgId}.json`)).toBe(404);
    expect(await status("PUT", `/projects/${P}/messages/${msgId}.json`, { subject: "  " })).toBe(422);
    expect((await bc2("POST", `/projects/${P}/messages.json`, "subject=x", { "Content-Type": "text/plain" })).status).toBe(415);
  });

  it("keeps messages private in client projects (422 elsewhere), and records events", async () => {
    const cp = [...sim.store.projects.values()].find((p) => p.clientsEnabled && p.status === "active");
    expect(cp, "the tiny seed has a client project").toBeDefined();
    const m = await ok("POST", `/projects/${cp!.id}/messages.json`, { subject: "Just us", private: true }, 201);
    expect(m.private).toBe(true);
    expect((await api(sim, "GET", `/buckets/${cp!.id}/messages/${m.id}.json`)).body.visible_to_clients).toBe(false);
    expect((await ok("PUT", `/projects/${cp!.id}/messages/${m.id}.json`, { private: false })).private).toBe(false);
    expect((await api(sim, "GET", `/buckets/${cp!.id}/messages/${m.id}.json`)).body.visible_to_clients).toBe(true);
    const events = await ok("GET", `/projects/${P}/events.json?since=2000-01-01T00:00:00Z`);
    expect(events.some((e: any) => String(e.eventable.id) === msgId && e.eventable.type === "Message")).toBe(true);
  });

  it("gets, updates and deletes a message", async () => {
    const got = await ok("GET", `/projects/${P}/messages/${msgId}.json`);
    expect(String(got.id)).toBe(msgId);
    const up = await ok("PUT", `/projects/${P}/messages/${msgId}.json`, { subject: "New subject", content: "New content" });
    expect(up.subject).toBe("New subject");
    expect(up.content).toBe("New content");
    expect(Date.parse(up.updated_at)).toBeGreaterThanOrEqual(Date.parse(got.updated_at));
    const d = await bc2("POST", `/projects/${P}/messages.json`, { subject: "Doomed" });
    expect((await bc2("DELETE", `/projects/${P}/messages/${d.body.id}.json`)).status).toBe(204);
    expect((await ok("GET", `/projects/${P}/messages/${d.body.id}.json`)).trashed).toBe(true);
    expect(await status("PUT", `/projects/${P}/messages/${d.body.id}.json`, { subject: "back" })).toBe(403);
  });
});

describe("Basecamp 2 topics", () => {
  it("lists messages and commented records as topics, archives and activates them", async () => {
    const m = await ok("POST", `/projects/${P}/messages.json`, { subject: "Topic me" }, 201);
    await ok("POST", `/projects/${P}/messages/${m.id}/comments.json`, { content: "I'll be there!" }, 201);
    const topics = await ok("GET", `/projects/${P}/topics.json`);
    const t = topics.find((x: any) => String(x.id) === String(m.id));
    expect(t).toMatchObject({ title: "Topic me", excerpt: "I'll be there!", private: false, trashed: false });
    expect(t.topicable).toMatchObject({ type: "Message", url: m.url });
    expect(t.last_updater.name).toBeTruthy();
    expect(t.bucket).toBeUndefined();
    const kinds = ["Message", "Document", "Forward", "CalendarEvent", "Upload", "Todolist", "Todo"];
    for (const x of topics) expect(kinds).toContain(x.topicable.type);
    const all = await ok("GET", "/topics.json?sort=oldest");
    expect(String(all.find((x: any) => String(x.id) === String(m.id)).bucket.id)).toBe(P);
    expect(await status("GET", "/topics.json?sort=sideways")).toBe(400);

    expect(await status("PUT", `/projects/${P}/topics/${m.id}/archive.json`)).toBe(204);
    expect((await ok("GET", `/projects/${P}/topics.json`)).some((x: any) => String(x.id) === String(m.id))).toBe(false);
    expect((await ok("GET", `/projects/${P}/topics/archived.json`)).some((x: any) => String(x.id) === String(m.id))).toBe(true);
    expect((await ok("GET", "/topics/archived.json")).some((x: any) => String(x.id) === String(m.id))).toBe(true);
    expect(await status("PUT", `/projects/${P}/topics/${m.id}/activate.json`)).toBe(204);
    expect((await ok("GET", `/projects/${P}/topics.json`)).some((x: any) => String(x.id) === String(m.id))).toBe(true);
    expect(await status("PUT", `/projects/${P}/topics/1/archive.json`)).toBe(404);
  });
});

describe("Basecamp 2 documents", () => {
  it("creates, lists, gets, updates and deletes documents", async () => {
    const r = await bc2("POST", `/projects/${P}/documents.json`, { title: "Very important notes", content: "The TPS report is due on Monday" });
    expect(r.status, r.text).toBe(201);
    expect(r.headers.get("location")).toBe(r.body.url);
    expect(r.body).toMatchObject({ title: "Very important notes", content: "The TPS report is due on Monday", private: false, trashed: false, comments: [] });
    expect(r.body.last_updater.id).toEqual(r.body.creator.id);
    const id = String(r.body.id);
    expect(await status("POST", `/projects/${P}/documents.json`, { content: "untitled" })).toBe(422);

    const list = await ok("GET", `/projects/${P}/documents.json?sort=az`);
    const titles = list.map((d: any) => d.title);
    expect(titles).toEqual([...titles].sort((a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" })));
    expect(list.find((d: any) => String(d.id) === id).bucket).toBeUndefined();
    const all = await ok("GET", "/documents.json");
    const docBucket = all.find((d: any) => String(d.id) === id).bucket;
    expect(docBucket.type).toBe("Project");
    expect(String(docBucket.id)).toBe(P);

    expect((await ok("GET", `/projects/${P}/documents/${id}.json`)).content).toBe("The TPS report is due on Monday");
    const up = await ok("PUT", `/projects/${P}/documents/${id}.json`, { title: "Super duper notes", content: "By SUNDAY" });
    expect(up).toMatchObject({ title: "Super duper notes", content: "By SUNDAY" });
    expect((await api(sim, "GET", `/buckets/${P}/documents/${id}.json`)).body.title).toBe("Super duper notes");
    expect(await status("PUT", `/projects/${P}/documents/${id}.json`, { title: "" })).toBe(422);
    expect(await status("DELETE", `/projects/${P}/documents/${id}.json`)).toBe(204);
    expect((await ok("GET", `/projects/${P}/documents/${id}.json`)).trashed).toBe(true);
    expect((await ok("GET", `/projects/${P}/documents.json`)).some((d: any) => String(d.id) === id)).toBe(false);
    expect(await status("GET", `/projects/${P}/documents/1.json`)).toBe(404);
  });
});

describe("Basecamp 2 attachments, uploads and tags", () => {
  let uploadId: string;
  let attId: string;

  it("takes raw bytes at POST /attachments.json and makes an upload from the token", async () => {
    expect((await bc2("POST", "/attachments.json", new Uint8Array(), { "Content-Type": "image/png" })).status).toBe(422);
    const token = await upload("GIF89a-bytes", "image/gif");
    const r = await bc2("POST", `/projects/${P}/uploads.json`, { content: "Here's the new logo!", attachments: [{ token, name: "new_logo.gif" }] });
    expect(r.status, r.text).toBe(201);
    expect(r.headers.get("location")).toBe(r.body.url);
    expect(r.body.content).toBe("Here's the new logo!");
    expect(r.body.attachments.map((a: any) => [a.name, a.content_type, a.byte_size])).toEqual([["new_logo.gif", "image/gif", 12]]);
    uploadId = String(r.body.id);
    const file = await sim.fetch(r.body.attachments[0].url, { headers: { Authorization: `Bearer ${sim.adminToken}`, "User-Agent": UA } });
    expect(await file.text()).toBe("GIF89a-bytes");

    expect(await status("POST", `/projects/${P}/uploads.json`, { content: "no file" })).toBe(422);
    expect(await status("POST", `/projects/${P}/uploads.json`, { attachments: [{ token, name: "again.gif" }] })).toBe(422);
    const [a, b] = [await upload(), await upload()];
    expect(await status("POST", `/projects/${P}/uploads.json`, { attachments: [{ token: a, name: "a.png" }, { token: b, name: "b.png" }] })).toBe(422);

    const got = await ok("GET", `/projects/${P}/uploads/${uploadId}.json`);
    expect(got).toMatchObject({ content: "Here's the new logo!", trashed: false, comments: [] });
    expect((await api(sim, "GET", `/buckets/${P}/uploads/${uploadId}.json`)).body.filename).toBe("new_logo.gif");
  });

  it("lists, gets and renames attachments", async () => {
    const list = await ok("GET", `/projects/${P}/attachments.json`);
    const mine = list.find((a: any) => a.attachable.type === "Upload" && String(a.attachable.id) === uploadId);
    expect(mine).toMatchObject({ name: "new_logo.gif", content_type: "image/gif", tags: [], private: false, trashed: false });
    expect(mine.bucket).toBeUndefined();
    expect(list.some((a: any) => a.attachable.type === "Message" && a.name === "logo.png")).toBe(true);
    attId = String(mine.id);
    const all = await ok("GET", "/attachments.json");
    expect(String(all.find((a: any) => String(a.id) === attId).bucket.id)).toBe(P);
    expect((await ok("GET", `/projects/${P}/attachments/${attId}.json`)).name).toBe("new_logo.gif");
    expect(await status("GET", `/projects/${P}/attachments/1.json`)).toBe(404);

    expect((await ok("PUT", `/projects/${P}/attachments/${attId}.json`, { name: "logo-v2.gif" })).name).toBe("logo-v2.gif");
    expect((await ok("GET", `/projects/${P}/uploads/${uploadId}.json`)).attachments[0].name).toBe("logo-v2.gif");
    expect(await status("PUT", `/projects/${P}/attachments/${attId}.json`, { name: " " })).toBe(422);
  });

  it("tags, renames and removes tags (names case-insensitive, URL-encoded in paths)", async () => {
    expect(await status("POST", `/projects/${P}/attachments/${attId}/tags.json`, { name: "Logos" })).toBe(204);
    expect(await status("POST", `/projects/${P}/attachments/${attId}/tags.json`, { name: "logos" })).toBe(204);
    expect(await status("POST", `/projects/${P}/attachments/${attId}/tags.json`, { name: "  " })).toBe(422);
    expect((await ok("GET", `/projects/${P}/attachments/${attId}.json`)).tags).toEqual(["Logos"]);
    expect((await ok("GET", "/tags/logos/attachments.json")).map((a: any) => String(a.id))).toEqual([attId]);
    const inProject = await ok("GET", `/projects/${P}/tags/LOGOS/attachments.json`);
    expect(inProject.map((a: any) => String(a.id))).toEqual([attId]);
    expect(await ok("GET", "/tags/nothing/attachments.json")).toEqual([]);

    expect(await status("PUT", `/projects/${P}/attachments/${attId}/tags/logos.json`, { name: "branding" })).toBe(204);
    expect((await ok("GET", `/projects/${P}/attachments/${attId}.json`)).tags).toEqual(["branding"]);
    expect(await status("PUT", `/projects/${P}/attachments/${attId}/tags/logos.json`, { name: "x" })).toBe(404);
    expect(await status("PUT", `/tags/branding.json`, { name: "logos/icons" })).toBe(204);
    expect((await ok("GET", `/tags/${encodeURIComponent("logos/icons")}/attachments.json`)).map((a: any) => String(a.id))).toEqual([attId]);
    expect(await status("DELETE", `/projects/${P}/attachments/${attId}/tags/${encodeURIComponent("logos/icons")}.json`)).toBe(204);
    expect((await ok("GET", `/projects/${P}/attachments/${attId}.json`)).tags).toEqual([]);
    expect(await status("DELETE", `/projects/${P}/attachments/${attId}/tags/logos.json`)).toBe(404);

    await ok("POST", `/projects/${P}/attachments/${attId}/tags.json`, { name: "logos" }, 204);
    expect(await status("DELETE", `/projects/${P}/tags/logos.json`)).toBe(204);
    expect(await ok("GET", "/tags/logos/attachments.json")).toEqual([]);
    await ok("POST", `/projects/${P}/attachments/${attId}/tags.json`, { name: "logos" }, 204);
    expect(await status("DELETE", "/tags/logos.json")).toBe(204);
    expect(await status("DELETE", "/tags/logos.json")).toBe(404);
    expect(await status("PUT", "/tags/logos.json", { name: "y" })).toBe(404);
  });

  it("deletes attachments and uploads", async () => {
    const list = await ok("GET", `/projects/${P}/attachments.json`);
    const inMessage = list.find((a: any) => a.attachable.type === "Message" && a.name === "logo.png");
    expect(await status("DELETE", `/projects/${P}/attachments/${inMessage.id}.json`)).toBe(204);
    const msg = await ok("GET", new URL(inMessage.attachable.url).pathname.replace(/^.*\/api\/v1/, ""));
    expect(msg.attachments).toEqual([]);
    expect(await status("GET", `/projects/${P}/attachments/${inMessage.id}.json`)).toBe(404);

    expect(await status("DELETE", `/projects/${P}/uploads/${uploadId}.json`)).toBe(204);
    expect((await ok("GET", `/projects/${P}/uploads/${uploadId}.json`)).trashed).toBe(true);
    expect((await ok("GET", `/projects/${P}/attachments.json`)).some((a: any) => String(a.id) === attId)).toBe(false);
    expect(await status("DELETE", `/projects/${P}/uploads/1.json`)).toBe(404);
  });
});

describe("Basecamp 2 forwards", () => {
  it("lists forwards per project and account-wide, and gets one", async () => {
    const list = await ok("GET", `/projects/${F}/forwards.json`);
    expect(list.length).toBeGreaterThan(0);
    expect(list[0].bucket).toBeUndefined();
    expect(list[0].url).toBe(`${sim.bc2ApiUrl}/projects/${F}/forwards/${list[0].id}.json`);
    const all = await ok("GET", "/forwards.json?sort=az");
    expect(String(all.find((f: any) => String(f.id) === String(list[0].id)).bucket.id)).toBe(F);
    const one = await ok("GET", `/projects/${F}/forwards/${list[0].id}.json`);
    expect(one).toMatchObject({ subject: list[0].subject, trashed: false, comments: expect.any(Array), attachments: [] });
    expect(one.content_html).toMatch(/</);
    expect(one.content).not.toMatch(/<div>/);
    expect(typeof one.from === "string" || one.from === null).toBe(true);
    expect(await status("GET", `/projects/${F}/forwards/1.json`)).toBe(404);
  });
});

describe("Basecamp 2 tags in the state file", () => {
  it("keeps tags across a restart", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "bc2-tags-")), "state.json");
    const a = createSimulator({ scale: "tiny", rateLimit: "off", data: file, saveDelayMs: 10 });
    const auth = { Authorization: `Basic ${Buffer.from(`${a.bc2User}:${a.bc2Password}`).toString("base64")}`, "User-Agent": UA };
    const pid = [...a.store.projects.values()].find((p) => p.status === "active")!.id;
    const token = ((await (await a.fetch(`${a.bc2ApiUrl}/attachments.json`, { method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body: "kept" })).json()) as any).token;
    const up = await a.fetch(`${a.bc2ApiUrl}/projects/${pid}/uploads.json`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ attachments: [{ token, name: "kept.txt" }] }) });
    expect(up.status).toBe(201);
    const list = parseJson(await (await a.fetch(`${a.bc2ApiUrl}/projects/${pid}/attachments.json`, { headers: auth })).text()) as any[];
    expect(list.length).toBeGreaterThan(0);
    const tagged = await a.fetch(`${a.bc2ApiUrl}/projects/${pid}/attachments/${list[0].id}/tags.json`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ name: "Keep me" }) });
    expect(tagged.status).toBe(204);
    await a.close();
    const b = createSimulator({ scale: "tiny", rateLimit: "off", data: file });
    const auth2 = { ...auth, Authorization: `Basic ${Buffer.from(`${b.bc2User}:${b.bc2Password}`).toString("base64")}` };
    const after = parseJson(await (await b.fetch(`${b.bc2ApiUrl}/tags/keep%20me/attachments.json`, { headers: auth2 })).text()) as any[];
    expect(after.map((x) => String(x.id))).toEqual([String(list[0].id)]);
    await b.close();
  });
});

describe("Basecamp 2 content coverage", () => {
  it("called every content endpoint of reference/basecamp2-endpoints.txt with a success", () => {
    const all = parseBc2Endpoints();
    const mine = all.filter((e) => BC2_CONTENT_LINES.includes(e.line));
    expect(mine.length).toBe(BC2_CONTENT_LINES.length);
    const served = bc2Coverage().served.map((e) => e.line);
    for (const e of mine) expect(served, `${e.line} is not served`).toContain(e.line);
    expect(uncalledLines(sim.sim.stats, BC2_CONTENT_LINES)).toEqual([]);
  });
});
