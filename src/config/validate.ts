/**
 * Raw values (by canonical key) → typed, checked ConnectionSettings.
 *
 * An empty value means "not set". Defaults: Schema=V3; InitiateOAuth=GETANDREFRESH (the SQL
 * drivers' common default: get a token when there is none, refresh it when it expires);
 * AuthScheme=OAuth, or Basic when Schema=V2 and User is given.
 */
import { RATE_RULE_FORMS, readRateRule } from "./rate-rule.js";
import { ConfigError } from "./errors.js";
import { KEYS, lookupKey, type KeyInfo, type SettingsRecord, type ValueKind } from "./keys.js";
import { suggestionFor } from "./suggest.js";
import type { AuthScheme, ConnectionSettings, Schema } from "./types.js";

const TRUE = ["true", "yes", "1", "on"];
const FALSE = ["false", "no", "0", "off"];

function bad(info: KeyInfo, allowed: string, shown?: string): ConfigError {
  // Only non-secret values are echoed, clipped; secrets are described, never shown.
  const got = info.secret || shown === undefined ? "" : `; got ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown).replace(/[\u2028\u2029]/g, "?")}`;
  return new ConfigError(`${info.key} must be ${allowed}${got}`, { key: info.key });
}

const NUMBER = /^\d+(?:\.\d+)?$/;

/** Convert one raw value; throws ConfigError naming the key and the allowed values. */
export function convertValue(info: KeyInfo, raw: string): string | number | boolean {
  const v = raw.trim();
  const kind: ValueKind = info.kind;
  switch (kind.type) {
    case "string":
      return raw;
    case "digits":
      if (!/^\d+$/.test(v)) throw bad(info, "digits only (the number in your Basecamp URL, e.g. 3.basecamp.com/1234567)", v);
      return v;
    case "url": {
      let ok = false;
      try {
        const u = new URL(v);
        ok = (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
      } catch {
        ok = false;
      }
      if (!ok) throw bad(info, "an absolute http(s) URL such as https://example.com/path");
      return v;
    }
    case "enum": {
      const hit = kind.values.find((x) => x.toLowerCase() === v.toLowerCase());
      if (hit === undefined) throw bad(info, `one of ${kind.values.join(", ")} (any case)`, v);
      return hit;
    }
    case "bool": {
      const l = v.toLowerCase();
      if (TRUE.includes(l)) return true;
      if (FALSE.includes(l)) return false;
      throw bad(info, "true or false (also yes/no, 1/0, on/off; any case)", v);
    }
    case "int": {
      const range = kind.max === Number.MAX_SAFE_INTEGER ? `${kind.min} or more` : `${kind.min} to ${kind.max}`;
      const what = info.key === "MaxRows" ? "a whole number, 0 or more (0 = no cap)" : `a whole number from ${range}`;
      if (!/^\d+$/.test(v)) throw bad(info, what, v);
      const num = Number(v);
      if (!Number.isSafeInteger(num) || num < kind.min || num > kind.max) throw bad(info, what, v);
      return num;
    }
    case "number": {
      const what = kind.exclusiveMin ? `a number of seconds greater than ${kind.min}` : `a number of seconds, ${kind.min} or more`;
      if (!NUMBER.test(v)) throw bad(info, what, v);
      const num = Number(v);
      if (!Number.isFinite(num) || (kind.exclusiveMin ? num <= kind.min : num < kind.min)) throw bad(info, what, v);
      return num;
    }
    case "rate": {
      const rule = readRateRule(v);
      if (rule === undefined) throw bad(info, RATE_RULE_FORMS, v);
      return rule === null ? "off" : v;
    }
  }
}

/** Validate raw values and build the typed settings (defaults filled in). */
export function toSettings(record: SettingsRecord): ConnectionSettings {
  const values = new Map<string, string | number | boolean>();
  for (const [name, raw] of Object.entries(record)) {
    const info = lookupKey(name);
    if (info === undefined) throw new ConfigError(`unknown key ${JSON.stringify(name.slice(0, 40))}; ${suggestionFor(name)}`);
    if (typeof raw !== "string") throw new ConfigError(`${info.key} must be given as text`, { key: info.key });
    if (raw.trim() === "") continue;
    if (values.has(info.key)) throw new ConfigError(`${info.key} is given twice (keys ignore case): keep only one`, { key: info.key });
    values.set(info.key, convertValue(info, raw));
  }

  const schema = (values.get("Schema") as Schema | undefined) ?? "V3";
  const user = values.get("User") as string | undefined;
  const explicitScheme = values.get("AuthScheme") as AuthScheme | undefined;
  const authScheme: AuthScheme = explicitScheme ?? (schema === "V2" && user !== undefined ? "Basic" : "OAuth");
  if (authScheme === "Basic") {
    if (schema === "V3") {
      throw new ConfigError(
        "AuthScheme=Basic does not work with Schema=V3: Basecamp 4/3 needs OAuth — set AuthScheme=OAuth, or Schema=V2 for a Basecamp 2 account",
        { key: "AuthScheme" },
      );
    }
    const why = explicitScheme === undefined ? " (chosen because Schema=V2 and User is set)" : "";
    const missing = ["User", "Password"].filter((k) => !values.has(k));
    // The sandbox signs in as its Basecamp 2 owner when neither is given.
    const sandboxOwner = values.get("Sandbox") === true && missing.length === 2;
    if (missing.length > 0 && !sandboxOwner) {
      throw new ConfigError(
        `AuthScheme=Basic${why} needs User and Password: set ${missing.join(" and ")}, or use AuthScheme=OAuth`,
        { key: missing[0] },
      );
    }
  }

  const settings: ConnectionSettings = { schema, authScheme, initiateOAuth: "GETANDREFRESH" };
  const target = settings as unknown as Record<string, unknown>;
  for (const info of KEYS) {
    const value = values.get(info.key);
    if (value !== undefined && info.key !== "AuthScheme") target[info.field] = value;
  }
  return settings;
}
