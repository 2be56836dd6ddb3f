// `campctl watch`: keep the replica following Basecamp until SIGINT/SIGTERM, printing one line
// per applied change (and per table a catch-up sync changed) on stdout. With --public-url (or
// --sandbox, whose simulator delivers to loopback) Basecamp pushes each change by webhook to a
// local receiver; without, it polls the activity feed every --interval seconds and says so.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../auth/internal/atomic-file.js";
import { dataDirectory } from "../../config/files.js";
import { keepPrivate } from "../../config/private-file.js";
import { stringifyJsonExact } from "../../http/json.js";
import { redact } from "../../http/redact.js";
import type { Connection } from "../../sql/index.js";
import type { SyncSummary } from "../../sql/sync/index.js";
import type { AppliedChange, WatchHandle, WatchOptions } from "../../sql/watch/watcher.js";
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { oneLine, UsageError } from "../internal/errors.js";
import { wholeNumber } from "../internal/numbers.js";
import { plural } from "../internal/progress.js";
import { replicaPart } from "./sync.js";

export interface WatchCommandOptions {
  /** The base URL at which Basecamp reaches this machine (https://…). */
  publicUrl?: string;
  port?: string;
  host?: string;
  /** Seconds between polls when there is no public URL. */
  interval?: string;
  /** Seconds between checks of the webhooks for missed deliveries. */
  checkInterval?: string;
  keepWebhooks?: boolean;
  replica?: string;
}

function publicUrlOf(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new UsageError(`--public-url must be the http(s) address at which Basecamp reaches this machine, e.g. https://hooks.example.com (forwarded to --port); got ${JSON.stringify(text)}`);
  }
  return text;
}

/** Now, to the second: 2026-12-02T08:15:03Z. */
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** How the watch reports: one line per change and per synced table on stdout, text or JSON. */
function printer(json: boolean) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  return {
    change(c: AppliedChange): void {
      const time = now();
      if (json) out(stringifyJsonExact({ time, type: "change", kind: c.kind, table: c.table, id: c.id, action: c.action, title: c.title }));
      else out([time, c.kind, c.table, String(c.id), c.action === "delete" ? "delete" : "", c.title === undefined ? "" : JSON.stringify(c.title)].filter(Boolean).join(" "));
    },
    sync(summary: SyncSummary, reason: string): void {
      const time = now();
      for (const [table, s] of Object.entries(summary)) {
        if (s.error) error(json, new Error(`sync(${reason}) ${table}: ${s.error}`));
        if (s.upserted <= 0 && s.deleted <= 0) continue;
        if (json) out(stringifyJsonExact({ time, type: "sync", reason, table, upserted: s.upserted, deleted: s.deleted, requests: s.requests }));
        else out(`${time} sync(${reason}) ${table}: ${plural(s.upserted, "row")}${s.deleted > 0 ? `, ${s.deleted} deleted` : ""}`);
      }
    },
  };
}

/** A background failure as one line on stderr, secrets masked. */
function error(json: boolean, e: unknown): void {
  const message = oneLine(redact((e as Error)?.message ?? String(e)));
  process.stderr.write(json ? `${JSON.stringify({ error: { time: now(), message } })}\n` : `${now()} watch: ${message}\n`);
}

/** Which way the watch runs, from the options and the connection: webhooks (where) or polling (why). */
function chooseMode(o: WatchCommandOptions, conn: Connection, port: number | undefined): { webhooks: boolean; note: string } {
  const publicUrl = o.publicUrl === undefined ? undefined : publicUrlOf(o.publicUrl);
  if (conn.schema === "V2") {
    if (publicUrl !== undefined) throw new UsageError("Basecamp 2 has no webhooks, so --public-url cannot be used with it: drop --public-url and campctl watch polls the account instead (--interval sets how often).");
    return { webhooks: false, note: "Basecamp 2 has no webhooks" };
  }
  if (publicUrl !== undefined) return { webhooks: true, note: redact(`Basecamp delivers to ${publicUrl.replace(/\/+$/, "")}/webhooks/…`) };
  if (conn.settings.sandbox) return { webhooks: true, note: "the sandbox's simulator delivers to the receiver's own address" };
  return { webhooks: false, note: `there is no --public-url${port !== undefined ? " (--port is used only with one)" : ""}` };
}

export async function runWatch(o: WatchCommandOptions, g: GlobalOptions): Promise<void> {
  const port = o.port === undefined ? undefined : wholeNumber("--port", o.port, 0, 65535, "0 picks a free port");
  const interval = wholeNumber("--interval", o.interval ?? "30", 1, undefined, "seconds between polls");
  const checkInterval = wholeNumber("--check-interval", o.checkInterval ?? "60", 1, undefined, "seconds between checks of the webhooks");
  if (o.publicUrl !== undefined) publicUrlOf(o.publicUrl);
  const json = g.json === true;
  const print = printer(json);
  // With --sandbox this run hosts the sandbox: other campctl --sandbox commands change its simulator.
  const conn = await openConnection(g, replicaPart(o.replica), { sandboxHost: true });
  // Listening from here: a signal while the watch starts stops it once started (its webhooks removed).
  const signals = onSignal();
  try {
    const mode = chooseMode(o, conn, port);
    const host = o.host ?? "127.0.0.1";
    const base: WatchOptions = { onChange: (c) => print.change(c), onSync: (s, reason) => print.sync(s, reason), onError: (e) => error(json, e) };
    let handle: WatchHandle;
    if (mode.webhooks) {
      // With a public URL the secret is kept per account and URL, so a restart finds its webhooks
      // again (--keep-webhooks); without, the watcher makes one. It masks either in every message.
      const secret = o.publicUrl === undefined ? undefined : await keptSecret(`${conn.settings.accountId ?? ""} ${o.publicUrl}`);
      process.stderr.write(`Registering a webhook on every project (${mode.note}) and catching up…\n`);
      handle = await startOrExplain(conn, { ...base, publicUrl: o.publicUrl, port: port ?? 0, host, secret, keepWebhooks: o.keepWebhooks, checkIntervalMs: checkInterval * 1000 }, host, port ?? 0);
      const projects = activeProjects(conn);
      process.stderr.write(`Receiving webhooks at ${handle.localUrl ?? host}${projects === undefined ? "" : ` for ${plural(projects, "project")}`}; checking for missed deliveries every ${checkInterval} s. Press Ctrl-C to stop.\n`);
    } else {
      process.stderr.write(
        `Polling the activity feed every ${interval} s because ${mode.note}.${conn.schema === "V2" ? "" : " For changes pushed as they happen, give --public-url https://… (an address Basecamp reaches, forwarded to --port)."} Press Ctrl-C to stop.\n`,
      );
      handle = await conn.watch({ ...base, pollIntervalMs: interval * 1000 });
    }
    await signals.stopped;
    await handle.close();
    const s = handle.stats;
    process.stderr.write(
      `Stopped watching: ${plural(s.events, "event")}, ${s.applied} applied, ${plural(s.duplicates, "duplicate")}, ${plural(s.syncs, "sync")}${s.failures ? `, ${plural(s.failures, "failure")}` : ""}${mode.webhooks && o.keepWebhooks ? "; the webhooks stay in place" : ""}.\n`,
    );
  } finally {
    signals.dispose();
    await conn.close();
  }
}

/** The webhook secret for this account and public URL: made once, then kept in the data folder (readable by you only). */
async function keptSecret(key: string): Promise<string> {
  const file = join(dataDirectory(), "watch", "webhook-secrets.json");
  keepPrivate(file, "The webhook secrets file");
  let kept: Record<string, string> = {};
  try {
    kept = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    kept = {};
  }
  if (typeof kept[key] === "string" && kept[key].length >= 16) return kept[key];
  kept[key] = randomBytes(24).toString("base64url");
  await writeFileAtomic(file, `${JSON.stringify(kept, null, 2)}\n`);
  return kept[key];
}

/** conn.watch() with webhooks; a port that cannot be had is a usage error saying what to do. */
async function startOrExplain(conn: Connection, options: WatchOptions, host: string, port: number): Promise<WatchHandle> {
  try {
    return await conn.watch(options);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${host} is in use; pick another with --port, or --port 0 for a free one`);
    if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${host}: no such local address; use --host 127.0.0.1`);
    throw e;
  }
}

/** How many active projects the replica holds (each has a webhook); undefined when it cannot say. */
function activeProjects(conn: Connection): number | undefined {
  try {
    const row = conn.db.prepare("SELECT COUNT(*) AS n FROM Projects WHERE Status = 'active'").get() as { n: number | bigint } | undefined;
    return row === undefined ? undefined : Number(row.n);
  } catch {
    return undefined;
  }
}

/** `stopped` resolves at the first SIGINT or SIGTERM; a second one while stopping ends the process at once. */
function onSignal(): { stopped: Promise<void>; dispose(): void } {
  let stop = () => {};
  const again = () => process.exit(1);
  const stopped = new Promise<void>((resolve) => {
    stop = () => {
      process.off("SIGINT", stop).off("SIGTERM", stop).once("SIGINT", again).once("SIGTERM", again);
      process.stderr.write("Stopping… (again to quit at once)\n");
      resolve();
    };
    process.on("SIGINT", stop).on("SIGTERM", stop);
  });
  return { stopped, dispose: () => void process.off("SIGINT", stop).off("SIGTERM", stop).off("SIGINT", again).off("SIGTERM", again) };
}
