// conn.watch() against a simulator on a real port, which delivers webhooks over HTTP as
// Basecamp does (retries with doubling gaps, a webhook turned off after its last failed
// attempt). On SQLite and on PostgreSQL: changes arrive by webhook; a receiver down for 30 s
// loses nothing (the replica then equals a full sync); a webhook Basecamp turned off is noticed
// and made again; a forged delivery changes nothing; one event delivered twice (or to two
// watchers of one account) is applied once.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/index.js";
import { connect, type AppliedChange, type Connection, type WatchHandle } from "../../src/sql/index.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

const SECRET = "test-secret-0123456789abcdef";
let schemas = 0;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function simulator(retryBaseMs = 1000): Promise<{ sim: RunningSimulator; client: BasecampClient; cs: string }> {
  const sim = await startSimulator({ scale: "tiny", rateLimit: "off", webhookRetryBaseMs: retryBaseMs });
  cleanup.push(() => sim.close());
  const client = new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, rateLimit: "off" });
  const cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off`;
  return { sim, client, cs };
}

/** A replica of that kind (a new file, or a new schema; `schema` reopens one). */
function replicaPart(kind: ReplicaKind, schema?: string): { part: string; schema: string } {
  const name = schema ?? `watch_${process.pid}_${++schemas}`;
  const dir = mkdtempSync(join(tmpdir(), "watch-"));
  return { part: kind === "sqlite" ? `Replica='${join(dir, "replica.sqlite")}'` : `Replica='${postgresUrl()}';ReplicaSchema=${name}`, schema: name };
}

async function open(cs: string, part: string): Promise<Connection> {
  const dir = mkdtempSync(join(tmpdir(), "watch-conn-"));
  const conn = await connect(`${cs};${part}`, { dataDir: dir, configDir: dir, env: {} });
  cleanup.push(() => conn.close());
  return conn;
}

/** An HTTP server of our own on a fixed port, that can go down and come back. */
class Host {
  readonly app = new Hono();
  port = 0;
  private server: ReturnType<typeof serve> | undefined;
  async up(): Promise<void> {
    this.server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: this.app.fetch, port: this.port, hostname: "127.0.0.1" }, () => resolve(s));
      s.once("error", reject);
    });
    this.port = (this.server!.address() as AddressInfo).port;
  }
  async down(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      (s as unknown as { closeAllConnections(): void }).closeAllConnections();
    });
  }
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}

/** A watcher whose receiver is mounted on a Host of ours (so the test can take it down), checks only when asked. */
async function hosted(kind: ReplicaKind, retryBaseMs = 1000, onChange?: (c: AppliedChange) => void) {
  const { client, cs } = await simulator(retryBaseMs);
  const conn = await open(cs, replicaPart(kind).part);
  const host = new Host();
  await host.up();
  cleanup.push(() => host.down());
  const w = await conn.watch({ app: host.app, publicUrl: host.url, secret: SECRET, checkIntervalMs: 3_600_000, onChange });
  cleanup.push(() => w.close());
  return { client, cs, conn, host, w };
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function aList(client: BasecampClient): Promise<{ projectId: unknown; listId: unknown }> {
  const project = (await client.projects.list().toArray())[0];
  const todoset = project.dock.find((d) => d.name === "todoset")!;
  const list = (await client.paginateOperation("ListTodolists", { path: { todosetId: todoset.id } }).toArray())[0];
  return { projectId: project.id, listId: list.id };
}

const row = (conn: Connection, table: string, id: unknown) => conn.db.prepare(`SELECT * FROM bc_${table} WHERE Id = ?`).get(id) as Record<string, unknown> | undefined;
const rows = (conn: Connection, table: string) => conn.db.prepare(`SELECT * FROM bc_${table} ORDER BY Id`).all();

describe.each(REPLICAS)("conn.watch() on a %s replica", (kind) => {
  it("applies changes as webhooks arrive, one read each, through the sync's upsert", async () => {
    const { client, cs } = await simulator();
    const conn = await open(cs, replicaPart(kind).part);
    const seen: AppliedChange[] = [];
    const w = await conn.watch({ port: 0, secret: SECRET, onChange: (c) => seen.push(c) });
    cleanup.push(() => w.close());
    expect(w.mode).toBe("webhooks");
    const { listId } = await aList(client);
    const made = await client.todos.create(listId as number, { content: "Pushed by webhook" });
    await until("the to-do in the replica", () => row(conn, "ToDos", made.id));
    expect(row(conn, "ToDos", made.id)!.Content).toBe("Pushed by webhook");
    await client.todos.update(made.id, { content: "Changed by webhook" });
    await until("the change in the replica", () => row(conn, "ToDos", made.id)?.Content === "Changed by webhook");
    const comment = await client.comments.create(made.id, "<div>A comment</div>");
    await until("the comment in the replica", () => row(conn, "Comments", comment.id));
    await w.idle();
    // A comment changes its parent's count: the to-do's row follows, with no request for it.
    expect(Number(row(conn, "ToDos", made.id)!.CommentsCount)).toBe(1);
    await client.recordings.trash(comment.id);
    await until("the comment trashed", () => row(conn, "Comments", comment.id)?.Status === "trashed");
    await w.idle();
    expect(Number(row(conn, "ToDos", made.id)!.CommentsCount)).toBe(0);
    expect(seen.filter((c) => String(c.id) === String(made.id)).map((c) => c.kind)).toEqual(["todo_created", "todo_content_updated", "comment_created", "comment_trashed"]);
    // What a full sync writes for the same to-do is what the webhook wrote.
    const check = await open(cs, replicaPart(kind).part);
    await check.sync(["ToDos"], { full: true });
    const mine = row(conn, "ToDos", made.id)!;
    const theirs = row(check, "ToDos", made.id)!;
    expect(Object.keys(mine).filter((k) => String(mine[k]) !== String(theirs[k])).map((k) => `${k}: ${String(mine[k])} vs ${String(theirs[k])}`)).toEqual([]);
    expect(mine).toEqual(theirs);
  });

  it("applies nothing from a forged delivery, and one event delivered twice once", async () => {
    const seen: AppliedChange[] = [];
    const { client, conn, host, w } = await hosted(kind, 1000, (c) => seen.push(c));
    const { listId } = await aList(client);
    const made = await client.todos.create(listId as number, { content: "The real content" });
    await until("the to-do", () => row(conn, "ToDos", made.id));
    await w.idle();
    const applied = seen.filter((c) => String(c.id) === String(made.id)).length;
    const payload = (content: string, id: number) => ({
      id,
      kind: "todo_changed",
      details: {},
      created_at: new Date().toISOString(),
      recording: { id: made.id, type: "Todo", title: content, content, status: "active", url: made.url, bucket: made.bucket, parent: made.parent },
      creator: null,
    });
    const post = (secret: string, body: unknown) => fetch(`${host.url}/webhooks/${secret}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    // A wrong secret: refused, nothing read or written.
    expect((await post("not-the-secret-0123456789", payload("Forged content", 1))).status).toBe(404);
    // The right secret with made-up content: the record is read from Basecamp, so the replica keeps the real content.
    const forged = payload("Forged content", 2);
    expect((await post(SECRET, forged)).status).toBe(200);
    await w.idle();
    expect(row(conn, "ToDos", made.id)!.Content).toBe("The real content");
    // The right secret, but its url leads elsewhere: a record the replica has is read at its own
    // address (a url that answers 404 deletes nothing); a new one must be the record it names.
    const gone = { ...payload("Gone?", 4), recording: { ...payload("Gone?", 4).recording, url: `${made.url.replace(/\/todos\/\d+\.json$/, "")}/todos/1.json` } };
    expect((await post(SECRET, gone)).status).toBe(200);
    await w.idle();
    expect(row(conn, "ToDos", made.id)!.Content).toBe("The real content");
    const other = await client.todos.create(listId as number, { content: "Another to-do" });
    await until("the other to-do", () => row(conn, "ToDos", other.id));
    const unknownId = 999_999_999;
    const misdirected = { ...payload("Misdirected", 5), recording: { ...payload("Misdirected", 5).recording, id: unknownId, url: other.url } };
    expect((await post(SECRET, misdirected)).status).toBe(200);
    await w.idle();
    expect(row(conn, "ToDos", unknownId)).toBeUndefined();
    expect(w.stats.ignored).toBe(1);
    // The same delivery again, and the same event under another delivery id: applied once.
    expect((await post(SECRET, forged)).status).toBe(200);
    expect((await post(SECRET, { ...forged, id: 3 })).status).toBe(200);
    await w.idle();
    // Applied (each a fresh read of the real to-do): the forged content, and the one pointing at a 404; once each.
    expect(seen.filter((c) => String(c.id) === String(made.id)).length).toBe(applied + 2);
    expect(w.stats.duplicates).toBe(1);
  });

  it("loses nothing while its receiver is down for 30 s: after it returns, the replica equals a full sync", async () => {
    const { client, cs, conn, host, w } = await hosted(kind, 1000);
    const { listId } = await aList(client);
    const before = await client.todos.create(listId as number, { content: "Before the outage" });
    await until("the first to-do", () => row(conn, "ToDos", before.id));

    await host.down();
    const made: unknown[] = [];
    const downUntil = Date.now() + 30_000;
    for (let i = 0; Date.now() < downUntil; i++) {
      const t = await client.todos.create(listId as number, { content: `Made while down ${i}` });
      made.push(t.id);
      if (i % 3 === 1) await client.todos.complete(t.id);
      if (i % 4 === 2) await client.comments.create(t.id, `<div>Comment while down ${i}</div>`);
      await new Promise((r) => setTimeout(r, 2_500));
    }
    await client.todos.update(before.id, { content: "Changed while down" });
    expect(made.length).toBeGreaterThan(5);
    expect(row(conn, "ToDos", made[0])).toBeUndefined();

    await host.up();
    const r = await w.check();
    expect(r.gap).toBe(true);
    await w.idle();
    const full = await open(cs, replicaPart(kind).part);
    await full.sync(["ToDos", "Comments"], { full: true });
    expect(rows(conn, "ToDos")).toEqual(rows(full, "ToDos"));
    expect(rows(conn, "Comments")).toEqual(rows(full, "Comments"));
  }, 90_000);

  it("notices a webhook Basecamp turned off after failed deliveries, makes it again and catches up", async () => {
    const { client, conn, host, w } = await hosted(kind, 5);
    const { projectId, listId } = await aList(client);
    const hookOf = async () => (await client.webhooks.list(projectId as number).toArray()).find((h) => h.payload_url === `${host.url}/webhooks/${SECRET}`);
    const first = (await hookOf())!;
    expect(first.active).toBe(true);

    await host.down();
    const lost = await client.todos.create(listId as number, { content: "Delivered to nobody" });
    await until("Basecamp to turn the webhook off", async () => (await client.webhooks.get(first.id)).active === false, 30_000);
    await host.up();
    const r = await w.check();
    expect(r).toMatchObject({ gap: true, recreated: [projectId] });
    expect(row(conn, "ToDos", lost.id)!.Content).toBe("Delivered to nobody");
    const again = (await hookOf())!;
    expect(again.active).toBe(true);
    expect(String(again.id)).not.toBe(String(first.id));
    const next = await client.todos.create(listId as number, { content: "Delivered again" });
    await until("a change through the new webhook", () => row(conn, "ToDos", next.id));
  });

  it("brings in a change whose record could not be read with a catch-up sync", async () => {
    const { sim, client, cs } = await simulator();
    const conn = await open(cs, replicaPart(kind).part);
    const syncs: string[] = [];
    const errors: unknown[] = [];
    const w = await conn.watch({ port: 0, onSync: (_s, why) => syncs.push(why), onError: (e) => errors.push(e) });
    cleanup.push(() => w.close());
    const { projectId, listId } = await aList(client);
    // Every read of this project's to-dos fails (after the client's retries); the sync reads other routes.
    const faults = await fetch(`${sim.apiUrl}/__sim/faults`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ errors: { count: 1000, statuses: [503] }, match: `/buckets/${String(projectId)}/todos/` }),
    });
    expect(faults.status).toBe(200);
    const made = await client.todos.create(listId as number, { content: "Its read fails" });
    await until("the catch-up sync to bring it in", () => row(conn, "ToDos", made.id), 60_000);
    await w.idle();
    expect(syncs).toContain("missed event");
    expect(errors.length).toBeGreaterThan(0);
    expect(w.stats.failures).toBeGreaterThan(0);
  }, 90_000);

  it("shares one account between two watchers of one replica: each event applied once", async () => {
    const { client, cs } = await simulator();
    const { part } = replicaPart(kind);
    const a = await open(cs, part);
    const b = await open(cs, part);
    const seenA: AppliedChange[] = [];
    const seenB: AppliedChange[] = [];
    const wa = await a.watch({ port: 0, onChange: (c) => seenA.push(c) });
    cleanup.push(() => wa.close());
    const wb = await b.watch({ port: 0, onChange: (c) => seenB.push(c) });
    cleanup.push(() => wb.close());
    const { listId } = await aList(client);
    const ids: unknown[] = [];
    for (let i = 0; i < 6; i++) ids.push((await client.todos.create(listId as number, { content: `Shared ${i}` })).id);
    await until("both watchers to hear every event", () => wa.stats.events >= 6 && wb.stats.events >= 6);
    await wa.idle();
    await wb.idle();
    const applied = [...seenA, ...seenB].filter((c) => ids.some((id) => String(id) === String(c.id)));
    expect(applied).toHaveLength(6);
    expect(wa.stats.duplicates + wb.stats.duplicates).toBeGreaterThanOrEqual(6);
    for (const id of ids) expect(row(a, "ToDos", id)).toBeDefined();
    // close() removes the webhooks each made.
    await wa.close();
    await wb.close();
    const { projectId } = await aList(client);
    expect(await client.webhooks.list(projectId as number).toArray()).toEqual([]);
  });
});

describe("conn.watch() without a receiver", () => {
  let sim: { client: BasecampClient; cs: string };
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(async () => undefined);

  it("polls: an incremental sync each interval picks changes up", async () => {
    const conn = await open(sim.cs, replicaPart("sqlite").part);
    const syncs: string[] = [];
    const w: WatchHandle = await conn.watch({ pollIntervalMs: 200, onSync: (_s, why) => syncs.push(why) });
    cleanup.push(() => w.close());
    expect(w.mode).toBe("polling");
    const { listId } = await aList(sim.client);
    const made = await sim.client.todos.create(listId as number, { content: "Found by polling" });
    await until("the polled to-do", () => row(conn, "ToDos", made.id));
    await w.idle();
    expect(syncs[0]).toBe("start");
    expect(syncs).toContain("poll");
  });
});
