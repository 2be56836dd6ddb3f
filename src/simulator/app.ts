import { Hono } from "hono";
import type { MiddlewareHandler } from "hono";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Sim, SimEnv } from "./context.js";
import { FaultSpecError } from "./faults.js";
import { JsonSyntaxError, parseJson, stringifyJson } from "./internal/json.js";
import { HttpError, noContent, sendJson } from "./internal/respond.js";
import { registerLaunchpad } from "./launchpad.js";
import { registerWebPages } from "./web-pages.js";
import { ApiRouter } from "./router.js";
import { registerAllRoutes } from "./routes/index.js";
import { RateLimiter } from "./internal/rate-limiter.js";
import { CHATBOT_LINES_PATH } from "./routes/chatbots.js";
import { registerInboxAdmin } from "./routes/inboxes.js";
import { mountBc2 } from "./bc2/app.js";

/** Largest request body accepted (Basecamp answers 413 past it). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Routes whose body is raw file bytes rather than JSON. */
const RAW_BODY_PATH = /\/(attachments|chats\/\d+\/uploads)$/;
/** Routes that take a multipart/form-data body (kept raw; the route reads the form). */
const MULTIPART_PATH = /^\/\d+\/account\/logo$/;
const ADMIN_PREFIX = "/__sim";
/** Header the in-process fetch turns into a network error (a connection reset fault). */
export const RESET_MARKER = "x-simulator-fault-reset";

type NodeEnv = { incoming?: IncomingMessage };

function nodeIncoming(c: { env: unknown }): IncomingMessage | undefined {
  return (c.env as NodeEnv | undefined)?.incoming;
}

/** Route on the path without `.json` for API paths (`/{account}/…`), so both forms match. */
function routingPath(req: Request): string {
  const url = req.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const q = url.indexOf("?", start);
  let path = q === -1 ? url.slice(start) : url.slice(start, q);
  if (/^\/\d+\//.test(path) && path.endsWith(".json")) path = path.slice(0, -5);
  return path;
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1].trim() : undefined;
}

function errorJson(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(stringifyJson(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
}

export function buildApp(sim: Sim): Hono<SimEnv> {
  const app = new Hono<SimEnv>({ getPath: routingPath });
  const limiter = new RateLimiter(sim.options.rateLimit);

  // Request id, stats, and the error shapes, for every request.
  app.use("*", async (c, next) => {
    const requestId = randomUUID();
    c.set("sim", sim);
    c.set("requestId", requestId);
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    if (!new URL(c.req.url).pathname.startsWith(ADMIN_PREFIX)) {
      sim.stats.record(c.var.route ?? `${c.req.method} (no route)`, c.res.status);
    }
  });

  app.onError((err) => {
    if (err instanceof HttpError) return errorJson(err.status, err.body, err.headers);
    console.error("simulator: internal error:", err);
    return errorJson(500, { error: `Internal simulator error: ${(err as Error).message}` });
  });
  app.notFound((c) => {
    c.set("route", `${c.req.method} (no route)`);
    return errorJson(404, { error: "Not found. Check the path against the Basecamp API reference." });
  });

  registerAdmin(app, sim);

  const faultsMw: MiddlewareHandler<SimEnv> = async (c, next) => {
    const u = new URL(c.req.url);
    const { latencyMs, action } = sim.faults.decide(u.pathname + u.search);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (!action) return next();
    sim.stats.faultsInjected++;
    c.set("route", `${c.req.method} (fault)`);
    switch (action.kind) {
      case "storm":
        return errorJson(429, { error: "Too many requests. Retry after the time in Retry-After.", retry_after: action.retryAfter }, { "Retry-After": String(action.retryAfter) });
      case "error":
        return errorJson(action.status, { error: `Simulated ${action.status} (fault injection)` });
      case "reset": {
        const incoming = nodeIncoming(c);
        if (incoming) incoming.socket.destroy();
        return c.body(null, 502, { [RESET_MARKER]: "1" });
      }
      case "truncate": {
        await next();
        const full = new Uint8Array(await c.res.arrayBuffer());
        const half = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
        const headers = new Headers(c.res.headers);
        headers.set("Content-Length", String(full.length));
        const incoming = nodeIncoming(c);
        const stream = new ReadableStream<Uint8Array>({
          start(ctrl) {
            ctrl.enqueue(half);
            // Let the partial chunk go out, then drop the connection (on a port) or fail
            // the stream (in-process): either way the client's body read fails.
            setTimeout(() => (incoming ? incoming.socket.destroy() : ctrl.error(new Error("simulated truncated body"))), 10);
          },
        });
        c.res = new Response(stream, { status: c.res.status, headers });
        return;
      }
    }
  };

  registerLaunchpad(app, sim, faultsMw);
  // The web side: an HTML page at every app_url, and the avatars.
  registerWebPages(app, sim);

  // Basecamp 2 at /bcx/{bcxId}/api/v1/… and /{bcxId}/api/v1/… (src/simulator/bc2), ahead of Basecamp 4.
  mountBc2(app, sim, faultsMw);

  // ---- the Basecamp API: /{accountId}/… -----------------------------------------------------
  const api = "/:accountId{[0-9]+}/*";
  app.use(api, faultsMw);
  app.use(api, async (c, next) => {
    if (!c.req.header("user-agent")) {
      return errorJson(400, { error: "Missing User-Agent header. Send one that names your app and a contact, e.g. \"MyApp (you@example.com)\"." });
    }
    const key = nodeIncoming(c)?.socket.remoteAddress ?? "in-process";
    const wait = limiter.take(key);
    if (wait !== null) {
      c.set("route", `${c.req.method} (rate limited)`);
      return errorJson(429, { error: "Rate limit exceeded. Wait for the seconds in Retry-After, then try again.", retry_after: wait }, { "Retry-After": String(wait) });
    }
    // A chatbot posts lines with the key in its lines_url instead of a token (routes/chatbots.ts).
    const chatbotLine = c.req.method === "POST" && CHATBOT_LINES_PATH.test(new URL(c.req.url).pathname);
    if (!chatbotLine) {
      const auth = sim.store.auth.authenticate(bearer(c.req.header("authorization")));
      if ("error" in auth) {
        const why = auth.error === "missing" ? "No access token: send Authorization: Bearer <token>." : auth.error === "expired" ? "The access token has expired. Refresh it with the refresh token, then retry." : "The access token is not valid. Get a new one through OAuth.";
        return errorJson(401, { error: why }, { "WWW-Authenticate": 'Bearer realm="Basecamp"' });
      }
      c.set("me", auth.person);
    }
    const account = sim.store.account;
    if (c.req.param("accountId") !== String(account.id)) return errorJson(404, { error: "No such account, or you have no access to it." });
    if (!account.active) {
      return errorJson(404, { error: "This account is inactive (expired trial or suspended). Reactivate it in Basecamp; retrying will not help." }, { Reason: "Account Inactive" });
    }
    const method = c.req.method;
    if (method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE") {
      const declared = Number(c.req.header("content-length") ?? "0");
      if (declared > MAX_BODY_BYTES) return errorJson(413, { error: `Request body is over ${MAX_BODY_BYTES} bytes. Send a smaller body.` });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > MAX_BODY_BYTES) return errorJson(413, { error: `Request body is over ${MAX_BODY_BYTES} bytes. Send a smaller body.` });
      const path = new URL(c.req.url).pathname.replace(/\.json$/, "");
      c.set("body", {});
      if (RAW_BODY_PATH.test(path)) {
        c.set("rawBody", bytes);
      } else if (bytes.length > 0) {
        const ct = c.req.header("content-type") ?? "";
        if (MULTIPART_PATH.test(path) && /^multipart\/form-data\b/i.test(ct.trim())) {
          c.set("rawBody", bytes);
          return next();
        }
        if (!/^application\/json\b/i.test(ct.trim())) {
          return errorJson(415, { error: 'Send JSON with "Content-Type: application/json; charset=utf-8".' });
        }
        let parsed: unknown;
        try {
          parsed = parseJson(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
        } catch (e) {
          const why = e instanceof JsonSyntaxError ? e.message : "the body is not valid UTF-8";
          return errorJson(400, { error: `Malformed JSON body: ${why}.` });
        }
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
          return errorJson(400, { error: "The JSON body must be an object." });
        }
        c.set("body", parsed as Record<string, unknown>);
      }
    }
    return next();
  });

  registerAllRoutes(new ApiRouter(app), sim);
  return app;
}

function registerAdmin(app: Hono<SimEnv>, sim: Sim): void {
  const admin = new Hono<SimEnv>();
  admin.use("*", async (c, next) => {
    if (bearer(c.req.header("authorization")) !== sim.store.auth.adminToken) {
      return errorJson(401, { error: "The simulator's admin routes need Authorization: Bearer <adminToken> (printed at start)." });
    }
    return next();
  });
  admin.get("/stats", (c) => sendJson(c, sim.stats));
  admin.delete("/stats", (c) => {
    sim.stats.reset();
    return noContent(c);
  });
  admin.get("/faults", (c) => sendJson(c, { faults: sim.faults, account_active: sim.store.account.active }));
  admin.post("/faults", async (c) => {
    let body: Record<string, unknown>;
    try {
      body = parseJson(await c.req.text()) as Record<string, unknown>;
    } catch (e) {
      return errorJson(400, { error: `Malformed JSON body: ${(e as Error).message}` });
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return errorJson(400, { error: "Send a JSON object of faults." });
    const { expireTokens, revokeTokens, accountInactive, clear, ...spec } = body;
    try {
      if (clear === true) sim.faults.clear();
      sim.faults.set(spec);
    } catch (e) {
      if (e instanceof FaultSpecError) return errorJson(400, { error: e.message });
      throw e;
    }
    let expired = 0;
    if (expireTokens === true) expired = sim.store.auth.expireAllAccessTokens();
    if (revokeTokens === true) {
      sim.store.auth.accessTokens.clear();
      sim.store.auth.refreshTokens.clear();
      sim.store.markDirty();
    }
    if (typeof accountInactive === "boolean") {
      sim.store.account.active = !accountInactive;
      sim.store.markDirty();
    }
    return sendJson(c, { faults: sim.faults, account_active: sim.store.account.active, expired_tokens: expired });
  });
  registerInboxAdmin(admin, sim);
  admin.delete("/faults", (c) => {
    sim.faults.clear();
    sim.store.account.active = true;
    return noContent(c);
  });
  app.route(ADMIN_PREFIX, admin);
}
