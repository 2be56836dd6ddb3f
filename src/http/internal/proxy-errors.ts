/**
 * Turns undici's low-level proxy failures ("fetch failed" → "Proxy response (407) !== 200 …",
 * SOCKS5 codes, ECONNREFUSED on the proxy port) into one ProxyError whose message says what
 * went wrong and which setting to check. Messages carry no credentials, no path, no query.
 */
import { endpointUrl, type ProxyEndpoint } from "./proxy-config.js";

export type ProxyFailure = "auth" | "refused" | "unreachable" | "socks";

export class ProxyError extends Error {
  override readonly name = "ProxyError";
  /** What failed: the proxy rejected credentials, refused the target, could not be reached, or a SOCKS5 error. */
  readonly failure: ProxyFailure;
  /** The proxy as a URL without credentials. */
  readonly proxy: string;
  /** HTTP status the proxy answered with, when it answered. */
  readonly statusCode?: number;

  constructor(message: string, failure: ProxyFailure, proxy: string, statusCode?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.failure = failure;
    this.proxy = proxy;
    this.statusCode = statusCode;
  }
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  port?: unknown;
  address?: unknown;
  hostname?: unknown;
  cause?: unknown;
}

/** A ProxyError for a failure the proxy caused, or undefined when the error is not about the proxy. */
export function translateProxyError(error: unknown, endpoint: ProxyEndpoint, target: URL): ProxyError | undefined {
  const proxy = endpointUrl(endpoint);
  const names = settingNames(endpoint);
  const kind = endpoint.protocol === "socks5:" ? "SOCKS5 proxy" : "HTTP proxy";
  const via = `${kind} ${proxy} (from ${endpoint.source})`;
  const to = target.host;

  for (const e of causeChain(error)) {
    const message = typeof e.message === "string" ? e.message : "";
    const code = typeof e.code === "string" ? e.code : "";

    const status = /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(message);
    if (status) {
      const statusCode = Number(status[1] ?? status[2]);
      if (statusCode === 407) {
        const what = endpoint.username === undefined
          ? `requires authentication (407 Proxy Authentication Required); set ${names.user} and ${names.password}`
          : `rejected the user name or password (407 Proxy Authentication Required); check ${names.user} and ${names.password}`;
        return new ProxyError(`${via} ${what}`, "auth", proxy, statusCode, error);
      }
      return new ProxyError(
        `${via} refused to connect to ${to} (HTTP ${statusCode}); check that the proxy allows this host, ` +
          `or list it in ProxyExceptions to bypass the proxy`,
        "refused", proxy, statusCode, error,
      );
    }
    if (code === "UND_ERR_SOCKS5_AUTH_FAILED") {
      return new ProxyError(
        `${via} rejected the user name or password; check ${names.user} and ${names.password}`,
        "auth", proxy, undefined, error,
      );
    }
    if (code === "UND_ERR_SOCKS5_AUTH_REJECTED" || /Username and password required/i.test(message)) {
      return new ProxyError(
        `${via} accepts none of the authentication methods offered; set ${names.user} and ${names.password}`,
        "auth", proxy, undefined, error,
      );
    }
    if (code.startsWith("UND_ERR_SOCKS5")) {
      return new ProxyError(`${via} failed to connect to ${to}: ${message}`, "socks", proxy, undefined, error);
    }
    if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(code)
      && isAboutProxy(e, endpoint)) {
      return new ProxyError(
        `Could not reach ${via}: ${code}; check ${names.server} and ${names.port}, and that the proxy is running`,
        "unreachable", proxy, undefined, error,
      );
    }
  }
  return undefined;
}

function isAboutProxy(e: ErrorLike, endpoint: ProxyEndpoint): boolean {
  const host = endpoint.host.replace(/^\[|\]$/g, "");
  if (e.port === endpoint.port) return true;
  if (typeof e.hostname === "string" && e.hostname === host) return true;
  return false;
}

function* causeChain(error: unknown): Generator<ErrorLike> {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === "object"; depth++) {
    yield current as ErrorLike;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) if (inner && typeof inner === "object") yield inner as ErrorLike;
    current = (current as ErrorLike).cause;
  }
}

function settingNames(endpoint: ProxyEndpoint): { user: string; password: string; server: string; port: string } {
  if (endpoint.source === "FirewallServer") {
    return { user: "FirewallUser", password: "FirewallPassword", server: "FirewallServer", port: "FirewallPort" };
  }
  if (endpoint.source === "ProxyServer") {
    return { user: "ProxyUser", password: "ProxyPassword", server: "ProxyServer", port: "ProxyPort" };
  }
  return {
    user: `ProxyUser (or the user in ${endpoint.source})`,
    password: `ProxyPassword (or the password in ${endpoint.source})`,
    server: endpoint.source,
    port: `the port in ${endpoint.source}`,
  };
}
