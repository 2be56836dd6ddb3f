/**
 * Turns ProxySettings (+ environment) into a validated, normalized plan, and picks the route
 * for a URL. Every error names the setting and says what to use; no error carries a credential.
 */
import { isIP } from "node:net";
import type { ProxySettings } from "../proxy.js";
import { bypassesEverything, findException, parseExceptions, type ExceptionRule } from "./proxy-exceptions.js";

/** The public settings, with FirewallType as any text (it is checked here). */
export type ProxySettingsInput = Omit<ProxySettings, "firewallType"> & { firewallType?: string };

/** One proxy to talk to. `host` is URL-ready (IPv6 in brackets). */
export interface ProxyEndpoint {
  readonly protocol: "http:" | "https:" | "socks5:";
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  /** Which setting or environment variable it came from, for logs. */
  readonly source: string;
  /** CONNECT-tunnel http:// targets too (FirewallType=TUNNEL); otherwise they are forwarded. */
  readonly tunnelAll?: boolean;
}

export interface ProxyPlan {
  readonly mode: "firewall" | "explicit" | "auto" | "none";
  /** Firewall or explicit proxy: one endpoint for every scheme. */
  readonly fixed?: ProxyEndpoint;
  /** Auto-detect: per target scheme. */
  readonly forHttp?: ProxyEndpoint;
  readonly forHttps?: ProxyEndpoint;
  readonly exceptions: readonly ExceptionRule[];
  readonly noProxy: readonly ExceptionRule[];
}

export type ProxyRoute =
  | { readonly kind: "direct"; readonly reason: string }
  | { readonly kind: "proxy"; readonly endpoint: ProxyEndpoint };

const DEFAULT_PORTS = { "http:": 80, "https:": 443, "socks5:": 1080 } as const;

export function resolveProxyPlan(settings: ProxySettingsInput, env: NodeJS.ProcessEnv): ProxyPlan {
  const proxyPort = readPort("ProxyPort", settings.proxyPort);
  const firewallPort = readPort("FirewallPort", settings.firewallPort);
  const exceptions = parseExceptions(settings.proxyExceptions, "ProxyExceptions");
  const proxyAuth = readCredentials("ProxyUser", "ProxyPassword", settings.proxyUser, settings.proxyPassword);
  const firewallAuth = readCredentials("FirewallUser", "FirewallPassword", settings.firewallUser, settings.firewallPassword);

  const firewallType = (settings.firewallType ?? "NONE").trim().toUpperCase() || "NONE";
  const firewallServer = blankToUndefined(settings.firewallServer);
  if (firewallType !== "NONE" && firewallType !== "SOCKS5" && firewallType !== "TUNNEL") {
    throw new Error(
      `FirewallType "${settings.firewallType}" is not supported; use SOCKS5 (a SOCKS5 proxy), ` +
        `TUNNEL (an HTTP CONNECT proxy) or NONE`,
    );
  }
  if (firewallType === "NONE") {
    if (firewallServer !== undefined) {
      throw new Error(
        "FirewallServer is set but FirewallType is NONE; set FirewallType=SOCKS5 or FirewallType=TUNNEL, " +
          "or remove FirewallServer",
      );
    }
  } else {
    if (firewallServer === undefined) {
      throw new Error(
        `FirewallType=${firewallType} needs FirewallServer (the host name or IP address of your ` +
          `${firewallType === "SOCKS5" ? "SOCKS5" : "HTTP CONNECT"} proxy); set FirewallServer, or set FirewallType=NONE`,
      );
    }
    const protocol = firewallType === "SOCKS5" ? "socks5:" : "http:";
    const parsed = parseEndpoint(firewallServer, "FirewallServer", protocol, firewallPort, firewallAuth);
    const fixed = { ...parsed, tunnelAll: firewallType === "TUNNEL" };
    checkCredentials(fixed);
    return { mode: "firewall", fixed, exceptions, noProxy: [] };
  }

  const proxyServer = blankToUndefined(settings.proxyServer);
  if (proxyServer !== undefined) {
    const fixed = parseEndpoint(proxyServer, "ProxyServer", undefined, proxyPort, proxyAuth);
    checkCredentials(fixed);
    return { mode: "explicit", fixed, exceptions, noProxy: [] };
  }

  if (settings.proxyAutoDetect === true) {
    const fromEnv = (names: string[]): ProxyEndpoint | undefined => {
      for (const name of names) {
        const value = blankToUndefined(env[name]);
        if (value !== undefined) {
          const endpoint = parseEndpoint(value, name, undefined, undefined, proxyAuth, true);
          checkCredentials(endpoint);
          return endpoint;
        }
      }
      return undefined;
    };
    const forHttp = fromEnv(["http_proxy", "HTTP_PROXY"]);
    const forHttps = fromEnv(["https_proxy", "HTTPS_PROXY"]) ?? forHttp;
    const noProxyName = blankToUndefined(env.no_proxy) !== undefined ? "no_proxy" : "NO_PROXY";
    const noProxy = parseExceptions(blankToUndefined(env[noProxyName]), noProxyName);
    if (forHttp !== undefined || forHttps !== undefined) {
      return { mode: "auto", forHttp, forHttps, exceptions, noProxy };
    }
  }
  return { mode: "none", exceptions, noProxy: [] };
}

/** True when no request could ever use a proxy under this plan. */
export function planIsDirect(plan: ProxyPlan): boolean {
  return plan.mode === "none" || bypassesEverything(plan.exceptions) || bypassesEverything(plan.noProxy);
}

export function routeFor(plan: ProxyPlan, url: URL): ProxyRoute {
  if (plan.mode === "none") return { kind: "direct", reason: "no proxy configured" };
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { kind: "direct", reason: `${url.protocol} is not proxied` };
  }
  const exception = findException(plan.exceptions, url);
  if (exception) return { kind: "direct", reason: `ProxyExceptions entry "${exception.entry}"` };
  const noProxy = findException(plan.noProxy, url);
  if (noProxy) return { kind: "direct", reason: `NO_PROXY entry "${noProxy.entry}"` };
  const endpoint = plan.fixed ?? (url.protocol === "https:" ? plan.forHttps : plan.forHttp);
  if (endpoint === undefined) {
    return { kind: "direct", reason: `no ${url.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY"} in the environment` };
  }
  return { kind: "proxy", endpoint };
}

/** The endpoint as a URL with no credentials. */
export function endpointUrl(endpoint: ProxyEndpoint): string {
  return `${endpoint.protocol === "socks5:" ? "socks5:" : endpoint.protocol}//${endpoint.host}:${endpoint.port}`;
}

function parseEndpoint(
  value: string,
  name: string,
  forcedProtocol: "http:" | "socks5:" | undefined,
  port: number | undefined,
  auth: { username?: string; password?: string },
  fromEnvironment = false,
): ProxyEndpoint {
  const shown = redactUserInfo(value);
  const advice = fromEnvironment
    ? `fix ${name} in the environment (e.g. http://proxy.example.com:3128) or turn off ProxyAutoDetect`
    : `use a host name such as proxy.example.com or a URL such as http://proxy.example.com:3128`;
  let text = value.trim();
  if (isIP(text) === 6) text = `[${text}]`;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `${forcedProtocol ?? "http:"}//${text}`);
  } catch {
    throw new Error(`${name} "${shown}" is not a valid host or URL; ${advice}`);
  }
  const scheme = url.protocol.toLowerCase();
  const protocol =
    scheme === "socks:" || scheme === "socks5:" || scheme === "socks5h:"
      ? "socks5:"
      : scheme === "http:" || scheme === "https:"
        ? scheme
        : undefined;
  if (protocol === undefined || url.hostname === "") {
    throw new Error(`${name} "${shown}" must be an http://, https:// or socks5:// proxy; ${advice}`);
  }
  if (forcedProtocol === "socks5:" && protocol !== "socks5:") {
    throw new Error(`${name} "${shown}" is not a SOCKS5 proxy but FirewallType=SOCKS5; give its host name, or use FirewallType=TUNNEL`);
  }
  if (forcedProtocol === "http:" && protocol === "socks5:") {
    throw new Error(`${name} "${shown}" is a SOCKS5 proxy but FirewallType=TUNNEL; use FirewallType=SOCKS5`);
  }
  const urlPort = url.port === "" ? undefined : Number(url.port);
  if (port !== undefined && urlPort !== undefined && port !== urlPort) {
    const portName = name === "FirewallServer" ? "FirewallPort" : "ProxyPort";
    throw new Error(`${name} says port ${urlPort} but ${portName} says ${port}; remove one of them`);
  }
  const username = auth.username ?? (url.username !== "" ? safeDecode(url.username) : undefined);
  const password =
    auth.username !== undefined ? auth.password : url.password !== "" ? safeDecode(url.password) : undefined;
  return {
    protocol,
    host: url.hostname,
    port: port ?? urlPort ?? DEFAULT_PORTS[protocol],
    username,
    password: username === undefined ? undefined : (password ?? ""),
    source: name,
  };
}

function checkCredentials(endpoint: ProxyEndpoint): void {
  const firewall = endpoint.source === "FirewallServer";
  const userName = firewall ? "FirewallUser" : endpoint.source === "ProxyServer" ? "ProxyUser" : `the user in ${endpoint.source}`;
  const passwordName = firewall ? "FirewallPassword" : endpoint.source === "ProxyServer" ? "ProxyPassword" : `the password in ${endpoint.source}`;
  if (endpoint.protocol !== "socks5:") {
    if (endpoint.username?.includes(":")) {
      throw new Error(`${userName} cannot contain ":" (HTTP Basic proxy authentication uses it as the separator); check ${userName}`);
    }
    return;
  }
  if (endpoint.username !== undefined && Buffer.byteLength(endpoint.username) > 255) {
    throw new Error(`${userName} is longer than the 255 bytes SOCKS5 allows; use a shorter user name`);
  }
  if (endpoint.username !== undefined && !endpoint.password) {
    throw new Error(`${passwordName} is empty; SOCKS5 username/password authentication needs both ${userName} and ${passwordName}`);
  }
  if (endpoint.password !== undefined && Buffer.byteLength(endpoint.password) > 255) {
    throw new Error(`${passwordName} is longer than the 255 bytes SOCKS5 allows; use a shorter password`);
  }
}

function readPort(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const port = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    const example = name === "FirewallPort" ? "1080 for SOCKS5" : "3128 or 8080";
    throw new Error(`${name} must be a whole number from 1 to 65535 (got ${String(value)}); use the port your proxy listens on, e.g. ${example}`);
  }
  return port;
}

function readCredentials(
  userName: string,
  passwordName: string,
  user: string | undefined,
  password: string | undefined,
): { username?: string; password?: string } {
  const u = user === undefined || user === "" ? undefined : user;
  const p = password === undefined || password === "" ? undefined : password;
  if (u === undefined && p !== undefined) {
    throw new Error(`${passwordName} is set but ${userName} is empty; set ${userName} too, or remove ${passwordName}`);
  }
  return { username: u, password: p };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Removes "user:password@" from a URL-ish string before it goes into a message. */
export function redactUserInfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/?#]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ""}***@`);
}
