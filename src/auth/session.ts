// An OAuth session: hands the road a Bearer token, refreshing it when it nears expiry (its last
// five minutes, or the last half of a shorter life) and once after a 401. One refresh at a
// time: concurrent callers in this process share one refresh, and processes sharing a
// settings file take its lock and re-read it, so a token another process just refreshed is
// used instead of refreshing again.
import { AuthError } from "../http/errors.js";
import { registerSecret } from "../http/redact.js";
import type { AuthProvider } from "../http/road.js";
import type { Launchpad, TokenSet } from "./launchpad.js";
import type { StoredTokens, TokenStore } from "./token-store.js";

/** Refresh when less than this is left (or less than half the token's life, when that is shorter). */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

/** What the session knows of its tokens; `obtainedAt` (epoch ms) gives the token's lifetime. */
export interface SessionTokens {
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: number;
  obtainedAt?: number;
}

/**
 * How long before `expiresAt` to refresh: five minutes, or half the token's lifetime when
 * that is known and shorter (a 60 s token is refreshed past 30 s, not on every call).
 */
export function refreshWindow(t: { expiresAt?: number; obtainedAt?: number }): number {
  const life = t.expiresAt !== undefined && t.obtainedAt !== undefined ? t.expiresAt - t.obtainedAt : undefined;
  return life !== undefined && life > 0 ? Math.min(REFRESH_AHEAD_MS, life / 2) : REFRESH_AHEAD_MS;
}

export interface SessionOptions {
  launchpad: Launchpad;
  clientId?: string;
  clientSecret?: string;
  /** Where tokens persist (encrypted); without it the session lives in memory. */
  store?: TokenStore;
  /**
   * Tokens to start from (e.g. OAuthAccessToken / OAuthRefreshToken settings, a flow's or the
   * store's tokens). `expiresIn` (seconds, as Launchpad said) and `obtainedAt` (epoch ms) tell
   * the token's lifetime; without either, a token is refreshed in its last five minutes.
   */
  initial?: { accessToken?: string; refreshToken?: string; expiresAt?: number; expiresIn?: number; obtainedAt?: number };
  /** Extra fields written with the tokens (account, Launchpad URL, identity). */
  describe?: Partial<Omit<StoredTokens, "accessToken" | "refreshToken" | "expiresAt" | "updatedAt">>;
  /** Called after every refresh with the new tokens. */
  onRefresh?(tokens: TokenSet): void;
  /** The clock (epoch ms) that expiry is judged by; default Date.now. */
  now?: () => number;
}

export class OAuthSession implements AuthProvider {
  private current: SessionTokens;
  private refreshing: Promise<string> | null = null;
  private readonly now: () => number;
  /** Refresh calls that went to Launchpad (for tests and logs). */
  refreshes = 0;

  constructor(private readonly o: SessionOptions) {
    this.now = o.now ?? Date.now;
    this.current = held(o.initial ?? {}, this.now());
    registerSecret(o.clientSecret);
    registerSecret(o.initial?.accessToken);
    registerSecret(o.initial?.refreshToken);
  }

  async authorization(): Promise<string> {
    return `Bearer ${await this.accessToken()}`;
  }

  /** A token that is not near expiry (see refreshWindow), refreshing first when needed. */
  async accessToken(): Promise<string> {
    if (this.o.store && !this.current.accessToken) await this.load();
    const t = this.current;
    if (t.accessToken && !this.expiring(t)) return t.accessToken;
    if (t.refreshToken || this.o.store) return this.refresh(t.accessToken);
    if (t.accessToken) return t.accessToken; // no way to refresh: let the server decide
    throw new AuthError("No access token: sign in first (campctl login), or set OAuthAccessToken, or InitiateOAuth=GETANDREFRESH.");
  }

  async refreshAfterUnauthorized(rejected: string): Promise<boolean> {
    const token = rejected.replace(/^Bearer\s+/i, "");
    if (!this.current.refreshToken && !this.o.store) return false;
    await this.refresh(token);
    return true;
  }

  /** The tokens now held (after a load or refresh), with when they were obtained when known. */
  tokens(): SessionTokens {
    return { ...this.current };
  }

  private expiring(t: SessionTokens): boolean {
    return t.expiresAt !== undefined && t.expiresAt - this.now() < refreshWindow(t);
  }

  private async load(): Promise<void> {
    const s = await this.o.store!.read();
    if (s) this.adopt(s);
  }

  /** Take the tokens of the store (their `updatedAt` is when they were obtained). */
  private adopt(s: StoredTokens): void {
    registerSecret(s.accessToken);
    registerSecret(s.refreshToken);
    this.current = { accessToken: s.accessToken, refreshToken: s.refreshToken ?? this.current.refreshToken, expiresAt: s.expiresAt, obtainedAt: s.updatedAt };
  }

  /**
   * One refresh for every caller that finds `stale` wanting (expiring, or refused with a
   * 401), unless someone already replaced it.
   */
  private refresh(stale: string | undefined): Promise<string> {
    this.refreshing ??= this.refreshOnce(stale).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(stale: string | undefined): Promise<string> {
    const store = this.o.store;
    const work = async (): Promise<string> => {
      if (store) {
        // Another process may have refreshed while we waited for the lock.
        const s = await store.read();
        if (s) {
          const replaced = s.accessToken !== stale;
          if (s.accessToken && replaced && !this.expiring({ expiresAt: s.expiresAt, obtainedAt: s.updatedAt })) {
            this.adopt(s);
            return s.accessToken;
          }
          this.adopt({ ...s, refreshToken: s.refreshToken ?? this.current.refreshToken });
        }
      }
      const refreshToken = this.current.refreshToken;
      if (!refreshToken) {
        throw new AuthError("The access token has expired and there is no refresh token. Sign in again (campctl login, or InitiateOAuth=GETANDREFRESH).");
      }
      if (!this.o.clientId || !this.o.clientSecret) {
        throw new AuthError("Refreshing the token needs OAuthClientId and OAuthClientSecret; set them, or sign in again.");
      }
      // Someone already replaced the token this caller found wanting: use theirs.
      if (this.current.accessToken && this.current.accessToken !== stale && !this.expiring(this.current)) {
        return this.current.accessToken;
      }
      const t = await this.o.launchpad.refresh({ clientId: this.o.clientId, clientSecret: this.o.clientSecret, refreshToken });
      this.refreshes++;
      // Expiry by this session's clock: obtained now, living `expiresIn` seconds.
      const now = this.now();
      const expiresAt = t.expiresIn !== undefined ? now + t.expiresIn * 1000 : t.expiresAt;
      this.current = { accessToken: t.accessToken, refreshToken: t.refreshToken ?? refreshToken, expiresAt, obtainedAt: now };
      if (store) await store.write({ ...this.o.describe, clientId: this.o.clientId, accessToken: t.accessToken, refreshToken: this.current.refreshToken, expiresAt, updatedAt: now });
      this.o.onRefresh?.(t);
      return t.accessToken;
    };
    return store ? store.withLock(work) : work();
  }
}

/** Tokens as held: `expiresIn` turned into `expiresAt` and `obtainedAt` (by `now` when not said). */
function held(t: NonNullable<SessionOptions["initial"]>, now: number): SessionTokens {
  const { expiresIn, ...rest } = t;
  if (expiresIn === undefined) return rest;
  const obtainedAt = t.obtainedAt ?? (t.expiresAt !== undefined ? t.expiresAt - expiresIn * 1000 : now);
  return { ...rest, obtainedAt, expiresAt: t.expiresAt ?? obtainedAt + expiresIn * 1000 };
}
