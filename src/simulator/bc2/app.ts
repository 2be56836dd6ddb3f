// Basecamp 2 ("bcx") API: a Hono sub-app over the same store as Basecamp 4.
//
// Mounted at `/bcx/{bcxId}/api/v1/…` (the href Launchpad lists) and at `/{bcxId}/api/v1/…`
// (the shape of https://basecamp.com/{account}/api/v1). The second form cannot clash with
// Basecamp 4: its account id (5,xxx,xxx) differs from the bcx id (2,xxx,xxx), and a path
// whose number is not the bcx id falls through to the Basecamp 4 routes.
import { Hono } from "hono";
import type { Context, MiddlewareHandler } from "hono";
import type { IncomingMessage } from "node:http";
import type { Sim, SimContext, SimEnv } from "../context.js";
import { JsonSyntaxError, parseJson, stringifyJson } from "../internal/json.js";
import { HttpError } from "../internal/respond.js";
import { RateLimiter } from "../internal/rate-limiter.js";
import { randomToken } from "../store/auth.js";
import type { Store } from "../store/store.js";
import { register as registerPeople } from "./people.js";
import { register as registerProjects } from "./projects.js";
import { register as registerTodos } from "./todos.js";
import { register as registerEvents } from "./events.js";
import { register as registerContent } from "./content.js";
import { register as registerFiles } from "./files.js";
import { register as registerCalendars } from "./calendars.js";
import { register as registerGroups } from "./groups.js";
import { register as registerStarsTemplates } from "./stars-templates.js";
import { Bc2Router } from "./router.js";

/** Basecamp 2's documented limit: 500 requests per 10 seconds, per IP and account. */
export const BC2_RATE_LIMIT = { limit: 500, windowMs: 10_000 };
const BC2_PATH = /^(\/bcx)?\/(\d+)\/api\/v1(\/.*)?$/;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Give the account owner a Basecamp 2 Basic login when the store has none (seed or old state file). */
export function ensureBc2Login(store: Store): void {
  const owner = store.people.get(store.account.ownerId);
  if (!owner) return;
  if (store.account.bc2User && store.account.bc2Password) return;
  store.account.bc2User = owner.emailAddress;
  store.account.bc2Password = randomToken(12);
  store.markDirty();
}

export function bc2Error(status: number, message: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Response {
  return new Response(stringifyJson({ error: message, ...extra }), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
}

/** The path after `/…/api/v1`, without `.json` (what BC2 routes are written against). */
function bc2RoutingPath(req: Request): string {
  const path = new URL(req.url).pathname;
  const m = BC2_PATH.exec(path);
  const rest = m ? (m[3] ?? "/") : path;
  return rest.endsWith(".json") ? rest.slice(0, -5) : rest;
}

type Bc2Env = SimEnv & { Bindings: { incoming?: IncomingMessage; outer?: SimContext } };

function basicLogin(header: string): { user: string; password: string } | null {
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m) return null;
  const text = Buffer.from(m[1], "base64").toString("utf8");
  const i = text.indexOf(":");
  return i < 0 ? { user: text, password: "" } : { user: text.slice(0, i), password: text.slice(i + 1) };
}

const BASIC_401 = "Invalid user name or password. Check the User and Password (your Basecamp 2 login: email address and password) and try again.";

function authenticate(c: Context<Bc2Env>, store: Store): Response | undefined {
  const header = c.req.header("authorization") ?? "";
  const challenge = { "WWW-Authenticate": 'Basic realm="Basecamp"' };
  if (!header) return bc2Error(401, "No credentials: send HTTP Basic auth with your Basecamp 2 login, or Authorization: Bearer <OAuth token>.", challenge);
  const basic = basicLogin(header);
  if (basic) {
    const a = store.account;
    const owner = store.people.get(a.ownerId);
    if (!owner || !a.bc2User || basic.user.toLowerCase() !== a.bc2User.toLowerCase() || basic.password !== a.bc2Password) return bc2Error(401, BASIC_401, challenge);
    c.set("me", owner);
    return undefined;
  }
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  const auth = store.auth.authenticate(m?.[1].trim());
  if ("error" in auth) {
    const why = auth.error === "expired" ? "The OAuth access token has expired. Refresh it, then retry." : "The OAuth access token is not valid. Get a new one through Launchpad, or use HTTP Basic with your Basecamp 2 login.";
    return bc2Error(401, why, { "WWW-Authenticate": 'Bearer realm="Basecamp"' });
  }
  c.set("me", auth.person);
  return undefined;
}

export function buildBc2App(sim: Sim): Hono<Bc2Env> {
  const app = new Hono<Bc2Env>({ getPath: bc2RoutingPath });
  const limiter = new RateLimiter(sim.options.rateLimit === null ? null : BC2_RATE_LIMIT, () => sim.store.now());

  app.onError((err) => {
    if (err instanceof HttpError) return bc2Error(err.status, String(err.body.error ?? `HTTP ${err.status}`), err.headers, err.body.errors ? { errors: err.body.errors } : {});
    console.error("simulator (bc2): internal error:", err);
    return bc2Error(500, `Internal simulator error: ${(err as Error).message}`);
  });
  app.notFound(() => bc2Error(404, "Not found. Check the path against the Basecamp 2 API (bcx-api) reference."));

  app.use("*", async (c, next) => {
    c.set("sim", sim);
    const store = sim.store;
    const url = new URL(c.req.url);
    if (!c.req.header("user-agent")) return bc2Error(400, 'Missing User-Agent header. Send one that names your app and a contact, e.g. "MyApp (you@example.com)".');
    if (!url.pathname.endsWith(".json")) return bc2Error(415, "Basecamp 2 answers JSON only: add .json to the path.");
    const key = `${c.env?.incoming?.socket.remoteAddress ?? "in-process"}:${store.account.bcxId}`;
    const wait = limiter.take(key);
    if (wait !== null) return bc2Error(429, "Rate limit exceeded (500 requests per 10 seconds). Wait for the seconds in Retry-After, then try again.", { "Retry-After": String(wait) });
    const denied = authenticate(c, store);
    if (denied) return denied;
    if (!store.account.active) return bc2Error(404, "This account is inactive (expired trial or suspended). Reactivate it in Basecamp; retrying will not help.", { Reason: "Account Inactive" });
    c.set("body", {});
    const method = c.req.method;
    if (method === "POST" || method === "PUT") {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > MAX_BODY_BYTES) return bc2Error(413, `Request body is over ${MAX_BODY_BYTES} bytes. Send a smaller body.`);
      const ct = (c.req.header("content-type") ?? "").trim();
      // POST /attachments.json takes the file's raw bytes with the file's own Content-Type.
      if (method === "POST" && bc2RoutingPath(c.req.raw) === "/attachments") {
        c.set("rawBody", bytes);
        return next();
      }
      // Bodiless writes (star, publish, archive a topic) may come without a Content-Type.
      if ((bytes.length > 0 || ct !== "") && !/^application\/json\b/i.test(ct)) return bc2Error(415, 'Send JSON with "Content-Type: application/json".');
      if (bytes.length > 0) {
        let parsed: unknown;
        try {
          parsed = parseJson(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
        } catch (e) {
          return bc2Error(400, `Malformed JSON body: ${e instanceof JsonSyntaxError ? e.message : "the body is not valid UTF-8"}.`);
        }
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return bc2Error(400, "The JSON body must be an object.");
        c.set("body", parsed as Record<string, unknown>);
      }
    }
    return next();
  });

  const r = new Bc2Router(app as unknown as Hono<SimEnv>);
  registerProjects(r);
  registerPeople(r);
  registerTodos(r);
  registerEvents(r);
  registerContent(r);
  registerFiles(r);
  registerCalendars(r);
  registerGroups(r);
  registerStarsTemplates(r);
  return app;
}

/**
 * Put the Basecamp 2 API in front of the Basecamp 4 routes of `app`. Register it before the
 * Basecamp 4 `/:accountId/*` middleware so `/{bcxId}/api/v1/…` never reaches Basecamp 4.
 */
export function mountBc2(app: Hono<SimEnv>, sim: Sim, faults: MiddlewareHandler<SimEnv>): void {
  const bc2 = buildBc2App(sim);
  app.use("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const m = BC2_PATH.exec(path);
    if (!m) return next();
    if (m[2] !== String(sim.store.account.bcxId)) {
      // `/{n}/api/v1` with another number is Basecamp 4's business (it answers 404).
      if (!m[1]) return next();
      c.set("route", `${c.req.method} /bcx (no account)`);
      return bc2Error(404, "No such Basecamp 2 account, or you have no access to it.");
    }
    c.set("route", `BC2 ${c.req.method} (no route)`);
    const out = await faults(c, async () => {
      const env = { ...((c.env as object | undefined) ?? {}), outer: c };
      c.res = await bc2.fetch(c.req.raw, env);
    });
    return out instanceof Response ? out : c.res;
  });
}
