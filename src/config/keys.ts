/**
 * The connection properties we know, in their canonical spelling (the SQL drivers' names,
 * plus a few of ours), what each accepts, and which hold secrets.
 */
import type { ConnectionSettings } from "./types.js";

export type ValueKind =
  | { type: "string" }
  | { type: "digits" }
  | { type: "url" }
  | { type: "enum"; values: readonly string[] }
  | { type: "bool" }
  | { type: "int"; min: number; max: number }
  | { type: "number"; min: number; exclusiveMin?: boolean }
  | { type: "rate" };

export interface KeyInfo {
  key: string;
  field: keyof ConnectionSettings;
  kind: ValueKind;
  secret?: boolean;
}

const str = { type: "string" } as const;
const bool = { type: "bool" } as const;
const url = { type: "url" } as const;
const port = { type: "int", min: 1, max: 65_535 } as const;

export const KEYS: readonly KeyInfo[] = [
  { key: "AccountId", field: "accountId", kind: { type: "digits" } },
  { key: "Schema", field: "schema", kind: { type: "enum", values: ["V2", "V3"] } },
  { key: "ProjectId", field: "projectId", kind: { type: "digits" } },
  { key: "AuthScheme", field: "authScheme", kind: { type: "enum", values: ["OAuth", "Basic"] } },
  { key: "User", field: "user", kind: str },
  { key: "Password", field: "password", kind: str, secret: true },
  { key: "InitiateOAuth", field: "initiateOAuth", kind: { type: "enum", values: ["OFF", "GETANDREFRESH", "REFRESH"] } },
  { key: "OAuthClientId", field: "oauthClientId", kind: str },
  { key: "OAuthClientSecret", field: "oauthClientSecret", kind: str, secret: true },
  { key: "CallbackURL", field: "callbackUrl", kind: url },
  { key: "OAuthAccessToken", field: "oauthAccessToken", kind: str, secret: true },
  { key: "OAuthRefreshToken", field: "oauthRefreshToken", kind: str, secret: true },
  { key: "OAuthVerifier", field: "oauthVerifier", kind: str, secret: true },
  { key: "OAuthSettingsLocation", field: "oauthSettingsLocation", kind: str },
  { key: "ProxyServer", field: "proxyServer", kind: str },
  { key: "ProxyPort", field: "proxyPort", kind: port },
  { key: "ProxyUser", field: "proxyUser", kind: str },
  { key: "ProxyPassword", field: "proxyPassword", kind: str, secret: true },
  { key: "ProxyAutoDetect", field: "proxyAutoDetect", kind: bool },
  { key: "ProxyExceptions", field: "proxyExceptions", kind: str },
  { key: "FirewallType", field: "firewallType", kind: { type: "enum", values: ["NONE", "SOCKS5", "TUNNEL"] } },
  { key: "FirewallServer", field: "firewallServer", kind: str },
  { key: "FirewallPort", field: "firewallPort", kind: port },
  { key: "FirewallUser", field: "firewallUser", kind: str },
  { key: "FirewallPassword", field: "firewallPassword", kind: str, secret: true },
  { key: "Logfile", field: "logfile", kind: str },
  { key: "Verbosity", field: "verbosity", kind: { type: "int", min: 0, max: 5 } },
  { key: "Timeout", field: "timeout", kind: { type: "number", min: 0, exclusiveMin: true } },
  { key: "MaxRows", field: "maxRows", kind: { type: "int", min: 0, max: Number.MAX_SAFE_INTEGER } },
  { key: "QueryTimeout", field: "queryTimeout", kind: { type: "number", min: 0 } },
  { key: "IntegerMode", field: "integerMode", kind: { type: "enum", values: ["number", "bigint", "string"] } },
  { key: "UserAgent", field: "userAgent", kind: str },
  // Ours.
  { key: "ApiBaseURL", field: "apiBaseUrl", kind: url },
  { key: "LaunchpadURL", field: "launchpadUrl", kind: url },
  { key: "Replica", field: "replica", kind: str },
  { key: "ReplicaSchema", field: "replicaSchema", kind: str },
  { key: "MaxAge", field: "maxAge", kind: { type: "number", min: 0 } },
  { key: "Offline", field: "offline", kind: bool },
  { key: "RateLimit", field: "rateLimit", kind: { type: "rate" } },
  { key: "Sandbox", field: "sandbox", kind: bool },
];

/** Raw values by canonical key, as parsed; every value is still a string. */
export type SettingsRecord = Record<string, string>;

const byLower = new Map<string, KeyInfo>();
for (const info of KEYS) byLower.set(info.key.toLowerCase(), info);

/** The key's info for a case-insensitive name, or undefined. */
export function lookupKey(name: string): KeyInfo | undefined {
  return byLower.get(name.trim().toLowerCase());
}

/** The secret keys, in canonical spelling. */
export const SECRET_KEYS: readonly string[] = KEYS.filter((k) => k.secret).map((k) => k.key);

const secretLower = new Set<string>(SECRET_KEYS.map((k) => k.toLowerCase()));

/** Whether a key (canonical name or settings field, any case) holds a secret. */
export function isSecretKey(name: string): boolean {
  return secretLower.has(name.toLowerCase());
}
