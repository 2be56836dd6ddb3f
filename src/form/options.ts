// What an embedder gives createFormApp, and the defaults filled in for the rest.
import { join } from "node:path";
import { dataDirectory } from "../config/files.js";
import type { Logger } from "../http/log.js";
import { cookieKeyFrom, loadOrCreateCookieKey } from "./cookie-key.js";

export interface FormAppOptions {
  /** The OAuth app registered with Launchpad; its redirect URI is `${publicUrl}/oauth/callback`. */
  oauth: { clientId: string; clientSecret: string };
  /** Launchpad root (default https://launchpad.37signals.com). */
  launchpadUrl?: string;
  /** API root; default: taken from the connected identity's account `href`. */
  apiBaseUrl?: string;
  /** Only this account; default: the identity's first Basecamp 4/3 account. */
  accountId?: string;
  /** Where people reach this app, e.g. "https://intranet.example.com/requests" (no trailing slash needed). */
  publicUrl: string;
  /** Folder of the encrypted token files, one per connected identity (default `<dataDir>/form/tokens`). */
  tokenDir?: string;
  /** Key for the token files (else BASECAMP_OAUTH_KEY, else an `oauth.key` file in tokenDir). */
  tokenKey?: Buffer | string;
  /** Signs the cookies (≥ 32 bytes); default: a random key kept 0600 in `<dataDir>/form/cookie.key`. */
  cookieSecret?: Buffer | string;
  /** Default: the user's data directory (BASECAMP_DATA_DIR). */
  dataDir?: string;
  /** Injectable transport for Launchpad and the API (tests pass a simulator's fetch). */
  fetch?: typeof fetch;
  /** "App name (contact)". */
  userAgent?: string;
  /** Client-side rate limit for API calls, e.g. "50/10s" or "off" (default 50/10s). */
  rateLimit?: string | null;
  /** IANA time zone that decides what "today" is for due dates (default: the server's). */
  timeZone?: string;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
  /** Where problems are reported (already redacted lines). Default: nowhere. */
  logger?: Logger;
  /** Environment for BASECAMP_OAUTH_KEY / BASECAMP_DATA_DIR (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedFormOptions extends Omit<FormAppOptions, "cookieSecret" | "publicUrl" | "tokenDir" | "now" | "env"> {
  /** publicUrl without a trailing slash. */
  publicUrl: string;
  /** Path prefix of every link ("" at the root). */
  basePath: string;
  callbackUrl: string;
  secure: boolean;
  tokenDir: string;
  cookieKey: Buffer;
  now: () => number;
  env: NodeJS.ProcessEnv;
}

export function resolveFormOptions(o: FormAppOptions): ResolvedFormOptions {
  if (!o.oauth?.clientId || !o.oauth?.clientSecret) throw new Error("createFormApp needs oauth: { clientId, clientSecret } (the app registered with Launchpad).");
  if (!o.publicUrl) throw new Error("createFormApp needs publicUrl: where people reach the form (its callback is `${publicUrl}/oauth/callback`).");
  let url: URL;
  try {
    url = new URL(o.publicUrl);
  } catch {
    throw new Error(`publicUrl must be an absolute http(s) URL; got ${JSON.stringify(o.publicUrl)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`publicUrl must be http or https; got ${url.protocol}`);
  const env = o.env ?? process.env;
  const publicUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  const dataDir = o.dataDir ?? dataDirectory(env);
  return {
    ...o,
    publicUrl,
    basePath: url.pathname.replace(/\/+$/, ""),
    callbackUrl: `${publicUrl}/oauth/callback`,
    secure: url.protocol === "https:",
    tokenDir: o.tokenDir ?? join(dataDir, "form", "tokens"),
    cookieKey: o.cookieSecret !== undefined ? cookieKeyFrom(o.cookieSecret) : loadOrCreateCookieKey(join(dataDir, "form", "cookie.key")),
    now: o.now ?? Date.now,
    env,
  };
}
