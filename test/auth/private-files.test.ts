// The token file and the key file beside it hold secrets: one open to group or others is made
// 0600 with a warning (to the logger slot, else a process warning), or refused with the chmod
// command when its mode cannot be changed.
import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { authenticate } from "../../src/auth/from-settings.js";
import { TokenStore, type StoredTokens } from "../../src/auth/token-store.js";
import type { Logger } from "../../src/http/log.js";
import { insecureFileWarnings, modeOf, pinMode } from "../config/fixtures/private-files.js";
import { expectStoreError, removeTempDirs, tempDir } from "./fixtures/token-store-helpers.js";
import { playBrowser, sim } from "./helpers.js";

const TOKENS: StoredTokens = { accessToken: "AT-private-files-secret-1", refreshToken: "RT-private-files-secret-2", updatedAt: 1_800_000_000_000 };
const POSIX = process.platform !== "win32";

function lines(): Logger & { lines: string[] } {
  const got: string[] = [];
  return { lines: got, write: (line) => void got.push(line) };
}

/** A token file written with a key file beside it (no key from the environment). */
async function storedTokens(): Promise<{ path: string; keyFile: string; key: string }> {
  const path = join(tempDir(), "acct.json");
  const store = new TokenStore(path, { env: {} });
  await store.write(TOKENS);
  return { path, keyFile: store.keyFile, key: readFileSync(store.keyFile, "utf8").trim() };
}

afterEach(removeTempDirs);

describe.runIf(POSIX)("token and key files open to group or others", () => {
  it("a token file is made 0600, with a warning to the logger naming it and its old mode", async () => {
    const { path, key } = await storedTokens();
    chmodSync(path, 0o644);
    const logger = lines();
    const processWarnings = await insecureFileWarnings(async () => expect(await new TokenStore(path, { env: {}, logger }).read()).toEqual(TOKENS));
    expect(modeOf(path)).toBe(0o600);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warning: The OAuth token file .* \(mode 0644\); it is now 0600\.$/);
    expect(logger.lines[0]).toContain(path);
    for (const secret of [TOKENS.accessToken, TOKENS.refreshToken!, key]) expect(logger.lines[0]).not.toContain(secret);
    expect(processWarnings).toEqual([]); // the logger had it
  });

  it("a key file is made 0600 with a process warning (BASECAMP_INSECURE_FILE) when there is no logger", async () => {
    const { path, keyFile, key } = await storedTokens();
    chmodSync(keyFile, 0o640);
    const warnings = await insecureFileWarnings(async () => expect(await new TokenStore(path, { env: {} }).read()).toEqual(TOKENS));
    expect(modeOf(keyFile)).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(keyFile);
    expect(warnings[0]).toContain("(mode 0640)");
    expect(warnings[0]).not.toContain(key);
  });

  for (const which of ["token file", "key file"] as const) {
    it(`a ${which} whose mode cannot be changed is refused with the exact chmod command`, async () => {
      const { path, keyFile, key } = await storedTokens();
      const target = which === "token file" ? path : keyFile;
      chmodSync(target, 0o644);
      const undo = pinMode(target);
      try {
        const logger = lines();
        const err = await expectStoreError(new TokenStore(path, { env: {}, logger }).read(), "INSECURE", path, [TOKENS.accessToken, TOKENS.refreshToken!, key]);
        expect(err.message).toContain(`chmod 600 ${target}`);
        expect(err.message).toContain("(mode 0644)");
        expect(modeOf(target)).toBe(0o644);
        expect(logger.lines).toEqual([]);
      } finally {
        undo();
      }
    });
  }

  it("signing in warns through the library's logger slot", async () => {
    const s = sim();
    const dir = tempDir();
    const env = { BASECAMP_OAUTH_KEY: randomBytes(32).toString("hex") };
    const settings = { schema: "V3", authScheme: "OAuth", initiateOAuth: "GETANDREFRESH", launchpadUrl: s.launchpadUrl, apiBaseUrl: s.apiUrl, accountId: s.accountId, oauthClientId: s.clientId, oauthClientSecret: s.clientSecret, oauthSettingsLocation: join(dir, "t.json") } as const;
    const first = await authenticate(settings, { fetch: s.fetch, env, openBrowser: (url) => void playBrowser(s, url) });
    chmodSync(first.settingsPath!, 0o664);
    const logger = lines();
    const again = await authenticate(settings, { fetch: s.fetch, env, logger, openBrowser: () => Promise.reject(new Error("must not prompt again")) });
    expect(again.session!.tokens().accessToken).toBe(first.session!.tokens().accessToken);
    expect(modeOf(first.settingsPath!)).toBe(0o600);
    expect(logger.lines.filter((l) => l.startsWith("warning:"))).toEqual([`warning: The OAuth token file ${first.settingsPath} was open to group and others (mode 0664); it is now 0600.`]);
  });
});
