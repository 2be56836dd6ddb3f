/**
 * Settings from every source, merged key by key. Precedence: explicit (the connection string,
 * then options passed in, which win over it) > environment (BASECAMP_*) > profile > default.
 * The profile is the one passed in, else BASECAMP_PROFILE, else the config file's defaultProfile.
 */
import { ConfigError } from "./errors.js";
import { settingsFromEnv } from "./env.js";
import { configDirectory, configFilePath, defaultSettingsPath, loadConfigFile, profileRecord } from "./files.js";
import { KEYS, type SettingsRecord } from "./keys.js";
import { canonicalizeRecord, parseConnectionString } from "./parse.js";
import type { ConnectionSettings } from "./types.js";
import { toSettings } from "./validate.js";

export type SettingSource = "explicit" | "env" | "profile" | "default";

export interface ResolveOptions {
  connectionString?: string;
  /** Settings by key (any case); they win over the connection string. */
  explicit?: Record<string, string>;
  /** Defaults to process.env (read, never changed). */
  env?: NodeJS.ProcessEnv;
  /** Profile name; beats BASECAMP_PROFILE and the file's defaultProfile. */
  profile?: string;
  /** Defaults to configDirectory(env). */
  configDir?: string;
  /** Fall back to the config file's defaultProfile when no profile is named (default true). */
  defaultProfile?: boolean;
}

export interface ResolvedSettings {
  settings: ConnectionSettings;
  /** Where each set key (canonical spelling) came from. */
  sources: Record<string, SettingSource>;
  /** Things worth telling the user that did not stop us (e.g. a misspelt BASECAMP_* variable). */
  warnings: string[];
  configDir: string;
}

const nonEmpty = (r: SettingsRecord): SettingsRecord =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v.trim() !== ""));

const SOURCE_TEXT: Record<SettingSource, string> = {
  explicit: "the connection string or options",
  env: "a BASECAMP_* environment variable",
  profile: "the profile",
  default: "the defaults",
};

export function resolveSettings(options: ResolveOptions = {}): ResolvedSettings {
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? configDirectory(env);

  const explicit: SettingsRecord = {
    ...nonEmpty(options.connectionString !== undefined ? parseConnectionString(options.connectionString) : {}),
    ...nonEmpty(canonicalizeRecord(options.explicit ?? {}, "the explicit settings")),
  };
  const fromEnv = settingsFromEnv(env);

  let profileName = options.profile?.trim() || fromEnv.profile;
  let fromProfile: SettingsRecord = {};
  const file = loadConfigFile(configDir);
  if (options.defaultProfile !== false) profileName ??= file.defaultProfile;
  if (profileName !== undefined) fromProfile = nonEmpty(profileRecord(file, profileName, configDir));

  const merged: SettingsRecord = {};
  const sources: Record<string, SettingSource> = {};
  for (const { key } of KEYS) {
    for (const [source, record] of [["explicit", explicit], ["env", fromEnv.values], ["profile", fromProfile]] as const) {
      if (record[key] !== undefined) {
        merged[key] = record[key];
        sources[key] = source;
        break;
      }
    }
  }

  let settings: ConnectionSettings;
  try {
    settings = toSettings(merged);
  } catch (e) {
    const from = e instanceof ConfigError && e.key !== undefined ? sources[e.key] : undefined;
    if (from === undefined) throw e;
    const which = from === "profile" ? `profile "${profileName}" in ${configFilePath(configDir)}` : SOURCE_TEXT[from];
    throw new ConfigError(`${(e as ConfigError).message} (${(e as ConfigError).key} came from ${which})`, { key: (e as ConfigError).key });
  }

  for (const key of ["Schema", "AuthScheme", "InitiateOAuth"]) sources[key] ??= "default";
  if (settings.oauthSettingsLocation === undefined && settings.authScheme === "OAuth") {
    settings.oauthSettingsLocation = defaultSettingsPath(settings.accountId, configDir);
    sources.OAuthSettingsLocation = "default";
  }
  if (profileName !== undefined) settings.profile = profileName;
  return { settings, sources, warnings: fromEnv.warnings, configDir };
}
