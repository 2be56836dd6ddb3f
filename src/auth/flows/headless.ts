// The headless flow, for machines without a browser: print the authorization URL, take the
// pasted code or the whole callback URL (OAuthVerifier), trade it for tokens.
import { randomBytes } from "node:crypto";
import { AuthError } from "../../http/errors.js";
import { registerSecret } from "../../http/redact.js";
import type { Launchpad } from "../launchpad.js";
import { DEFAULT_CALLBACK_URL, type FlowResult } from "./desktop.js";

export interface HeadlessFlowOptions {
  launchpad: Launchpad;
  clientId: string;
  clientSecret: string;
  callbackUrl?: string;
  /** Shows the URL and resolves with what the person pastes (code or callback URL). */
  prompt?: (authorizationUrl: string) => Promise<string>;
  /** Already have it (OAuthVerifier setting): skip the prompt. */
  verifier?: string;
  /** The state the URL was made with, when the verifier is a callback URL from an earlier run. */
  state?: string;
  signal?: AbortSignal;
}

/**
 * The code in `verifier`: the code itself, or a callback URL holding `code` (and `state`,
 * which must match when we know it).
 */
export function codeFromVerifier(verifier: string, expectedState?: string): string {
  const v = verifier.trim();
  if (!v) throw new AuthError("Nothing was pasted: paste the code, or the whole address the browser landed on.");
  if (!/^https?:\/\//i.test(v)) return v;
  const u = new URL(v);
  const error = u.searchParams.get("error");
  if (error) throw new AuthError(error === "access_denied" ? "Access was denied on the consent page. Start again and choose Allow." : `The callback says ${error}. Start the sign-in again.`);
  const code = u.searchParams.get("code");
  if (!code) throw new AuthError("That address has no code in it. Paste the whole address the browser landed on after you chose Allow.");
  const state = u.searchParams.get("state");
  if (expectedState !== undefined && state !== null && state !== expectedState) {
    throw new AuthError("That address belongs to a different sign-in (its state does not match). Use the URL printed by this run.");
  }
  return code;
}

/** Port 0 means "any free port" to the desktop flow; nothing listens here, so it is left out. */
function headlessRedirect(callbackUrl: string): string {
  try {
    const u = new URL(callbackUrl);
    if (u.port === "0") u.port = "";
    return u.toString();
  } catch {
    return callbackUrl;
  }
}

export async function runHeadlessFlow(o: HeadlessFlowOptions): Promise<FlowResult & { authorizationUrl: string }> {
  const redirectUri = headlessRedirect(o.callbackUrl ?? DEFAULT_CALLBACK_URL);
  const state = o.state ?? randomBytes(18).toString("base64url");
  const authorizationUrl = o.launchpad.authorizationUrl({ clientId: o.clientId, redirectUri, state });
  let verifier = o.verifier;
  if (verifier === undefined) {
    if (!o.prompt) throw new AuthError(`Open ${authorizationUrl} in a browser, choose Allow, then pass the code or the address you land on as OAuthVerifier.`);
    verifier = await o.prompt(authorizationUrl);
  }
  registerSecret(verifier);
  const code = codeFromVerifier(verifier, o.verifier === undefined || o.state !== undefined ? state : undefined);
  registerSecret(code);
  const tokens = await o.launchpad.exchangeCode({ clientId: o.clientId, clientSecret: o.clientSecret, redirectUri, code }, o.signal);
  return { tokens, redirectUri, authorizationUrl };
}
