// Connected identities: the code exchange after consent, one encrypted token file per
// identity, a BasecampClient per identity (its OAuth session refreshes on its own), and
// disconnecting (the token file is deleted).
import { join } from "node:path";
import { BasecampClient } from "../api/client.js";
import { Launchpad, type Identity } from "../auth/launchpad.js";
import { OAuthSession } from "../auth/session.js";
import { TokenStore, type StoredTokens } from "../auth/token-store.js";
import { AuthError } from "../http/errors.js";
import type { ResolvedFormOptions } from "./options.js";

/** What the form shows about a connection. */
export interface Connection {
  who: string;
  identityId: string;
  name: string;
  email?: string;
  accountId: string;
  apiBaseUrl: string;
}

type Stored = StoredTokens & { apiBaseUrl?: string };

/** No usable account for this identity (said to the person as is). */
export class NoAccountError extends Error {
  override name = "NoAccountError";
}

const safeName = (s: string) => s.replace(/[^\w-]/g, "_").slice(0, 50);

export class Connections {
  readonly launchpad: Launchpad;
  private readonly clients = new Map<string, BasecampClient>();

  constructor(private readonly o: ResolvedFormOptions) {
    this.launchpad = new Launchpad({ launchpadUrl: o.launchpadUrl, fetch: o.fetch, userAgent: o.userAgent, logger: o.logger });
  }

  private store(who: string): TokenStore {
    return new TokenStore(join(this.o.tokenDir, `${who}.json`), { key: this.o.tokenKey, env: this.o.env });
  }

  authorizationUrl(state: string): string {
    return this.launchpad.authorizationUrl({ clientId: this.o.oauth.clientId, redirectUri: this.o.callbackUrl, state });
  }

  /** Trade the callback's code for tokens, pick the account, store them; returns the connection's name. */
  async connect(code: string): Promise<string> {
    const { clientId, clientSecret } = this.o.oauth;
    const tokens = await this.launchpad.exchangeCode({ clientId, clientSecret, redirectUri: this.o.callbackUrl, code });
    const me = await this.launchpad.identity(tokens.accessToken);
    const account = this.pickAccount(me);
    const apiBaseUrl = (this.o.apiBaseUrl ?? account.href.replace(/\/\d+\/?$/, "")).replace(/\/+$/, "");
    const who = `${safeName(account.id)}-${safeName(me.identity.id || "anon")}`;
    const name = [me.identity.firstName, me.identity.lastName].filter(Boolean).join(" ") || me.identity.email || "you";
    const record: Stored = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
      clientId,
      accountId: account.id,
      launchpadUrl: this.launchpad.url,
      identity: { id: me.identity.id, name, email: me.identity.email },
      apiBaseUrl,
      updatedAt: Date.now(),
    };
    await this.store(who).write(record, { replaceUnreadable: true });
    this.clients.delete(who);
    return who;
  }

  private pickAccount(me: Identity) {
    const bc = me.accounts.filter((a) => a.product === "bc3");
    if (this.o.accountId) {
      const a = bc.find((x) => x.id === String(this.o.accountId));
      if (!a) throw new NoAccountError(`This Basecamp sign-in has no access to account ${this.o.accountId}, the one this form files to-dos in. Connect as someone on that account.`);
      return a;
    }
    if (!bc[0]) throw new NoAccountError("This sign-in has no Basecamp 4 (or 3) account. Connect as someone with a Basecamp account.");
    return bc[0];
  }

  /** The connection behind `who`, or undefined when there is none (disconnected, other Launchpad, unreadable). */
  async get(who: string | undefined): Promise<Connection | undefined> {
    if (!who) return undefined;
    let s: Stored | undefined;
    try {
      s = (await this.store(who).read()) as Stored | undefined;
    } catch (err) {
      this.o.logger?.write(`form: the token file of ${who} cannot be read (${(err as Error).name}); treating it as disconnected`);
      return undefined;
    }
    if (!s || !s.accountId || s.launchpadUrl !== this.launchpad.url || s.clientId !== this.o.oauth.clientId) return undefined;
    const apiBaseUrl = this.o.apiBaseUrl?.replace(/\/+$/, "") ?? s.apiBaseUrl;
    if (!apiBaseUrl) return undefined;
    return { who, identityId: s.identity?.id ?? "", name: s.identity?.name ?? "you", email: s.identity?.email, accountId: s.accountId, apiBaseUrl };
  }

  /** A client signed in as `conn` (one per connection, so refreshes and the ETag cache are shared). */
  client(conn: Connection): BasecampClient {
    const have = this.clients.get(conn.who);
    if (have) return have;
    const store = this.store(conn.who);
    const { clientId, clientSecret } = this.o.oauth;
    const describe = { accountId: conn.accountId, launchpadUrl: this.launchpad.url, identity: { id: conn.identityId, name: conn.name, email: conn.email }, apiBaseUrl: conn.apiBaseUrl };
    const session = new OAuthSession({ launchpad: this.launchpad, clientId, clientSecret, store, describe });
    const guarded = {
      authorization: async () => {
        // Disconnected elsewhere (the file is gone): say so instead of trying to refresh.
        if (!store.exists()) throw new AuthError("Not connected to Basecamp: connect again.");
        return session.authorization();
      },
      refreshAfterUnauthorized: (rejected: string) => session.refreshAfterUnauthorized(rejected),
    };
    const client = new BasecampClient({
      accountId: conn.accountId,
      apiBaseUrl: conn.apiBaseUrl,
      fetch: this.o.fetch,
      userAgent: this.o.userAgent,
      auth: guarded,
      rateLimit: this.o.rateLimit,
      // A person is waiting: no silent retries; they see what happened and decide.
      maxRetries: 0,
      logger: this.o.logger,
    });
    this.clients.set(conn.who, client);
    return client;
  }

  async disconnect(who: string): Promise<void> {
    this.clients.delete(who);
    await this.store(who).delete();
  }
}
