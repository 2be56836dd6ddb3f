// conn.watch(): keep the replica following Basecamp. With a public URL (or a port the
// simulator can reach) it serves a webhook receiver, puts a webhook on every project, and
// applies each event as it arrives (one read of the recording, the sync's own upsert); a
// catch-up sync runs at the start and whenever a check finds a gap (a failed delivery, a
// webhook Basecamp turned off, a new project). Without one it polls: an incremental sync
// (cheap when the activity feed shows nothing new) every interval.
import { randomBytes } from "node:crypto";
import { listen, type Listening } from "../../http/internal/listen.js";
import type { Hono } from "hono";
import type { BasecampClient } from "../../api/index.js";
import type { SyncOptions, SyncSummary } from "../sync/index.js";
import type { Db } from "../replica.js";
import { createWebhookReceiver, type WebhookEvent } from "../../webhooks/index.js";
import { redact, registerSecret } from "../../http/redact.js";
import { applyEvent, pruneClaims, type AppliedChange } from "./apply.js";
import { ProjectHooks, type CheckResult } from "./hooks.js";

export type { AppliedChange, CheckResult };

export interface WatchOptions {
  /** The base URL at which Basecamp reaches the receiver (https://…); webhooks point at `<publicUrl>/webhooks/<secret>`. */
  publicUrl?: string;
  /** Serve the receiver on this port (0: any free one). Without publicUrl, its own address is used (for the simulator). */
  port?: number;
  /** Where to listen with `port` (default 127.0.0.1). */
  host?: string;
  /** Mount the receiver on your own Hono app instead (at its root: POST /webhooks/<secret>); give publicUrl too. */
  app?: Hono;
  /** The secret in the payload URL (default: a new random one; give the same one to reuse webhooks across restarts). */
  secret?: string;
  /** close() leaves the webhooks it made in place (default: removes them). */
  keepWebhooks?: boolean;
  /** How often webhooks are checked for failed deliveries and new projects (default 60 s). */
  checkIntervalMs?: number;
  /** Without a receiver: how often to sync (default 30 s). */
  pollIntervalMs?: number;
  /** Each row a webhook event wrote or removed. */
  onChange?: (change: AppliedChange) => void;
  /** Each catch-up (or polling) sync, with why it ran. */
  onSync?: (summary: SyncSummary, reason: string) => void;
  /** What went wrong in the background (a failed read, a failed sync); the watch goes on. */
  onError?: (error: unknown) => void;
}

export interface WatchHandle {
  /** "webhooks" (events pushed to the receiver) or "polling". */
  readonly mode: "webhooks" | "polling";
  /** The receiver's own address (with `port`), e.g. http://127.0.0.1:41234. */
  readonly localUrl?: string;
  readonly stats: { events: number; applied: number; duplicates: number; ignored: number; syncs: number; failures: number };
  /** Check the webhooks now (as the interval does): a gap runs a catch-up sync. */
  check(): Promise<CheckResult>;
  /** Resolves when every event received so far has been applied. */
  idle(): Promise<void>;
  /** Stop: no more events or syncs; the webhooks it made are removed unless keepWebhooks. */
  close(): Promise<void>;
}

/** What the watcher needs of a Connection. */
export interface WatchTarget {
  db: Db;
  /** Basecamp 4's client (undefined on Basecamp 2, which has no webhooks: polling only). */
  client?: BasecampClient;
  sync(opts: Omit<SyncOptions, "tables">): Promise<SyncSummary>;
}

export async function startWatch(target: WatchTarget, o: WatchOptions = {}): Promise<WatchHandle> {
  const stats = { events: 0, applied: 0, duplicates: 0, ignored: 0, syncs: 0, failures: 0 };
  const failed = (e: unknown) => {
    stats.failures++;
    (o.onError ?? ((err: unknown) => process.stderr.write(`watch: ${redact((err as Error)?.message ?? String(err))}\n`)))(e);
  };
  // One piece of work at a time (an event, a check, a sync), in order.
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  const run = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn);
    chain = p.catch(() => undefined);
    return p;
  };
  const sync = (reason: string, opts: Omit<SyncOptions, "tables"> = {}) =>
    run(async () => {
      const summary = await target.sync(opts);
      stats.syncs++;
      o.onSync?.(summary, reason);
      return summary;
    });

  const webhooks = o.publicUrl !== undefined || o.port !== undefined || o.app !== undefined;
  if (!webhooks) {
    const every = o.pollIntervalMs ?? 30_000;
    if (!(every >= 100)) throw new TypeError(`pollIntervalMs must be at least 100 (ms); got ${String(o.pollIntervalMs)}`);
    await sync("start");
    const timer = setInterval(() => void sync("poll").catch(failed), every);
    return {
      mode: "polling",
      stats,
      check: async () => ({ gap: false, added: [], recreated: [] }),
      idle: () => chain.then(() => undefined),
      close: async () => {
        closed = true;
        clearInterval(timer);
        await chain;
      },
    };
  }

  const client = target.client;
  if (!client) throw new TypeError("Basecamp 2 has no webhooks: watch it without publicUrl, port or app (it then polls).");
  if (o.app && o.publicUrl === undefined) throw new TypeError("watch({ app }) needs publicUrl too: the address at which Basecamp reaches that app.");
  const secret = o.secret ?? randomBytes(24).toString("base64url");
  // The payload URL holds it: masked wherever it might appear (errors, logs).
  registerSecret(secret);
  let catchUp: Promise<unknown> | undefined;
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const receiver = createWebhookReceiver({
    secret,
    onEvent: async (event: WebhookEvent) => {
      stats.events++;
      await started;
      if (closed) return;
      try {
        await run(async () => {
          const r = await applyEvent(target.db, client, event);
          if (r === "duplicate") stats.duplicates++;
          else if (r === "ignored") stats.ignored++;
          else {
            stats.applied++;
            for (const c of r) o.onChange?.(c);
          }
        });
      } catch (e) {
        // The record could not be read (Basecamp unreachable…): its claim was given back, and a
        // catch-up sync (one for any number of such events) brings the change in.
        catchUp ??= sync("missed event")
          .catch(failed)
          .finally(() => (catchUp = undefined));
        throw e;
      }
    },
    onError: (e) => failed(e),
  });

  let server: Listening | undefined;
  if (o.app) o.app.route("/", receiver);
  else server = await listen(receiver.fetch, { host: o.host, port: o.port });
  const localUrl = server?.url;
  const base = (o.publicUrl ?? localUrl!).replace(/\/+$/, "");
  const hooks = new ProjectHooks(client, `${base}/webhooks/${secret}`, `${base}/webhooks/`);
  const stopServer = async () => server?.close();
  try {
    // Webhooks first, then the catch-up: nothing changed in between is missed.
    await hooks.ensureAll();
    await sync("start");
  } catch (e) {
    await hooks.removeCreated().catch(() => undefined);
    await stopServer();
    throw e;
  }
  ready();

  const check = () =>
    run(async () => {
      const r = await hooks.check();
      pruneClaims(target.db);
      return r;
    }).then(async (r) => {
      if (r.gap || r.added.length) await sync(r.gap ? "gap" : "new projects", r.gap ? {} : { projectIds: r.added });
      return r;
    });
  const timer = setInterval(() => void check().catch(failed), o.checkIntervalMs ?? 60_000);
  timer.unref();

  let closing: Promise<void> | undefined;
  return {
    mode: "webhooks",
    localUrl,
    stats,
    check,
    idle: async () => {
      await receiver.idle();
      await chain;
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await receiver.idle();
        closed = true;
        await chain;
        await stopServer();
        if (!o.keepWebhooks) await hooks.removeCreated();
      })()),
  };
}
