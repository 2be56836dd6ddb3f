import http from "node:http";
import net from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeProxyDispatchers, createProxyFetch, describeProxy, ProxyError, type ProxySettings } from "../../src/http/proxy.js";
import { startTestProxy, type ProxyEvent, type TestProxy } from "./fixtures/proxy-process.js";

const HTTP_PASSWORD = "Pr0xy-s3cret!";
const SOCKS_PASSWORD = "S0cks-p@ss#9";

let target: http.Server;
let targetPort: number;
let openProxy: TestProxy;
let authProxy: TestProxy;
let socksProxy: TestProxy;
let deadPort: number;

beforeAll(async () => {
  target = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method, path: req.url, body, host: req.headers.host }));
    });
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetPort = (target.address() as net.AddressInfo).port;
  [openProxy, authProxy, socksProxy] = await Promise.all([
    startTestProxy("http"),
    startTestProxy("http", { user: "alice", password: HTTP_PASSWORD }),
    startTestProxy("socks5", { user: "bob", password: SOCKS_PASSWORD }),
  ]);
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  deadPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await closeProxyDispatchers();
  await Promise.all([openProxy?.stop(), authProxy?.stop(), socksProxy?.stop()]);
  target?.closeAllConnections();
  await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const targetUrl = (path = "/hello") => `http://127.0.0.1:${targetPort}${path}`;
const isTarget = (kind: ProxyEvent["event"], host = "127.0.0.1") => (e: ProxyEvent) =>
  e.event === kind && e.target === `${host}:${targetPort}`;

function proxyFetchFor(settings: ProxySettings, env: NodeJS.ProcessEnv = {}): typeof fetch {
  const f = createProxyFetch(settings, env);
  if (f === undefined) throw new Error("expected a proxy fetch");
  return f;
}

async function getJson(f: typeof fetch, url = targetUrl(), init?: RequestInit): Promise<Record<string, string>> {
  const res = await f(url, init);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
}

async function expectProxyError(p: Promise<unknown>, secret?: string): Promise<ProxyError> {
  const error = await p.then(
    () => { throw new Error("expected the request to fail"); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxyError);
  if (secret !== undefined) {
    expect((error as Error).message).not.toContain(secret);
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
  }
  return error as ProxyError;
}

/**
 * Proves the proxy saw nothing from `run`: after it, a control request through a fresh
 * dispatcher must be the only new event the proxy logged (its log is ordered).
 */
async function expectBypassed(proxy: TestProxy, run: () => Promise<void>, control: ProxySettings): Promise<void> {
  const before = proxy.events.length;
  await run();
  await getJson(proxyFetchFor(control), targetUrl("/control"));
  await proxy.waitFor(isTarget("forward"), before);
  expect(proxy.events.slice(before)).toEqual([{ event: "forward", target: `127.0.0.1:${targetPort}`, method: "GET" }]);
}

describe("HTTP proxy", () => {
  it("forwards http:// requests through the proxy, loopback included (no implicit bypass)", async () => {
    const f = proxyFetchFor({ proxyServer: "127.0.0.1", proxyPort: openProxy.port });
    const from = openProxy.events.length;
    const body = await getJson(f, targetUrl("/hello?x=1"), { method: "POST", body: "payload" });
    expect(body).toMatchObject({ method: "POST", path: "/hello?x=1", body: "payload" });
    expect(await openProxy.waitFor(isTarget("forward"), from)).toMatchObject({ method: "POST" });
    // A global Request works as input too.
    const res = await f(new Request(targetUrl("/req"), { method: "PUT", body: "from-request", headers: { "x-a": "1" } }));
    expect(await res.json()).toMatchObject({ method: "PUT", path: "/req", body: "from-request" });
    await openProxy.waitFor((e) => isTarget("forward")(e) && e.method === "PUT", from);
  });

  it("sends https:// requests as a CONNECT tunnel for the target host (never resolving it locally)", async () => {
    const f = proxyFetchFor({ proxyServer: `http://127.0.0.1:${openProxy.port}` });
    const from = openProxy.events.length;
    const error = await expectProxyError(f("https://basecamp.example.test/api/projects.json"));
    expect(error).toMatchObject({ failure: "refused", statusCode: 403, proxy: `http://127.0.0.1:${openProxy.port}` });
    expect(error.message).toMatch(/ProxyExceptions/);
    await openProxy.waitFor((e) => e.event === "denied" && e.target === "basecamp.example.test:443", from);
  });

  it("authenticates with Proxy-Authorization Basic, on forwarded and CONNECT requests", async () => {
    const settings = { proxyServer: "127.0.0.1", proxyPort: authProxy.port, proxyUser: "alice", proxyPassword: HTTP_PASSWORD };
    const f = proxyFetchFor(settings);
    const from = authProxy.events.length;
    expect(await getJson(f)).toMatchObject({ path: "/hello" });
    await authProxy.waitFor(isTarget("forward"), from);
    // The tunnel request carries the credentials too: the proxy gets past auth and denies the host.
    await expectProxyError(f("https://outside.example.test/"));
    await authProxy.waitFor((e) => e.event === "denied" && e.target === "outside.example.test:443", from);
    expect(authProxy.events.slice(from).some((e) => e.event === "auth-failed")).toBe(false);
  });

  it("fails clearly with a wrong password, without revealing it", async () => {
    const wrong = "Wrong-Pa55word!";
    const f = proxyFetchFor({ proxyServer: "127.0.0.1", proxyPort: authProxy.port, proxyUser: "alice", proxyPassword: wrong });
    const from = authProxy.events.length;
    for (const url of [targetUrl(), "https://basecamp.example.test/"]) {
      const error = await expectProxyError(f(url), wrong);
      expect(error).toMatchObject({ failure: "auth", statusCode: 407 });
      expect(error.message).toMatch(/rejected the user name or password.*ProxyUser and ProxyPassword/);
    }
    await authProxy.waitFor((e) => e.event === "auth-failed", from);
  });

  it("asks for credentials when the proxy requires them and none are set", async () => {
    const f = proxyFetchFor({ proxyServer: "127.0.0.1", proxyPort: authProxy.port });
    const error = await expectProxyError(f(targetUrl()));
    expect(error.message).toMatch(/requires authentication.*set ProxyUser and ProxyPassword/);
  });

  it("reports an unreachable proxy with the settings to check", async () => {
    const f = proxyFetchFor({ proxyServer: "127.0.0.1", proxyPort: deadPort });
    const error = await expectProxyError(f(targetUrl()));
    expect(error).toMatchObject({ failure: "unreachable" });
    expect(error.message).toMatch(/Could not reach .*ECONNREFUSED.*ProxyServer and ProxyPort/);
  });

  it("sends through FirewallType=TUNNEL (an HTTP proxy named by FirewallServer)", async () => {
    const settings: ProxySettings = {
      firewallType: "TUNNEL", firewallServer: "127.0.0.1", firewallPort: authProxy.port, firewallUser: "alice", firewallPassword: HTTP_PASSWORD,
    };
    const from = authProxy.events.length;
    expect(await getJson(proxyFetchFor(settings), targetUrl("/t"))).toMatchObject({ path: "/t" });
    // TUNNEL means CONNECT even for http:// targets.
    await authProxy.waitFor(isTarget("connect"), from);
    expect(authProxy.events.slice(from).map((e) => e.event)).toEqual(["connect"]);
    const wrong = await expectProxyError(proxyFetchFor({ ...settings, firewallPassword: "nope-nope" })(targetUrl()), "nope-nope");
    expect(wrong.message).toMatch(/FirewallUser and FirewallPassword/);
  });
});

describe("SOCKS5 firewall", () => {
  const socks = (password = SOCKS_PASSWORD): ProxySettings => ({
    firewallType: "SOCKS5", firewallServer: "127.0.0.1", firewallPort: socksProxy.port, firewallUser: "bob", firewallPassword: password,
  });

  it("connects through SOCKS5 with username/password, and shares the tunnel per settings object", async () => {
    const settings = socks();
    const from = socksProxy.events.length;
    expect(await getJson(proxyFetchFor(settings), targetUrl("/a"))).toMatchObject({ path: "/a" });
    expect(await socksProxy.waitFor(isTarget("socks"), from)).toMatchObject({ user: "bob" });
    // Let undici hand the kept-alive connection back to its pool before the next request.
    await pause(100);
    expect(await getJson(proxyFetchFor(settings), targetUrl("/b"))).toMatchObject({ path: "/b" });
    await pause(100);
    expect(socksProxy.events.slice(from)).toHaveLength(1);
    // An equal but distinct settings object gets its own dispatcher, hence a new tunnel.
    expect(await getJson(proxyFetchFor({ ...settings }), targetUrl("/c"))).toMatchObject({ path: "/c" });
    await socksProxy.waitFor(isTarget("socks"), from + 1);
  });

  it("beats ProxyServer and auto-detect when set", async () => {
    const settings = { ...socks(), proxyServer: "127.0.0.1", proxyPort: openProxy.port, proxyAutoDetect: true };
    const env = { HTTP_PROXY: `http://127.0.0.1:${openProxy.port}` };
    const from = socksProxy.events.length;
    await expectBypassed(openProxy, async () => {
      expect(await getJson(proxyFetchFor(settings, env))).toMatchObject({ path: "/hello" });
    }, { proxyServer: "127.0.0.1", proxyPort: openProxy.port });
    await socksProxy.waitFor(isTarget("socks"), from);
  });

  it("fails clearly with a wrong password, without revealing it", async () => {
    const wrong = "not-the-socks-pw";
    const error = await expectProxyError(proxyFetchFor(socks(wrong))(targetUrl()), wrong);
    expect(error.failure).toBe("auth");
    expect(error.message).toMatch(/SOCKS5 proxy socks5:\/\/127\.0\.0\.1:\d+ .*FirewallUser and FirewallPassword/);
  });
});

describe("auto-detect from the environment", () => {
  it("uses HTTP_PROXY with credentials from its URL (env object, process.env untouched)", async () => {
    const env = { HTTP_PROXY: `http://alice:${encodeURIComponent(HTTP_PASSWORD)}@127.0.0.1:${authProxy.port}` };
    const from = authProxy.events.length;
    expect(await getJson(proxyFetchFor({ proxyAutoDetect: true }, env))).toMatchObject({ path: "/hello" });
    await authProxy.waitFor(isTarget("forward"), from);
    const described = describeProxy({ proxyAutoDetect: true }, targetUrl(), env);
    expect(described).toBe(`HTTP proxy http://127.0.0.1:${authProxy.port} (HTTP_PROXY from the environment, with Basic authentication)`);
    expect(described).not.toContain(HTTP_PASSWORD);
    expect(described).not.toContain("alice");
  });

  it("prefers lower-case http_proxy, and ignores the environment unless ProxyAutoDetect is on", async () => {
    const env = { http_proxy: `127.0.0.1:${openProxy.port}`, HTTP_PROXY: `http://127.0.0.1:${deadPort}` };
    const from = openProxy.events.length;
    expect(await getJson(proxyFetchFor({ proxyAutoDetect: true }, env))).toMatchObject({ path: "/hello" });
    await openProxy.waitFor(isTarget("forward"), from);
    expect(createProxyFetch({}, env)).toBeUndefined();
    expect(createProxyFetch({ proxyAutoDetect: true }, {})).toBeUndefined();
  });

  it("lets an explicit ProxyServer beat the environment", async () => {
    const env = { HTTP_PROXY: `http://127.0.0.1:${deadPort}`, HTTPS_PROXY: `http://127.0.0.1:${deadPort}` };
    const f = proxyFetchFor({ proxyAutoDetect: true, proxyServer: `127.0.0.1:${openProxy.port}` }, env);
    expect(await getJson(f)).toMatchObject({ path: "/hello" });
  });

  it("bypasses NO_PROXY hosts (the proxy sees nothing)", async () => {
    const env = { HTTP_PROXY: `http://127.0.0.1:${openProxy.port}`, NO_PROXY: "example.com, 127.0.0.1" };
    await expectBypassed(openProxy, async () => {
      expect(await getJson(proxyFetchFor({ proxyAutoDetect: true }, env))).toMatchObject({ path: "/hello" });
    }, { proxyServer: "127.0.0.1", proxyPort: openProxy.port });
    expect(describeProxy({ proxyAutoDetect: true }, targetUrl(), env)).toBe('direct (NO_PROXY entry "127.0.0.1")');
  });
});

describe("ProxyExceptions", () => {
  const via = () => ({ proxyServer: "127.0.0.1", proxyPort: openProxy.port });

  it("bypasses a listed host (the proxy sees nothing)", async () => {
    await expectBypassed(openProxy, async () => {
      expect(await getJson(proxyFetchFor({ ...via(), proxyExceptions: "intranet.local;127.0.0.1" }))).toMatchObject({ path: "/hello" });
    }, via());
  });

  it("matches host:port entries on the port too", async () => {
    const url = `http://localhost:${targetPort}/p`;
    await expectBypassed(openProxy, async () => {
      expect(await getJson(proxyFetchFor({ ...via(), proxyExceptions: `localhost:${targetPort}` }), url)).toMatchObject({ path: "/p" });
    }, via());
    const from = openProxy.events.length;
    const other = targetPort === 65535 ? 1 : targetPort + 1;
    expect(await getJson(proxyFetchFor({ ...via(), proxyExceptions: `localhost:${other}` }), url)).toMatchObject({ path: "/p" });
    await openProxy.waitFor(isTarget("forward", "localhost"), from);
  });

  it("describes subdomain, wildcard, CIDR and <local> rules", () => {
    const s = (proxyExceptions: string): ProxySettings => ({ ...via(), proxyExceptions });
    const proxied = `HTTP proxy http://127.0.0.1:${openProxy.port} (ProxyServer)`;
    expect(describeProxy(s(".example.com"), "https://a.b.example.com/")).toBe('direct (ProxyExceptions entry ".example.com")');
    expect(describeProxy(s("*.example.com"), "https://EXAMPLE.com./")).toBe(proxied);
    expect(describeProxy(s("*.example.com"), "https://notexample.com/")).toBe(proxied);
    expect(describeProxy(s("example.com"), "https://example.com/")).toMatch(/^direct/);
    expect(describeProxy(s("example.com"), "https://www.example.com/")).toBe(proxied);
    expect(describeProxy(s("10.0.0.0/8, [::1]"), "http://10.2.3.4/")).toMatch(/^direct/);
    expect(describeProxy(s("10.0.0.0/8, [::1]"), "http://[::1]:8080/")).toMatch(/^direct/);
    expect(describeProxy(s("10.0.0.0/8"), "http://11.2.3.4/")).toBe(proxied);
    expect(describeProxy(s("<local>"), "http://intranet/")).toMatch(/^direct/);
    expect(describeProxy(s("example.com:443"), "https://example.com/")).toMatch(/^direct/);
    expect(describeProxy(s("example.com:443"), "http://example.com/")).toBe(proxied);
    expect(createProxyFetch(s("*"))).toBeUndefined();
  });
});

describe("settings", () => {
  it("describes without credentials", () => {
    const s: ProxySettings = { proxyServer: "http://u:inline-secret@proxy.corp:3128", proxyUser: "alice", proxyPassword: "pw-123" };
    const text = describeProxy(s, "https://3.basecampapi.com/");
    expect(text).toBe("HTTP proxy http://proxy.corp:3128 (ProxyServer, with Basic authentication)");
    expect(describeProxy({ firewallType: "SOCKS5", firewallServer: "socks.corp" }, "https://x.test/")).toBe(
      "SOCKS5 proxy socks5://socks.corp:1080 (FirewallServer)",
    );
    expect(describeProxy({}, "https://x.test/")).toBe("direct (no proxy configured)");
    expect(createProxyFetch({})).toBeUndefined();
  });

  it.each<[string, ProxySettings, RegExp]>([
    ["ProxyPort 0", { proxyServer: "p", proxyPort: 0 }, /ProxyPort must be a whole number from 1 to 65535 \(got 0\)/],
    ["ProxyPort 70000", { proxyServer: "p", proxyPort: 70000 }, /ProxyPort .*got 70000.*e\.g\. 3128/],
    ["FirewallPort 1.5", { firewallType: "SOCKS5", firewallServer: "s", firewallPort: 1.5 }, /FirewallPort .*1080/],
    ["SOCKS5 without server", { firewallType: "SOCKS5" }, /FirewallType=SOCKS5 needs FirewallServer.*or set FirewallType=NONE/],
    ["unknown firewall", { firewallType: "SOCKS4" as "SOCKS5", firewallServer: "s" }, /FirewallType "SOCKS4" is not supported; use SOCKS5.*TUNNEL.*NONE/],
    ["server without type", { firewallServer: "s" }, /FirewallServer is set but FirewallType is NONE/],
    ["password without user", { proxyServer: "p", proxyPassword: "x" }, /ProxyPassword is set but ProxyUser is empty/],
    ["SOCKS5 user without password", { firewallType: "SOCKS5", firewallServer: "s", firewallUser: "u" }, /FirewallPassword is empty/],
    ["port conflict", { proxyServer: "http://p:3128", proxyPort: 8080 }, /ProxyServer says port 3128 but ProxyPort says 8080/],
    ["ftp proxy", { proxyServer: "ftp://p" }, /ProxyServer "ftp:\/\/p" must be an http:\/\/, https:\/\/ or socks5:\/\/ proxy/],
    ["bad exception port", { proxyServer: "p", proxyExceptions: "a.com:99999" }, /ProxyExceptions entry "a\.com:99999" has a port/],
    ["bad wildcard", { proxyServer: "p", proxyExceptions: "ex*ample.com" }, /ProxyExceptions entry "ex\*ample\.com"/],
  ])("rejects %s with a message naming the setting", (_name, settings, message) => {
    expect(() => createProxyFetch(settings, {})).toThrow(message);
    expect(() => describeProxy(settings, "https://x.test/", {})).toThrow(message);
  });

  it("keeps passwords out of setting errors, including bad environment values", () => {
    const bad = () => createProxyFetch({ proxyServer: "http://user:hunter22@[bad" }, {});
    expect(bad).toThrow(/ProxyServer "http:\/\/\*\*\*@\[bad" is not a valid host or URL/);
    expect(() => createProxyFetch({ proxyAutoDetect: true }, { HTTPS_PROXY: "gopher://u:hunter22@p" })).toThrow(
      /HTTPS_PROXY .*\*\*\*@p.*turn off ProxyAutoDetect/,
    );
    for (const f of [bad, () => createProxyFetch({ proxyAutoDetect: true }, { HTTPS_PROXY: "gopher://u:hunter22@p" })]) {
      const thrown = (() => {
        try {
          f();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(thrown).toBeInstanceOf(Error);
      expect(String(thrown)).not.toContain("hunter22");
    }
  });
});
