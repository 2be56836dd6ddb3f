// The simulated 37signals Launchpad: consent page, code and refresh grants, identity.
import { Hono } from "hono";
import type { MiddlewareHandler } from "hono";
import type { Sim, SimContext, SimEnv } from "./context.js";
import { parseJson, stringifyJson } from "./internal/json.js";
import { consentPage, errorPage } from "./launchpad-pages.js";
import type { OAuthApp, Person } from "./store/model.js";
import { randomToken } from "./store/auth.js";

/** Authorization codes live 10 minutes, as in Launchpad. */
export const CODE_TTL_MS = 10 * 60 * 1000;
const CONSENT_TTL_MS = 30 * 60 * 1000;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Does `given` match a registered redirect URI? Exact match, except that loopback
 * http URIs match on any port (RFC 8252 §7.3), so desktop apps can listen on a free port.
 */
export function redirectMatches(app: OAuthApp, given: string): boolean {
  if (app.redirectUris.includes(given)) return true;
  let u: URL;
  try {
    u = new URL(given);
  } catch {
    return false;
  }
  if (u.protocol !== "http:" || !LOOPBACK.has(u.hostname)) return false;
  return app.redirectUris.some((r) => {
    try {
      const reg = new URL(r);
      return reg.protocol === "http:" && reg.hostname === u.hostname && reg.pathname === u.pathname;
    } catch {
      return false;
    }
  });
}

function tokenJson(status: number, body: Record<string, unknown>): Response {
  return new Response(stringifyJson(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", Pragma: "no-cache" },
  });
}

function oauthError(status: number, error: string, description: string): Response {
  return tokenJson(status, { error, error_description: description });
}

/** Parameters from the query string and the body (form, or JSON); the body wins. */
async function tokenParams(c: SimContext): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  new URL(c.req.url).searchParams.forEach((v, k) => (out[k] = v));
  const ct = c.req.header("content-type") ?? "";
  const text = await c.req.text();
  if (!text) return out;
  if (/application\/json/i.test(ct)) {
    const body = parseJson(text);
    if (body && typeof body === "object" && !Array.isArray(body)) {
      for (const [k, v] of Object.entries(body)) if (v !== null && v !== undefined) out[k] = String(v);
    }
  } else {
    new URLSearchParams(text).forEach((v, k) => (out[k] = v));
  }
  return out;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!m) return undefined;
  const text = Buffer.from(m[1], "base64").toString("utf8");
  const i = text.indexOf(":");
  if (i < 0) return undefined;
  return { id: decodeURIComponent(text.slice(0, i)), secret: decodeURIComponent(text.slice(i + 1)) };
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

export function registerLaunchpad(app: Hono<SimEnv>, sim: Sim, faults: MiddlewareHandler<SimEnv>): void {
  const lp = new Hono<SimEnv>();
  const store = sim.store;
  /** One-time tokens that tie a consent form post to the page we rendered. */
  const consents = new Map<string, number>();

  const authorizePage = (c: SimContext) => {
    c.set("route", "GET /launchpad/authorization/new");
    const q = new URL(c.req.url).searchParams;
    const clientId = q.get("client_id") ?? "";
    const redirectUri = q.get("redirect_uri") ?? "";
    const oauthApp = store.auth.apps.get(clientId);
    if (!oauthApp) return c.html(errorPage("Unknown application", "The client_id is missing or not registered. Check the app's client ID."), 400);
    if (!redirectUri || !redirectMatches(oauthApp, redirectUri)) {
      return c.html(errorPage("Redirect URI mismatch", "The redirect_uri is missing or does not match one registered for this app."), 400);
    }
    const state = q.get("state") ?? undefined;
    const responseType = q.get("response_type") ?? (q.get("type") === "web_server" ? "code" : undefined);
    if (responseType !== "code") {
      return c.redirect(withQuery(redirectUri, { error: "unsupported_response_type", error_description: 'Use response_type=code (or the legacy type=web_server).', state }), 302);
    }
    const now = store.now();
    for (const [k, exp] of consents) if (exp < now) consents.delete(k);
    const consent = randomToken(18);
    consents.set(consent, now + CONSENT_TTL_MS);
    const people = [...store.people.values()].filter((p) => !p.client);
    return c.html(consentPage({ app: oauthApp, accountName: store.account.name, people, ownerId: store.account.ownerId, clientId, redirectUri, state, consent }));
  };
  lp.get("/authorization/new", authorizePage);
  lp.get("/authorization", authorizePage);

  const decide = async (c: SimContext) => {
    c.set("route", "POST /launchpad/authorization");
    const form = new URLSearchParams(await c.req.text());
    const consent = form.get("consent") ?? "";
    const exp = consents.get(consent);
    if (exp === undefined || exp < store.now()) {
      return c.html(errorPage("This page has expired", "Start the sign-in again from your app."), 400);
    }
    consents.delete(consent);
    const clientId = form.get("client_id") ?? "";
    const redirectUri = form.get("redirect_uri") ?? "";
    const oauthApp = store.auth.apps.get(clientId);
    if (!oauthApp || !redirectMatches(oauthApp, redirectUri)) return c.html(errorPage("Redirect URI mismatch", "Start the sign-in again from your app."), 400);
    const state = form.get("state") || undefined;
    if (form.get("decision") !== "allow") {
      return c.redirect(withQuery(redirectUri, { error: "access_denied", error_description: "The user denied access.", state }), 302);
    }
    const chosen = form.get("person_id");
    const person = [...store.people.values()].find((p) => String(p.id) === chosen) ?? store.people.get(store.account.ownerId)!;
    const code = randomToken(20);
    store.auth.codes.set(code, { personId: person.id, clientId, redirectUri, expiresAt: store.now() + CODE_TTL_MS });
    store.markDirty();
    return c.redirect(withQuery(redirectUri, { code, state }), 302);
  };
  lp.post("/authorization", decide);
  lp.post("/authorization/new", decide);

  const token = async (c: SimContext) => {
    c.set("route", `POST /launchpad${new URL(c.req.url).pathname.endsWith("/refresh") ? "/authorization/token/refresh" : "/authorization/token"}`);
    let p: Record<string, string>;
    try {
      p = await tokenParams(c);
    } catch {
      return oauthError(400, "invalid_request", "The request body is not valid JSON.");
    }
    const basic = basicCredentials(c.req.header("authorization"));
    const clientId = p.client_id ?? basic?.id;
    const clientSecret = p.client_secret ?? basic?.secret;
    const grant = p.grant_type ?? (p.type === "web_server" ? "authorization_code" : p.type === "refresh" ? "refresh_token" : undefined);
    if (!grant) return oauthError(400, "invalid_request", "Missing grant_type (authorization_code or refresh_token; legacy type=web_server or type=refresh).");
    if (grant !== "authorization_code" && grant !== "refresh_token") {
      return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
    }
    if (!clientId || !clientSecret) return oauthError(400, "invalid_request", "Missing client_id or client_secret.");
    const oauthApp = store.auth.apps.get(clientId);
    if (!oauthApp || oauthApp.clientSecret !== clientSecret) return oauthError(401, "invalid_client", "Unknown client_id or wrong client_secret.");
    const ttl = sim.options.tokenTtl;
    if (grant === "authorization_code") {
      if (!p.code) return oauthError(400, "invalid_request", "Missing code.");
      if (!p.redirect_uri) return oauthError(400, "invalid_request", "Missing redirect_uri.");
      const grantRec = store.auth.codes.get(p.code);
      if (grantRec) {
        store.auth.codes.delete(p.code); // single use, even when the exchange fails
        store.markDirty();
      }
      if (!grantRec || grantRec.clientId !== clientId) return oauthError(400, "invalid_grant", "The authorization code is invalid or was already used. Start the authorization again.");
      if (grantRec.expiresAt <= store.now()) return oauthError(400, "invalid_grant", "The authorization code has expired (codes last 10 minutes). Start the authorization again.");
      if (grantRec.redirectUri !== p.redirect_uri) return oauthError(400, "invalid_grant", "redirect_uri does not match the one used to get the code.");
      return tokenJson(200, store.auth.issueTokens(grantRec.personId, clientId, ttl));
    }
    if (!p.refresh_token) return oauthError(400, "invalid_request", "Missing refresh_token.");
    const r = store.auth.refreshTokens.get(p.refresh_token);
    if (!r || r.clientId !== clientId) return oauthError(400, "invalid_grant", "The refresh token is invalid or was revoked. Sign in again.");
    return tokenJson(200, store.auth.issueTokens(r.personId, clientId, ttl, p.refresh_token));
  };
  lp.use("*", (c, next) => (c.req.method === "POST" && /\/authorization\/token(\/refresh)?$/.test(new URL(c.req.url).pathname) ? faults(c, next) : next()));
  lp.post("/authorization/token", token);
  lp.post("/authorization/token/refresh", token);

  lp.get("/authorization.json", (c) => {
    c.set("route", "GET /launchpad/authorization.json");
    const m = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "");
    const auth = store.auth.authenticate(m?.[1].trim());
    if ("error" in auth) {
      const why = auth.error === "expired" ? "The access token has expired. Refresh it." : auth.error === "missing" ? "Send Authorization: Bearer <access token>." : "The access token is not valid.";
      return tokenJson(401, { error: why });
    }
    const grant = m ? store.auth.accessTokens.get(m[1].trim()) : undefined;
    const expiresAt = grant ? grant.expiresAt : store.now() + 10 * 365 * 86_400_000;
    return tokenJson(200, identity(c, auth.person, expiresAt));
  });

  app.route("/launchpad", lp);

  function identity(c: SimContext, person: Person, expiresAt: number): Record<string, unknown> {
    const origin = new URL(c.req.url).origin;
    const [first, ...rest] = person.name.split(" ");
    const a = store.account;
    return {
      expires_at: new Date(expiresAt).toISOString(),
      identity: { id: person.identityId, first_name: first, last_name: rest.join(" "), email_address: person.emailAddress },
      accounts: [
        { product: "bc3", id: a.id, name: a.name, href: `${origin}/${a.id}`, app_href: `${origin}/web/${a.id}` },
        { product: "bcx", id: a.bcxId, name: a.name, href: `${origin}/bcx/${a.bcxId}/api/v1`, app_href: `${origin}/web/bcx/${a.bcxId}` },
      ],
    };
  }
}
