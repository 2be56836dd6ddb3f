// Public surface of src/config.
export { ConfigError } from "./errors.js";
export { KEYS, SECRET_KEYS, isSecretKey, lookupKey, type KeyInfo, type SettingsRecord } from "./keys.js";
export { parseConnectionString, formatConnectionString, canonicalizeRecord } from "./parse.js";
export { toSettings, convertValue } from "./validate.js";
export { closestKey } from "./suggest.js";
export { KEY_DOCS, settingsReference, settingsMarkdown, settingsText, envNameOf, type KeyDoc, type SettingRow } from "./key-docs.js";
export { settingsFromEnv, type EnvSettings } from "./env.js";
export {
  CONFIG_FILE_NAME,
  configDirectory,
  configFilePath,
  defaultSettingsPath,
  loadConfigFile,
  profileRecord,
  saveProfile,
  type ConfigFile,
} from "./files.js";
export { INSECURE_FILE_WARNING, InsecureFileError } from "./private-file.js";
export { resolveSettings, type ResolveOptions, type ResolvedSettings, type SettingSource } from "./resolve.js";
export { redactSettings, MASK } from "./redact.js";
export type { ConnectionSettings, Schema, AuthScheme, InitiateOAuth } from "./types.js";
