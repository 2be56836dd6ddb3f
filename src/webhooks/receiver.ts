// createWebhookReceiver: Basecamp webhook deliveries in, typed events out, as a Hono app that
// mounts anywhere (`app.route("/hooks", receiver)`). One route, relative to the mount point:
//   POST /webhooks/:secret   404 on a wrong secret (nothing applied, nothing echoed)
//                            413 over maxBodyBytes, 400 when not a webhook delivery,
//                            200 {"ok":true,"duplicate":true} for a delivery id already accepted,
//                            200 {"ok":true} otherwise: answered first, handed to onEvent after.
// Everything else is 404. Basecamp retries a delivery until it gets a 2xx and signs nothing,
// so the answer is quick, a repeat is dropped by its id, and the secret in the URL is the guard.
import { timingSafeEqual } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { parseJsonExact } from "../http/json.js";
import { toWebhookEvent, type WebhookEvent } from "./event.js";
import { resolveReceiverOptions, type WebhookReceiverOptions } from "./options.js";
import { RecentIds, SerialQueue } from "./queue.js";

/** Counts since the receiver was made. */
export interface WebhookStats {
  /** Deliveries answered 200 and queued for onEvent. */
  accepted: number;
  /** Deliveries answered 200 but dropped: their id was already accepted. */
  duplicates: number;
  /** Deliveries refused: wrong secret (404), too large (413), not a webhook delivery (400). */
  rejected: number;
  /** Accepted events whose onEvent threw or rejected. */
  failed: number;
}

/** A Hono app (mount it with `app.route(base, receiver)` or serve `receiver.fetch`), plus: */
export type WebhookReceiver = Hono & {
  /** Resolves when every accepted event has been handed to onEvent and its promise has settled. */
  idle(): Promise<void>;
  readonly stats: Readonly<WebhookStats>;
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Constant-time comparison; a different length is a mismatch (still compared, to take the same time). */
function sameSecret(given: string, secret: Buffer): boolean {
  const g = Buffer.from(given, "utf8");
  if (g.length !== secret.length) {
    timingSafeEqual(secret, secret);
    return false;
  }
  return timingSafeEqual(g, secret);
}

/**
 * The body, or null once it passes `max` bytes. Counted as it streams, so neither a missing
 * nor a lying Content-Length lets a larger body through.
 */
async function readAtMost(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Build the receiver. Throws a TypeError when the options are unusable (e.g. a weak secret). */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const o = resolveReceiverOptions(options);
  const stats: WebhookStats = { accepted: 0, duplicates: 0, rejected: 0, failed: 0 };
  const recent = new RecentIds(o.remember);
  const queue = new SerialQueue<WebhookEvent>(async (event) => {
    try {
      await o.onEvent(event);
    } catch (err) {
      stats.failed++;
      try {
        o.onError(err, event);
      } catch {
        // An onError that throws must not stop the events behind this one.
      }
    }
  });

  const refuse = (c: Context, status: 400 | 413, error: string) => {
    stats.rejected++;
    return c.json({ ok: false, error }, status);
  };
  const tooLarge = (c: Context) => refuse(c, 413, `the body is larger than ${o.maxBodyBytes} bytes`);

  const app = new Hono();
  app.post(
    "/webhooks/:secret",
    async (c, next) => {
      // Nothing of the request is read or echoed before the secret matches.
      if (sameSecret(c.req.param("secret"), o.secret)) return next();
      stats.rejected++;
      return c.text("Not Found", 404);
    },
    bodyLimit({ maxSize: o.maxBodyBytes, onError: tooLarge }),
    async (c) => {
      const bytes = await readAtMost(c.req.raw, o.maxBodyBytes);
      if (bytes === null) return tooLarge(c);
      let body: unknown;
      try {
        body = parseJsonExact(utf8.decode(bytes));
      } catch {
        return refuse(c, 400, "the body is not JSON");
      }
      const event = toWebhookEvent(body);
      if (typeof event === "string") return refuse(c, 400, event);
      if (!recent.add(event.id)) {
        stats.duplicates++;
        return c.json({ ok: true, duplicate: true });
      }
      stats.accepted++;
      queue.push(event);
      return c.json({ ok: true });
    },
  );

  return Object.assign(app as Hono, { idle: () => queue.idle(), stats });
}
