// Webhooks (reference "webhooks.md"): per-project subscriptions that receive a POST for
// every change of the recording types they name. Delivery lives in ../webhooks/delivery.ts.
import type { Sim, SimContext } from "../context.js";
import { badRequest, forbidden, insufficientStorage, noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, iso, type Json, type RenderCtx } from "../render.js";
import { bodyOf, canSeeProject, findProject, optionalBool, pathId, renderCtx, toId, type ApiRouter, type Handler } from "../router.js";
import type { Webhook } from "../store/model.js";
import { WEBHOOK_TYPES } from "../webhooks/payload.js";

function webhookUrl(ctx: RenderCtx, w: Webhook): string {
  return `${apiBase(ctx)}/buckets/${w.bucketId}/webhooks/${w.id}.json`;
}

export function renderWebhook(ctx: RenderCtx, w: Webhook, withDeliveries = false): Json {
  const out: Json = {
    id: w.id,
    active: w.active,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
    payload_url: w.payloadUrl,
    types: [...w.types],
    url: webhookUrl(ctx, w),
    app_url: `${appBase(ctx)}/buckets/${w.bucketId}/webhooks/${w.id}`,
  };
  if (withDeliveries) {
    out.recent_deliveries = w.recentDeliveries.map((d) => ({
      id: d.id,
      created_at: iso(d.createdAt),
      request: { headers: { ...d.request.headers }, body: d.request.body },
      response: { headers: { ...d.response.headers }, code: d.response.code, message: d.response.message, body: d.response.body },
    }));
  }
  return out;
}

function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * `payload_url` must be an HTTPS URL. Plain HTTP is allowed only to loopback hosts, so
 * tests and local tools can receive deliveries (Basecamp itself would refuse it).
 */
function payloadUrlOf(body: Record<string, unknown>): string {
  const v = body.payload_url;
  if (typeof v !== "string" || v.trim() === "") throw badRequest("payload_url is required: the HTTPS URL that should receive the webhook POSTs.");
  const text = v.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badRequest(`payload_url is not a valid URL: ${JSON.stringify(v)}.`);
  }
  if (url.protocol === "https:" && url.hostname !== "") return text;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return text;
  throw badRequest(`payload_url must use https (the simulator also accepts http to 127.0.0.1, localhost or [::1]); got ${JSON.stringify(v)}.`);
}

/** `types[]`: known webhook types or "all"; absent or empty means all. */
function typesOf(body: Record<string, unknown>, dflt: string[] | undefined): string[] | undefined {
  const v = body.types;
  if (v === undefined || v === null) return dflt;
  if (!Array.isArray(v)) throw validationFailed({ types: ["must be a list of recording types"] });
  const out: string[] = [];
  for (const t of v) {
    if (typeof t !== "string" || (t !== "all" && !WEBHOOK_TYPES.includes(t))) {
      throw validationFailed({ types: [`has an unknown type ${JSON.stringify(t)}; use "all" or any of ${WEBHOOK_TYPES.join(", ")}`] });
    }
    if (!out.includes(t)) out.push(t);
  }
  return out.length > 0 ? out : ["all"];
}

/** The webhook named by `:id`: 404 when missing, in another bucket, or in a project out of sight. */
function findWebhook(c: SimContext): Webhook {
  const store = c.var.sim.store;
  const w = store.webhooks.get(pathId(c, "id"));
  if (!w) throw notFound();
  const bucket = c.req.param("bucket");
  if (bucket !== undefined && toId(bucket) !== w.bucketId) throw notFound();
  const project = store.getProject(w.bucketId);
  if (!project || !canSeeProject(c, project)) throw notFound();
  return w;
}

export function register(r: ApiRouter, sim: Sim): void {
  // Every webhook route: clients may not manage webhooks.
  const guard =
    (h: Handler): Handler =>
    (c) => {
      if (c.var.me.client) throw forbidden("Clients can't manage webhooks.");
      return h(c);
    };
  const store = sim.store;

  r.get(
    "/webhooks",
    guard((c) => {
      const project = findProject(c, "bucket");
      const ctx = renderCtx(c);
      const list = [...store.webhooks.values()].filter((w) => w.bucketId === project.id).sort((a, b) => (a.id < b.id ? -1 : 1));
      const lastModified = list.reduce((m, w) => Math.max(m, w.updatedAt), 0) || undefined;
      return sendJson(c, list.map((w) => renderWebhook(ctx, w)), { lastModified });
    }),
    { forms: "bucket" },
  );

  r.post(
    "/webhooks",
    guard((c) => {
      const project = findProject(c, "bucket");
      const body = bodyOf(c);
      const payloadUrl = payloadUrlOf(body);
      const types = typesOf(body, ["all"])!;
      if (store.webhooks.size >= store.account.webhookLimit) {
        throw insufficientStorage(`This account already has ${store.account.webhookLimit} webhooks, its limit. Delete one before adding another.`);
      }
      const now = store.now();
      const w: Webhook = {
        id: store.nextId(),
        bucketId: project.id,
        payloadUrl,
        types,
        active: true,
        createdAt: now,
        updatedAt: now,
        creatorId: c.var.me.id,
        recentDeliveries: [],
      };
      store.webhooks.set(w.id, w);
      store.markDirty();
      return sendJson(c, renderWebhook(renderCtx(c), w), { status: 201 });
    }),
    { forms: "bucket" },
  );

  r.get(
    "/webhooks/:id",
    guard((c) => {
      const w = findWebhook(c);
      const lastModified = Math.max(w.updatedAt, w.recentDeliveries[0]?.createdAt ?? 0);
      return sendJson(c, renderWebhook(renderCtx(c), w, true), { lastModified });
    }),
  );

  r.put(
    "/webhooks/:id",
    guard((c) => {
      const w = findWebhook(c);
      const body = bodyOf(c);
      // A partial body (reference UpdateWebhook: no field required): what is left out is kept.
      const payloadUrl = body.payload_url === undefined ? undefined : payloadUrlOf(body);
      const types = typesOf(body, undefined);
      const active = optionalBool(body, "active");
      if (payloadUrl !== undefined) w.payloadUrl = payloadUrl;
      if (types) w.types = types;
      if (active !== undefined) w.active = active;
      w.updatedAt = store.now();
      store.markDirty();
      return sendJson(c, renderWebhook(renderCtx(c), w));
    }),
  );

  r.delete(
    "/webhooks/:id",
    guard((c) => {
      const w = findWebhook(c);
      store.webhooks.delete(w.id);
      store.markDirty();
      return noContent(c);
    }),
  );
}
