import { describe, expect, it } from "vitest";
import { api, newSim, UA } from "./helpers.js";
import { consent, fetcherOf, tokenRequest } from "./launchpad-helpers.js";

function setup(opts: Parameters<typeof newSim>[0] = {}) {
  const sim = newSim(opts);
  const f = fetcherOf(sim);
  const redirect = "http://127.0.0.1:48123/callback";
  const base = { client_id: sim.clientId, redirect_uri: redirect };
  return { sim, f, redirect, base };
}

async function login(sim: ReturnType<typeof newSim>, f: ReturnType<typeof fetcherOf>, redirect: string) {
  const { location } = await consent(f, sim.launchpadUrl, { response_type: "code", client_id: sim.clientId, redirect_uri: redirect, state: "s1" });
  const code = location.searchParams.get("code")!;
  const tok = await tokenRequest(f, sim.launchpadUrl, { grant_type: "authorization_code", client_id: sim.clientId, client_secret: sim.clientSecret, redirect_uri: redirect, code });
  return { code, tok };
}

describe("Launchpad authorization", () => {
  it("shows a consent page whose Allow redirects back with a code and the state", async () => {
    const { sim, f, redirect, base } = setup();
    const { page, location } = await consent(f, sim.launchpadUrl, { ...base, response_type: "code", state: "xyz 123" });
    expect(page).toContain("Yes, I'll allow access");
    expect(page).toContain("Sandbox Co.");
    expect(location.origin + location.pathname).toBe(redirect);
    expect(location.searchParams.get("state")).toBe("xyz 123");
    expect(location.searchParams.get("code")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("accepts the legacy type=web_server and the /authorization alias", async () => {
    const { sim, f, base } = setup();
    const res = await f(`${sim.launchpadUrl}/authorization?${new URLSearchParams({ ...base, type: "web_server" })}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="decision" value="allow"');
    const { location } = await consent(f, sim.launchpadUrl, { ...base, type: "web_server" });
    expect(location.searchParams.get("code")).toBeTruthy();
  });

  it("redirects Deny with error=access_denied and the state", async () => {
    const { sim, f, base } = setup();
    const { location } = await consent(f, sim.launchpadUrl, { ...base, response_type: "code", state: "st" }, "deny");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("st");
    expect(location.searchParams.get("code")).toBeNull();
  });

  it("refuses unregistered redirect URIs and unknown clients without redirecting", async () => {
    const { sim, f } = setup();
    const bad = await f(`${sim.launchpadUrl}/authorization/new?${new URLSearchParams({ response_type: "code", client_id: sim.clientId, redirect_uri: "https://evil.example/cb" })}`, { redirect: "manual" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Redirect URI mismatch");
    const unknown = await f(`${sim.launchpadUrl}/authorization/new?response_type=code&client_id=nope&redirect_uri=http://127.0.0.1/callback`);
    expect(unknown.status).toBe(400);
    const other = await f(`${sim.launchpadUrl}/authorization/new?${new URLSearchParams({ response_type: "token", client_id: sim.clientId, redirect_uri: "http://127.0.0.1:9/callback" })}`, { redirect: "manual" });
    expect(other.status).toBe(302);
    expect(new URL(other.headers.get("location")!).searchParams.get("error")).toBe("unsupported_response_type");
  });

  it("rejects a replayed consent form", async () => {
    const { sim, f, base } = setup();
    const pageRes = await f(`${sim.launchpadUrl}/authorization/new?${new URLSearchParams({ ...base, response_type: "code" })}`);
    const html = await pageRes.text();
    const token = /name="consent" value="([^"]+)"/.exec(html)![1];
    const form = new URLSearchParams({ ...base, consent: token, decision: "allow" }).toString();
    const post = (body: string) => f(`${sim.launchpadUrl}/authorization`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
    expect((await post(form)).status).toBe(302);
    expect((await post(form)).status).toBe(400);
  });
});

describe("Launchpad tokens", () => {
  it("exchanges a code for Bearer tokens that open the API, and the code works once", async () => {
    const { sim, f, redirect } = setup();
    const { code, tok } = await login(sim, f, redirect);
    expect(tok.status).toBe(200);
    expect(tok.body).toMatchObject({ token_type: "Bearer", expires_in: 1209600 });
    expect(typeof tok.body.access_token).toBe("string");
    expect(typeof tok.body.refresh_token).toBe("string");
    expect(tok.headers.get("cache-control")).toBe("no-store");
    const me = await api(sim, "GET", "/projects.json", undefined, { Authorization: `Bearer ${tok.body.access_token}` });
    expect(me.status).toBe(200);
    const again = await tokenRequest(f, sim.launchpadUrl, { grant_type: "authorization_code", client_id: sim.clientId, client_secret: sim.clientSecret, redirect_uri: redirect, code });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
  });

  it("takes parameters in the query string with the legacy type=web_server / type=refresh, and the /refresh alias", async () => {
    const { sim, f, redirect, base } = setup();
    const { location } = await consent(f, sim.launchpadUrl, { ...base, type: "web_server" });
    const tok = await tokenRequest(f, sim.launchpadUrl, { type: "web_server", client_id: sim.clientId, client_secret: sim.clientSecret, redirect_uri: redirect, code: location.searchParams.get("code")! }, "query");
    expect(tok.status).toBe(200);
    const refreshed = await tokenRequest(f, sim.launchpadUrl, { type: "refresh", client_id: sim.clientId, client_secret: sim.clientSecret, refresh_token: tok.body.refresh_token }, "query", "/authorization/token/refresh");
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tok.body.access_token);
    expect(refreshed.body.refresh_token).toBe(tok.body.refresh_token);
    const std = await tokenRequest(f, sim.launchpadUrl, { grant_type: "refresh_token", client_id: sim.clientId, client_secret: sim.clientSecret, refresh_token: tok.body.refresh_token });
    expect(std.status).toBe(200);
  });

  it("expires codes after 10 minutes and access tokens after the TTL", async () => {
    let now = Date.parse("2026-11-23T12:00:00Z");
    const { sim, f, redirect, base } = setup({ clock: () => now, tokenTtl: 60 });
    const { location } = await consent(f, sim.launchpadUrl, { ...base, response_type: "code" });
    now += 10 * 60 * 1000 + 1;
    const late = await tokenRequest(f, sim.launchpadUrl, { grant_type: "authorization_code", client_id: sim.clientId, client_secret: sim.clientSecret, redirect_uri: redirect, code: location.searchParams.get("code")! });
    expect(late.status).toBe(400);
    expect(late.body.error_description).toMatch(/expired/);

    const { tok } = await login(sim, f, redirect);
    expect(tok.body.expires_in).toBe(60);
    const auth = { Authorization: `Bearer ${tok.body.access_token}` };
    expect((await api(sim, "GET", "/projects.json", undefined, auth)).status).toBe(200);
    now += 61_000;
    const expired = await api(sim, "GET", "/projects.json", undefined, auth);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatch(/expired/);
  });

  it("answers bad input with 400/401 and {error, error_description}", async () => {
    const { sim, f, redirect } = setup();
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ client_id: sim.clientId, client_secret: sim.clientSecret }, 400, "invalid_request"],
      [{ grant_type: "password", client_id: sim.clientId, client_secret: sim.clientSecret }, 400, "unsupported_grant_type"],
      [{ grant_type: "authorization_code", client_id: sim.clientId, client_secret: "wrong", code: "x", redirect_uri: redirect }, 401, "invalid_client"],
      [{ grant_type: "authorization_code", client_id: sim.clientId, client_secret: sim.clientSecret, code: "nope", redirect_uri: redirect }, 400, "invalid_grant"],
      [{ grant_type: "refresh_token", client_id: sim.clientId, client_secret: sim.clientSecret, refresh_token: "nope" }, 400, "invalid_grant"],
      [{ grant_type: "refresh_token", client_id: sim.clientId, client_secret: sim.clientSecret }, 400, "invalid_request"],
    ];
    for (const [params, status, error] of cases) {
      const r = await tokenRequest(f, sim.launchpadUrl, params);
      expect(r.status, JSON.stringify(params)).toBe(status);
      expect(r.body.error).toBe(error);
      expect(typeof r.body.error_description).toBe("string");
    }
  });

  it("binds the code to its redirect_uri", async () => {
    const { sim, f, redirect, base } = setup();
    const { location } = await consent(f, sim.launchpadUrl, { ...base, response_type: "code" });
    const r = await tokenRequest(f, sim.launchpadUrl, { grant_type: "authorization_code", client_id: sim.clientId, client_secret: sim.clientSecret, redirect_uri: redirect.replace("48123", "48124"), code: location.searchParams.get("code")! });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });
});

describe("Launchpad identity", () => {
  it("returns expires_at, identity and a bc3 and a bcx account", async () => {
    const { sim, f, redirect } = setup();
    const { tok } = await login(sim, f, redirect);
    const res = await f(`${sim.launchpadUrl}/authorization.json`, { headers: { Authorization: `Bearer ${tok.body.access_token}`, "User-Agent": UA } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());
    expect(body.identity).toMatchObject({ first_name: expect.any(String), last_name: expect.any(String), email_address: expect.stringContaining("@") });
    const owner = sim.store.people.get(sim.store.account.ownerId)!;
    expect(String(body.identity.id)).not.toBe(String(owner.id));
    const products = body.accounts.map((a: any) => a.product).sort();
    expect(products).toEqual(["bc3", "bcx"]);
    const bc3 = body.accounts.find((a: any) => a.product === "bc3");
    expect(String(bc3.id)).toBe(sim.accountId);
    expect(bc3.href).toBe(`${sim.apiUrl}/${sim.accountId}`);
    const unauth = await f(`${sim.launchpadUrl}/authorization.json`);
    expect(unauth.status).toBe(401);
  });
});
