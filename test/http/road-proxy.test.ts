// The road through real proxy processes on loopback, to a simulator on a real port.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError } from "../../src/http/errors.js";
import type { Logger } from "../../src/http/log.js";
import { closeProxyDispatchers } from "../../src/http/proxy.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { Road, type RoadOptions } from "../../src/http/road.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { startTestProxy, type TestProxy } from "./fixtures/proxy-process.js";

const PASSWORD = "r0ad-Pr0xy-pw!";
let sim: RunningSimulator;
let httpProxy: TestProxy;
let socksProxy: TestProxy;

beforeAll(async () => {
  sim = await startSimulator({ scale: "small", rateLimit: "off" });
  [httpProxy, socksProxy] = await Promise.all([startTestProxy("http", { user: "carol", password: PASSWORD }), startTestProxy("socks5", { user: "dave", password: PASSWORD })]);
});

afterAll(async () => {
  await closeProxyDispatchers();
  await Promise.all([httpProxy?.stop(), socksProxy?.stop(), sim?.close()]);
});

function road(extra: Partial<RoadOptions>, log?: Logger): Road {
  return new Road({
    accountId: sim.accountId,
    apiBaseUrl: sim.apiUrl,
    accessToken: sim.adminToken,
    userAgent: "proxy tests (tests@example.com)",
    rateLimiter: new AccountLimiter(null, 8),
    logger: log,
    verbosity: log ? 5 : undefined,
    ...extra,
  });
}

describe("the road through proxies", () => {
  it("pages through an HTTP proxy with Basic auth, and logs the proxy without the password", async () => {
    const lines: string[] = [];
    const before = httpProxy.events.length;
    const r = road({ proxy: { proxyServer: "127.0.0.1", proxyPort: httpProxy.port, proxyUser: "carol", proxyPassword: PASSWORD } }, { write: (l) => void lines.push(l) });
    const todos = await r.paginate<any>("/projects/recordings.json", { query: { type: "Todo" }, maxItems: 60 }).toArray();
    expect(todos).toHaveLength(60);
    const seen = httpProxy.events.slice(before);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.every((e) => e.event === "forward" || e.event === "connect")).toBe(true);
    const text = lines.join("\n");
    expect(text).toMatch(/via HTTP proxy http:\/\/127\.0\.0\.1:\d+/);
    expect(text).not.toContain(PASSWORD);
  });

  it("goes through a SOCKS5 firewall with a user and password", async () => {
    const before = socksProxy.events.length;
    const r = road({ proxy: { firewallType: "SOCKS5", firewallServer: "127.0.0.1", firewallPort: socksProxy.port, firewallUser: "dave", firewallPassword: PASSWORD } });
    const res = await r.request<any[]>("GET", "/projects.json");
    expect(res.status).toBe(200);
    await socksProxy.waitFor((e) => e.event === "socks" && e.user === "dave", before);
  });

  it("reports a wrong proxy password once, without retrying and without the password", async () => {
    const before = httpProxy.events.length;
    const r = road({ proxy: { proxyServer: "127.0.0.1", proxyPort: httpProxy.port, proxyUser: "carol", proxyPassword: "wrong-password-1" } });
    const err = await r.request("GET", "/projects.json").catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/proxy/i);
    expect(err.message).not.toContain("wrong-password-1");
    await httpProxy.waitFor((e) => e.event === "auth-failed", before);
    // Give a retry (there must be none) time to show up in the proxy's log.
    await new Promise((r) => setTimeout(r, 300));
    expect(httpProxy.events.slice(before).filter((e) => e.event === "auth-failed")).toHaveLength(1);
  });
});
