/**
 * Proxy support for the HTTP road: an explicit HTTP(S) proxy (ProxyServer…), proxies detected
 * from the environment (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), and a firewall (FirewallType
 * SOCKS5, or TUNNEL = HTTP CONNECT proxy), with host exceptions.
 *
 * Precedence: a firewall (FirewallType SOCKS5/TUNNEL) beats ProxyServer, which beats
 * ProxyAutoDetect. ProxyExceptions apply to whichever proxy is chosen; NO_PROXY applies to
 * proxies taken from the environment. Loopback is never bypassed unless listed.
 *
 * Credentials travel only as proxy authentication (Proxy-Authorization: Basic, or SOCKS5
 * username/password) and never appear in errors or in describeProxy output.
 */
// undici loads only when a proxy is in use: clients without one never pay for it.
import type { RequestInit as UndiciRequestInit } from "undici";
import {
  endpointUrl,
  planIsDirect,
  resolveProxyPlan,
  routeFor,
  type ProxySettingsInput,
} from "./internal/proxy-config.js";
import type { ProxyDispatcherSet } from "./internal/proxy-dispatcher.js";
import { translateProxyError } from "./internal/proxy-errors.js";

export { ProxyError, type ProxyFailure } from "./internal/proxy-errors.js";

export interface ProxySettings {
  /** Host or URL of an HTTP proxy (http://, https://; socks5:// is accepted too). */
  proxyServer?: string;
  proxyPort?: number;
  proxyUser?: string;
  proxyPassword?: string;
  /** Use HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case forms first) from the environment. */
  proxyAutoDetect?: boolean;
  /** Hosts that bypass the proxy, separated by ";" or ",": example.com, .example.com, *.example.com, 127.0.0.1, 10.0.0.0/8, localhost:8080, *. */
  proxyExceptions?: string;
  /** SOCKS5, or TUNNEL (HTTP CONNECT proxy through FirewallServer); case-insensitive. */
  firewallType?: "NONE" | "SOCKS5" | "TUNNEL";
  firewallServer?: string;
  firewallPort?: number;
  firewallUser?: string;
  firewallPassword?: string;
}

interface CacheEntry {
  fingerprint: string;
  set: Promise<ProxyDispatcherSet>;
  made?: ProxyDispatcherSet;
}

let cache = new WeakMap<ProxySettings, CacheEntry>();
const live = new Set<CacheEntry>();

async function makeSet(entry: CacheEntry, plan: ProxyPlanOf): Promise<ProxyDispatcherSet> {
  const { ProxyDispatcherSet } = await import("./internal/proxy-dispatcher.js");
  entry.made = new ProxyDispatcherSet(plan);
  return entry.made;
}

type ProxyPlanOf = ReturnType<typeof resolveProxyPlan>;

/**
 * A fetch that sends each request through the configured proxy (or directly for excepted
 * hosts), or undefined when no proxy applies. Throws an Error naming the setting when a
 * setting is invalid. Failures caused by the proxy reject with a ProxyError.
 */
export function createProxyFetch(settings: ProxySettings, env: NodeJS.ProcessEnv = process.env): typeof fetch | undefined {
  const plan = resolveProxyPlan(settings as ProxySettingsInput, env);
  if (planIsDirect(plan)) return undefined;

  const fingerprint = fingerprintOf(settings, env);
  let entry = cache.get(settings);
  if (entry === undefined || entry.fingerprint !== fingerprint || entry.made?.closed) {
    const fresh: CacheEntry = { fingerprint, set: Promise.resolve(undefined as unknown as ProxyDispatcherSet) };
    fresh.set = makeSet(fresh, plan);
    entry = fresh;
    cache.set(settings, entry);
    live.add(entry);
  }
  const pending = entry.set;

  const proxyFetch = async (input: unknown, init?: unknown): Promise<unknown> => {
    const { url, requestInit } = toUndiciArguments(input, init as UndiciRequestInit | undefined);
    const set = await pending;
    const { fetch: undiciFetch } = await import("undici");
    try {
      return await undiciFetch(url, { ...requestInit, dispatcher: set.dispatcher });
    } catch (error) {
      const target = new URL(url);
      const route = routeFor(set.plan, target);
      const translated = route.kind === "proxy" ? translateProxyError(error, route.endpoint, target) : undefined;
      throw translated ?? error;
    }
  };
  return proxyFetch as unknown as typeof fetch;
}

/** For logs: the proxy a URL would use, with credentials removed. */
export function describeProxy(settings: ProxySettings, url: string, env: NodeJS.ProcessEnv = process.env): string {
  const plan = resolveProxyPlan(settings as ProxySettingsInput, env);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error("describeProxy needs an absolute URL such as https://3.basecampapi.com/");
  }
  const route = routeFor(plan, target);
  if (route.kind === "direct") return `direct (${route.reason})`;
  const { endpoint } = route;
  const kind = endpoint.protocol === "socks5:" ? "SOCKS5 proxy" : endpoint.protocol === "https:" ? "HTTPS proxy" : "HTTP proxy";
  const from = endpoint.source === "FirewallServer" || endpoint.source === "ProxyServer"
    ? endpoint.source
    : `${endpoint.source} from the environment`;
  const auth = endpoint.username === undefined
    ? ""
    : endpoint.protocol === "socks5:" ? ", with username/password authentication" : ", with Basic authentication";
  return `${kind} ${endpointUrl(endpoint)} (${from}${auth})`;
}

/** Closes every dispatcher createProxyFetch made (for clean shutdown, e.g. after tests). */
export async function closeProxyDispatchers(): Promise<void> {
  const entries = [...live];
  live.clear();
  cache = new WeakMap();
  await Promise.all(entries.map(async (e) => (await e.set).close()));
}

const ENV_NAMES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"] as const;

function fingerprintOf(settings: ProxySettings, env: NodeJS.ProcessEnv): string {
  const envPart = settings.proxyAutoDetect === true ? ENV_NAMES.map((n) => env[n] ?? null) : [];
  return JSON.stringify([
    settings.proxyServer, settings.proxyPort, settings.proxyUser, settings.proxyPassword,
    settings.proxyAutoDetect, settings.proxyExceptions, settings.firewallType, settings.firewallServer,
    settings.firewallPort, settings.firewallUser, settings.firewallPassword, envPart,
  ]);
}

interface RequestLike {
  url: string;
  method: string;
  headers: Iterable<[string, string]>;
  body: unknown;
  redirect?: string;
  signal?: AbortSignal;
}

/**
 * undici's fetch only knows its own Request class; a global Request (Node's bundled undici)
 * is unpacked into URL + init so both kinds of input work.
 */
function toUndiciArguments(input: unknown, init: UndiciRequestInit | undefined): { url: string; requestInit: UndiciRequestInit } {
  if (typeof input === "string") return { url: input, requestInit: { ...init } };
  if (input instanceof URL) return { url: input.href, requestInit: { ...init } };
  if (input !== null && typeof input === "object" && typeof (input as RequestLike).url === "string") {
    const request = input as RequestLike;
    const fromRequest: UndiciRequestInit = {
      method: request.method,
      headers: [...request.headers],
      redirect: request.redirect as UndiciRequestInit["redirect"],
      signal: request.signal,
    };
    if (request.body !== null && request.body !== undefined && init?.body === undefined) {
      fromRequest.body = request.body as UndiciRequestInit["body"];
      fromRequest.duplex = "half";
    }
    return { url: request.url, requestInit: { ...fromRequest, ...init } };
  }
  return { url: String(input), requestInit: { ...init } };
}
