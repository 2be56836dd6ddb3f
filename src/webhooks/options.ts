// What createWebhookReceiver takes, with defaults resolved and checked in one place.
import type { WebhookEvent } from "./event.js";

export interface WebhookReceiverOptions {
  /**
   * The secret part of the payload URL (`…/webhooks/<secret>`): at least 16 URL-safe characters
   * (A–Z, a–z, 0–9, "_", "-"). Basecamp signs nothing, so this is the only guard: make it
   * random, e.g. `randomBytes(24).toString("base64url")`, and keep it out of logs.
   */
  secret: string;
  /**
   * Called once per new delivery, one at a time in arrival order, after the delivery has been
   * answered. Basecamp never waits for it; a throw or rejection goes to `onError`.
   */
  onEvent(event: WebhookEvent): void | Promise<void>;
  /** Called when `onEvent` throws or rejects (default: one line on stderr, without the secret). */
  onError?(error: unknown, event: WebhookEvent): void;
  /** Largest body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** How many delivery ids are remembered to drop repeats (default 10 000; the oldest is forgotten first). */
  remember?: number;
}

export interface ResolvedReceiverOptions {
  secret: Buffer;
  onEvent(event: WebhookEvent): void | Promise<void>;
  onError(error: unknown, event: WebhookEvent): void;
  maxBodyBytes: number;
  remember: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REMEMBER = 10_000;
const MIN_SECRET_LENGTH = 16;
const URL_SAFE = /^[A-Za-z0-9_-]+$/;
const HOW_TO_MAKE =
  'make one with `randomBytes(24).toString("base64url")` from node:crypto (or `openssl rand -base64 24 | tr "+/" "-_" | tr -d "="`)';

/** The default onError: one line on stderr naming the delivery, never the secret. */
export function reportToStderr(error: unknown, event: WebhookEvent): void {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`basecamp-connector: webhook onEvent failed for ${event.kind} (delivery ${String(event.id)}): ${why.replace(/\s+/g, " ")}\n`);
}

function count(name: string, value: number | undefined, dflt: number, min: number): number {
  const v = value ?? dflt;
  if (!Number.isSafeInteger(v) || v < min) throw new TypeError(`createWebhookReceiver: ${name} must be a whole number of at least ${min}; got ${String(value)}.`);
  return v;
}

export function resolveReceiverOptions(o: WebhookReceiverOptions): ResolvedReceiverOptions {
  if (o === null || typeof o !== "object") throw new TypeError("createWebhookReceiver needs options: { secret, onEvent }.");
  const secret: unknown = o.secret;
  // The messages say what is wrong with the secret, never what it is.
  if (typeof secret !== "string" || secret === "") throw new TypeError(`createWebhookReceiver needs a secret: ${HOW_TO_MAKE}.`);
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`createWebhookReceiver: the secret is too short (${secret.length} characters, at least ${MIN_SECRET_LENGTH} needed); ${HOW_TO_MAKE}.`);
  }
  if (!URL_SAFE.test(secret)) throw new TypeError(`createWebhookReceiver: the secret may hold only A–Z, a–z, 0–9, "_" and "-" (it is part of a URL); ${HOW_TO_MAKE}.`);
  if (typeof o.onEvent !== "function") throw new TypeError("createWebhookReceiver needs onEvent(event): the function that handles each delivery.");
  if (o.onError !== undefined && typeof o.onError !== "function") throw new TypeError("createWebhookReceiver: onError must be a function (error, event) => void.");
  return {
    secret: Buffer.from(secret, "utf8"),
    onEvent: o.onEvent,
    onError: o.onError ?? reportToStderr,
    maxBodyBytes: count("maxBodyBytes", o.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 1),
    remember: count("remember", o.remember, DEFAULT_REMEMBER, 0),
  };
}
