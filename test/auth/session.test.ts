import { spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { OAuthSession } from "../../src/auth/session.js";
import { TokenStore } from "../../src/auth/token-store.js";
import { BasecampClient } from "../../src/api/client.js";
import { AuthError } from "../../src/http/errors.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { Road } from "../../src/http/road.js";
import { startSimulator } from "../../src/simulator/index.js";
import { launchpadFor, sim, stats, TOKEN_ROUTE } from "./helpers.js";

const MIN = 60_000;

function roadWith(s: ReturnType<typeof sim>, session: OAuthSession): Road {
  return new Road({ accountId: s.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, auth: session, rateLimiter: new AccountLimiter(null, 16), userAgent: "session tests (tests@example.com)" });
}

describe("OAuth session", () => {
  it("refreshes ahead of expiry (under five minutes left), and not before", async () => {
    let now = Date.parse("2026-11-23T09:00:00Z");
    const s = sim({ clock: () => now, tokenTtl: 20 * 60 });
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 20 * 60);
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: now + 20 * MIN }, now: () => now });
    const road = roadWith(s, session);
    await road.request("GET", "/projects.json");
    now += 14 * MIN;
    await road.request("GET", "/projects.json");
    expect(session.refreshes).toBe(0);
    now += 2 * MIN; // 4 minutes left
    await road.request("GET", "/projects.json");
    expect(session.refreshes).toBe(1);
    expect(session.tokens().accessToken).not.toBe(t.access_token);
    expect((await stats(s)).by_route[TOKEN_ROUTE]).toBe(1);
  });

  it("with a short --token-ttl, an expired token is refused and the session refreshes past it", async () => {
    let now = Date.parse("2026-11-23T09:00:00Z");
    const s = sim({ clock: () => now, tokenTtl: 1 });
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 1);
    now += 2000; // the simulator's clock passes the token's one second
    const stale = new Road({ accountId: s.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, accessToken: t.access_token, rateLimiter: new AccountLimiter(null, 4) });
    await expect(stale.request("GET", "/projects.json")).rejects.toBeInstanceOf(AuthError);
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: now - 100 }, now: () => now });
    expect((await roadWith(s, session).request("GET", "/projects.json")).status).toBe(200);
    expect(session.refreshes).toBe(1);
  });

  it("after a 401, refreshes once and retries; concurrent callers share that one refresh", async () => {
    const s = sim();
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() + 3600_000 } });
    s.store.auth.expireAllAccessTokens();
    const road = roadWith(s, session);
    const answers = await Promise.all(Array.from({ length: 6 }, () => road.request("GET", "/projects.json")));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(session.refreshes).toBe(1);
    expect((await stats(s)).by_route[TOKEN_ROUTE]).toBe(1);
  });

  it("says to sign in again when the refresh token is revoked", async () => {
    const s = sim();
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    s.store.auth.refreshTokens.clear();
    s.store.auth.expireAllAccessTokens();
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token } });
    const call = roadWith(s, session).request("GET", "/projects.json");
    await expect(call).rejects.toBeInstanceOf(AuthError);
    await expect(call).rejects.toThrow(/Sign in again/);
  });

  it("keeps refreshed tokens in the encrypted store (0600), their expiry by the session's clock", async () => {
    const now = Date.parse("2026-11-23T09:00:00Z");
    const s = sim({ clock: () => now, tokenTtl: 3600 });
    const dir = mkdtempSync(join(tmpdir(), "session-"));
    const store = new TokenStore(join(dir, "oauth", `${s.accountId}.json`), { key: randomBytes(32) });
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    await store.write({ accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: now - 1000, updatedAt: now - 3600_000 });
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, store, now: () => now });
    await roadWith(s, session).request("GET", "/projects.json");
    expect(session.refreshes).toBe(1);
    const saved = await store.read();
    expect(saved!.accessToken).toBe(session.tokens().accessToken);
    expect(saved!.accessToken).not.toBe(t.access_token);
    expect(saved!.expiresAt).toBe(now + 3600_000);
    expect(saved!.updatedAt).toBe(now);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it("two processes sharing one settings file with an expired token make exactly one refresh call", async () => {
    const server = await startSimulator({ scale: "tiny", rateLimit: "off" });
    try {
      const dir = mkdtempSync(join(tmpdir(), "shared-session-"));
      const key = randomBytes(32).toString("hex");
      const path = join(dir, "oauth", `${server.accountId}.json`);
      const t = server.simulator.store.auth.issueTokens(server.simulator.store.account.ownerId, server.clientId, 3600);
      await new TokenStore(path, { key }).write({ accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() - 60_000 });
      const args = JSON.stringify({ path, key, launchpadUrl: server.launchpadUrl, apiUrl: server.apiUrl, accountId: server.accountId, clientId: server.clientId, clientSecret: server.clientSecret, startAt: Date.now() + 1500 });
      const child = () =>
        new Promise<{ status: number; refreshes: number }>((resolve, reject) => {
          const p = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/refresh-child.ts"), args], { stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          let err = "";
          p.stdout.on("data", (d) => (out += d));
          p.stderr.on("data", (d) => (err += d));
          p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`child exited ${code}: ${err}`))));
        });
      const [a, b] = await Promise.all([child(), child()]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.refreshes + b.refreshes).toBe(1);
      expect((await stats(server)).by_route[TOKEN_ROUTE]).toBe(1);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe("OAuth session: when to refresh ahead (five minutes, or half a shorter life)", () => {
  const START = Date.parse("2026-11-23T09:00:00Z");

  /** A session on a token of `ttl` seconds issued at START, on a simulator whose clock the test moves. */
  async function tokenOf(ttl: number, kept: "in memory" | "in the store") {
    let now = START;
    const s = sim({ clock: () => now, tokenTtl: ttl });
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, ttl);
    const app = { launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, now: () => now };
    let session: OAuthSession;
    if (kept === "in memory") {
      session = new OAuthSession({ ...app, initial: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresIn: t.expires_in } });
    } else {
      const store = new TokenStore(join(mkdtempSync(join(tmpdir(), "session-window-")), "t.json"), { key: randomBytes(32) });
      await store.write({ accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: START + ttl * 1000, updatedAt: START });
      session = new OAuthSession({ ...app, store });
    }
    const road = roadWith(s, session);
    /** One API call `ms` after the token was issued; the refreshes made so far. */
    const callAt = async (ms: number): Promise<number> => {
      now = START + ms;
      expect((await road.request("GET", "/projects.json")).status).toBe(200);
      return session.refreshes;
    };
    return { s, callAt };
  }

  for (const kept of ["in memory", "in the store"] as const) {
    it(`a 60 s token (${kept}) is not refreshed at 10 s, and is refreshed past half its life`, async () => {
      const { s, callAt } = await tokenOf(60, kept);
      expect(await callAt(0)).toBe(0);
      expect(await callAt(10_000)).toBe(0);
      expect(await callAt(29_000)).toBe(0);
      expect(await callAt(31_000)).toBe(1);
      expect(await callAt(40_000)).toBe(1); // the new token lives 60 s from 31 s
      expect((await stats(s)).by_route[TOKEN_ROUTE]).toBe(1);
    });
  }

  it("a two-week token is refreshed only in its last five minutes", async () => {
    const life = 14 * 24 * 60 * MIN;
    const { callAt } = await tokenOf(life / 1000, "in memory");
    expect(await callAt(life / 2)).toBe(0);
    expect(await callAt(life - 5 * MIN - 1000)).toBe(0);
    expect(await callAt(life - 5 * MIN + 1000)).toBe(1);
  });
});

describe("the Python wrapper's way in", () => {
  it("a client built from an app and a refresh token gets its own access token", async () => {
    const s = sim();
    const t = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    const client = new BasecampClient({
      accountId: s.accountId,
      apiBaseUrl: s.apiUrl,
      launchpadUrl: s.launchpadUrl,
      fetch: s.fetch,
      credentials: { clientId: s.clientId, clientSecret: s.clientSecret, redirectUri: s.redirectUri, refreshToken: t.refresh_token },
      rateLimiter: new AccountLimiter(null, 8),
    });
    const chat = [...s.store.ofType("Chat::Transcript")][0];
    const info = await client.campfire(chat.id).info();
    expect(String(info.id)).toBe(String(chat.id));
    await client.campfire(chat.id).write("Hello from the Python way");
    expect((await stats(s)).by_route[TOKEN_ROUTE]).toBe(1);
  });
});
