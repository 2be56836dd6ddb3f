import { createSimulator, startSimulator, type SimulatorInfo, type SimulatorOptions } from "../../src/simulator/index.js";
import type { Store } from "../../src/simulator/store/store.js";
import { request } from "node:http";
import { loopbackOnlyFetch, UA } from "./helpers.js";

/** One simulator reached either in-process (its own fetch) or over a real loopback port. */
export interface Target extends SimulatorInfo {
  store: Store;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
  /** A GET that carries no User-Agent header at all. */
  fetchWithoutUserAgent: (url: string, headers: Record<string, string>) => Promise<{ status: number; body: string }>;
  /** GET/POST/… on an account path with UA + admin token (+ JSON body). */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

function withCall(t: Omit<Target, "call">): Target {
  return {
    ...t,
    call(method, path, body, headers = {}) {
      const h: Record<string, string> = { "User-Agent": UA, Authorization: `Bearer ${t.adminToken}`, ...headers };
      let payload: string | undefined;
      if (body !== undefined) {
        payload = typeof body === "string" ? body : JSON.stringify(body);
        if (!Object.keys(h).some((k) => k.toLowerCase() === "content-type")) h["Content-Type"] = "application/json; charset=utf-8";
      }
      const url = path.startsWith("http") ? path : `${t.apiUrl}/${t.accountId}${path}`;
      return t.fetch(url, { method, headers: h, body: payload });
    },
  };
}

export async function inProcess(opts: SimulatorOptions = {}): Promise<Target> {
  const s = createSimulator({ scale: "tiny", rateLimit: "off", webhookFetch: loopbackOnlyFetch, ...opts });
  return withCall({
    ...s,
    store: s.store,
    fetch: (u, i) => s.fetch(u, i),
    close: () => s.close(),
    async fetchWithoutUserAgent(url, headers) {
      const r = await s.fetch(url, { headers });
      return { status: r.status, body: await r.text() };
    },
  });
}

export async function realPort(opts: SimulatorOptions = {}): Promise<Target> {
  const s = await startSimulator({ scale: "tiny", rateLimit: "off", webhookFetch: loopbackOnlyFetch, ...opts });
  return withCall({
    ...s,
    store: s.simulator.store,
    fetch: (u, i) => fetch(u, i),
    close: () => s.close(),
    fetchWithoutUserAgent: (url, headers) =>
      new Promise((resolve, reject) => {
        const req = request(url, { headers }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.end();
      }),
  });
}

export const TARGETS: Array<[string, (opts?: SimulatorOptions) => Promise<Target>]> = [
  ["in-process", inProcess],
  ["real port", realPort],
];

/** `res.json()` typed loosely, for assertions. */
export async function json(res: Response): Promise<any> {
  return res.json();
}
