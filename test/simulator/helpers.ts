import { createSimulator, type InProcessSimulator, type SimulatorOptions } from "../../src/simulator/index.js";
import { parseJson } from "../../src/simulator/internal/json.js";

export const UA = "basecamp-connector tests (tests@example.com)";

/** Webhook deliveries in tests go to loopback receivers only: tests never reach the internet. */
export const loopbackOnlyFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) {
    return Promise.reject(new TypeError(`test refused a delivery to ${url.hostname}: tests stay on loopback`));
  }
  return fetch(input, init);
};

/** An in-process simulator with rate limiting off (tests that need it turn it on). */
export function newSim(opts: SimulatorOptions = {}): InProcessSimulator {
  return createSimulator({ scale: "tiny", rateLimit: "off", webhookFetch: loopbackOnlyFetch, ...opts });
}

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  /** Parsed with big IDs kept exact (bigint above 2^53). */
  body: T;
  text: string;
}

/**
 * Call the simulator's API as a client would: User-Agent, Bearer admin token, JSON body.
 * `path` is relative to the account (e.g. "/projects.json") unless it starts with "http"
 * or "//" (then it is taken as is, relative to the origin for "//").
 */
export async function api<T = any>(
  sim: InProcessSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  const url = path.startsWith("http") ? path : path.startsWith("//") ? `${sim.apiUrl}${path.slice(1)}` : `${sim.apiUrl}/${sim.accountId}${path}`;
  const h: Record<string, string> = { "User-Agent": UA, Authorization: `Bearer ${sim.adminToken}`, ...headers };
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? `__big__${v}` : v)).replace(/"__big__(\d+)"/g, "$1");
    h["Content-Type"] ??= "application/json; charset=utf-8";
  }
  const res = await sim.fetch(url, { method, headers: h, body: payload });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && (res.headers.get("content-type") ?? "").includes("json")) parsed = parseJson(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** Follow every `Link: rel="next"` page of a list and return all items. */
export async function all<T = any>(sim: InProcessSimulator, path: string): Promise<T[]> {
  const out: T[] = [];
  let url: string | null = path;
  while (url) {
    const r: ApiResult<T[]> = await api<T[]>(sim, "GET", url);
    if (r.status !== 200) throw new Error(`GET ${url} → ${r.status}: ${r.text}`);
    out.push(...r.body);
    const m = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get("link") ?? "");
    url = m ? m[1] : null;
  }
  return out;
}
