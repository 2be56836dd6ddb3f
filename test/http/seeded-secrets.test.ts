// Seeds secrets of its own through every place one passes (OAuth code exchange, refresh,
// identity, Bearer and Basic headers, token fields in bodies, `code=` in URLs, 401s) with
// the suite's verbosity-5 logging on, and writes them down for the audit (test/audit),
// which greps the suite log for them. The list is this file's own, not the redactor's, so
// a secret the redactor was never told about is caught too.
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { basicAuth } from "../../src/auth/basic.js";
import { Launchpad } from "../../src/auth/launchpad.js";
import { Road } from "../../src/http/road.js";
import { createSimulator } from "../../src/simulator/index.js";
import { SUITE_SEEDED_SECRETS } from "../setup/paths.js";

const seeded: string[] = [];
function seed(value: string): string {
  seeded.push(value);
  return value;
}
const fresh = (label: string) => seed(`${label}-${randomBytes(12).toString("hex")}`);

describe("secrets seeded for the log audit", () => {
  it("pass through sign-in, API calls and failures with the suite logging at verbosity 5", async () => {
    const s = createSimulator({ scale: "tiny", rateLimit: "off" });
    seed(s.clientSecret);
    seed(s.adminToken);
    const ua = "seeded secrets (tests@example.com)";
    const launchpad = new Launchpad({ launchpadUrl: s.launchpadUrl, fetch: s.fetch, userAgent: ua });
    const url = launchpad.authorizationUrl({ clientId: s.clientId, redirectUri: "http://127.0.0.1:9/callback", state: "seeded" });
    const code = seed(new URL(await s.approve(url)).searchParams.get("code")!);
    const tokens = await launchpad.exchangeCode({ clientId: s.clientId, clientSecret: s.clientSecret, redirectUri: "http://127.0.0.1:9/callback", code });
    seed(tokens.accessToken);
    seed(tokens.refreshToken!);
    const refreshed = await launchpad.refresh({ clientId: s.clientId, clientSecret: s.clientSecret, refreshToken: tokens.refreshToken! });
    seed(refreshed.accessToken);
    expect((await launchpad.identity(refreshed.accessToken)).accounts.length).toBeGreaterThan(0);

    const road = new Road({ accountId: s.accountId, apiBaseUrl: s.apiUrl, accessToken: refreshed.accessToken, fetch: s.fetch, userAgent: ua, rateLimit: null });
    await road.request("GET", "/projects.json");
    await road.request("POST", "/projects.json", { body: { name: "Seeded", description: `access_token=${fresh("body-token")} password=${fresh("body-password")}` } });
    await road.request("GET", `/projects.json?code=${fresh("query-code")}`).catch(() => undefined);
    const refused = await launchpad.refresh({ clientId: s.clientId, clientSecret: fresh("wrong-secret"), refreshToken: fresh("wrong-refresh") }).catch((e) => e);
    expect(refused).toBeInstanceOf(Error);

    const password = fresh("basic-password");
    const basic = new Road({ accountId: s.accountId, apiBaseUrl: s.apiUrl, auth: basicAuth("jordan@example.com", password), fetch: s.fetch, userAgent: ua, rateLimit: null });
    seed(Buffer.from(`jordan@example.com:${password}`).toString("base64"));
    await expect(basic.request("GET", "/projects.json")).rejects.toMatchObject({ status: 401 });

    expect(seeded.length).toBeGreaterThan(10);
    appendFileSync(SUITE_SEEDED_SECRETS, `${seeded.join("\n")}\n`);
  });
});
