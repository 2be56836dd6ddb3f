import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openClient } from "../../src/api/index.js";
import { AuthError } from "../../src/http/errors.js";

describe("openClient(connectionString)", () => {
  it("signs in from a connection string and hands back a working client, keeping tokens for the next run", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "open-client-"));
    const opts = { dataDir, configDir: join(dataDir, "config"), env: {} };
    const first = await openClient("Sandbox=true", opts);
    try {
      expect(first.settings.sandbox).toBe(true);
      expect((await first.client.people.me()).email_address).toContain("@");
      expect(first.auth.identity?.accounts.map((a) => a.id)).toContain(first.auth.accountId);
      expect(first.auth.settingsPath).toBe(join(dataDir, "sandbox", "oauth", `${first.auth.accountId}.json`));
    } finally {
      await first.close();
    }
    // The second run finds the stored tokens: with InitiateOAuth=REFRESH it may not prompt, and need not.
    const second = await openClient("Sandbox=true;InitiateOAuth=REFRESH", opts);
    try {
      expect(second.schema).toBe("V3");
      if (second.schema !== "V3") return;
      expect((await second.client.account.get()).id).toBe(Number(first.auth.accountId));
    } finally {
      await second.close();
    }
  });

  it("refuses to prompt when told not to, with a message that says what to do", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "open-client-"));
    const err = await openClient("Sandbox=true;InitiateOAuth=REFRESH", { dataDir, configDir: join(dataDir, "config"), env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/campctl login/);
  });
});
