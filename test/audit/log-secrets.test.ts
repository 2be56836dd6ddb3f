// Runs after the whole suite (vitest project "audit"): every secret any road handled must
// be absent from the verbosity-5 log of the suite.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SUITE_LOG, SUITE_SECRETS_DIR, SUITE_SEEDED_SECRETS } from "../setup/paths.js";

describe("the suite's verbosity-5 log", () => {
  it("holds many requests and none of the secrets the suite used", () => {
    expect(existsSync(SUITE_LOG), "the suite wrote no log: did the suite run?").toBe(true);
    const log = readFileSync(SUITE_LOG, "utf8");
    const requests = log.split("\n").filter((l) => / → (\d{3}|network error|timed out)/.test(l)).length;
    expect(requests).toBeGreaterThan(200);
    expect(log).toMatch(/Authorization: /);
    const secrets = new Set<string>();
    for (const f of readdirSync(SUITE_SECRETS_DIR)) {
      for (const s of readFileSync(join(SUITE_SECRETS_DIR, f), "utf8").split("\n")) if (s) secrets.add(s);
    }
    expect(secrets.size).toBeGreaterThan(3);
    // Secrets the suite made up and sent itself (test/http/seeded-secrets.test.ts): known
    // here whether or not the redactor ever heard of them.
    expect(existsSync(SUITE_SEEDED_SECRETS), "the seeded-secrets test did not run").toBe(true);
    const seeded = readFileSync(SUITE_SEEDED_SECRETS, "utf8").split("\n").filter(Boolean);
    expect(seeded.length).toBeGreaterThan(10);
    for (const s of seeded) secrets.add(s);
    const leaked = [...secrets].filter((s) => log.includes(s) || log.includes(Buffer.from(s).toString("base64")));
    expect(leaked.map((s) => `${s.slice(0, 3)}… (${s.length} chars)`)).toEqual([]);
  });
});
