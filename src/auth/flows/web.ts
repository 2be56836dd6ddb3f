// The web flow as three library calls, named after the stored procedures the SQL drivers
// offer for it: get the authorization URL, trade the verifier (code or callback URL) for
// tokens, refresh. A web app keeps the state in the person's session and stores the tokens.
import { AuthError } from "../../http/errors.js";
import type { Launchpad } from "../launchpad.js";
import { codeFromVerifier } from "./headless.js";

export interface WebOAuthApp {
  launchpad: Launchpad;
  clientId: string;
  clientSecret: string;
}

export interface OAuthTokensResult {
  OAuthAccessToken: string;
  OAuthRefreshToken: string | undefined;
  /** Seconds the access token lives. */
  ExpiresIn: number | undefined;
}

function need(value: string | undefined, name: string): string {
  if (!value) throw new AuthError(`${name} is required.`);
  return value;
}

export function getOAuthAuthorizationURL(app: WebOAuthApp, p: { CallbackURL: string; State?: string }): { URL: string } {
  return { URL: app.launchpad.authorizationUrl({ clientId: app.clientId, redirectUri: need(p.CallbackURL, "CallbackURL"), state: p.State }) };
}

/** `Verifier` is the `code` from the callback, or the whole callback URL (its state is checked against `State` when given). */
export async function getOAuthAccessToken(app: WebOAuthApp, p: { Verifier: string; CallbackURL: string; State?: string }): Promise<OAuthTokensResult> {
  const code = codeFromVerifier(need(p.Verifier, "Verifier"), p.State);
  const t = await app.launchpad.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: need(p.CallbackURL, "CallbackURL"), code });
  return { OAuthAccessToken: t.accessToken, OAuthRefreshToken: t.refreshToken, ExpiresIn: t.expiresIn };
}

export async function refreshOAuthAccessToken(app: WebOAuthApp, p: { OAuthRefreshToken: string }): Promise<OAuthTokensResult> {
  const t = await app.launchpad.refresh({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: need(p.OAuthRefreshToken, "OAuthRefreshToken") });
  return { OAuthAccessToken: t.accessToken, OAuthRefreshToken: t.refreshToken, ExpiresIn: t.expiresIn };
}
