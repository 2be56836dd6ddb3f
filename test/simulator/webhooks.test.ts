import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { parseJson } from "../../src/simulator/internal/json.js";
import type { Id, Recording } from "../../src/simulator/store/model.js";
import { BIG_ID_BASE } from "../../src/simulator/store/store.js";
import { api, newSim } from "./helpers.js";

// ---- a real HTTP receiver -------------------------------------------------------------------

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  text: string;
  body: any;
}

interface Receiver {
  url: string;
  requests: Received[];
  /** Status to answer per request path (default 200); 3xx answers point Location at /landing. */
  status: (path: string) => number;
  /** Extra delay before answering, per request number (0-based). */
  delayMs: (n: number) => number;
  maxInFlight: number;
  close(): Promise<void>;
}

const servers: Server[] = [];
const sims: InProcessSimulator[] = [];

afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function startReceiver(): Promise<Receiver> {
  let inFlight = 0;
  const rec: Receiver = {
    url: "",
    requests: [],
    status: () => 200,
    delayMs: () => 0,
    maxInFlight: 0,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      inFlight++;
      rec.maxInFlight = Math.max(rec.maxInFlight, inFlight);
      const text = Buffer.concat(chunks).toString("utf8");
      const n = rec.requests.length;
      rec.requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, text, body: text ? parseJson(text) : undefined });
      setTimeout(() => {
        inFlight--;
        const code = rec.status(req.url ?? "");
        const headers: Record<string, string> = { "Content-Type": "text/plain", "X-Receiver": "yes" };
        if (code >= 300 && code < 400) headers.Location = `${rec.url}/landing`;
        res.writeHead(code, headers);
        res.end(`answer ${code}`);
      }, rec.delayMs(n));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rec.close = async () => {
    servers.splice(servers.indexOf(server), 1);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return rec;
}

/** Poll until `check` is true, at most `ms`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---- simulator helpers --------------------------------------------------------------------------

function sim(opts: Parameters<typeof newSim>[0] = {}): InProcessSimulator {
  const s = newSim({ webhookRetryBaseMs: 5, ...opts });
  sims.push(s);
  return s;
}

function seeded(s: InProcessSimulator): { bucket: Id; list: Recording; board: Recording } {
  const project = [...s.store.projects.values()][0];
  const todoset = s.store.dockTool(project.id, "Todoset")!;
  const list = s.store.childrenOf(todoset.id, ["Todolist"])[0];
  const board = s.store.dockTool(project.id, "Message::Board")!;
  return { bucket: project.id, list, board };
}

/** Create a recording through the API and return its id. */
async function create(s: InProcessSimulator, path: string, body: Record<string, unknown>): Promise<Id> {
  const r = await api(s, "POST", path, body);
  expect(r.status, r.text).toBe(201);
  return BigInt(r.body.id);
}

function createTodo(s: InProcessSimulator, title = "Water the plants"): Promise<Id> {
  const { bucket, list } = seeded(s);
  return create(s, `/buckets/${bucket}/todolists/${list.id}/todos.json`, { content: title });
}

function createMessage(s: InProcessSimulator, subject = "Kickoff"): Promise<Id> {
  const { bucket, board } = seeded(s);
  return create(s, `/buckets/${bucket}/message_boards/${board.id}/messages.json`, { subject, content: "<div>Body</div>", status: "active" });
}

async function addHook(s: InProcessSimulator, payloadUrl: string, types?: string[]): Promise<any> {
  const { bucket } = seeded(s);
  const r = await api(s, "POST", `/buckets/${bucket}/webhooks.json`, types ? { payload_url: payloadUrl, types } : { payload_url: payloadUrl });
  expect(r.status).toBe(201);
  return r.body;
}

async function getHook(s: InProcessSimulator, id: unknown): Promise<any> {
  const r = await api(s, "GET", `/webhooks/${String(id)}.json`);
  expect(r.status).toBe(200);
  return r.body;
}

// ---- tests ----------------------------------------------------------------------------------------

describe("webhook delivery", () => {
  it("POSTs todo_created to a Todo webhook with Basecamp's headers and payload, and nothing to a Message webhook", async () => {
    const s = sim({ origin: "http://sim.test" });
    const rx = await startReceiver();
    const { bucket } = seeded(s);
    const msgHook = await addHook(s, `${rx.url}/messages`, ["Message"]);
    await addHook(s, `${rx.url}/all`);
    // Payload URLs use the simulator's own origin.
    const made = await api(s, "POST", `/buckets/${bucket}/webhooks.json`, { payload_url: `${rx.url}/todos`, types: ["Todo"] });
    expect(made.status).toBe(201);

    const todoId = await createTodo(s, "Water the plants");
    await waitFor("the to-do delivery", () => rx.requests.some((r) => r.path === "/todos"));
    const got = rx.requests.find((r) => r.path === "/todos")!;
    expect(got.method).toBe("POST");
    expect(got.path).toBe("/todos");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toBe("Basecamp3 Webhook");
    expect(got.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(got.body.kind).toBe("todo_created");
    expect(BigInt(got.body.recording.id)).toBe(todoId);
    expect(got.body.recording.type).toBe("Todo");
    expect(got.body.recording.title).toBe("Water the plants");
    expect(got.body.recording.content).toBe("Water the plants");
    expect(got.body.recording.url).toBe(`${s.apiUrl}/${s.accountId}/buckets/${bucket}/todos/${todoId}.json`);
    expect(got.body.recording).not.toHaveProperty("assignees");
    expect(BigInt(got.body.recording.bucket.id)).toBe(bucket);
    expect(BigInt(got.body.creator.id)).toBe(s.store.account.ownerId);
    expect(got.body.details).toEqual({});
    expect(Date.parse(got.body.created_at)).not.toBeNaN();
    expect(typeof got.body.id === "number" || typeof got.body.id === "bigint").toBe(true);

    // The Message webhook got nothing for the to-do, but does get a message.
    expect(rx.requests.filter((r) => r.path === "/messages")).toHaveLength(0);
    const messageId = await createMessage(s);
    await waitFor("the message delivery", () => rx.requests.some((r) => r.path === "/messages"));
    const toMessages = rx.requests.filter((r) => r.path === "/messages");
    expect(toMessages).toHaveLength(1);
    expect(toMessages[0].body.kind).toBe("message_created");
    expect(BigInt(toMessages[0].body.recording.id)).toBe(messageId);
    expect(rx.requests.filter((r) => r.path === "/todos")).toHaveLength(1);
    // A webhook with the default types ("all") gets both.
    await waitFor("the all-types deliveries", () => rx.requests.filter((r) => r.path === "/all").length >= 2);
    expect(rx.requests.filter((r) => r.path === "/all").map((r) => r.body.kind)).toEqual(expect.arrayContaining(["todo_created", "message_created"]));

    // The successful delivery shows in recent_deliveries (recorded once the answer is read).
    await waitFor("delivery records", async () => (await getHook(s, made.body.id)).recent_deliveries.length > 0 && (await getHook(s, msgHook.id)).recent_deliveries.length > 0);
    const shown = await getHook(s, made.body.id);
    expect(shown.active).toBe(true);
    expect(shown.recent_deliveries).toHaveLength(1);
    const d = shown.recent_deliveries[0];
    expect(d.response.code).toBe(200);
    expect(d.response.message).toBe("OK");
    expect(d.response.body).toBe("answer 200");
    expect(d.response.headers["x-receiver"]).toBe("yes");
    expect(d.request.headers["User-Agent"]).toBe("Basecamp3 Webhook");
    expect(d.request.body.kind).toBe("todo_created");
    expect(BigInt(d.request.body.recording.id)).toBe(todoId);
    expect((await getHook(s, msgHook.id)).recent_deliveries).toHaveLength(1);
  });

  it("keeps recording IDs above 2^53 exact in payloads", async () => {
    const s = sim();
    const rx = await startReceiver();
    await addHook(s, `${rx.url}/hook`, ["Todo"]);
    let big: Id | undefined;
    for (let i = 0; i < 30 && big === undefined; i++) {
      const id = await createTodo(s, `Task ${i}`);
      if (id >= BIG_ID_BASE) big = id;
    }
    expect(big).toBeDefined();
    await waitFor("the big-id delivery", () => rx.requests.some((r) => typeof r.body.recording.id === "bigint"));
    const hit = rx.requests.find((r) => typeof r.body.recording.id === "bigint")!;
    expect(hit.body.recording.id).toBe(big);
    expect(hit.text).toContain(`"id":${big}`);
  });

  it("delivers one webhook's changes in order, one at a time", async () => {
    const s = sim();
    const rx = await startReceiver();
    rx.delayMs = (n) => (n === 0 ? 150 : 0);
    await addHook(s, `${rx.url}/hook`, ["Todo"]);
    const ids = [await createTodo(s, "first"), await createTodo(s, "second"), await createTodo(s, "third")];
    await waitFor("three deliveries", () => rx.requests.length >= 3);
    expect(rx.requests.map((r) => BigInt(r.body.recording.id))).toEqual(ids);
    expect(rx.maxInFlight).toBe(1);
  });

  it("retries a failing receiver 10 times with growing gaps, then deactivates the webhook", async () => {
    const s = sim();
    const rx = await startReceiver();
    rx.status = () => 500;
    const hook = await addHook(s, `${rx.url}/hook`, ["Todo"]);
    await createTodo(s);
    await waitFor("deactivation", async () => (await getHook(s, hook.id)).active === false, 15_000);
    expect(rx.requests).toHaveLength(10);
    // Same delivery each time, new request id each attempt.
    expect(new Set(rx.requests.map((r) => String(r.body.id))).size).toBe(1);
    expect(new Set(rx.requests.map((r) => r.headers["x-request-id"])).size).toBe(10);
    const shown = await getHook(s, hook.id);
    expect(shown.recent_deliveries).toHaveLength(10);
    expect(shown.recent_deliveries.every((d: any) => d.response.code === 500 && d.response.message === "Internal Server Error")).toBe(true);
    const times = shown.recent_deliveries.map((d: any) => Date.parse(d.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Gaps 5, 10, … 1280 ms: the attempts span at least their sum.
    expect(times[0] - times[9]).toBeGreaterThanOrEqual(5 * (2 ** 9 - 1));

    // An inactive webhook gets nothing more; reactivating it brings deliveries back.
    rx.status = () => 204;
    await createTodo(s, "while inactive");
    const put = await api(s, "PUT", `/webhooks/${hook.id}.json`, { payload_url: `${rx.url}/hook`, active: true });
    expect(put.status).toBe(200);
    expect(put.body.active).toBe(true);
    await createTodo(s, "after reactivation");
    await waitFor("delivery after reactivation", () => rx.requests.length >= 11);
    expect(rx.requests).toHaveLength(11);
    expect(rx.requests[10].body.recording.title).toBe("after reactivation");
  });

  it("does not follow redirects and counts them as failures; network errors are recorded with code 0", async () => {
    const s = sim();
    const rx = await startReceiver();
    rx.status = (path) => (path === "/hook" ? 302 : 200);
    const hook = await addHook(s, `${rx.url}/hook`, ["Todo"]);
    const dead = await startReceiver();
    const deadUrl = `${dead.url}/gone`;
    await dead.close();
    const deadHook = await addHook(s, deadUrl, ["Todo"]);
    await createTodo(s);
    await waitFor("both webhooks deactivated", async () => (await getHook(s, hook.id)).active === false && (await getHook(s, deadHook.id)).active === false, 15_000);
    expect(rx.requests.filter((r) => r.path === "/hook")).toHaveLength(10);
    expect(rx.requests.filter((r) => r.path === "/landing")).toHaveLength(0);
    const shown = await getHook(s, hook.id);
    expect(shown.recent_deliveries[0].response.code).toBe(302);
    expect(shown.recent_deliveries[0].response.headers.location).toBe(`${rx.url}/landing`);
    const deadShown = await getHook(s, deadHook.id);
    expect(deadShown.recent_deliveries).toHaveLength(10);
    expect(deadShown.recent_deliveries[0].response.code).toBe(0);
    expect(deadShown.recent_deliveries[0].response.message).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it("stops retrying when the simulator closes", async () => {
    const s = sim({ webhookRetryBaseMs: 20 });
    const rx = await startReceiver();
    rx.status = () => 503;
    await addHook(s, `${rx.url}/hook`, ["Todo"]);
    await createTodo(s);
    await waitFor("first attempt", () => rx.requests.length >= 1);
    await s.close();
    // Without the stop, attempts 2–4 would arrive within 20 + 40 + 80 ms.
    await new Promise((r) => setTimeout(r, 400));
    expect(rx.requests).toHaveLength(1);
  });
});

describe("webhook routes", () => {
  it("creates, lists, shows, updates and deletes webhooks in both path forms", async () => {
    const s = sim();
    const { bucket } = seeded(s);
    const other = [...s.store.projects.values()][1].id;
    const made = await api(s, "POST", `/buckets/${bucket}/webhooks.json`, { payload_url: "https://example.com/hooks/1" });
    expect(made.status).toBe(201);
    const w = made.body;
    expect(w.active).toBe(true);
    expect(w.types).toEqual(["all"]);
    expect(w.payload_url).toBe("https://example.com/hooks/1");
    expect(w.url).toBe(`${s.apiUrl}/${s.accountId}/buckets/${bucket}/webhooks/${w.id}.json`);
    expect(typeof w.app_url).toBe("string");
    expect(w.created_at).toBe(w.updated_at);
    expect(s.store.webhooks.get(BigInt(w.id))?.creatorId).toBe(s.store.account.ownerId);

    // Index: bucket form only, unpaginated; the other project's list is separate.
    const list = await api(s, "GET", `/buckets/${bucket}/webhooks.json`);
    expect(list.status).toBe(200);
    expect(list.body.map((x: any) => String(x.id))).toEqual([String(w.id)]);
    expect(list.headers.get("link")).toBeNull();
    expect((await api(s, "GET", `/buckets/${bucket}/webhooks`)).body).toHaveLength(1);
    expect((await api(s, "GET", `/buckets/${other}/webhooks.json`)).body).toEqual([]);
    expect((await api(s, "GET", `/webhooks.json`)).status).toBe(404);
    expect((await api(s, "POST", `/webhooks.json`, { payload_url: "https://example.com/x" })).status).toBe(404);

    // Show: flat, bucket and suffixless forms; wrong bucket 404.
    const flat = await api(s, "GET", `/webhooks/${w.id}.json`);
    expect(flat.status).toBe(200);
    expect(flat.body.recent_deliveries).toEqual([]);
    expect((await api(s, "GET", `/buckets/${bucket}/webhooks/${w.id}.json`)).body.payload_url).toBe("https://example.com/hooks/1");
    expect((await api(s, "GET", `/webhooks/${w.id}`)).status).toBe(200);
    expect((await api(s, "GET", `/buckets/${other}/webhooks/${w.id}.json`)).status).toBe(404);
    expect((await api(s, "GET", `/webhooks/999999.json`)).status).toBe(404);

    // Update.
    const put = await api(s, "PUT", `/buckets/${bucket}/webhooks/${w.id}.json`, { payload_url: "https://example.com/hooks/2", types: ["Todo", "Comment"], active: false });
    expect(put.status).toBe(200);
    expect(put.body.payload_url).toBe("https://example.com/hooks/2");
    const after = await api(s, "GET", `/webhooks/${w.id}.json`);
    expect(after.body.types).toEqual(["Todo", "Comment"]);
    expect(after.body.active).toBe(false);
    expect(after.body.payload_url).toBe("https://example.com/hooks/2");
    // Types and active stay when left out.
    expect((await api(s, "PUT", `/webhooks/${w.id}`, { payload_url: "https://example.com/hooks/3" })).body.types).toEqual(["Todo", "Comment"]);
    // A partial body (reference UpdateWebhook requires no field): what is left out is kept.
    const partial = await api(s, "PUT", `/webhooks/${w.id}.json`, { types: ["Todo"] });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ payload_url: "https://example.com/hooks/3", types: ["Todo"], active: false });
    const onlyActive = await api(s, "PUT", `/webhooks/${w.id}.json`, { active: true });
    expect(onlyActive.body).toMatchObject({ payload_url: "https://example.com/hooks/3", types: ["Todo"], active: true });
    expect(Object.keys(onlyActive.body).sort()).toEqual(["active", "app_url", "created_at", "id", "payload_url", "types", "updated_at", "url"]);
    expect((await api(s, "PUT", `/webhooks/${w.id}.json`, {})).status).toBe(200);
    expect((await api(s, "PUT", `/webhooks/${w.id}.json`, { payload_url: "" })).status).toBe(400);
    expect((await api(s, "PUT", `/webhooks/${w.id}.json`, { payload_url: "http://example.com/x" })).status).toBe(400);
    expect((await api(s, "PUT", `/webhooks/${w.id}.json`, { payload_url: "https://example.com/x", types: ["Nope"] })).status).toBe(422);
    expect((await api(s, "PUT", `/webhooks/${w.id}.json`, { payload_url: "https://example.com/x", active: "maybe" })).status).toBe(422);
    expect((await api(s, "PUT", `/buckets/${other}/webhooks/${w.id}.json`, { payload_url: "https://example.com/x" })).status).toBe(404);

    // Delete.
    expect((await api(s, "DELETE", `/buckets/${other}/webhooks/${w.id}.json`)).status).toBe(404);
    const del = await api(s, "DELETE", `/webhooks/${w.id}.json`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await api(s, "GET", `/webhooks/${w.id}.json`)).status).toBe(404);
    expect((await api(s, "GET", `/buckets/${bucket}/webhooks.json`)).body).toEqual([]);
  });

  it("requires an https payload_url, except http to loopback hosts", async () => {
    const s = sim();
    const { bucket } = seeded(s);
    const post = (body: unknown) => api(s, "POST", `/buckets/${bucket}/webhooks.json`, body);
    for (const bad of [{}, { payload_url: "" }, { payload_url: "not a url" }, { payload_url: "http://example.com/hook" }, { payload_url: "ftp://example.com/x" }, { payload_url: "http://10.0.0.1/x" }, { payload_url: 42 }]) {
      const r = await post(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(typeof r.body.error).toBe("string");
    }
    for (const ok of ["https://example.com/hook", "http://127.0.0.1/x", "http://127.9.8.7:8080/x", "http://localhost:3000/hook", "http://[::1]:4000/hook"]) {
      const r = await post({ payload_url: ok });
      expect(r.status, ok).toBe(201);
      expect(r.body.payload_url).toBe(ok);
    }
    expect(s.store.webhooks.size).toBe(5);
  });

  it("answers 422 for unknown types and accepts the reference's types", async () => {
    const s = sim();
    const { bucket } = seeded(s);
    const post = (types: unknown) => api(s, "POST", `/buckets/${bucket}/webhooks.json`, { payload_url: "https://example.com/h", types });
    const bad = await post(["Todo", "Chat::Lines::Text"]);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.types[0]).toMatch(/Chat::Lines::Text/);
    expect((await post("Todo")).status).toBe(422);
    expect((await post([7])).status).toBe(422);
    expect(s.store.webhooks.size).toBe(0);
    const good = await post(["Kanban::Card", "Question::Answer", "Schedule::Entry", "Todo", "Todo"]);
    expect(good.status).toBe(201);
    expect(good.body.types).toEqual(["Kanban::Card", "Question::Answer", "Schedule::Entry", "Todo"]);
    expect((await post(["all"])).body.types).toEqual(["all"]);
  });

  it("answers 507 when the account's webhook limit is reached", async () => {
    const s = sim({ webhookLimit: 1 });
    const [p1, p2] = [...s.store.projects.keys()];
    const first = await api(s, "POST", `/buckets/${p1}/webhooks.json`, { payload_url: "https://example.com/1" });
    expect(first.status).toBe(201);
    // The limit is per account: another project does not help.
    const second = await api(s, "POST", `/buckets/${p2}/webhooks.json`, { payload_url: "https://example.com/2" });
    expect(second.status).toBe(507);
    expect(second.body.error).toMatch(/limit/);
    expect(s.store.webhooks.size).toBe(1);
    expect((await api(s, "DELETE", `/webhooks/${first.body.id}.json`)).status).toBe(204);
    expect((await api(s, "POST", `/buckets/${p2}/webhooks.json`, { payload_url: "https://example.com/2" })).status).toBe(201);
  });

  it("forbids client users (403)", async () => {
    const s = sim();
    const { bucket } = seeded(s);
    const hook = await addHook(s, "https://example.com/h");
    const owner = s.store.people.get(s.store.account.ownerId)!;
    const clientPerson = { ...owner, id: s.store.nextId(), identityId: 999n, name: "Cleo Client", emailAddress: "cleo@client.example", admin: false, owner: false, client: true, employee: false };
    s.store.people.set(clientPerson.id, clientPerson);
    s.store.projects.get(bucket)!.peopleIds.push(clientPerson.id);
    const token = s.store.auth.issueTokens(clientPerson.id, s.clientId, 3600).access_token;
    const as = { Authorization: `Bearer ${token}` };
    expect((await api(s, "GET", `/buckets/${bucket}/webhooks.json`, undefined, as)).status).toBe(403);
    expect((await api(s, "POST", `/buckets/${bucket}/webhooks.json`, { payload_url: "https://example.com/c" }, as)).status).toBe(403);
    expect((await api(s, "GET", `/webhooks/${hook.id}.json`, undefined, as)).status).toBe(403);
    expect((await api(s, "PUT", `/webhooks/${hook.id}.json`, { payload_url: "https://example.com/c" }, as)).status).toBe(403);
    expect((await api(s, "DELETE", `/webhooks/${hook.id}.json`, undefined, as)).status).toBe(403);
    expect(s.store.webhooks.size).toBe(1);
  });
});
