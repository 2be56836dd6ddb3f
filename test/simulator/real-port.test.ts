// The same simulator over a real loopback port: an OAuth sign-in as a desktop app would do
// it, then one read and one write of each resource family, over the wire.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/simulator/internal/json.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { loopbackOnlyFetch, UA } from "./helpers.js";
import { consent, tokenRequest } from "./launchpad-helpers.js";

let sim: RunningSimulator;
let token: string;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { "User-Agent": UA, Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
  const res = await fetch(`${sim.apiUrl}/${sim.accountId}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? parseJson(text) : undefined, headers: res.headers };
}

beforeAll(async () => {
  sim = await startSimulator({ scale: "small", rateLimit: "off", webhookFetch: loopbackOnlyFetch });
  const redirect = "http://127.0.0.1:53682/callback";
  const f = (u: string, i?: RequestInit) => fetch(u, i);
  const { location } = await consent(f, sim.launchpadUrl, { response_type: "code", client_id: sim.clientId, redirect_uri: redirect, state: "port" });
  expect(location.searchParams.get("state")).toBe("port");
  const tok = await tokenRequest(f, sim.launchpadUrl, { grant_type: "authorization_code", client_id: sim.clientId, client_secret: sim.clientSecret, redirect_uri: redirect, code: location.searchParams.get("code")! });
  expect(tok.status).toBe(200);
  token = tok.body.access_token;
});

afterAll(async () => {
  await sim?.close();
});

describe("simulator over a real port", () => {
  it("knows who signed in", async () => {
    const res = await fetch(`${sim.launchpadUrl}/authorization.json`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const me = await call("GET", "/my/profile.json");
    expect(me.status).toBe(200);
    expect(me.body.owner).toBe(true);
  });

  it("reads and writes each resource family", async () => {
    const projects = await call("GET", "/projects.json");
    expect(projects.status).toBe(200);
    expect(projects.headers.get("x-total-count")).toBe("3");
    const project = projects.body[0];
    const dock = Object.fromEntries(project.dock.map((d: any) => [d.name, d.id]));
    for (const name of ["message_board", "todoset", "vault", "chat", "schedule", "questionnaire", "kanban_board"]) expect(dock[name], name).toBeDefined();

    expect((await call("GET", "/account.json")).status).toBe(200);
    expect((await call("GET", "/people.json")).status).toBe(200);

    const lists = await call("GET", `/buckets/${project.id}/todosets/${dock.todoset}/todolists.json`);
    expect(lists.status).toBe(200);
    const todo = await call("POST", `/buckets/${project.id}/todolists/${lists.body[0].id}/todos.json`, { content: "Over the wire", due_on: "2030-05-01" });
    expect(todo.status).toBe(201);
    expect((await call("POST", `/todos/${todo.body.id}/completion.json`)).status).toBe(204);
    expect((await call("GET", `/todos/${todo.body.id}`)).body.completed).toBe(true);

    const msg = await call("POST", `/message_boards/${dock.message_board}/messages.json`, { subject: "Hello", content: "<div>Hi</div>", status: "active" });
    expect(msg.status).toBe(201);
    const comment = await call("POST", `/recordings/${msg.body.id}/comments.json`, { content: "<div>Nice</div>" });
    expect(comment.status).toBe(201);
    expect((await call("GET", `/recordings/${msg.body.id}/events.json`)).status).toBe(200);

    const line = await call("POST", `/chats/${dock.chat}/lines.json`, { content: "Ping" });
    expect(line.status).toBe(201);
    expect((await call("DELETE", `/chats/${dock.chat}/lines/${line.body.id}.json`)).status).toBe(204);

    const doc = await call("POST", `/vaults/${dock.vault}/documents.json`, { title: "Spec", content: "<div>x</div>", status: "active" });
    expect(doc.status).toBe(201);
    const entry = await call("POST", `/schedules/${dock.schedule}/entries.json`, { summary: "Demo", starts_at: "2030-01-01T10:00:00Z", ends_at: "2030-01-01T11:00:00Z" });
    expect(entry.status).toBe(201);
    const question = await call("POST", `/questionnaires/${dock.questionnaire}/questions.json`, { question: { title: "How's it going?", schedule: { frequency: "every_day", time_of_day: "9:00am", days: ["1", "2", "3", "4", "5"] } } });
    expect(question.status).toBe(201);

    const table = await call("GET", `/card_tables/${dock.kanban_board}.json`);
    expect(table.status).toBe(200);
    const card = await call("POST", `/card_tables/lists/${table.body.lists[1].id}/cards.json`, { title: "Card" });
    expect(card.status).toBe(201);

    const upload = await fetch(`${sim.apiUrl}/${sim.accountId}/attachments.json?name=hello.txt`, { method: "POST", headers: { "User-Agent": UA, Authorization: `Bearer ${token}`, "Content-Type": "text/plain", "Content-Length": "5" }, body: "hello" });
    expect(upload.status).toBe(201);

    const found = await call("GET", "/search.json?q=Over%20the%20wire");
    expect(found.status).toBe(200);
    expect(found.body.map((r: any) => String(r.id))).toContain(String(todo.body.id));
    expect((await call("GET", "/my/assignments.json")).status).toBe(200);
    expect((await call("GET", `/projects/recordings.json?type=Todo&bucket=${project.id}&sort=updated_at`)).body[0].title).toBe("Over the wire");
    const hook = await call("POST", `/buckets/${project.id}/webhooks.json`, { payload_url: "http://127.0.0.1:9/basecamp", types: ["Todo"] });
    expect(hook.status).toBe(201);
    expect((await call("PUT", `/recordings/${todo.body.id}/status/trashed.json`)).status).toBe(204);
  });
});
