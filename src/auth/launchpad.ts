// 37signals Launchpad, the OAuth 2 server of Basecamp: authorization URL, code exchange,
// refresh, identity. Requests take the same road as API calls (retry, logging, redaction);
// token requests are POSTs, so they are never sent twice.
import { AuthError, BasecampError } from "../http/errors.js";
import type { Logger, Verbosity } from "../http/log.js";
import type { ProxySettings } from "../http/proxy.js";
import { registerSecret } from "../http/redact.js";
import { Road, type AuthProvider } from "../http/road.js";
import { checkBaseUrl } from "../http/url-policy.js";

export const DEFAULT_LAUNCHPAD = "https://launchpad.37signals.com";
/** Where people register an app (and its redirect URI) with Launchpad. */
export const INTEGRATIONS_PAGE = "https://launchpad.37signals.com/integrations";

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Seconds the access token lives, as Launchpad said. */
  expiresIn?: number;
  /** Epoch ms when the access token expires. */
  expiresAt?: number;
}

export interface LaunchpadAccount {
  product: string;
  id: string;
  name: string;
  href: string;
  appHref: string;
}

export interface Identity {
  expiresAt?: number;
  identity: { id: string; firstName?: string; lastName?: string; email?: string };
  accounts: LaunchpadAccount[];
}

export interface LaunchpadOptions {
  /** Launchpad root (default https://launchpad.37signals.com). */
  launchpadUrl?: string;
  fetch?: typeof fetch;
  userAgent?: string;
  /** Send the legacy `type=web_server` / `type=refresh` parameters instead of `grant_type`. */
  legacyParams?: boolean;
  timeoutSeconds?: number;
  logger?: Logger;
  logfile?: string;
  verbosity?: Verbosity;
  proxy?: ProxySettings;
}

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  token_type?: string;
}

export class Launchpad {
  readonly url: string;
  private readonly road: Road;
  private readonly legacy: boolean;

  constructor(o: LaunchpadOptions = {}) {
    this.url = checkBaseUrl(o.launchpadUrl ?? DEFAULT_LAUNCHPAD, "LaunchpadURL");
    this.legacy = o.legacyParams ?? false;
    this.road = new Road({
      baseUrl: this.url,
      fetch: o.fetch,
      userAgent: o.userAgent,
      rateLimit: null,
      cache: false,
      timeoutSeconds: o.timeoutSeconds,
      logger: o.logger,
      logfile: o.logfile,
      verbosity: o.verbosity,
      proxy: o.proxy,
    });
  }

  /** The page to send a person to (`response_type=code`, or legacy `type=web_server`). */
  authorizationUrl(p: { clientId: string; redirectUri: string; state?: string }): string {
    const u = new URL(`${this.url}/authorization/new`);
    if (this.legacy) u.searchParams.set("type", "web_server");
    else u.searchParams.set("response_type", "code");
    u.searchParams.set("client_id", p.clientId);
    u.searchParams.set("redirect_uri", p.redirectUri);
    if (p.state) u.searchParams.set("state", p.state);
    return u.toString();
  }

  /** Trade an authorization code for tokens. */
  exchangeCode(p: { clientId: string; clientSecret: string; redirectUri: string; code: string }, signal?: AbortSignal): Promise<TokenSet> {
    registerSecret(p.code);
    return this.token(
      { [this.legacy ? "type" : "grant_type"]: this.legacy ? "web_server" : "authorization_code", client_id: p.clientId, client_secret: p.clientSecret, redirect_uri: p.redirectUri, code: p.code },
      signal,
    );
  }

  /** A new access token from a refresh token (the refresh token stays unless Launchpad sends a new one). */
  async refresh(p: { clientId: string; clientSecret: string; refreshToken: string }, signal?: AbortSignal): Promise<TokenSet> {
    const t = await this.token({ [this.legacy ? "type" : "grant_type"]: this.legacy ? "refresh" : "refresh_token", client_id: p.clientId, client_secret: p.clientSecret, refresh_token: p.refreshToken }, signal);
    return { ...t, refreshToken: t.refreshToken ?? p.refreshToken };
  }

  /**
   * Who the token belongs to and which accounts it opens. Give the session (an AuthProvider)
   * rather than its token, so a 401 here gets the same one refresh as an API call.
   */
  async identity(auth: string | AuthProvider, signal?: AbortSignal): Promise<Identity> {
    const r = await this.road.request<Record<string, any>>("GET", "/authorization.json", { auth: typeof auth === "string" ? bearer(auth) : auth, signal });
    const d = r.data;
    const accounts: LaunchpadAccount[] = (Array.isArray(d.accounts) ? d.accounts : []).map((a: Record<string, unknown>) => ({
      product: String(a.product ?? ""),
      id: String(a.id ?? ""),
      name: String(a.name ?? ""),
      href: String(a.href ?? ""),
      appHref: String(a.app_href ?? ""),
    }));
    const i = (d.identity ?? {}) as Record<string, unknown>;
    return {
      expiresAt: typeof d.expires_at === "string" ? Date.parse(d.expires_at) : undefined,
      identity: { id: String(i.id ?? ""), firstName: i.first_name as string | undefined, lastName: i.last_name as string | undefined, email: i.email_address as string | undefined },
      accounts,
    };
  }

  private async token(params: Record<string, string>, signal?: AbortSignal): Promise<TokenSet> {
    registerSecret(params.client_secret);
    if (params.refresh_token) registerSecret(params.refresh_token);
    const form = new URLSearchParams(params).toString();
    let answer: TokenAnswer;
    try {
      const r = await this.road.request<TokenAnswer>("POST", "/authorization/token", {
        raw: { bytes: new TextEncoder().encode(form), contentType: "application/x-www-form-urlencoded" },
        signal,
      });
      answer = r.data ?? {};
    } catch (e) {
      throw explainTokenError(e);
    }
    if (!answer.access_token) throw new BasecampError("Launchpad answered without an access token. Try signing in again; if it persists, check LaunchpadURL.");
    registerSecret(answer.access_token);
    registerSecret(answer.refresh_token);
    const expiresIn = typeof answer.expires_in === "number" ? answer.expires_in : undefined;
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresIn,
      expiresAt: expiresIn !== undefined ? Date.now() + expiresIn * 1000 : undefined,
    };
  }
}

/** A provider for one fixed access token (it cannot refresh). */
function bearer(accessToken: string): AuthProvider {
  registerSecret(accessToken);
  return { authorization: async () => `Bearer ${accessToken}` };
}

/** Launchpad's OAuth errors, said in words that tell the person what to do. */
function explainTokenError(e: unknown): unknown {
  if (!(e instanceof BasecampError)) return e;
  const body = (e.body ?? {}) as { error?: string; error_description?: string };
  const ctx = { method: e.method, url: e.url, status: e.status, requestId: e.requestId, body: e.body, cause: e };
  switch (body.error) {
    case "invalid_grant":
      return new AuthError(`Launchpad refused the grant: ${body.error_description ?? "the code or refresh token is invalid, expired or revoked"}. Sign in again (campctl login).`, ctx);
    case "invalid_client":
      return new AuthError(`Launchpad does not know this app or its secret (${body.error_description ?? "invalid_client"}). Check OAuthClientId and OAuthClientSecret against your app at ${INTEGRATIONS_PAGE}.`, ctx);
    case "invalid_request":
    case "unsupported_grant_type":
      return new AuthError(`Launchpad rejected the token request: ${body.error_description ?? body.error}. This is a bug or a LaunchpadURL that is not Launchpad; check LaunchpadURL.`, ctx);
    default:
      return e;
  }
}
