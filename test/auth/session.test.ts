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
    const t = s.store.issueTokens(s.store.account.ownerId, s.clientId, 20 * 60);
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
    const s = sim({ tokenTtl: 1 });
    const lp = launchpadFor(s);
    const t = s.store.issueTokens(s.store.account.ownerId, s.clientId, 1);
    await new Promise((r) => setTimeout(r, 1100));
    const stale = new Road({ accountId: s.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, accessToken: t.access_token, rateLimiter: new AccountLimiter(null, 4) });
    await expect(stale.request("GET", "/projects.json")).rejects.toBeInstanceOf(AuthError);
    const session = new OAuthSession({ launchpad: lp, clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() - 100 } });
    expect((await roadWith(s, session).request("GET", "/projects.json")).status).toBe(200);
    expect(session.refreshes).toBe(1);
  });

  it("after a 401, refreshes once and retries; concurrent callers share that one refresh", async () => {
    const s = sim();
    const t = s.store.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() + 3600_000 } });
    s.store.expireAllAccessTokens();
    const road = roadWith(s, session);
    const answers = await Promise.all(Array.from({ length: 6 }, () => road.request("GET", "/projects.json")));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(session.refreshes).toBe(1);
    expect((await stats(s)).by_route[TOKEN_ROUTE]).toBe(1);
  });

  it("says to sign in again when the refresh token is revoked", async () => {
    const s = sim();
    const t = s.store.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    s.store.refreshTokens.clear();
    s.store.expireAllAccessTokens();
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, initial: { accessToken: t.access_token, refreshToken: t.refresh_token } });
    const err = await roadWith(s, session).request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/Sign in again/);
  });

  it("keeps refreshed tokens in the encrypted store (0600)", async () => {
    const s = sim();
    const dir = mkdtempSync(join(tmpdir(), "session-"));
    const store = new TokenStore(join(dir, "oauth", `${s.accountId}.json`), { key: randomBytes(32) });
    const t = s.store.issueTokens(s.store.account.ownerId, s.clientId, 3600);
    await store.write({ accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() - 1000 });
    const session = new OAuthSession({ launchpad: launchpadFor(s), clientId: s.clientId, clientSecret: s.clientSecret, store });
    await roadWith(s, session).request("GET", "/projects.json");
    const saved = await store.read();
    expect(saved!.accessToken).toBe(session.tokens().accessToken);
    expect(saved!.accessToken).not.toBe(t.access_token);
    expect(saved!.expiresAt!).toBeGreaterThan(Date.now());
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it("two processes sharing one settings file with an expired token make exactly one refresh call", async () => {
    const server = await startSimulator({ scale: "tiny", rateLimit: "off" });
    try {
      const dir = mkdtempSync(join(tmpdir(), "shared-session-"));
      const key = randomBytes(32).toString("hex");
      const path = join(dir, "oauth", `${server.accountId}.json`);
      const t = server.simulator.store.issueTokens(server.simulator.store.account.ownerId, server.clientId, 3600);
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

describe("the Python wrapper's way in", () => {
  it("a client built from an app and a refresh token gets its own access token", async () => {
    const s = sim();
    const t = s.store.issueTokens(s.store.account.ownerId, s.clientId, 3600);
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
