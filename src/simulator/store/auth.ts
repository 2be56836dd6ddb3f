// The Launchpad sign-in half of the simulator's state (reached as `store.auth`): OAuth apps,
// authorization codes, access and refresh tokens, the admin token, and who a bearer token
// stands for. The routes that hand these out are in ../launchpad.ts; the rest of the state is
// in ./store.ts.
import { randomBytes } from "node:crypto";
import type { AccessGrant, AuthCode, Id, OAuthApp, Person, RefreshGrant } from "./model.js";
import type { Store } from "./store.js";

/** A random URL-safe secret (tokens, codes, client secrets, passwords, chatbot keys). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

export class Auth {
  /** Bearer token for the account owner that never expires; also opens `/__sim/*`. */
  adminToken = randomToken();
  /** OAuth apps by client id. */
  apps = new Map<string, OAuthApp>();
  /** Authorization codes not yet exchanged. */
  codes = new Map<string, AuthCode>();
  accessTokens = new Map<string, AccessGrant>();
  refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly store: Store) {}

  /** The person a bearer token stands for, or why not. */
  authenticate(token: string | undefined): { person: Person; admin: boolean } | { error: "missing" | "invalid" | "expired" } {
    if (!token) return { error: "missing" };
    const store = this.store;
    if (token === this.adminToken) {
      const owner = store.people.get(store.account.ownerId);
      if (owner) return { person: owner, admin: true };
    }
    const g = this.accessTokens.get(token);
    if (!g) return { error: "invalid" };
    if (g.expiresAt <= store.now()) return { error: "expired" };
    const person = store.people.get(g.personId);
    if (!person) return { error: "invalid" };
    return { person, admin: false };
  }

  issueTokens(personId: Id, clientId: string, ttlSeconds: number, refreshToken?: string): { access_token: string; token_type: "Bearer"; expires_in: number; refresh_token: string } {
    const access = randomToken(32);
    this.accessTokens.set(access, { personId, clientId, expiresAt: this.store.now() + ttlSeconds * 1000 });
    const refresh = refreshToken ?? randomToken(32);
    if (!refreshToken) this.refreshTokens.set(refresh, { personId, clientId });
    this.store.markDirty();
    return { access_token: access, token_type: "Bearer", expires_in: ttlSeconds, refresh_token: refresh };
  }

  /** Expire every access token now (a fault for testing refresh). */
  expireAllAccessTokens(): number {
    const now = this.store.now();
    let n = 0;
    for (const g of this.accessTokens.values()) {
      if (g.expiresAt > now) {
        g.expiresAt = now;
        n++;
      }
    }
    this.store.markDirty();
    return n;
  }
}
