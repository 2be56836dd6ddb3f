// From connection settings to a signed-in AuthProvider: Basic for Basecamp 2, or an OAuth
// session that follows InitiateOAuth (OFF / GETANDREFRESH / REFRESH), runs the desktop or
// headless flow when it must, keeps tokens in the encrypted store, and finds the account.
import type { ConnectionSettings } from "../config/types.js";
import { AuthError } from "../http/errors.js";
import type { Logger } from "../http/log.js";
import { registerSecret } from "../http/redact.js";
import type { AuthProvider } from "../http/road.js";
import { basicAuth } from "./basic.js";
import { DEFAULT_CALLBACK_URL, runDesktopFlow, type FlowResult } from "./flows/desktop.js";
import { runHeadlessFlow } from "./flows/headless.js";
import { INTEGRATIONS_PAGE, Launchpad, type Identity, type LaunchpadAccount } from "./launchpad.js";
import { OAuthSession } from "./session.js";
import { TokenStore } from "./token-store.js";

export interface AuthDeps {
  fetch?: typeof fetch;
  /** How to sign in when there is no token: the browser (default) or a pasted code. */
  interactive?: "desktop" | "headless" | "never";
  openBrowser?: (url: string) => Promise<void> | void;
  /** Headless: show the URL, return what the person pastes. */
  prompt?: (authorizationUrl: string) => Promise<string>;
  onUrl?: (url: string) => void;
  /** The OAuth settings file when OAuthSettingsLocation is not set. */
  defaultSettingsPath?: (accountId: string) => string;
  /** The app to use when OAuthClientId is not set (the simulator's sandbox app). */
  sandboxApp?: { clientId: string; clientSecret: string; redirectUri?: string };
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  flowTimeoutMs?: number;
  /** Sign in afresh even when tokens are stored (campctl login); the new tokens replace them. */
  forceSignIn?: boolean;
}

export interface AuthResult {
  auth: AuthProvider;
  accountId: string;
  /** The account's API base from Launchpad's identity (when it was looked up). */
  accountHref?: string;
  session?: OAuthSession;
  identity?: Identity;
  /** Where tokens are kept (OAuth with a store). */
  settingsPath?: string;
}

const PRODUCT = { V3: "bc3", V2: "bcx" } as const;

/** The one account of `product` in the identity, or an error that lists the choices. */
export function pickAccount(identity: Identity, schema: "V2" | "V3", accountId?: string): LaunchpadAccount {
  const product = PRODUCT[schema];
  const matching = identity.accounts.filter((a) => a.product === product);
  if (accountId) {
    const found = matching.find((a) => a.id === accountId);
    if (!found) throw new AuthError(`This sign-in has no ${product} account ${accountId}; it has ${list(matching) || "none"}. Check AccountId.`);
    return found;
  }
  if (matching.length === 1) return matching[0];
  if (matching.length === 0) throw new AuthError(`This sign-in has no ${schema === "V3" ? "Basecamp 4/3 (bc3)" : "Basecamp 2 (bcx)"} account. Sign in as someone with access, or set Schema=${schema === "V3" ? "V2" : "V3"}.`);
  throw new AuthError(`This sign-in opens several ${product} accounts: ${list(matching)}. Set AccountId to one of them.`);
}

function list(accounts: LaunchpadAccount[]): string {
  return accounts.map((a) => `${a.id} (${a.name})`).join(", ");
}

function appOf(s: ConnectionSettings, deps: AuthDeps): { clientId: string; clientSecret: string } | undefined {
  if (s.oauthClientId && s.oauthClientSecret) return { clientId: s.oauthClientId, clientSecret: s.oauthClientSecret };
  if (s.oauthClientId && !s.oauthClientSecret) throw new AuthError("OAuthClientId is set but OAuthClientSecret is not: set both, from your app's page at Launchpad.");
  return deps.sandboxApp;
}

function noAppError(s: ConnectionSettings): AuthError {
  const redirect = s.callbackUrl ?? DEFAULT_CALLBACK_URL.replace(":0", "");
  return new AuthError(
    `No OAuth app is configured. Register one at ${INTEGRATIONS_PAGE} with the redirect URI ${redirect}, then set OAuthClientId and OAuthClientSecret (or BASECAMP_OAUTHCLIENTID / BASECAMP_OAUTHCLIENTSECRET). To try things without an account, use the sandbox: Sandbox=true, or campctl --sandbox.`,
  );
}

export async function authenticate(s: ConnectionSettings, deps: AuthDeps = {}): Promise<AuthResult> {
  if (s.authScheme === "Basic") {
    if (s.schema !== "V2") throw new AuthError("Basecamp 4/3 (Schema=V3) needs OAuth: set AuthScheme=OAuth, or Schema=V2 for Basecamp 2 with Basic.");
    if (!s.accountId) throw new AuthError("AuthScheme=Basic needs AccountId (the number in your Basecamp 2 address).");
    return { auth: basicAuth(s.user, s.password), accountId: s.accountId };
  }
  const launchpad = new Launchpad({ launchpadUrl: s.launchpadUrl, fetch: deps.fetch, userAgent: s.userAgent, proxy: s, logger: deps.logger, verbosity: s.verbosity, logfile: s.logfile });
  const app = appOf(s, deps);
  registerSecret(s.oauthAccessToken);
  registerSecret(s.oauthRefreshToken);

  if (s.initiateOAuth === "OFF") {
    if (!s.oauthAccessToken) throw new AuthError("InitiateOAuth=OFF uses OAuthAccessToken as given, and it is not set. Set it, or use InitiateOAuth=GETANDREFRESH to sign in.");
    const token = s.oauthAccessToken;
    const auth: AuthProvider = { authorization: async () => `Bearer ${token}` };
    const { accountId, accountHref, identity } = await resolveAccount(s, launchpad, auth);
    return { auth, accountId, accountHref, identity };
  }

  const path = s.oauthSettingsLocation ?? deps.defaultSettingsPath?.(s.accountId ?? "default");
  const store = path ? new TokenStore(path, { env: deps.env, logger: deps.logger }) : undefined;
  const stored = store && !deps.forceSignIn ? await store.read() : undefined;
  const fromSettings = s.oauthAccessToken || s.oauthRefreshToken ? { accessToken: s.oauthAccessToken, refreshToken: s.oauthRefreshToken } : undefined;
  const initial = deps.forceSignIn ? undefined : stored ? { ...stored, obtainedAt: stored.updatedAt } : fromSettings;
  if (stored && stored.launchpadUrl && stored.launchpadUrl !== launchpad.url) {
    throw new AuthError(`The OAuth settings file ${path} holds tokens from ${stored.launchpadUrl}, not ${launchpad.url}. Use another OAuthSettingsLocation, or sign out first.`);
  }

  let fresh: FlowResult | undefined;
  if (!initial?.accessToken && !initial?.refreshToken) {
    if (s.initiateOAuth === "REFRESH") {
      throw new AuthError("InitiateOAuth=REFRESH never prompts, and there is no refresh token. Set OAuthRefreshToken, or sign in once with InitiateOAuth=GETANDREFRESH (campctl login).");
    }
    if (!app) throw noAppError(s);
    fresh = await signIn(s, deps, launchpad, app);
  }
  if (!app && (fresh || initial?.refreshToken)) throw noAppError(s);

  const start = fresh ? fresh.tokens : initial!;
  const session = new OAuthSession({ launchpad, clientId: app?.clientId, clientSecret: app?.clientSecret, store, initial: start, describe: { launchpadUrl: launchpad.url, accountId: s.accountId } });
  await session.accessToken();
  // The identity call signs with the session, so a token refused there is refreshed once.
  const { accountId, accountHref, identity } = await resolveAccount(s, launchpad, session);
  if (store && (fresh || !stored)) {
    const t = session.tokens();
    await store.write({
      accessToken: t.accessToken!,
      refreshToken: t.refreshToken,
      expiresAt: t.expiresAt,
      clientId: app?.clientId,
      accountId,
      launchpadUrl: launchpad.url,
      identity: identity ? { id: identity.identity.id, name: [identity.identity.firstName, identity.identity.lastName].filter(Boolean).join(" ") || undefined, email: identity.identity.email } : undefined,
      updatedAt: Date.now(),
    }, { replaceUnreadable: deps.forceSignIn === true });
  }
  return { auth: session, accountId, accountHref, session, identity, settingsPath: path };
}

async function signIn(s: ConnectionSettings, deps: AuthDeps, launchpad: Launchpad, app: { clientId: string; clientSecret: string }): Promise<FlowResult> {
  const mode = s.oauthVerifier ? "headless" : (deps.interactive ?? "desktop");
  if (mode === "never") throw new AuthError("Not signed in, and this run may not prompt. Sign in first (campctl login).");
  if (mode === "headless") {
    return runHeadlessFlow({ launchpad, ...app, callbackUrl: s.callbackUrl, prompt: deps.prompt, verifier: s.oauthVerifier });
  }
  return runDesktopFlow({ launchpad, ...app, callbackUrl: s.callbackUrl, openBrowser: deps.openBrowser, onUrl: deps.onUrl, timeoutMs: deps.flowTimeoutMs });
}

/** AccountId from the settings, checked against the identity when we look it up; else the one account there is. */
async function resolveAccount(s: ConnectionSettings, launchpad: Launchpad, auth: AuthProvider): Promise<{ accountId: string; accountHref?: string; identity?: Identity }> {
  if (s.accountId && s.apiBaseUrl) return { accountId: s.accountId };
  const identity = await launchpad.identity(auth);
  const account = pickAccount(identity, s.schema, s.accountId);
  return { accountId: account.id, accountHref: account.href, identity };
}
