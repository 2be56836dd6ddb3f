// HTTP Basic authentication, for Basecamp 2 (Schema=V2, AuthScheme=Basic).
import { AuthError } from "../http/errors.js";
import { registerSecret } from "../http/redact.js";
import type { AuthProvider } from "../http/road.js";

export function basicAuth(user: string | undefined, password: string | undefined): AuthProvider {
  if (!user || !password) throw new AuthError("AuthScheme=Basic needs User and Password (your Basecamp 2 sign-in).");
  const encoded = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
  registerSecret(password);
  registerSecret(encoded);
  const header = `Basic ${encoded}`;
  return { authorization: async () => header };
}
