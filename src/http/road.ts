// The one road every request takes: transport, auth header, rate limit, retry, ETag cache,
// logging with redaction, errors. Paging (pagination.ts), retry rules (retry.ts), the
// limiter (rate-limit.ts), the cache (cache.ts) and proxies (proxy.ts) are separate
// modules composed here.
import { PACKAGE } from "../config/internal/package-info.js";
import { cacheKey, FileCache, KEPT_HEADERS, MemoryCache, type CacheEntry, type EtagCache } from "./cache.js";
import { realClock, type Clock } from "./clock.js";
import { AbortedError, BasecampError, ConnectionError, TimeoutError, UnsafeLinkError } from "./errors.js";
import { parseJsonExact, stringifyJsonExact } from "./json.js";
import { clip, defaultLogging, fileLogger, LogGate, type Logger, type Verbosity } from "./log.js";
import { PageIterator, type PaginateOptions } from "./pagination.js";
import { createProxyFetch, describeProxy, ProxyError, type ProxySettings } from "./proxy.js";
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_RATE, limiterFor, parseRateRule, type AccountLimiter, type RateRule } from "./rate-limit.js";
import { redactHeaders, registerSecret } from "./redact.js";
import { decide, isIdempotent, resolveRetry, type Decision, type Outcome, type RetryOptions } from "./retry.js";
import { checkBaseUrl, resolveTarget, storageOriginsFor, webOriginsFor } from "./url-policy.js";

/** Names this package and where it lives, as Basecamp asks of every client. */
export const DEFAULT_USER_AGENT = `${PACKAGE.name}/${PACKAGE.version} (${(PACKAGE.homepage ?? "").replace(/#.*$/, "")})`;
export const DEFAULT_API_BASE = "https://3.basecampapi.com";

/** Supplies the Authorization header; a session (OAuth, Basic) implements it. */
export interface AuthProvider {
  /** The whole header value: "Bearer …" or "Basic …". */
  authorization(signal?: AbortSignal): Promise<string>;
  /** Called once after a 401; resolve true when new credentials are ready for one more try. */
  refreshAfterUnauthorized?(rejectedAuthorization: string, signal?: AbortSignal): Promise<boolean>;
}

export interface RoadOptions extends RetryOptions {
  /** The account (digits); required unless `baseUrl` is given. */
  accountId?: string | number | bigint;
  /** API root (default https://3.basecampapi.com); the account base is `${apiBaseUrl}/${accountId}`. */
  apiBaseUrl?: string;
  /** A whole base instead of root + account (e.g. Launchpad, or Basecamp 2's `…/{account}/api/v1`). */
  baseUrl?: string;
  /** Injectable transport (tests pass a simulator's fetch). */
  fetch?: typeof fetch;
  /** "App name (contact)"; default names this package and its repository. */
  userAgent?: string;
  accessToken?: string;
  auth?: AuthProvider;
  /** Seconds per attempt (default 60). */
  timeoutSeconds?: number;
  /** Seconds for the whole call: attempts, backoff and waits (default 300). */
  deadlineSeconds?: number;
  /** Requests per window for this account: a rule, "50/10s", or "off"/null (default 50/10s). */
  rateLimit?: RateRule | string | null;
  /** Most requests in flight at once for this account (default 8). */
  maxInFlight?: number;
  /** A private limiter instead of the process-wide one for this account. */
  rateLimiter?: AccountLimiter;
  /** ETag cache: an EtagCache, `{ dir }` for a file cache, or false (default: in memory). */
  cache?: EtagCache | { dir: string } | false;
  logger?: Logger;
  /** Append log lines to this file (when no logger is given). */
  logfile?: string;
  /** 0–5 (default 1 when a logger or logfile is set, else 0). */
  verbosity?: Verbosity;
  proxy?: ProxySettings;
  /** Origins a download may be fetched from without credentials (default: Basecamp's storage host for the API). */
  storageOrigins?: string[];
  /** Time for retries, waits and the deadline (tests pass a virtual one). */
  clock?: Clock;
}

export type QueryValue = string | number | bigint | boolean | undefined | null | ReadonlyArray<string | number | bigint>;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON body (bigint-exact). */
  body?: unknown;
  /** Raw bytes (uploads) with their type; sent with Content-Length. */
  raw?: { bytes: Uint8Array; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Declare a POST safe to send twice (or a PUT not); default by method. */
  idempotent?: boolean;
  /** Use the ETag cache for this GET (default true). */
  cache?: boolean;
  /** "bytes" reads the body as raw bytes (downloads) and follows redirects; credentials go to this account's origin only. */
  responseType?: "json" | "bytes";
  /** Sign this call with another provider than the road's (e.g. Launchpad calls made with a session). */
  auth?: AuthProvider;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  data: T;
  url: string;
  requestId: string | undefined;
  fromCache: boolean;
  attempts: number;
}

function baseOf(o: RoadOptions): string {
  if (o.baseUrl !== undefined) return checkBaseUrl(o.baseUrl, "baseUrl");
  const accountId = String(o.accountId ?? "").trim();
  if (!/^\d+$/.test(accountId)) throw new Error(`AccountId must be the number in your Basecamp URL (https://3.basecamp.com/<AccountId>/…); got ${JSON.stringify(String(o.accountId ?? ""))}`);
  return `${checkBaseUrl(o.apiBaseUrl ?? DEFAULT_API_BASE, "ApiBaseURL")}/${accountId}`;
}

export class Road {
  readonly accountBase: string;
  /** Scheme and host of the account's API: the only place credentials are sent. */
  readonly origin: string;
  readonly userAgent: string;
  private readonly transport: typeof fetch;
  private readonly auth: AuthProvider | undefined;
  private readonly retry;
  private readonly timeoutMs: number;
  /** The longest a call can be outstanding: every attempt of it ends by this (ms after it began). */
  readonly deadlineMs: number;
  private readonly limiter: AccountLimiter;
  private readonly cache: EtagCache | undefined;
  private readonly log: LogGate;
  private readonly proxyNote: string | undefined;
  private readonly clock: Clock;
  /** Origins downloads may come from without credentials. */
  readonly storageOrigins: readonly string[];

  constructor(o: RoadOptions) {
    this.accountBase = baseOf(o);
    this.origin = new URL(this.accountBase).origin;
    this.clock = o.clock ?? realClock;
    this.storageOrigins = (o.storageOrigins ?? storageOriginsFor(this.origin)).map((x) => new URL(x).origin);
    this.userAgent = o.userAgent ?? DEFAULT_USER_AGENT;
    if (!/\S.*\(.*(@|https?:\/\/).*\)/.test(this.userAgent)) {
      throw new Error(`UserAgent must name your app and a contact, like "MyApp (me@example.com)" or "MyApp (https://example.com)"; got ${JSON.stringify(this.userAgent)}`);
    }
    if (o.accessToken) registerSecret(o.accessToken);
    this.auth = o.auth ?? (o.accessToken ? { authorization: async () => `Bearer ${o.accessToken}` } : undefined);
    this.retry = resolveRetry(o);
    this.timeoutMs = (o.timeoutSeconds ?? 60) * 1000;
    this.deadlineMs = (o.deadlineSeconds ?? 300) * 1000;
    if (!(this.timeoutMs > 0) || !(this.deadlineMs > 0)) throw new Error("Timeout and the deadline must be positive numbers of seconds.");
    const rule = o.rateLimit === undefined ? DEFAULT_RATE : typeof o.rateLimit === "string" ? parseRateRule(o.rateLimit) : o.rateLimit;
    this.limiter = o.rateLimiter ?? limiterFor(this.accountBase, rule, o.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    this.cache = o.cache === false ? undefined : o.cache === undefined ? new MemoryCache() : "dir" in o.cache ? new FileCache(o.cache.dir) : o.cache;
    const own = o.logger ?? (o.logfile ? fileLogger(o.logfile) : undefined);
    const fallback = own ? undefined : defaultLogging();
    this.log = own ? new LogGate(own, o.verbosity ?? 1) : new LogGate(fallback?.logger, fallback?.verbosity ?? 0);
    const proxied = o.fetch ? undefined : o.proxy ? createProxyFetch(o.proxy) : undefined;
    this.proxyNote = proxied && o.proxy ? describeProxy(o.proxy, this.accountBase) : undefined;
    this.transport = o.fetch ?? proxied ?? ((input, init) => fetch(input, init));
  }

  /** The account this road serves and the origins of its Basecamp URLs (API and web), for checking URLs given as IDs. */
  get urlScope(): { accountId: string; origins: readonly string[] } | undefined {
    const m = /\/(\d+)(?:\/api\/v1)?$/.exec(new URL(this.accountBase).pathname);
    return m ? { accountId: m[1], origins: webOriginsFor(this.origin) } : undefined;
  }

  /** The account's limiter (shared by every road to this account unless one was given). */
  get rateLimiter(): AccountLimiter {
    return this.limiter;
  }

  /** Absolute URL for a path relative to the account ("/projects.json") or a full URL on it. */
  url(pathOrUrl: string, query?: Record<string, QueryValue>): string {
    return this.target(pathOrUrl, query, false).url;
  }

  private target(pathOrUrl: string, query: Record<string, QueryValue> | undefined, download: boolean): { url: string; credentials: boolean } {
    const { url: u, credentials } = resolveTarget(this.accountBase, pathOrUrl, { download, storageOrigins: this.storageOrigins });
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const x of v) u.searchParams.append(k.endsWith("[]") ? k : `${k}[]`, String(x));
      else u.searchParams.set(k, String(v));
    }
    return { url: u.toString(), credentials };
  }

  paginate<T>(pathOrUrl: string, opts: PaginateOptions & { query?: Record<string, QueryValue> } = {}): PageIterator<T> {
    const first = this.url(pathOrUrl, opts.query);
    return new PageIterator<T>(first, async (url, signal) => {
      const r = await this.request("GET", url, { signal });
      return { data: r.data, headers: r.headers, url: r.url };
    }, opts);
  }

  async request<T = unknown>(method: string, pathOrUrl: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const bytes = opts.responseType === "bytes";
    const first = this.target(pathOrUrl, opts.query, bytes);
    let url = first.url;
    const call: Call = { method, url, idempotent: isIdempotent(method, opts.idempotent), callerSignal: opts.signal, deadlineAt: this.clock.now() + this.deadlineMs, bytes };
    const useCache = method === "GET" && !bytes && opts.cache !== false && this.cache !== undefined;
    const body = opts.raw ? opts.raw.bytes : opts.body !== undefined ? stringifyJsonExact(opts.body) : undefined;
    const auth = opts.auth ?? this.auth;
    let refreshed = false;
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      // Credentials go on the first hop to this account's API only: a redirect (a download
      // to storage) carries its own authority, wherever it points.
      const signed = redirects === 0 && first.credentials;
      const authorization = auth && signed ? await auth.authorization(opts.signal) : undefined;
      if (authorization) registerSecret(authorization.replace(/^\S+\s+/, ""));
      const key = useCache ? cacheKey(authorization ?? "", url) : undefined;
      const cached = key ? await this.cache!.get(key) : undefined;
      const headers = this.headers(authorization, opts, cached);
      this.log.at(3, () => `> ${method} ${url}\n${redactHeaders(headers)}`);
      if (body !== undefined && !opts.raw) this.log.at(4, () => `> ${clip(String(body))}`);
      this.log.at(5, () => `… transport: attempt ${attempt} of ${this.retry.maxRetries + 1}, ${call.idempotent ? "idempotent" : "not idempotent"}, timeout ${this.timeoutMs / 1000} s, ${this.proxyNote ? `via ${this.proxyNote}` : "direct"}`);
      const sent = await this.send(call, headers, body);
      if ("error" in sent) {
        const { error, timedOut } = sent;
        this.log.at(1, () => `${method} ${url} → ${timedOut ? "timed out" : "network error"} after ${sent.ms} ms (attempt ${attempt}): ${describeCause(error)}`);
        const d = decide(this.retry, attempt, method, call.idempotent, { kind: "network" }, this.clock.now());
        if (await this.retryAfterWait(call, d)) continue;
        const tries = attempt > 1 ? ` (${attempt} attempts)` : "";
        if (timedOut) throw new TimeoutError(`${method} ${url} got no answer within ${this.timeoutMs / 1000} s${tries}. Check the network or raise Timeout.`, { method, url, cause: error });
        throw new ConnectionError(`${method} ${url} failed: ${describeCause(error)}${tries}. Check the network, proxy and ApiBaseURL, then try again.`, { method, url, cause: error });
      }
      const { res, text, raw } = sent;
      const location = res.headers.get("location");
      if (bytes && res.status >= 300 && res.status < 400 && res.status !== 304) {
        if (!location) throw new BasecampError(`${method} ${url} answered ${res.status} (a redirect) without a Location header, so there is nowhere to follow it. Report this to whoever runs the server.`, { method, url, status: res.status });
        const next = new URL(location, url);
        if (next.protocol !== "https:" && next.protocol !== "http:") throw new UnsafeLinkError(`${method} ${url} redirected to ${next.protocol} (not http/https); refusing to follow it.`, { method, url });
        if (new URL(url).protocol === "https:" && next.protocol === "http:") throw new UnsafeLinkError(`${method} ${url} redirected to plain http (${next.origin}); refusing to follow it.`, { method, url });
        if (++redirects > 5) throw new BasecampError(`${method} ${url} redirected more than 5 times; giving up.`, { method, url });
        this.log.at(2, () => `… ${url} redirects to ${next.origin}${next.pathname}`);
        url = call.url = next.toString();
        attempt--;
        continue;
      }
      const requestId = res.headers.get("x-request-id") ?? undefined;
      this.log.at(1, () => `${method} ${url} → ${res.status} in ${sent.ms} ms${attempt > 1 ? ` (attempt ${attempt})` : ""}${requestId ? ` [${requestId}]` : ""}`);
      this.log.at(3, () => `< ${res.status}\n${redactHeaders(res.headers)}`);
      if (text) this.log.at(4, () => `< ${clip(text)}`);

      if (res.status === 304 && cached) {
        this.log.at(2, () => `… ${url} unchanged (304): answered from the cache`);
        return { status: 200, headers: new Headers(cached.headers), data: parse(cached.body, cached.headers["content-type"]) as T, url, requestId, fromCache: true, attempts: attempt };
      }
      if (res.status >= 200 && res.status < 300) {
        const data = (bytes ? raw : parse(text, res.headers.get("content-type"))) as T;
        if (key && res.status === 200 && (res.headers.has("etag") || res.headers.has("last-modified"))) await this.cache!.set(key, entryOf(res, text));
        return { status: res.status, headers: res.headers, data, url, requestId, fromCache: false, attempts: attempt };
      }
      if (res.status === 401 && !refreshed && authorization && auth?.refreshAfterUnauthorized) {
        refreshed = true;
        if (await auth.refreshAfterUnauthorized(authorization, opts.signal)) {
          this.log.at(2, () => `… ${url} answered 401: credentials refreshed, trying once more`);
          attempt--;
          continue;
        }
      }
      const d = decide(this.retry, attempt, method, call.idempotent, { kind: "response", status: res.status, headers: res.headers }, this.clock.now());
      // The whole account waits what the server asked, whether or not this call tries again.
      if (d.pauseMs > 0) this.limiter.pauseUntil(this.clock.now() + d.pauseMs);
      if (await this.retryAfterWait(call, d)) continue;
      const retryAfter = res.status === 429 && d.pauseMs > 0 ? Math.ceil(d.pauseMs / 1000) : undefined;
      throw BasecampError.fromResponse({ method, url, status: res.status, headers: res.headers, body: safeParse(text), requestId, retryAfter, authScheme: authorization?.split(/\s/)[0] });
    }
  }

  /**
   * One attempt: a slot from the limiter, then the exchange under one timer (the attempt's
   * timeout or what is left of the deadline, whichever is sooner) and the caller's signal.
   * Network failures come back as values; aborts, the deadline and proxy refusals throw.
   */
  private async send(call: Call, headers: Record<string, string>, body: string | Uint8Array | undefined): Promise<Sent> {
    const { method, url, callerSignal } = call;
    const { waitedMs, release } = await this.limiter.acquire(callerSignal).catch((e) => {
      throw this.aborted(e, call);
    });
    if (waitedMs > 5) this.log.at(5, () => `… waited ${waitedMs} ms for the rate limiter before ${method} ${url}`);
    if (callerSignal?.aborted) {
      release();
      throw this.aborted(callerSignal.reason, call);
    }
    const limit = Math.min(this.timeoutMs, call.deadlineAt - this.clock.now());
    if (limit <= 0) {
      release();
      throw this.pastDeadline(call);
    }
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), limit);
    const onCallerAbort = () => ac.abort(callerSignal!.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    const started = performance.now();
    try {
      const res = await this.transport(url, { method, headers, body: body as RequestInit["body"], signal: ac.signal, redirect: "manual" });
      const ok = res.status >= 200 && res.status < 300;
      if (call.bytes && ok) return { res, text: "", raw: new Uint8Array(await res.arrayBuffer()), ms: Math.round(performance.now() - started) };
      const text = await res.text();
      return { res, text, ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (callerSignal?.aborted) throw this.aborted(error, call);
      if (ac.signal.aborted && limit < this.timeoutMs) throw this.pastDeadline(call, error);
      if (error instanceof ProxyError && (error.failure === "auth" || error.failure === "socks")) {
        // The proxy refused us: trying again cannot help, and must not hammer it.
        throw new ConnectionError(`${method} ${url} failed at the proxy: ${error.message}`, { method, url, cause: error });
      }
      return { error, timedOut: ac.signal.aborted, ms: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
      release();
    }
  }

  /**
   * Sleep before the retry `d` asks for and say true, or say false when there is none or
   * when the wait would run past the call's deadline (the caller then reports the last
   * answer: a server that asks for more time than the call has is not a timeout).
   */
  private async retryAfterWait(call: Call, d: Decision): Promise<boolean> {
    if (!d.retry) return false;
    if (this.clock.now() + d.delayMs >= call.deadlineAt) {
      this.log.at(2, () => `… not retrying ${call.method} ${call.url}: waiting ${d.delayMs} ms (${d.why}) would pass the ${this.deadlineMs / 1000} s deadline`);
      return false;
    }
    this.log.at(2, () => `… retrying ${call.method} ${call.url} in ${d.delayMs} ms (${d.why})`);
    await this.clock.sleep(d.delayMs, call.callerSignal).catch((e) => {
      throw this.aborted(e, call);
    });
    return true;
  }

  private pastDeadline(call: Call, cause?: unknown): TimeoutError {
    return new TimeoutError(`${call.method} ${call.url} gave up: it ran past the ${this.deadlineMs / 1000} s deadline for the whole call. Try again later or raise the deadline.`, { method: call.method, url: call.url, cause });
  }

  private headers(authorization: string | undefined, opts: RequestOptions, cached: CacheEntry | undefined): Record<string, string> {
    const h: Record<string, string> = { "User-Agent": this.userAgent, Accept: "application/json", ...opts.headers };
    if (authorization) h.Authorization = authorization;
    if (opts.raw) {
      h["Content-Type"] = opts.raw.contentType;
      h["Content-Length"] = String(opts.raw.bytes.byteLength);
    } else if (opts.body !== undefined) h["Content-Type"] = "application/json; charset=utf-8";
    if (cached?.etag) h["If-None-Match"] = cached.etag;
    else if (cached?.lastModified) h["If-Modified-Since"] = cached.lastModified;
    return h;
  }

  private aborted(e: unknown, call: Call): BasecampError {
    if (e instanceof BasecampError) return e;
    if (call.callerSignal?.aborted) return new AbortedError(`${call.method} ${call.url} was aborted by the caller.`, { method: call.method, url: call.url, cause: e });
    return this.pastDeadline(call, e);
  }

}

interface Call {
  method: string;
  url: string;
  idempotent: boolean;
  callerSignal: AbortSignal | undefined;
  deadlineAt: number;
  /** Read the body as bytes (downloads). */
  bytes: boolean;
}

type Sent = { res: Response; text: string; raw?: Uint8Array; ms: number } | { error: unknown; timedOut: boolean; ms: number };

function entryOf(res: Response, text: string): CacheEntry {
  const headers: Record<string, string> = {};
  for (const k of KEPT_HEADERS) {
    const v = res.headers.get(k);
    if (v !== null) headers[k] = v;
  }
  return { etag: headers.etag, lastModified: headers["last-modified"], body: text, headers, storedAt: Date.now() };
}

function parse(text: string, contentType: string | null | undefined): unknown {
  if (!text) return undefined;
  if (contentType && /json/i.test(contentType)) return parseJsonExact(text);
  return text;
}

function safeParse(text: string): unknown {
  try {
    return text ? parseJsonExact(text) : undefined;
  } catch {
    return text.slice(0, 500);
  }
}

function describeCause(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const code = err?.cause?.code;
  const msg = err?.cause?.message ?? err?.message ?? String(e);
  return code && !msg.includes(code) ? `${code} ${msg}` : msg;
}

/** A Road's outcome classification, exported for tests of the rules. */
export type { Outcome };
