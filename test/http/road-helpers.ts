import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../src/http/clock.js";
import { createSimulator, type InProcessSimulator, type SimulatorOptions } from "../../src/simulator/index.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { Road, type RoadOptions } from "../../src/http/road.js";

export function sim(opts: SimulatorOptions = {}): InProcessSimulator {
  return createSimulator({ scale: "tiny", rateLimit: "off", ...opts });
}

/** A road to the simulator with a private limiter (no rule) and a virtual clock for retry waits, unless told otherwise. */
export function roadTo(s: InProcessSimulator, opts: Partial<RoadOptions> = {}): Road {
  return new Road({
    accountId: s.accountId,
    apiBaseUrl: s.apiUrl,
    accessToken: s.adminToken,
    fetch: s.fetch,
    userAgent: "road tests (tests@example.com)",
    rateLimiter: new AccountLimiter(null, 64),
    clock: virtualClock(),
    ...opts,
  });
}

export async function faults(s: InProcessSimulator, spec: Record<string, unknown>): Promise<void> {
  const r = await s.fetch(`${s.apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${s.adminToken}`, "Content-Type": "application/json" }, body: JSON.stringify(spec) });
  if (r.status !== 200) throw new Error(`faults: ${r.status} ${await r.text()}`);
}

export async function stats(s: InProcessSimulator): Promise<any> {
  const r = await s.fetch(`${s.apiUrl}/__sim/stats`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
  return r.json();
}

/** Wrap a fetch to record each request's method, URL and headers. */
export function recording(inner: typeof fetch): { fetch: typeof fetch; calls: Array<{ method: string; url: string; headers: Headers; at: number }> } {
  const calls: Array<{ method: string; url: string; headers: Headers; at: number }> = [];
  return {
    calls,
    fetch: (input, init) => {
      const req = new Request(input as string, init);
      calls.push({ method: req.method, url: req.url, headers: req.headers, at: performance.now() });
      return inner(input, init);
    },
  };
}

/** A clock whose sleeps return at once and move its time on; `sleeps` lists every wait asked for. */
export function virtualClock(start = Date.parse("2026-12-01T12:00:00Z")): Clock & { sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}

export interface MockServer {
  origin: string;
  /** Every request it received, in order. */
  requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** A real HTTP server on a loopback port, answering with `handle`. */
export async function mockServer(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<MockServer> {
  const requests: MockServer["requests"] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    req.on("end", () => handle(req, res, requests.length));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A road to a mock server's account 5000001, with a private limiter and a virtual clock. */
export function roadToMock(m: MockServer, opts: Partial<RoadOptions> = {}): Road {
  return new Road({
    accountId: "5000001",
    apiBaseUrl: m.origin,
    accessToken: "mock-token-0123456789",
    userAgent: "road tests (tests@example.com)",
    rateLimiter: new AccountLimiter(null, 64),
    cache: false,
    clock: virtualClock(),
    random: () => 0.5,
    ...opts,
  });
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
