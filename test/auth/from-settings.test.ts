import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticate, pickAccount, type AuthDeps } from "../../src/auth/from-settings.js";
import type { ConnectionSettings } from "../../src/config/types.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { Road } from "../../src/http/road.js";
import { playBrowser, sim, stats, TOKEN_ROUTE } from "./helpers.js";

function settings(s: ReturnType<typeof sim>, extra: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { schema: "V3", authScheme: "OAuth", initiateOAuth: "GETANDREFRESH", launchpadUrl: s.launchpadUrl, apiBaseUrl: s.apiUrl, oauthClientId: s.clientId, oauthClientSecret: s.clientSecret, ...extra };
}

function deps(s: ReturnType<typeof sim>, extra: Partial<AuthDeps> = {}): AuthDeps {
  const dir = mkdtempSync(join(tmpdir(), "auth-settings-"));
  const key = randomBytes(32).toString("base64");
  return { fetch: s.fetch, env: { BASECAMP_OAUTH_KEY: key }, defaultSettingsPath: (id) => join(dir, "oauth", `${id}.json`), ...extra };
}

async function callApi(s: ReturnType<typeof sim>, auth: Awaited<ReturnType<typeof authenticate>>): Promise<number> {
  const road = new Road({ accountId: auth.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, auth: auth.auth, rateLimiter: new AccountLimiter(null, 4) });
  return (await road.request("GET", "/my/profile.json")).status;
}

describe("InitiateOAuth", () => {
  it("GETANDREFRESH signs in through the browser once, stores the tokens, then reuses them", async () => {
    const s = sim();
    const d = deps(s, { openBrowser: (url) => void playBrowser(s, url) });
    const first = await authenticate(settings(s), d);
    expect(first.accountId).toBe(s.accountId);
    expect(first.accountHref).toBe(`${s.apiUrl}/${s.accountId}`);
    expect(await callApi(s, first)).toBe(200);
    const file = readFileSync(first.settingsPath!, "utf8");
    expect(file).not.toContain(first.session!.tokens().accessToken!);
    const again = await authenticate(settings(s), { ...d, openBrowser: () => Promise.reject(new Error("must not prompt again")) });
    expect(again.session!.tokens().accessToken).toBe(first.session!.tokens().accessToken);
  });

  it("uses OAuthVerifier for a headless sign-in", async () => {
    const s = sim();
    const url = `${s.launchpadUrl}/authorization/new?response_type=code&client_id=${s.clientId}&redirect_uri=${encodeURIComponent("http://127.0.0.1/callback")}`;
    const landing = await s.approve(url);
    const r = await authenticate(settings(s, { oauthVerifier: landing }), deps(s));
    expect(await callApi(s, r)).toBe(200);
  });

  it("OFF uses OAuthAccessToken as given, and says what to set without it", async () => {
    const s = sim();
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    const r = await authenticate(settings(s, { initiateOAuth: "OFF", oauthAccessToken: t.access_token }), deps(s));
    expect(await callApi(s, r)).toBe(200);
    await expect(authenticate(settings(s, { initiateOAuth: "OFF" }), deps(s))).rejects.toThrow(/InitiateOAuth=OFF .* OAuthAccessToken/);
  });

  it("REFRESH never prompts: fails clearly without a refresh token, works with one", async () => {
    const s = sim();
    await expect(authenticate(settings(s, { initiateOAuth: "REFRESH" }), deps(s, { openBrowser: () => Promise.reject(new Error("prompted")) }))).rejects.toThrow(/REFRESH never prompts/);
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    const r = await authenticate(settings(s, { initiateOAuth: "REFRESH", oauthRefreshToken: t.refresh_token }), deps(s));
    expect(await callApi(s, r)).toBe(200);
    expect((await stats(s)).by_route[TOKEN_ROUTE]).toBe(1);
  });
});

describe("finding the account through Launchpad", () => {
  it("without AccountId and ApiBaseURL, an identity call refused for an expired token refreshes once and goes on", async () => {
    const s = sim();
    const d = deps(s, { openBrowser: (url) => void playBrowser(s, url) });
    const unknownAccount = settings(s, { apiBaseUrl: undefined });
    expect(unknownAccount.accountId).toBeUndefined();
    await authenticate(unknownAccount, d);
    // Launchpad (the simulator) expires every access token it gave out.
    const expired = await s.fetch(`${s.apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${s.adminToken}`, "Content-Type": "application/json" }, body: JSON.stringify({ expireTokens: true }) });
    expect(((await expired.json()) as { expired_tokens: number }).expired_tokens).toBeGreaterThan(0);
    const before = (await stats(s)).by_route;
    const again = await authenticate(unknownAccount, { ...d, openBrowser: () => Promise.reject(new Error("must not prompt again")) });
    const after = (await stats(s)).by_route;
    expect(again.accountId).toBe(s.accountId);
    expect(again.accountHref).toBe(`${s.apiUrl}/${s.accountId}`);
    expect(again.session!.refreshes).toBe(1);
    expect(after[TOKEN_ROUTE] - before[TOKEN_ROUTE]).toBe(1);
    // Refused once, answered once after the refresh.
    expect(after["GET /launchpad/authorization.json"] - before["GET /launchpad/authorization.json"]).toBe(2);
    expect(await callApi(s, again)).toBe(200);
  });
});

describe("accounts, apps and schemes", () => {
  it("finds the one bc3 (or bcx) account when AccountId is missing, and lists choices otherwise", () => {
    const identity = { identity: { id: "1" }, accounts: [{ product: "bc3", id: "11", name: "A", href: "", appHref: "" }, { product: "bc3", id: "12", name: "B", href: "", appHref: "" }, { product: "bcx", id: "21", name: "C", href: "", appHref: "" }] };
    expect(pickAccount(identity, "V2").id).toBe("21");
    expect(() => pickAccount(identity, "V3")).toThrow(/several bc3 accounts: 11 \(A\), 12 \(B\)\. Set AccountId/);
    expect(pickAccount(identity, "V3", "12").name).toBe("B");
    expect(() => pickAccount(identity, "V3", "99")).toThrow(/no bc3 account 99/);
  });

  it("without an app, explains where to register one and which redirect URI to enter", async () => {
    const s = sim();
    await expect(authenticate(settings(s, { oauthClientId: undefined, oauthClientSecret: undefined, callbackUrl: "http://127.0.0.1:8912/callback" }), deps(s))).rejects.toThrow(/launchpad\.37signals\.com\/integrations with the redirect URI http:\/\/127\.0\.0\.1:8912\/callback, then set OAuthClientId and OAuthClientSecret/);
  });

  it("sends Basic for Basecamp 2 and refuses Basic for Basecamp 4/3", async () => {
    const s = sim();
    const r = await authenticate(settings(s, { schema: "V2", authScheme: "Basic", user: "me@example.com", password: "pa55word-secret", accountId: "2000001" }), deps(s));
    expect(await r.auth.authorization()).toBe(`Basic ${Buffer.from("me@example.com:pa55word-secret").toString("base64")}`);
    await expect(authenticate(settings(s, { authScheme: "Basic", user: "u", password: "p", accountId: "1" }), deps(s))).rejects.toThrow(/Basecamp 4\/3 .* needs OAuth/);
  });

  it("refuses stored tokens that came from another Launchpad", async () => {
    const s = sim();
    const d = deps(s, { openBrowser: (url) => void playBrowser(s, url) });
    await authenticate(settings(s, { accountId: s.accountId }), d);
    await expect(authenticate(settings(s, { accountId: s.accountId, launchpadUrl: "https://launchpad.example.test" }), d)).rejects.toThrow(/holds tokens from .* not https:\/\/launchpad\.example\.test/);
  });
});
