// `campctl auth status`: who is signed in, to which account, where the tokens are kept and
// when they expire. Reads the token file; never prints a token, never starts a sign-in.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { TokenStore, type StoredTokens } from "../../auth/token-store.js";
import { sandboxPaths } from "../../config/files.js";
import type { ConnectionSettings } from "../../config/types.js";
import { redact } from "../../http/redact.js";
import { openSession, resolveFor, type GlobalOptions } from "../internal/context.js";
import { EXIT } from "../internal/errors.js";
import { accountOf, fieldRows, identityOf, print, type Row } from "./shared.js";

export interface AuthStatus {
  signedIn: boolean;
  profile: string | null;
  authScheme: "OAuth" | "Basic";
  schema: string;
  sandbox: boolean;
  account: { id: string | null; name: string | null };
  user: { id: string | null; name: string | null; email: string | null };
  tokenFile: string | null;
  launchpadUrl: string | null;
  accessToken: { expiresAt: string | null; expiresInSeconds: number | null; expired: boolean | null } | null;
  refreshToken: { available: boolean } | null;
  updatedAt: string | null;
  /** Whether Launchpad accepted the tokens just now (null with --offline or when not signed in). */
  verified: boolean | null;
  problem?: string;
}

/** "in 13 days", "2 hours ago". */
export function relative(ms: number, now = Date.now()): string {
  const d = ms - now;
  const abs = Math.abs(d);
  const units: Array<[string, number]> = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000]];
  let text = "less than a minute";
  for (const [name, size] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      text = `${n} ${name}${n === 1 ? "" : "s"}`;
      break;
    }
  }
  return d >= 0 ? `in ${text}` : `${text} ago`;
}

/** The token file this connection uses: the sandbox's (one per simulated account), else OAuthSettingsLocation. */
function tokenFileOf(s: ConnectionSettings): string | undefined {
  if (s.sandbox && !(s.oauthSettingsLocation && s.oauthClientId)) {
    const dir = sandboxPaths().oauth;
    try {
      const names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
      return names.length ? join(dir, names[0]) : undefined;
    } catch {
      return undefined;
    }
  }
  return s.oauthSettingsLocation;
}

function fill(status: AuthStatus, t: StoredTokens): void {
  status.signedIn = true;
  status.account.id = t.accountId ?? status.account.id;
  status.user = { id: t.identity?.id ?? null, name: t.identity?.name ?? null, email: t.identity?.email ?? null };
  status.launchpadUrl = t.launchpadUrl ?? status.launchpadUrl;
  const now = Date.now();
  status.accessToken = t.expiresAt === undefined ? { expiresAt: null, expiresInSeconds: null, expired: null } : { expiresAt: new Date(t.expiresAt).toISOString(), expiresInSeconds: Math.round((t.expiresAt - now) / 1000), expired: t.expiresAt <= now };
  status.refreshToken = { available: Boolean(t.refreshToken) };
  status.updatedAt = new Date(t.updatedAt).toISOString();
}

function rows(s: AuthStatus): Row[] {
  const fields: Row = {
    signed_in: s.signedIn ? "yes" : "no",
    profile: s.profile ?? "(none)",
    auth: `${s.authScheme} (${s.schema === "V2" ? "Basecamp 2" : "Basecamp 4/3"})${s.sandbox ? ", sandbox" : ""}`,
    account: s.account.id ? `${s.account.name ? `${s.account.name} ` : ""}(${s.account.id})` : "",
    user: [s.user.name, s.user.email && `<${s.user.email}>`].filter(Boolean).join(" "),
    token_file: s.tokenFile ?? (s.authScheme === "Basic" ? "none: Basic auth keeps no tokens" : ""),
  };
  if (s.accessToken) {
    const a = s.accessToken;
    fields.access_token = a.expiresAt === null ? "no expiry recorded" : `${a.expired ? "expired" : "expires"} ${a.expiresAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")} (${relative(Date.parse(a.expiresAt))})`;
    fields.refresh_token = s.refreshToken?.available ? "yes: a new access token is fetched on its own" : "no: sign in again when the access token expires";
    fields.saved = s.updatedAt ?? "";
  }
  if (s.launchpadUrl) fields.launchpad = s.launchpadUrl;
  fields.verified = s.verified === null ? "not checked" : s.verified ? "yes: Launchpad accepted the tokens" : "no";
  if (s.problem) fields.problem = s.problem;
  return fieldRows(fields);
}

export async function runAuthStatus(o: { offline?: boolean }, g: GlobalOptions): Promise<void> {
  const settings = resolveFor(g);
  const status: AuthStatus = {
    signedIn: false,
    profile: settings.profile ?? null,
    authScheme: settings.authScheme,
    schema: settings.schema,
    sandbox: settings.sandbox === true,
    account: { id: settings.accountId ?? null, name: null },
    user: { id: null, name: settings.authScheme === "Basic" ? (settings.user ?? null) : null, email: null },
    tokenFile: null,
    launchpadUrl: settings.authScheme === "OAuth" ? (settings.launchpadUrl ?? null) : null,
    accessToken: null,
    refreshToken: null,
    updatedAt: null,
    verified: null,
  };
  if (settings.authScheme === "Basic") {
    status.signedIn = Boolean(settings.user && settings.accountId);
  } else {
    const file = tokenFileOf(settings);
    status.tokenFile = file ?? null;
    const stored = file ? await new TokenStore(file).read() : undefined;
    if (stored) fill(status, stored);
    else if (settings.oauthAccessToken || settings.oauthRefreshToken) {
      status.signedIn = true;
      status.tokenFile = null;
      status.refreshToken = { available: Boolean(settings.oauthRefreshToken) };
      status.problem = "The tokens come from the connection settings (OAuthAccessToken / OAuthRefreshToken), not a token file.";
    }
  }
  if (status.signedIn && !o.offline) await verify(status, g);
  if (!status.signedIn) status.problem ??= "Not signed in: run campctl login.";
  print(g, status, rows(status));
  if (!status.signedIn || status.verified === false) process.exitCode = EXIT.auth;
}

/** Ask Launchpad who this is (which refreshes an expired token), then read the file again. */
async function verify(status: AuthStatus, g: GlobalOptions): Promise<void> {
  try {
    const session = await openSession(g, [], { interactive: "never" });
    try {
      const identity = await identityOf(session);
      status.verified = true;
      status.account.id = session.auth.accountId;
      if (identity) {
        status.account.name = identity.accounts.find((a) => a.id === session.auth.accountId)?.name ?? null;
        const who = identity.identity;
        status.user = { id: who.id, name: [who.firstName, who.lastName].filter(Boolean).join(" ") || status.user.name, email: who.email ?? status.user.email };
      } else {
        const account = await accountOf(session);
        status.account.name = account.name;
      }
      const path = session.auth.settingsPath;
      const fresh = path ? await new TokenStore(path).read() : undefined;
      if (path && fresh) {
        status.tokenFile = path;
        const { account, user } = status;
        fill(status, fresh);
        status.account = account;
        status.user = user;
      }
    } finally {
      await session.close();
    }
  } catch (e) {
    status.verified = false;
    status.problem = `The stored sign-in did not work: ${redact((e as Error)?.message ?? String(e))}`;
  }
}
