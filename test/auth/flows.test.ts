import { describe, expect, it } from "vitest";
import { runDesktopFlow } from "../../src/auth/flows/desktop.js";
import { codeFromVerifier, runHeadlessFlow } from "../../src/auth/flows/headless.js";
import { getOAuthAccessToken, getOAuthAuthorizationURL, refreshOAuthAccessToken } from "../../src/auth/flows/web.js";
import { AuthError, TimeoutError } from "../../src/http/errors.js";
import { Road } from "../../src/http/road.js";
import { launchpadFor, playBrowser, sim } from "./helpers.js";

describe("desktop flow", () => {
  it("listens on loopback, takes the browser's callback, and trades the code for working tokens", async () => {
    const s = sim();
    const launchpad = launchpadFor(s);
    let browser: Promise<Response> | undefined;
    const result = await runDesktopFlow({
      launchpad,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      callbackUrl: "http://127.0.0.1:0/callback",
      openBrowser: async (url) => {
        expect(url).toMatch(/\/launchpad\/authorization\/new\?response_type=code&client_id=/);
        browser = playBrowser(s, url);
        await browser;
      },
    });
    const landed = await browser!;
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain("Signed in");
    expect(result.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(s.store.auth.refreshTokens.has(result.tokens.refreshToken!)).toBe(true);
    expect(result.tokens.expiresIn).toBe(1209600);
    const road = new Road({ accountId: s.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, accessToken: result.tokens.accessToken, rateLimit: null });
    expect((await road.request("GET", "/my/profile.json")).status).toBe(200);
  });

  it("refuses a callback with the wrong state and keeps waiting for the right one", async () => {
    const s = sim();
    const result = await runDesktopFlow({
      launchpad: launchpadFor(s),
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      openBrowser: async (url) => {
        const forged = new URL(url);
        forged.searchParams.set("state", "not-the-state");
        const wrong = await playBrowser(s, forged.toString());
        expect(wrong.status).toBe(400);
        expect(await wrong.text()).toContain("not recognised");
        const right = await playBrowser(s, url);
        expect(right.status).toBe(200);
      },
    });
    expect(s.store.auth.accessTokens.has(result.tokens.accessToken)).toBe(true);
  });

  it("reports a denial and a timeout clearly", async () => {
    const s = sim();
    const denied = runDesktopFlow({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, openBrowser: async (url) => void (await playBrowser(s, url, "deny")) });
    await expect(denied).rejects.toBeInstanceOf(AuthError);
    await expect(denied).rejects.toThrow(/denied.*Allow/);
    const slow = runDesktopFlow({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, openBrowser: () => undefined, timeoutMs: 150 });
    await expect(slow).rejects.toBeInstanceOf(TimeoutError);
    await expect(slow).rejects.toThrow(/No answer from the browser .* headless/);
  });

  it("refuses a CallbackURL that is not on this machine", async () => {
    const s = sim();
    await expect(runDesktopFlow({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, callbackUrl: "https://example.com/cb" })).rejects.toThrow(/must be http on this machine/);
  });
});

describe("headless flow", () => {
  it("takes the pasted callback URL, or the bare code", async () => {
    const s = sim();
    const launchpad = launchpadFor(s);
    const viaUrl = await runHeadlessFlow({ launchpad, clientId: s.clientId, clientSecret: s.clientSecret, prompt: (url) => s.approve(url) });
    expect(s.store.auth.accessTokens.has(viaUrl.tokens.accessToken)).toBe(true);
    expect(viaUrl.redirectUri).toBe("http://127.0.0.1/callback");
    const viaCode = await runHeadlessFlow({
      launchpad,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      prompt: async (url) => new URL(await s.approve(url)).searchParams.get("code")!,
    });
    expect(viaCode.tokens.accessToken).not.toBe(viaUrl.tokens.accessToken);
  });

  it("refuses a callback URL from another sign-in, and explains an empty paste", () => {
    expect(() => codeFromVerifier("http://127.0.0.1/callback?code=abc&state=other", "mine")).toThrow(/different sign-in/);
    expect(() => codeFromVerifier("  ")).toThrow(/Nothing was pasted/);
    expect(() => codeFromVerifier("http://127.0.0.1/callback?error=access_denied")).toThrow(/denied/);
    expect(codeFromVerifier("http://127.0.0.1/callback?code=abc&state=mine", "mine")).toBe("abc");
  });
});

describe("web operations", () => {
  it("gets the URL, trades the verifier, refreshes, with the drivers' result names", async () => {
    const s = sim();
    const app = { launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret };
    const callback = "http://localhost:8080/oauth/callback";
    const { URL: url } = getOAuthAuthorizationURL(app, { CallbackURL: callback, State: "web-state" });
    expect(new URL(url).searchParams.get("state")).toBe("web-state");
    const landing = await s.approve(url);
    const got = await getOAuthAccessToken(app, { Verifier: landing, CallbackURL: callback, State: "web-state" });
    expect(s.store.auth.accessTokens.has(got.OAuthAccessToken)).toBe(true);
    expect(got.ExpiresIn).toBe(1209600);
    const again = await refreshOAuthAccessToken(app, { OAuthRefreshToken: got.OAuthRefreshToken! });
    expect(again.OAuthAccessToken).not.toBe(got.OAuthAccessToken);
    expect(again.OAuthRefreshToken).toBe(got.OAuthRefreshToken);
    const bad = refreshOAuthAccessToken(app, { OAuthRefreshToken: "revoked-or-made-up" });
    await expect(bad).rejects.toBeInstanceOf(AuthError);
    await expect(bad).rejects.toThrow(/Sign in again/);
  });

  it("speaks the legacy type=web_server / type=refresh parameters when asked", async () => {
    const s = sim();
    const app = { launchpad: launchpadFor(s, true), clientId: s.clientId, clientSecret: s.clientSecret };
    const { URL: url } = getOAuthAuthorizationURL(app, { CallbackURL: "http://127.0.0.1/callback" });
    expect(new URL(url).searchParams.get("type")).toBe("web_server");
    const got = await getOAuthAccessToken(app, { Verifier: await s.approve(url), CallbackURL: "http://127.0.0.1/callback" });
    const again = await refreshOAuthAccessToken(app, { OAuthRefreshToken: got.OAuthRefreshToken! });
    expect(s.store.auth.accessTokens.has(again.OAuthAccessToken)).toBe(true);
    expect(again.OAuthAccessToken).not.toBe(got.OAuthAccessToken);
  });
});
