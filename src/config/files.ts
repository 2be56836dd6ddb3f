/**
 * The config directory (env-paths, "basecamp-connector", no suffix), its config.json with
 * named profiles, and the default place for OAuth settings files.
 *
 * config.json: { "defaultProfile": "work", "profiles": { "work": { "AccountId": "123" },
 * "home": "AccountId=456;Schema=V2" } } — a profile is a record or a connection string.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import envPaths from "env-paths";
import { ConfigError } from "./errors.js";
import { jsonErrorPosition, lineAndColumn } from "./internal/json-position.js";
import { lookupKey, type SettingsRecord } from "./keys.js";
import { canonicalizeRecord, parseConnectionString } from "./parse.js";
import { InsecureFileError, keepPrivate } from "./private-file.js";
import { convertValue } from "./validate.js";

export const CONFIG_FILE_NAME = "config.json";

export interface ConfigFile {
  defaultProfile?: string;
  profiles: Record<string, SettingsRecord | string>;
}

/** The user's config directory; BASECAMP_CONFIG_DIR overrides it. */
export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.BASECAMP_CONFIG_DIR;
  if (override !== undefined && override.trim() !== "") return resolve(override);
  return envPaths("basecamp-connector", { suffix: "" }).config;
}

/** Where replicas, the HTTP cache and the sandbox live; BASECAMP_DATA_DIR overrides it. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.BASECAMP_DATA_DIR;
  if (override !== undefined && override.trim() !== "") return resolve(override);
  return envPaths("basecamp-connector", { suffix: "" }).data;
}

/**
 * The embedded simulator's folder under the data directory: its saved state, its sign-ins
 * (`oauth/<account>.json`), its replica and HTTP cache. `campctl sandbox reset` removes it whole.
 */
export function sandboxPaths(dataDir: string = dataDirectory()): { dir: string; state: string; oauth: string } {
  const dir = join(dataDir, "sandbox");
  return { dir, state: join(dir, "state.json"), oauth: join(dir, "oauth") };
}

export function configFilePath(configDir: string = configDirectory()): string {
  return join(configDir, CONFIG_FILE_NAME);
}

/**
 * Where the OAuth settings (tokens) of an account are kept by default:
 * `<configDir>/oauth/<accountId>.json`, or `oauth/default.json` before the account is known.
 */
export function defaultSettingsPath(accountId?: string, configDir: string = configDirectory()): string {
  if (accountId !== undefined && !/^\d+$/.test(accountId)) {
    throw new ConfigError("AccountId must be digits only (the number in your Basecamp URL)", { key: "AccountId" });
  }
  return join(configDir, "oauth", `${accountId ?? "default"}.json`);
}

/**
 * Read config.json (an empty config when the file does not exist). A file open to group or
 * others is made 0600 with a warning (BASECAMP_INSECURE_FILE). Throws ConfigError.
 */
export function loadConfigFile(configDir: string = configDirectory()): ConfigFile {
  const path = configFilePath(configDir);
  let text: string;
  try {
    keepPrivate(path, "The config file");
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof InsecureFileError) throw new ConfigError(e.message);
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { profiles: Object.create(null) as ConfigFile["profiles"] };
    throw new ConfigError(`cannot read the config file ${path} (${(e as NodeJS.ErrnoException).code ?? "error"}): check that it is a readable file`);
  }
  const at = jsonErrorPosition(text);
  if (at !== undefined) {
    const { line, column } = lineAndColumn(text, at);
    throw new ConfigError(
      `the config file ${path} is not valid JSON at position ${at} (line ${line}, column ${column}): fix it, or delete it to start over`,
      { position: at },
    );
  }
  const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
  const shape = `expected { "defaultProfile": "name", "profiles": { "name": { "AccountId": "123" } } }`;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError(`the config file ${path} must hold a JSON object: ${shape}`);
  }
  const obj = data as Record<string, unknown>;
  const out: ConfigFile = { profiles: Object.create(null) as ConfigFile["profiles"] };
  if (obj.defaultProfile !== undefined) {
    if (typeof obj.defaultProfile !== "string") throw new ConfigError(`"defaultProfile" in ${path} must be a profile name (text)`);
    out.defaultProfile = obj.defaultProfile;
  }
  if (obj.profiles !== undefined) {
    if (typeof obj.profiles !== "object" || obj.profiles === null || Array.isArray(obj.profiles)) {
      throw new ConfigError(`"profiles" in ${path} must be an object of named profiles: ${shape}`);
    }
    for (const [name, value] of Object.entries(obj.profiles as Record<string, unknown>)) {
      if (typeof value === "string") out.profiles[name] = value;
      else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        out.profiles[name] = value as SettingsRecord;
      } else {
        throw new ConfigError(`profile "${name.slice(0, 40)}" in ${path} must be an object of settings or a connection string`);
      }
    }
  }
  return out;
}

/** The raw values of a named profile, or a ConfigError listing the profiles that exist. */
export function profileRecord(file: ConfigFile, name: string, configDir: string): SettingsRecord {
  const where = `profile "${name.slice(0, 40)}" of ${configFilePath(configDir)}`;
  if (!Object.prototype.hasOwnProperty.call(file.profiles, name)) {
    const names = Object.keys(file.profiles);
    const have = names.length === 0 ? "there are no profiles yet; save one with saveProfile or campctl" : `profiles: ${names.slice(0, 20).join(", ")}`;
    throw new ConfigError(`unknown profile "${name.slice(0, 40)}" in ${configFilePath(configDir)} (${have})`);
  }
  const value = file.profiles[name];
  try {
    return typeof value === "string" ? parseConnectionString(value) : canonicalizeRecord(value, where);
  } catch (e) {
    if (e instanceof ConfigError && typeof value === "string") {
      throw new ConfigError(`in ${where}: ${e.message}`, { key: e.key, position: e.position });
    }
    throw e;
  }
}

/**
 * Save (or replace) a named profile in config.json, written atomically with mode 0600.
 * Values are checked one by one; returns the file's path.
 */
export function saveProfile(
  name: string,
  record: SettingsRecord | string,
  options: { configDir?: string; makeDefault?: boolean } = {},
): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new ConfigError("a profile name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }
  const configDir = options.configDir ?? configDirectory();
  const values = typeof record === "string" ? parseConnectionString(record) : canonicalizeRecord(record, `profile "${name}"`);
  for (const [key, raw] of Object.entries(values)) {
    if (raw.trim() !== "") convertValue(lookupKey(key)!, raw);
  }
  const file = loadConfigFile(configDir);
  file.profiles[name] = values;
  // makeDefault: true always, false never, unset only when there is no default yet.
  if (options.makeDefault === true || (options.makeDefault === undefined && file.defaultProfile === undefined)) file.defaultProfile = name;
  const path = configFilePath(configDir);
  writeAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

function writeAtomic(path: string, text: string): void {
  const dir = resolve(path, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: 0o600, flag: "wx" });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    throw new ConfigError(`cannot write the config file ${path} (${(e as NodeJS.ErrnoException).code ?? "error"}): check the directory's permissions`);
  }
}
