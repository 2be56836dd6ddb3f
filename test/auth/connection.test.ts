// From a connection string to API calls: settings → sign-in → client, against the simulator.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticate } from "../../src/auth/from-settings.js";
import { BasecampClient } from "../../src/api/client.js";
import { projectIdOrFirst } from "../../src/api/defaults.js";
import { resolveSettings } from "../../src/config/resolve.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { playBrowser, sim } from "./helpers.js";

describe("connection string to client", () => {
  it("signs in from a connection string, keeps the settings file private, and defaults to the first project", async () => {
    const s = sim();
    const dir = mkdtempSync(join(tmpdir(), "conn-"));
    const env = { BASECAMP_OAUTH_KEY: randomBytes(32).toString("hex"), BASECAMP_OAUTHCLIENTSECRET: s.clientSecret };
    const { settings, sources } = resolveSettings({
      connectionString: `ApiBaseURL=${s.apiUrl};LaunchpadURL='${s.launchpadUrl}';OAuthClientId=${s.clientId};InitiateOAuth=GETANDREFRESH;CallbackURL=http://127.0.0.1:0/callback`,
      env,
      configDir: dir,
    });
    expect(sources.OAuthClientSecret).toBe("env");
    expect(sources.OAuthClientId).toBe("explicit");
    expect(settings.accountId).toBeUndefined();
    const auth = await authenticate(settings, { fetch: s.fetch, env, openBrowser: (url) => void playBrowser(s, url) });
    expect(auth.accountId).toBe(s.accountId);
    expect(statSync(auth.settingsPath!).mode & 0o777).toBe(0o600);
    const client = new BasecampClient({ accountId: auth.accountId, apiBaseUrl: s.apiUrl, fetch: s.fetch, auth: auth.auth, rateLimiter: new AccountLimiter(null, 8) });
    const projectId = await projectIdOrFirst(client, settings.projectId);
    const first = await client.projects.list().toArray();
    expect(String(projectId)).toBe(String(first[0].id));
    expect((await client.projects.get(projectId)).name).toBe(first[0].name);
    expect(String(await projectIdOrFirst(client, String(first[1].id)))).toBe(String(first[1].id));
  });
});
