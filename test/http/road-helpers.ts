import { createSimulator, type InProcessSimulator, type SimulatorOptions } from "../../src/simulator/index.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { Road, type RoadOptions } from "../../src/http/road.js";

export function sim(opts: SimulatorOptions = {}): InProcessSimulator {
  return createSimulator({ scale: "tiny", rateLimit: "off", ...opts });
}

/** A road to the simulator with a private limiter (no rule) and fast backoff, unless told otherwise. */
export function roadTo(s: InProcessSimulator, opts: Partial<RoadOptions> = {}): Road {
  return new Road({
    accountId: s.accountId,
    apiBaseUrl: s.apiUrl,
    accessToken: s.adminToken,
    fetch: s.fetch,
    userAgent: "road tests (tests@example.com)",
    rateLimiter: new AccountLimiter(null, 64),
    baseDelayMs: 5,
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
