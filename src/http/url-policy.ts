// Where the road may send a request, and with what: https off this machine, credentials
// only to the account's API origin and only inside the account's path, downloads from
// Basecamp's storage hosts without credentials. Checked before anything is sent.
import { RefusedUrlError } from "./errors.js";

/** 127.0.0.0/8, ::1 (also IPv4-mapped), `localhost` and `*.localhost` (RFC 6761). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || /^(0:){7}1$/.test(h)) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h);
}

/**
 * A base URL setting (ApiBaseURL, LaunchpadURL, baseUrl) without its trailing slash. It
 * must be absolute http(s), and https unless it is on this machine: a token sent over plain
 * http to another host can be read on the way.
 */
export function checkBaseUrl(root: string, name: string): string {
  let u: URL;
  try {
    u = new URL(root);
  } catch {
    throw new RefusedUrlError(`${name} must be an absolute https URL; got ${JSON.stringify(root)}`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new RefusedUrlError(`${name} must be an https URL; got ${JSON.stringify(root)}`);
  if (u.protocol === "http:" && !isLoopbackHost(u.hostname)) {
    throw new RefusedUrlError(`${name} must use https:// (${u.host} is not this machine, and plain http would expose your credentials); got ${JSON.stringify(root)}. Plain http is allowed only for 127.0.0.1, ::1 and localhost.`);
  }
  if (u.username || u.password) throw new RefusedUrlError(`${name} must not carry a user name or password; set them as settings instead.`);
  return root.replace(/\/+$/, "");
}

/**
 * Where Basecamp keeps files for an API origin: `https://3.basecampapi.com` serves its
 * downloads from `https://storage.3.basecamp.com`.
 */
export function storageOriginsFor(apiOrigin: string): string[] {
  const u = new URL(apiOrigin);
  const m = /^(\d+)\.basecampapi\.com$/i.exec(u.hostname);
  return m ? [`https://storage.${m[1]}.basecamp.com`] : [];
}

/** The web origin of an API origin (`3.basecampapi.com` → `3.basecamp.com`); the simulator serves both on one. */
export function webOriginsFor(apiOrigin: string): string[] {
  const u = new URL(apiOrigin);
  const web = u.hostname.replace(/(^|\.)basecampapi\.com$/i, "$1basecamp.com");
  return web === u.hostname ? [u.origin] : [u.origin, `${u.protocol}//${web}${u.port ? `:${u.port}` : ""}`];
}

export interface Target {
  url: URL;
  /** Whether the account's credentials may go with it. */
  credentials: boolean;
}

/**
 * Resolve a path (relative to the account base) or a full URL, and say whether it may be
 * sent and with credentials: on the API origin only inside the account's path (no `../`
 * out of it); on a storage origin only as a download, without credentials.
 */
export function resolveTarget(accountBase: string, pathOrUrl: string, o: { download: boolean; storageOrigins: readonly string[] }): Target {
  const base = new URL(`${accountBase}/`);
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl);
  let url: URL;
  try {
    url = absolute ? new URL(pathOrUrl) : new URL(pathOrUrl.replace(/^\/+/, ""), base);
  } catch {
    throw new RefusedUrlError(`${JSON.stringify(pathOrUrl)} is not a path or URL the API can take.`);
  }
  if (url.origin === base.origin) {
    if (!url.pathname.startsWith(base.pathname)) {
      throw new RefusedUrlError(`Refusing ${JSON.stringify(pathOrUrl)}: it leads to ${url.pathname}, outside this account's API (${base.pathname}). Paths are relative to the account; use another AccountId for another account.`, { url: url.toString() });
    }
    return { url, credentials: true };
  }
  if (o.download && o.storageOrigins.includes(url.origin)) {
    if (url.protocol !== "https:" && !isLoopbackHost(url.hostname)) throw new RefusedUrlError(`Refusing to download over plain http from ${url.origin}.`, { url: url.toString() });
    return { url, credentials: false };
  }
  throw new RefusedUrlError(`Refusing to send credentials to ${url.origin}: only ${base.origin} is this account's API${o.download && o.storageOrigins.length ? ` (and ${o.storageOrigins.join(", ")} its file storage)` : ""}.`, { url: url.toString() });
}
