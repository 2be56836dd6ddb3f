// config.json holds profiles (and may hold secrets): one open to group or others is made 0600
// with a warning, or refused with the chmod command when its mode cannot be changed.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfigFile, resolveSettings } from "../../src/config/index.js";
import { insecureFileWarnings, modeOf, pinMode } from "./fixtures/private-files.js";

const POSIX = process.platform !== "win32";
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "bc-config-private-"));
  path = join(dir, "config.json");
  writeFileSync(path, JSON.stringify({ profiles: { work: "AccountId=1;User=me;Password='s3cret-pass'" } }));
  chmodSync(path, 0o644); // whatever the umask

});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(POSIX)("config.json open to group or others", () => {
  it("is made 0600 with one warning naming the file and its old mode, and still read", async () => {
    expect(modeOf(path)).toBe(0o644);
    let file: ReturnType<typeof loadConfigFile> | undefined;
    const warnings = await insecureFileWarnings(() => (file = loadConfigFile(dir)));
    expect(modeOf(path)).toBe(0o600);
    expect(Object.keys(file!.profiles)).toEqual(["work"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
    expect(warnings[0]).toContain("0644");
    expect(warnings[0]).not.toContain("s3cret-pass");
    // Private now: loading again says nothing.
    expect(await insecureFileWarnings(() => resolveSettings({ configDir: dir, env: {}, profile: "work" }))).toEqual([]);
  });

  it("that cannot be changed is refused with the exact chmod command, and left as it was", async () => {
    const undo = pinMode(path);
    try {
      let err: unknown;
      const warnings = await insecureFileWarnings(() => {
        try {
          loadConfigFile(dir);
        } catch (e) {
          err = e;
        }
      });
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toContain(`chmod 600 ${path}`);
      expect((err as ConfigError).message).toContain("0644");
      expect((err as ConfigError).message).not.toContain("s3cret-pass");
      expect(modeOf(path)).toBe(0o644);
      expect(warnings).toEqual([]);
    } finally {
      undo();
    }
  });
});
