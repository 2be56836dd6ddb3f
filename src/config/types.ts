// The settings of a connection, after parsing and validation. Names follow the SQL drivers'
// connection properties (AccountId, InitiateOAuth, OAuthSettingsLocation, …) in camelCase.
import type { ProxySettings } from "../http/proxy.js";

export type Schema = "V2" | "V3";
export type AuthScheme = "OAuth" | "Basic";
export type InitiateOAuth = "OFF" | "GETANDREFRESH" | "REFRESH";

export interface ConnectionSettings extends ProxySettings {
  accountId?: string;
  /** V3 = Basecamp 4/3 (default), V2 = Basecamp 2 (bcx). */
  schema: Schema;
  projectId?: string;
  authScheme: AuthScheme;
  user?: string;
  password?: string;
  initiateOAuth: InitiateOAuth;
  oauthClientId?: string;
  oauthClientSecret?: string;
  callbackUrl?: string;
  oauthAccessToken?: string;
  oauthRefreshToken?: string;
  /** The authorization code, or the whole callback URL holding it (headless flow). */
  oauthVerifier?: string;
  /** Where tokens are kept (encrypted); default a file per account in the config directory. */
  oauthSettingsLocation?: string;
  logfile?: string;
  verbosity?: 0 | 1 | 2 | 3 | 4 | 5;
  /** Seconds per attempt. */
  timeout?: number;
  maxRows?: number;
  /** Seconds a SQL statement may run before it is stopped with QueryTimeoutError (default 60; 0: no limit). */
  queryTimeout?: number;
  /**
   * How SQL results give integers: "number" (default; bigint past ±(2^53 − 1)), "bigint" (all
   * bigint), or "string" (strings past ±(2^53 − 1)).
   */
  integerMode?: "number" | "bigint" | "string";
  userAgent?: string;
  /** Ours: API root (default https://3.basecampapi.com). */
  apiBaseUrl?: string;
  /** Ours: Launchpad root (default https://launchpad.37signals.com). */
  launchpadUrl?: string;
  /** Ours: the replica: a SQLite file, or a PostgreSQL URL. */
  replica?: string;
  /** Ours: the PostgreSQL replica's schema. */
  replicaSchema?: string;
  /** Ours: seconds before a table is synced again on query (default 300). */
  maxAge?: number;
  /** Ours: never sync on query. */
  offline?: boolean;
  /** Ours: "50/10s" or "off". */
  rateLimit?: string;
  /** Ours: talk to the embedded simulator with the sandbox app. */
  sandbox?: boolean;
  /** Named profile the settings came from, if any. */
  profile?: string;
}
