import { describe, expect, it } from "vitest";
import { ConfigError, formatConnectionString, KEYS, parseConnectionString, toSettings, SECRET_KEYS } from "../../src/config/index.js";
import { jsonErrorPosition } from "../../src/config/internal/json-position.js";
// The simulator's seeded PRNG (tests may use the fixture's code; the library may not).
import { prng } from "../../src/simulator/faults.js";


const SECRET = "S3cretFuzz!";
const keyNames = KEYS.map((k) => k.key);
const pieces = [
  "=", ";", ";", "'", '"', "{", "}", "}}", "''", '""', " ", "\t", "\n", "==", "x", "123", "V2", "V3", "true", "off",
  "é", "日本", "🦄", "\ud800", "\udfff", "\u0000", "\u0007", "\u001b[31m", "\u2028", "\u202e", "\ufeff", "a;b", "k=v",
  "https://x.test/", "50/10s", "-1", "1.5",
];
const plants = [`Password=${SECRET}`, `OAuthClientSecret='${SECRET}`, `ProxyPassword={${SECRET}`, `FirewallPassword="${SECRET}"`, `OAuthAccessToken=${SECRET};`, `OAuthVerifier=${SECRET}=`];

function randomText(rand: () => number): string {
  const count = Math.floor(rand() * 14);
  let out = "";
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.3) {
      const k = keyNames[Math.floor(rand() * keyNames.length)];
      out += rand() < 0.3 ? k.toUpperCase() : rand() < 0.1 ? k.slice(1) : k;
    } else if (r < 0.4) out += plants[Math.floor(rand() * plants.length)];
    else if (r < 0.9) out += pieces[Math.floor(rand() * pieces.length)];
    else out += String.fromCharCode(Math.floor(rand() * 0x3000));
  }
  return out;
}

function checkError(e: unknown, text: string): void {
  if (!(e instanceof ConfigError)) throw new Error(`non-ConfigError for ${JSON.stringify(text)}: ${String(e)}`);
  expect(e.message.length, text).toBeLessThan(300);
  expect(e.message, text).not.toContain(SECRET);
  expect(e.message, text).not.toContain("S3cret");
}

describe("fuzz: parseConnectionString and toSettings", () => {
  it("either parse or throw a short ConfigError without secrets, for 20,000 random strings", () => {
    const rand = prng(20240611);
    let parsed = 0;
    let failed = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = randomText(rand);
      let record: Record<string, string>;
      try {
        record = parseConnectionString(text);
        parsed++;
      } catch (e) {
        failed++;
        checkError(e, text);
        continue;
      }
      // Only when the planted secret sits in secret keys alone is toSettings held to it too.
      const leaksElsewhere = Object.entries(record).some(([k, v]) => !SECRET_KEYS.includes(k) && v.includes("S3cret"));
      try {
        toSettings(record);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        expect(e.message.length, text).toBeLessThan(300);
        if (!leaksElsewhere) expect(e.message, text).not.toContain("S3cret");
      }
    }
    // The generator must exercise both roads.
    expect(parsed).toBeGreaterThan(1000);
    expect(failed).toBeGreaterThan(1000);
  });

  it("round-trips random records through formatConnectionString", () => {
    const rand = prng(7);
    const chars = ["a", "Z", "0", " ", ";", "=", "'", '"', "{", "}", "\t", "é", "🦄", "\n"];
    for (let n = 0; n < 3000; n++) {
      const record: Record<string, string> = {};
      for (const key of keyNames) {
        if (rand() < 0.2) {
          let v = "";
          const len = Math.floor(rand() * 8);
          for (let i = 0; i < len; i++) v += chars[Math.floor(rand() * chars.length)];
          record[key] = v.trim() === "" && !/['"{]/.test(v) ? v.trim() : v;
        }
      }
      const text = formatConnectionString(record);
      expect(parseConnectionString(text), text).toEqual(record);
    }
  });
});

describe("fuzz: JSON error positions agree with JSON.parse", () => {
  it("finds an error exactly when JSON.parse fails", () => {
    const rand = prng(99);
    const base = JSON.stringify({ defaultProfile: "w", profiles: { w: { AccountId: "1", Verbosity: 2, Offline: true, X: null, L: [1, -2.5e3, "a\\\"b\u00e9"] } } }, null, 1);
    const edits = ["", "{", "}", "[", "]", ",", ":", '"', "\\", "0", "-", "e", "t", "n", " ", "\u0001", "01", "1.", "\\u12"];
    for (let n = 0; n < 5000; n++) {
      let text = base;
      const count = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < count; i++) {
        const at = Math.floor(rand() * (text.length + 1));
        const cut = Math.floor(rand() * 3);
        text = text.slice(0, at) + edits[Math.floor(rand() * edits.length)] + text.slice(at + cut);
      }
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      const pos = jsonErrorPosition(text);
      expect(pos === undefined, text).toBe(valid);
      if (pos !== undefined) expect(pos).toBeLessThanOrEqual(text.length);
    }
  });
});
