// Webhook delivery: every recording change the Store reports is POSTed to the active
// webhooks of its project that want its type. One queue per webhook keeps deliveries in
// order; a failed delivery is retried with doubling gaps, and after the last failed
// attempt the webhook is turned off, as Basecamp does.
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Sim } from "../context.js";
import { stringifyJson } from "../internal/json.js";
import type { Json } from "../render.js";
import type { Id, Webhook, WebhookDelivery } from "../store/model.js";
import { buildPayload, webhookWants } from "./payload.js";

/** Attempts per delivery before the webhook is deactivated. */
export const MAX_ATTEMPTS = 10;
/** Deliveries kept on each webhook (`recent_deliveries`). */
export const RECENT_DELIVERIES = 25;
const ATTEMPT_TIMEOUT_MS = 10_000;
/** Longest response body kept in a delivery record. */
const MAX_KEPT_BODY = 10_000;

interface Job {
  payload: Json;
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? cause.message : cause !== undefined ? String(cause) : "";
  return causeText && causeText !== err.message ? `${err.message}: ${causeText}` : err.message;
}

/** Deliver webhooks for store changes; returns a function that stops delivery. */
export function startWebhookDelivery(sim: Sim): () => void {
  const store = sim.store;
  const queues = new Map<Id, Job[]>();
  const draining = new Set<Id>();
  const sleepers = new Map<ReturnType<typeof setTimeout>, () => void>();
  const stopper = new AbortController();
  let stopped = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        sleepers.delete(t);
        resolve();
      }, ms);
      t.unref();
      sleepers.set(t, resolve);
    });

  function record(hook: Webhook, delivery: WebhookDelivery): void {
    hook.recentDeliveries.unshift(delivery);
    if (hook.recentDeliveries.length > RECENT_DELIVERIES) hook.recentDeliveries.length = RECENT_DELIVERIES;
    store.markDirty();
  }

  /** One POST; true on a 2xx answer. Redirects are not followed and count as failures. */
  async function attempt(hook: Webhook, job: Job): Promise<boolean> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Basecamp3 Webhook",
      "X-Request-Id": randomUUID(),
    };
    const createdAt = store.now();
    let response: WebhookDelivery["response"];
    let ok = false;
    try {
      const res = await sim.options.webhookFetch(hook.payloadUrl, {
        method: "POST",
        headers,
        body: stringifyJson(job.payload),
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), stopper.signal]),
      });
      const body = await res.text();
      response = {
        headers: Object.fromEntries(res.headers),
        code: res.status,
        message: res.statusText || STATUS_CODES[res.status] || "",
        body: body.length > MAX_KEPT_BODY ? body.slice(0, MAX_KEPT_BODY) : body,
      };
      ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      response = { headers: {}, code: 0, message: errorText(err), body: "" };
    }
    if (stopped) return false;
    record(hook, { id: store.nextId(), createdAt, request: { headers, body: job.payload }, response });
    return ok;
  }

  async function deliver(hookId: Id, job: Job): Promise<void> {
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      const hook = store.webhooks.get(hookId);
      if (stopped || !hook || !hook.active) return;
      if (await attempt(hook, job)) return;
      if (stopped) return;
      if (n === MAX_ATTEMPTS) {
        const current = store.webhooks.get(hookId);
        if (current) {
          current.active = false;
          current.updatedAt = store.now();
          store.markDirty();
        }
        return;
      }
      await sleep(sim.options.webhookRetryBaseMs * 2 ** (n - 1));
    }
  }

  async function drain(hookId: Id): Promise<void> {
    if (draining.has(hookId)) return;
    draining.add(hookId);
    try {
      for (;;) {
        const job = queues.get(hookId)?.shift();
        if (!job || stopped) break;
        try {
          await deliver(hookId, job);
        } catch (err) {
          console.error("simulator: webhook delivery failed unexpectedly:", err);
        }
      }
    } finally {
      draining.delete(hookId);
      if (queues.get(hookId)?.length === 0) queues.delete(hookId);
    }
  }

  const unsubscribe = store.onChange((change) => {
    if (stopped) return;
    const rec = change.recording;
    for (const hook of store.webhooks.values()) {
      if (!hook.active || hook.bucketId !== rec.bucketId || !webhookWants(hook.types, rec.type)) continue;
      const job: Job = { payload: buildPayload(store, sim.origin, change) };
      let q = queues.get(hook.id);
      if (!q) {
        q = [];
        queues.set(hook.id, q);
      }
      q.push(job);
      void drain(hook.id);
    }
  });

  return () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    stopper.abort();
    for (const [t, resolve] of sleepers) {
      clearTimeout(t);
      resolve();
    }
    sleepers.clear();
    queues.clear();
  };
}
