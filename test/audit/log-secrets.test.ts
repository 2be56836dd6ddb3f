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
    const leaked = findIn(log, [...secrets].flatMap((s) => [s, Buffer.from(s).toString("base64")]));
    expect(leaked.map((s) => `${s.slice(0, 3)}… (${s.length} chars)`)).toEqual([]);
  }, 180_000);
});

const K = 8;
const B = 257;

/**
 * The needles found anywhere in the text, in one pass over it (Rabin-Karp on the first K
 * characters of each needle, each hit confirmed in full): the log grows with the suite, and a
 * search per secret would read it thousands of times.
 */
function findIn(text: string, needles: string[]): string[] {
  const found = new Set<string>();
  const short = needles.filter((n) => n.length < K);
  for (const n of short) if (text.includes(n)) found.add(n);
  const byHash = new Map<number, string[]>();
  const hashOf = (s: string, from: number) => {
    let h = 0;
    for (let i = from; i < from + K; i++) h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
    return h;
  };
  for (const n of needles) if (n.length >= K) byHash.set(hashOf(n, 0), [...(byHash.get(hashOf(n, 0)) ?? []), n]);
  if (byHash.size === 0 || text.length < K) return [...found];
  let top = 1; // B^(K-1)
  for (let i = 1; i < K; i++) top = Math.imul(top, B);
  let h = hashOf(text, 0);
  for (let i = 0; ; i++) {
    const hits = byHash.get(h);
    if (hits) for (const n of hits) if (!found.has(n) && text.startsWith(n, i)) found.add(n);
    if (i + K >= text.length) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), top), B) + text.charCodeAt(i + K)) | 0;
  }
  return [...found];
}
