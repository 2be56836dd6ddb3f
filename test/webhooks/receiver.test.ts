// createWebhookReceiver: in-process requests for each answer it gives, then for real over a
// port, with the simulator delivering the webhooks.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BasecampClient } from "../../src/api/index.js";
import { createWebhookReceiver, type WebhookEvent, type WebhookReceiverOptions } from "../../src/index.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { actionOf } from "../../src/webhooks/event.js";
import { recordsOf } from "../api/helpers.js";

const SECRET = randomBytes(24).toString("base64url");
const BIG_ID = "9007199254740993"; // 2^53 + 1: a double would round it

/** A delivery body as Basecamp sends it; `id` and the recording's id are written as raw JSON numbers. */
function delivery(id: number | string, over: { kind?: string; type?: string; recordingId?: string } = {}): string {
  return `{"id":${id},"kind":"${over.kind ?? "todo_created"}","details":{},"created_at":"2026-12-02T08:00:00.000Z",
    "recording":{"id":${over.recordingId ?? "1001"},"status":"active","type":"${over.type ?? "Todo"}","title":"Buy milk","bucket":{"id":7,"name":"Home","type":"Project"}},
    "creator":{"id":42,"name":"Ada","email_address":"ada@example.com"}}`;
}

function receiverWith(over: Partial<WebhookReceiverOptions> = {}) {
  const events: WebhookEvent[] = [];
  const receiver = createWebhookReceiver({ secret: SECRET, onEvent: (e) => void events.push(e), ...over });
  const post = (body: string | ReadableStream<Uint8Array>, secret = SECRET, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    receiver.request(`/webhooks/${secret}`, { method: "POST", headers, body, ...(typeof body === "string" ? {} : { duplex: "half" }) } as RequestInit);
  return { receiver, events, post };
}

describe("createWebhookReceiver, in process", () => {
  it("answers a good delivery 200 and hands onEvent the typed event, a big id exact", async () => {
    const { receiver, events, post } = receiverWith();
    const res = await post(delivery(BIG_ID, { recordingId: "9007199254740995" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    await receiver.idle();
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e.id).toBe(2n ** 53n + 1n);
    expect(e.recording.id).toBe(2n ** 53n + 3n);
    expect(e).toMatchObject({ kind: "todo_created", action: "created", recordingType: "Todo", createdAt: "2026-12-02T08:00:00.000Z", details: {} });
    expect(e.recording).toMatchObject({ type: "Todo", title: "Buy milk", bucket: { id: 7, name: "Home" } });
    expect(e.creator).toMatchObject({ id: 42, name: "Ada", email_address: "ada@example.com" });
    expect((e.raw as { kind: string }).kind).toBe("todo_created");
    expect(receiver.stats).toEqual({ accepted: 1, duplicates: 0, rejected: 0, failed: 0 });
  });

  it("splits kind into recording type and action", () => {
    expect(actionOf("kanban_card_moved", "Kanban::Card")).toBe("moved");
    expect(actionOf("question_answer_created", "Question::Answer")).toBe("created");
    expect(actionOf("todolist_created", "Todolist")).toBe("created");
    expect(actionOf("todo_assignment_changed", "Todo")).toBe("assignment_changed");
    expect(actionOf("cloud_file_trashed", "CloudFile")).toBe("trashed");
    expect(actionOf("todo_completed", "Something::New")).toBe("completed");
    expect(actionOf("unheard_of", "Something::New")).toBe("unheard_of");
  });

  it("answers a wrong secret 404 without echoing it, and applies nothing", async () => {
    const { receiver, events, post } = receiverWith();
    const wrong = randomBytes(24).toString("base64url");
    for (const secret of [wrong, SECRET.slice(0, -1), `${SECRET}x`]) {
      const res = await post(delivery(1), secret);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain(secret.slice(0, 8));
      expect(text).not.toContain("webhooks");
    }
    await receiver.idle();
    expect(events).toEqual([]);
    expect(receiver.stats.rejected).toBe(3);
    expect((await receiver.request(`/webhooks/${SECRET}`)).status).toBe(404); // GET
    expect((await receiver.request(`/other/${SECRET}`, { method: "POST", body: delivery(2) })).status).toBe(404);
    await receiver.idle();
    expect(events).toEqual([]);
  });

  it("refuses a body over maxBodyBytes with 413, whether its length is declared, missing or understated", async () => {
    const { receiver, events, post } = receiverWith({ maxBodyBytes: 300 });
    const big = delivery(1).replace("Buy milk", "x".repeat(400));
    expect((await post(big)).status).toBe(413);
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(big.slice(0, 200)));
          c.enqueue(new TextEncoder().encode(big.slice(200)));
          c.close();
        },
      });
    expect((await post(stream(), SECRET, { "Content-Type": "application/json" })).status).toBe(413);
    expect((await post(stream(), SECRET, { "Content-Type": "application/json", "Content-Length": "10" })).status).toBe(413);
    const small = await post(delivery(2));
    expect(small.status).toBe(200);
    await receiver.idle();
    expect(events.map((e) => e.id)).toEqual([2]);
    expect(receiver.stats.rejected).toBe(3);
  });

  it("answers 400 with a reason for a body that is not JSON or not a delivery", async () => {
    const { receiver, events, post } = receiverWith();
    const cases: Array<[string, RegExp]> = [
      ["{not json", /not JSON/],
      ["", /not JSON/],
      ["[1,2]", /not a JSON object/],
      ['{"kind":"todo_created","recording":{"id":1,"type":"Todo"}}', /no integer id/],
      ['{"id":1,"recording":{"id":1,"type":"Todo"}}', /no kind/],
      ['{"id":1,"kind":"todo_created"}', /no recording/],
      ['{"id":1,"kind":"todo_created","recording":{"id":1}}', /recording has no type/],
    ];
    for (const [body, reason] of cases) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
    await receiver.idle();
    expect(events).toEqual([]);
    expect(receiver.stats.rejected).toBe(cases.length);
  });

  it("hands a delivery to onEvent once, however often it comes, and forgets the oldest ids first", async () => {
    const { receiver, events, post } = receiverWith({ remember: 2 });
    expect(await (await post(delivery(1))).json()).toEqual({ ok: true });
    const again = await post(delivery(1));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    await post(delivery(2));
    await post(delivery(3)); // 1 is forgotten now
    expect(await (await post(delivery(3))).json()).toEqual({ ok: true, duplicate: true });
    expect(await (await post(delivery(1))).json()).toEqual({ ok: true });
    await receiver.idle();
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 1]);
    expect(receiver.stats).toMatchObject({ accepted: 4, duplicates: 2 });
  });

  it("answers before a slow onEvent has finished", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const log: string[] = [];
    const { receiver, post } = receiverWith({
      onEvent: async (e) => {
        log.push(`start ${String(e.id)}`);
        await gate;
        log.push(`end ${String(e.id)}`);
      },
    });
    const res = await post(delivery(1));
    log.push(`answered ${res.status}`);
    await post(delivery(2));
    log.push("answered second");
    let idle = false;
    const waiting = receiver.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(log.slice(0, 2)).toEqual(["answered 200", "answered second"]);
    expect(log.slice(2)).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("sends a throwing onEvent to onError and keeps delivering the rest in order", async () => {
    const seen: Array<string | bigint | number> = [];
    const errors: Array<[unknown, WebhookEvent]> = [];
    const { receiver, post } = receiverWith({
      onEvent: (e) => {
        seen.push(e.id);
        if (e.id === 2) throw new Error("boom");
      },
      onError: (err, e) => void errors.push([err, e]),
    });
    for (const id of [1, 2, 3, 4]) expect((await post(delivery(id))).status).toBe(200);
    await receiver.idle();
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(errors).toHaveLength(1);
    expect((errors[0][0] as Error).message).toBe("boom");
    expect(errors[0][1].id).toBe(2);
    expect(receiver.stats).toEqual({ accepted: 4, duplicates: 0, rejected: 0, failed: 1 });
  });

  it("reports a failed onEvent on stderr by default, in one line without the secret", async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const { receiver, post } = receiverWith({
        onEvent: async () => {
          throw new Error("database\nis down");
        },
      });
      await post(delivery(5, { kind: "kanban_card_moved", type: "Kanban::Card" }));
      await receiver.idle();
      expect(receiver.stats.failed).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^[^\n]*kanban_card_moved[^\n]*database is down\n$/);
    expect(written[0]).not.toContain(SECRET);
  });

  it("refuses a missing, short or non-URL-safe secret with a TypeError saying how to make one", () => {
    const onEvent = () => undefined;
    for (const secret of [undefined, "", "too-short", "has spaces in it, and more", "slash/slash/slash/slash"]) {
      let err: unknown;
      try {
        createWebhookReceiver({ secret, onEvent } as unknown as WebhookReceiverOptions);
      } catch (e) {
        err = e;
      }
      expect(err, String(secret)).toBeInstanceOf(TypeError);
      expect((err as Error).message).toContain("randomBytes(24)");
      if (secret) expect((err as Error).message).not.toContain(secret);
    }
    expect(() => createWebhookReceiver({ secret: SECRET } as unknown as WebhookReceiverOptions)).toThrow(TypeError);
    expect(() => createWebhookReceiver({ secret: SECRET, onEvent, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
  });
});

describe("createWebhookReceiver, over a port, fed by the simulator", () => {
  let sim: RunningSimulator;
  let client: BasecampClient;
  let server: ReturnType<typeof serve>;
  let base = "";
  const events: WebhookEvent[] = [];
  const receiver = createWebhookReceiver({ secret: SECRET, onEvent: (e) => void events.push(e) });

  beforeAll(async () => {
    sim = await startSimulator({ scale: "tiny", rateLimit: "off", webhookRetryBaseMs: 50 });
    client = new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, rateLimit: "off" });
    const app = new Hono();
    app.route("/hooks", receiver);
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
      s.once("error", reject);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/webhooks`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await sim?.close();
  });

  /** Poll until `check` gives a value, or fail after `ms`. */
  async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("receives the simulator's todo_created delivery, and a wrong secret's deliveries get 404 and are never applied", async () => {
    const list = recordsOf(sim.simulator, "Todolist").find((l) => sim.simulator.store.getProject(l.bucketId)?.status === "active")!;
    expect(list).toBeDefined();
    const projectId = list.bucketId;
    const good = await client.webhooks.create(projectId, { payload_url: `${base}/${SECRET}`, types: ["Todo"] });
    const wrongSecret = randomBytes(24).toString("base64url");
    const forged = await client.webhooks.create(projectId, { payload_url: `${base}/${wrongSecret}`, types: ["Todo"] });
    expect(good.active).toBe(true);

    const todo = await client.todos.create(list.id, { content: "Answer the webhook" });
    const event = await until("the todo_created event", () =>
      events.find((e) => e.kind === "todo_created" && String(e.recording.id) === String(todo.id)),
    );
    expect(event).toMatchObject({ action: "created", recordingType: "Todo" });
    expect(event.recording.title ?? event.recording.content).toBe("Answer the webhook");
    expect(String(event.recording.bucket?.id)).toBe(String(projectId));
    expect(event.creator).not.toBeNull();

    const refused = await until("a 404 on the wrong-secret webhook", async () => {
      const hook = await client.webhooks.get(forged.id!);
      const ds = hook.recent_deliveries ?? [];
      return ds.length > 0 ? ds : undefined;
    });
    for (const d of refused) {
      expect(d.response?.code).toBe(404);
      expect(String(d.response?.body ?? "")).not.toContain(wrongSecret);
    }
    await receiver.idle();
    const forgedIds = new Set(refused.map((d) => String((d.request.body as { id: unknown }).id)));
    expect(events.filter((e) => forgedIds.has(String(e.id)))).toEqual([]);
    expect(events.filter((e) => String(e.recording.id) === String(todo.id))).toHaveLength(1);
    expect(receiver.stats.rejected).toBeGreaterThanOrEqual(1);
    expect(receiver.stats.accepted).toBe(events.length);

    const goodHook = await client.webhooks.get(good.id!);
    expect(goodHook.recent_deliveries?.[0]?.response?.code).toBe(200);
  });
});
