// The settings reference (campctl help settings, docs/settings.md) comes from the key table
// and must cover every key; docs/settings.md must be what the table produces today.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEY_DOCS, envNameOf, settingsMarkdown, settingsReference, settingsText } from "../../src/config/key-docs.js";
import { KEYS } from "../../src/config/keys.js";
import { settingsFromEnv } from "../../src/config/env.js";
import { toSettings } from "../../src/config/validate.js";
import { ConfigError } from "../../src/config/errors.js";

const DOC = join(import.meta.dirname, "../../docs/settings.md");

/** A value each kind of key accepts, to prove its environment variable is really read. */
function sample(info: (typeof KEYS)[number]): string {
  switch (info.kind.type) {
    case "digits":
      return "12345";
    case "url":
      return "https://example.com/x";
    case "enum":
      return info.kind.values[info.kind.values.length - 1];
    case "bool":
      return "true";
    case "int":
      return String(info.kind.min + 1);
    case "number":
      return "7";
    case "rate":
      return "10/1s";
    default:
      return "some text";
  }
}

describe("settings reference", () => {
  it("docs/settings.md is what the key table produces (run npm run docs:settings after changing keys)", () => {
    const onDisk = readFileSync(DOC, "utf8");
    expect(onDisk).toBe(settingsMarkdown());
  });

  it("documents every key with a meaning and a default, and nothing that is not a key", () => {
    const rows = settingsReference();
    expect(rows.map((r) => r.key)).toEqual(KEYS.map((k) => k.key));
    for (const r of rows) {
      expect(r.meaning.trim().length, r.key).toBeGreaterThan(10);
      expect(r.default.trim().length, r.key).toBeGreaterThan(0);
      expect(r.meaning, r.key).not.toMatch(/\n/);
    }
    expect(Object.keys(KEY_DOCS).sort()).toEqual(KEYS.map((k) => k.key).sort());
  });

  it("lists every key, its environment variable and its default in the doc and the help text", () => {
    const md = readFileSync(DOC, "utf8");
    const text = settingsText();
    for (const r of settingsReference()) {
      const line = md.split("\n").find((l) => l.startsWith(`| \`${r.key}\` |`));
      expect(line, r.key).toBeDefined();
      expect(line).toContain(`\`${r.env}\``);
      expect(text).toContain(`${r.key}  (${r.env})`);
      expect(text.replace(/\s+/g, " ")).toContain(`Default: ${r.default}.`);
    }
  });

  it("names environment variables that settingsFromEnv really reads", () => {
    for (const info of KEYS) {
      const value = sample(info);
      const got = settingsFromEnv({ [envNameOf(info.key)]: value });
      expect(got.values[info.key], envNameOf(info.key)).toBe(value);
      expect(got.warnings).toEqual([]);
    }
  });

  it("states the defaults toSettings fills in", () => {
    const s = toSettings({});
    expect(KEY_DOCS.Schema.default).toBe(s.schema);
    expect(KEY_DOCS.InitiateOAuth.default).toBe(s.initiateOAuth);
    expect(KEY_DOCS.AuthScheme.default.startsWith(s.authScheme)).toBe(true);
    expect(toSettings({ Schema: "V2", User: "u", Password: "p" }).authScheme).toBe("Basic");
  });

  it("points an unknown key at the reference", () => {
    let e: unknown;
    try {
      toSettings({ Zebra: "1" });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toContain("campctl help settings");
    expect((e as Error).message).toContain("docs/settings.md");
    expect((e as Error).message).not.toContain("README");
  });
});
