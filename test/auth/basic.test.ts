// Basic auth (Basecamp 2): a refused User/Password is said as such, never as an OAuth sign-in
// to redo. The simulator's API speaks Bearer only, so it refuses any Basic header with a 401.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/client.js";
import { authenticate } from "../../src/auth/from-settings.js";
import { AuthError } from "../../src/http/errors.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { sim } from "./helpers.js";

describe("Basic auth failures", () => {
  it("tell the person to check User and Password, never to run campctl login, and keep the server's words", async () => {
    const s = sim();
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const signedIn = await authenticate({ schema: "V2", authScheme: "Basic", initiateOAuth: "GETANDREFRESH", user: "me@example.com", password, accountId: s.accountId, apiBaseUrl: s.apiUrl });
    expect(await signedIn.auth.authorization()).toMatch(/^Basic /);
    const client = new BasecampClient({ accountId: signedIn.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, auth: signedIn.auth, rateLimiter: new AccountLimiter(null, 4), userAgent: "basic tests (tests@example.com)" });
    const call = client.projects.list().toArray();
    await expect(call).rejects.toBeInstanceOf(AuthError);
    const { status, message } = (await call.catch((e: AuthError) => e)) as AuthError;
    expect(status).toBe(401);
    expect(message).not.toContain("campctl login");
    expect(message).toMatch(/User and Password/);
    // The server's prose, unmangled: its "Bearer <token>" is an instruction, not a secret.
    expect(message).toContain("No access token: send Authorization: Bearer <token>.");
    expect(message).not.toContain("[REDACTED]");
    expect(message).not.toContain(password);
    expect(message).not.toContain(Buffer.from(`me@example.com:${password}`).toString("base64"));
  });
});
