import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConfigError,
  configDirectory,
  defaultSettingsPath,
  loadConfigFile,
  resolveSettings,
  saveProfile,
  settingsFromEnv,
} from "../../src/config/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "bc-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Private, as campctl writes it (a looser one is the subject of private-file.test.ts).
const writeConfig = (data: unknown) => writeFileSync(join(dir, "config.json"), typeof data === "string" ? data : JSON.stringify(data), { mode: 0o600 });

function fails(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveSettings: precedence", () => {
  beforeEach(() => {
    writeConfig({
      defaultProfile: "work",
      profiles: {
        work: { AccountId: "1", ProjectId: "10", Verbosity: 2, Offline: true, MaxRows: "7" },
        home: "AccountId=4;Schema=V2;User=me;Password='p;w'",
      },
    });
  });

  it("explicit beats env beats profile beats default", () => {
    const { settings, sources } = resolveSettings({
      connectionString: "AccountId=3",
      env: { BASECAMP_ACCOUNTID: "2", BASECAMP_PROJECTID: "20" },
      configDir: dir,
    });
    expect(settings).toMatchObject({ accountId: "3", projectId: "20", verbosity: 2, offline: true, maxRows: 7, schema: "V3", profile: "work" });
    expect(sources).toMatchObject({
      AccountId: "explicit",
      ProjectId: "env",
      Verbosity: "profile",
      Offline: "profile",
      Schema: "default",
      AuthScheme: "default",
      InitiateOAuth: "default",
    });
  });

  it("explicit options beat the connection string; both count as explicit", () => {
    const r = resolveSettings({ connectionString: "AccountId=3;ProjectId=5", explicit: { accountid: "9" }, env: {}, configDir: dir });
    expect(r.settings.accountId).toBe("9");
    expect(r.settings.projectId).toBe("5");
    expect(r.sources.AccountId).toBe("explicit");
  });

  it("an empty value falls through to the next source", () => {
    const r = resolveSettings({ connectionString: "ProjectId=", env: { BASECAMP_PROJECTID: "" }, configDir: dir });
    expect(r.settings.projectId).toBe("10");
    expect(r.sources.ProjectId).toBe("profile");
  });

  it("picks the profile: argument > BASECAMP_PROFILE > defaultProfile", () => {
    expect(resolveSettings({ profile: "home", env: { BASECAMP_PROFILE: "work" }, configDir: dir }).settings).toMatchObject({
      accountId: "4",
      schema: "V2",
      authScheme: "Basic",
      password: "p;w",
      profile: "home",
    });
    expect(resolveSettings({ env: { BASECAMP_PROFILE: "home" }, configDir: dir }).settings.profile).toBe("home");
    expect(resolveSettings({ env: {}, configDir: dir }).settings.profile).toBe("work");
  });

  it("BASECAMP_CONNECTION is env level: below explicit, above the profile, below single variables", () => {
    const r = resolveSettings({
      connectionString: "Verbosity=5",
      env: { BASECAMP_CONNECTION: "Verbosity=4;ProjectId=30;MaxRows=8", BASECAMP_MAX_ROWS: "9" },
      configDir: dir,
    });
    expect(r.settings).toMatchObject({ verbosity: 5, projectId: "30", maxRows: 9 });
    expect(r.sources).toMatchObject({ Verbosity: "explicit", ProjectId: "env", MaxRows: "env" });
  });

  it("uses defaults only when nothing else is set", () => {
    const empty = mkdtempSync(join(tmpdir(), "bc-config-empty-"));
    try {
      const r = resolveSettings({ env: {}, configDir: empty });
      expect(r.settings).toEqual({
        schema: "V3",
        authScheme: "OAuth",
        initiateOAuth: "GETANDREFRESH",
        oauthSettingsLocation: join(empty, "oauth", "default.json"),
      });
      expect(r.sources).toEqual({ Schema: "default", AuthScheme: "default", InitiateOAuth: "default", OAuthSettingsLocation: "default" });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("defaults OAuthSettingsLocation to <configDir>/oauth/<accountId>.json", () => {
    const r = resolveSettings({ env: {}, configDir: dir });
    expect(r.settings.oauthSettingsLocation).toBe(join(dir, "oauth", "1.json"));
    expect(defaultSettingsPath("77", dir)).toBe(join(dir, "oauth", "77.json"));
    expect(() => defaultSettingsPath("../x", dir)).toThrow(ConfigError);
  });

  it("says where a bad value came from", () => {
    const e = fails(() => resolveSettings({ env: { BASECAMP_VERBOSITY: "9" }, configDir: dir }));
    expect(e.message).toContain("Verbosity must be a whole number from 0 to 5");
    expect(e.message).toContain("came from a BASECAMP_* environment variable");
  });

  it("rejects Basic with V3 whatever the sources", () => {
    const e = fails(() => resolveSettings({ explicit: { AuthScheme: "Basic" }, env: { BASECAMP_USER: "u", BASECAMP_PASSWORD: "p" }, configDir: dir }));
    expect(e.message).toContain("Basecamp 4/3 needs OAuth");
  });

  it("names the profiles that exist when asked for an unknown one", () => {
    const e = fails(() => resolveSettings({ profile: "play", env: {}, configDir: dir }));
    expect(e.message).toContain('unknown profile "play"');
    expect(e.message).toContain("profiles: work, home");
  });

  it("never reads or changes the real environment when env is given", () => {
    const before = { ...process.env };
    resolveSettings({ env: { BASECAMP_ACCOUNTID: "5" }, configDir: dir });
    expect(process.env).toEqual(before);
  });
});

describe("settingsFromEnv", () => {
  it("accepts BASECAMP_<KEY> with or without underscores, in any case", () => {
    const r = settingsFromEnv({
      BASECAMP_ACCOUNTID: "1",
      BASECAMP_OAUTH_CLIENT_SECRET: "s",
      basecamp_project_id: "2",
      BASECAMP_INITIATEOAUTH: "OFF",
      BASECAMP_PROFILE: "work",
      HOME: "/home/x",
    });
    expect(r.values).toEqual({ AccountId: "1", OAuthClientSecret: "s", ProjectId: "2", InitiateOAuth: "OFF" });
    expect(r.profile).toBe("work");
  });

  it("ignores unknown BASECAMP_* variables, warning about likely typos", () => {
    const r = settingsFromEnv({ BASECAMP_ACOUNTID: "1", BASECAMP_TOKEN_FILE: "x" });
    expect(r.values).toEqual({});
    expect(r.warnings).toEqual(["ignored BASECAMP_ACOUNTID: not a known setting; did you mean BASECAMP_ACCOUNTID?"]);
  });

  it("refuses two spellings of one key with different values", () => {
    expect(() => settingsFromEnv({ BASECAMP_ACCOUNTID: "1", BASECAMP_ACCOUNT_ID: "2" })).toThrow(/unset one of them/);
    expect(settingsFromEnv({ BASECAMP_ACCOUNTID: "1", BASECAMP_ACCOUNT_ID: "1" }).values).toEqual({ AccountId: "1" });
  });

  it("reports errors in BASECAMP_CONNECTION as such", () => {
    expect(() => settingsFromEnv({ BASECAMP_CONNECTION: "AcountId=1" })).toThrow(/^in BASECAMP_CONNECTION: unknown key 'AcountId'.*did you mean AccountId/);
  });
});

describe("config file and profiles", () => {
  it("a missing file means no profiles", () => {
    expect(loadConfigFile(dir)).toEqual({ profiles: {} });
  });

  it("names the file and the position of invalid JSON, without echoing it", () => {
    writeConfig('{\n  "profiles": { "work": { "Password": "Sup3rSecret" },, }\n}');
    const e = fails(() => loadConfigFile(dir));
    expect(e.message).toContain(join(dir, "config.json"));
    expect(e.message).toContain("is not valid JSON at position 56 (line 2, column 55)");
    expect(e.position).toBe(56);
    expect(e.message).not.toContain("Sup3rSecret");
    writeConfig("");
    expect(fails(() => loadConfigFile(dir)).message).toContain("at position 0");
    writeConfig('{"a": 1');
    expect(fails(() => loadConfigFile(dir)).message).toContain("at position 7");
  });

  it("rejects a wrong shape and unknown keys in a profile", () => {
    writeConfig([]);
    expect(fails(() => loadConfigFile(dir)).message).toContain("must hold a JSON object");
    writeConfig({ profiles: { work: 5 } });
    expect(fails(() => loadConfigFile(dir)).message).toContain('profile "work"');
    writeConfig({ profiles: { work: { AcountId: "1" } } });
    expect(fails(() => resolveSettings({ profile: "work", env: {}, configDir: dir })).message).toContain("did you mean AccountId?");
    writeConfig({ profiles: { work: "Foo=1" } });
    expect(fails(() => resolveSettings({ profile: "work", env: {}, configDir: dir })).message).toMatch(/^in profile "work" of .*unknown key 'Foo'/);
  });

  it("an unknown profile with no file says there are none yet", () => {
    expect(fails(() => resolveSettings({ profile: "x", env: {}, configDir: dir })).message).toContain("there are no profiles yet");
  });

  it("saveProfile writes atomically with mode 0600 and keeps other profiles", () => {
    const nested = join(dir, "deeper");
    const path = saveProfile("work", { accountid: "1", Password: "pw" }, { configDir: nested });
    expect(path).toBe(join(nested, "config.json"));
    saveProfile("home", "AccountId=2;Schema=V2", { configDir: nested });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(nested)).toEqual(["config.json"]);
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file).toEqual({
      defaultProfile: "work",
      profiles: { work: { AccountId: "1", Password: "pw" }, home: { AccountId: "2", Schema: "V2" } },
    });
    saveProfile("home", { AccountId: "3" }, { configDir: nested, makeDefault: true });
    expect(loadConfigFile(nested)).toEqual({ defaultProfile: "home", profiles: { work: { AccountId: "1", Password: "pw" }, home: { AccountId: "3" } } });
    expect(resolveSettings({ env: {}, configDir: nested }).settings.accountId).toBe("3");
  });

  it("saveProfile checks names and values", () => {
    expect(() => saveProfile("../evil", { AccountId: "1" }, { configDir: dir })).toThrow(ConfigError);
    expect(() => saveProfile("w", { Verbosity: "9" }, { configDir: dir })).toThrow(/Verbosity must be/);
    expect(() => saveProfile("w", { Bogus: "1" }, { configDir: dir })).toThrow(ConfigError);
  });

  it("configDirectory uses env-paths without suffix, or BASECAMP_CONFIG_DIR", () => {
    expect(configDirectory({ BASECAMP_CONFIG_DIR: dir })).toBe(dir);
    expect(configDirectory({})).toMatch(/basecamp-connector$/);
    mkdirSync(join(dir, "sub"));
    expect(resolveSettings({ env: { BASECAMP_CONFIG_DIR: join(dir, "sub") } }).configDir).toBe(join(dir, "sub"));
  });
});
