/**
 * Settings from environment variables: BASECAMP_<KEY> with the key in any case, with or
 * without underscores between words (BASECAMP_ACCOUNTID, BASECAMP_ACCOUNT_ID); BASECAMP_CONNECTION
 * holds a whole connection string (single variables win over it); BASECAMP_PROFILE names a
 * profile; BASECAMP_CONFIG_DIR moves the config directory. Other BASECAMP_* variables are
 * left alone (other tools use the prefix too), with a warning when one looks like a typo.
 */
import { ConfigError } from "./errors.js";
import { KEYS, type SettingsRecord } from "./keys.js";
import { parseConnectionString } from "./parse.js";
import { closestKey } from "./suggest.js";

const PREFIX = "BASECAMP_";
const SPECIAL = new Set(["CONNECTION", "PROFILE", "CONFIG_DIR", "CONFIGDIR"]);
const byEnvName = new Map(KEYS.map((k) => [k.key.toUpperCase(), k.key]));

export interface EnvSettings {
  values: SettingsRecord;
  profile?: string;
  warnings: string[];
}

/** Read BASECAMP_* variables from an environment object (never mutated). Throws ConfigError. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): EnvSettings {
  const values: SettingsRecord = {};
  const from = new Map<string, string>();
  const warnings: string[] = [];
  let connection: string | undefined;
  let profile: string | undefined;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.length <= PREFIX.length || name.slice(0, PREFIX.length).toUpperCase() !== PREFIX) continue;
    const rest = name.slice(PREFIX.length).toUpperCase();
    if (SPECIAL.has(rest)) {
      if (rest === "CONNECTION") connection = value;
      else if (rest === "PROFILE" && value.trim() !== "") profile = value.trim();
      continue;
    }
    const key = byEnvName.get(rest.replace(/_/g, ""));
    if (key === undefined) {
      const near = closestKey(rest);
      if (near !== undefined) warnings.push(`ignored ${name.slice(0, 60)}: not a known setting; did you mean ${PREFIX}${near.toUpperCase()}?`);
      continue;
    }
    if (value.trim() === "") continue;
    const other = from.get(key);
    if (other !== undefined && values[key] !== value) {
      throw new ConfigError(`both ${other} and ${name} are set, to different values: unset one of them`, { key });
    }
    values[key] = value;
    from.set(key, name);
  }
  if (connection !== undefined && connection.trim() !== "") {
    let parsed: SettingsRecord;
    try {
      parsed = parseConnectionString(connection);
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(`in ${PREFIX}CONNECTION: ${e.message}`, { key: e.key, position: e.position });
      throw e;
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (values[key] === undefined && value.trim() !== "") values[key] = value;
    }
  }
  const out: EnvSettings = { values, warnings };
  if (profile !== undefined) out.profile = profile;
  return out;
}
