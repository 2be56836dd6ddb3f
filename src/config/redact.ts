/** Copies of settings that are safe to print. */
import { isSecretKey } from "./keys.js";

export const MASK = "********";

/**
 * A copy with every secret value (Password, OAuthClientSecret, OAuthAccessToken,
 * OAuthRefreshToken, OAuthVerifier, ProxyPassword, FirewallPassword) replaced by "********".
 * Works on raw records (canonical keys) and on ConnectionSettings (camelCase fields), since
 * keys are matched ignoring case; a password inside a URL (scheme://user:pass@host) is masked too.
 */
export function redactSettings<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (isSecretKey(key) && value !== undefined && value !== "") out[key] = MASK;
    else if (typeof value === "string") out[key] = value.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^/\s@]*@/gi, `$1:${MASK}@`);
    else out[key] = value;
  }
  return out as T;
}
