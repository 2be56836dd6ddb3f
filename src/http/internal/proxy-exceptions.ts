/**
 * Proxy bypass lists: `ProxyExceptions` and `NO_PROXY`.
 *
 * Entries are separated by ";" or "," (whitespace around them is ignored):
 *   "*"                 every host
 *   "example.com"       exactly that host
 *   ".example.com"      any subdomain of example.com (not example.com itself)
 *   "*.example.com"     same as ".example.com"
 *   "127.0.0.1", "::1"  that IP address (IPv6 may be written in brackets)
 *   "10.0.0.0/8"        any IP address in that CIDR block
 *   "localhost:8080"    host (any of the forms above) and port; without a port every port matches
 *   "<local>"           plain host names without a dot (Windows convention)
 *
 * Nothing is bypassed implicitly: "localhost" and 127.0.0.1 go through the proxy unless listed.
 */
import { BlockList, isIP } from "node:net";

export type ExceptionRule =
  | { readonly kind: "all"; readonly entry: string }
  | { readonly kind: "local"; readonly entry: string }
  | { readonly kind: "host"; readonly entry: string; readonly host: string; readonly port?: number }
  | { readonly kind: "suffix"; readonly entry: string; readonly suffix: string; readonly port?: number }
  | { readonly kind: "cidr"; readonly entry: string; readonly list: BlockList; readonly family: "ipv4" | "ipv6" };

/** Parses a bypass list; `settingName` names the setting in error messages. */
export function parseExceptions(value: string | undefined, settingName: string): ExceptionRule[] {
  if (value === undefined) return [];
  const rules: ExceptionRule[] = [];
  for (const rawEntry of value.split(/[;,]/)) {
    const entry = rawEntry.trim();
    if (entry === "") continue;
    rules.push(parseEntry(entry, settingName));
  }
  return rules;
}

function parseEntry(entry: string, settingName: string): ExceptionRule {
  const fail = (why: string): never => {
    throw new Error(
      `${settingName} entry "${entry}" ${why}; use entries like example.com, .example.com, ` +
        `*.example.com, 127.0.0.1, 10.0.0.0/8, localhost:8080 or *, separated by ";" or ","`,
    );
  };
  if (entry === "*") return { kind: "all", entry };
  if (entry.toLowerCase() === "<local>") return { kind: "local", entry };

  // Tolerate "http://example.com/" style entries: only the authority matters.
  const text = entry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, "");

  if (text.includes("/")) {
    const [ip, bits, ...rest] = text.split("/");
    const family = isIP(stripBrackets(ip));
    const prefix = Number(bits);
    const max = family === 4 ? 32 : 128;
    if (rest.length > 0 || family === 0 || !/^\d+$/.test(bits) || prefix > max) {
      return fail("is not a valid CIDR block (like 10.0.0.0/8)");
    }
    const list = new BlockList();
    const type = family === 4 ? "ipv4" : "ipv6";
    list.addSubnet(stripBrackets(ip), prefix, type);
    return { kind: "cidr", entry, list, family: type };
  }

  let hostPart = text;
  let portPart: string | undefined;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0) return fail("has an unclosed '['");
    hostPart = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after !== "") {
      if (!after.startsWith(":")) return fail("has text after ']' that is not a port");
      portPart = after.slice(1);
    }
  } else if (text.split(":").length === 2) {
    [hostPart, portPart] = text.split(":");
  }

  let port: number | undefined;
  if (portPart !== undefined) {
    port = Number(portPart);
    if (!/^\d+$/.test(portPart) || port < 1 || port > 65535) {
      return fail("has a port that is not a whole number from 1 to 65535");
    }
  }

  let host = normalizeHost(hostPart);
  let subdomains = false;
  if (host.startsWith("*.")) {
    host = host.slice(2);
    subdomains = true;
  } else if (host.startsWith(".")) {
    host = host.slice(1);
    subdomains = true;
  }
  if (host === "" || host.includes("*")) {
    return fail("is not a host name (a '*' may only stand alone or start an entry as '*.')");
  }
  if (!/^[a-z0-9._:%-]+$/i.test(host)) return fail("contains characters a host name cannot have");
  return subdomains
    ? { kind: "suffix", entry, suffix: `.${host}`, port }
    : { kind: "host", entry, host, port };
}

/** The first rule that matches the URL, or undefined. */
export function findException(rules: readonly ExceptionRule[], url: URL): ExceptionRule | undefined {
  const host = normalizeHost(url.hostname);
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return rules.find((rule) => matches(rule, host, port));
}

function matches(rule: ExceptionRule, host: string, port: number): boolean {
  switch (rule.kind) {
    case "all":
      return true;
    case "local":
      return !host.includes(".") && isIP(host) === 0;
    case "cidr": {
      const family = isIP(host);
      if (family === 0 || (family === 4) !== (rule.family === "ipv4")) return false;
      return rule.list.check(host, rule.family);
    }
    case "host":
      return host === rule.host && (rule.port === undefined || rule.port === port);
    case "suffix":
      return host.endsWith(rule.suffix) && (rule.port === undefined || rule.port === port);
  }
}

/** True when the list bypasses every host ("*"). */
export function bypassesEverything(rules: readonly ExceptionRule[]): boolean {
  return rules.some((rule) => rule.kind === "all");
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Lower-case, no brackets, no trailing dot; IPv6 literals in the canonical form URL uses. */
function normalizeHost(host: string): string {
  let h = stripBrackets(host.trim().toLowerCase()).replace(/\.$/, "");
  if (isIP(h) === 6) {
    try {
      h = stripBrackets(new URL(`http://[${h}]/`).hostname);
    } catch {
      // keep as written
    }
  }
  return h;
}
