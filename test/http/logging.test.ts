import { describe, expect, it } from "vitest";
import { redact, registerSecret, REDACTED } from "../../src/http/redact.js";
import type { Logger } from "../../src/http/log.js";
import { faults, roadTo, sim } from "./road-helpers.js";

function memoryLogger(): Logger & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return { lines, write: (l) => void lines.push(l), text: () => lines.join("\n") };
}

describe("logging", () => {
  it("writes one line per request at verbosity 1, with status and time", async () => {
    const s = sim();
    const log = memoryLogger();
    const road = roadTo(s, { logger: log, verbosity: 1 });
    await road.request("GET", "/projects.json");
    await road.request("GET", "/todos/1.json").catch(() => undefined);
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]).toMatch(/GET http:\/\/simulator\.localhost\/\d+\/projects\.json → 200 in \d+ ms/);
    expect(log.lines[1]).toMatch(/→ 404/);
    expect(log.text()).not.toMatch(/User-Agent/);
  });

  it("adds retries at 2, headers at 3, bodies at 4 and transport detail at 5", async () => {
    const s = sim();
    const at = async (v: 2 | 3 | 4 | 5) => {
      const log = memoryLogger();
      await faults(s, { errors: { count: 1, statuses: [503] } });
      await roadTo(s, { logger: log, verbosity: v, rateLimiter: undefined, rateLimit: "1000/1s" }).request("GET", "/projects.json");
      return log.text();
    };
    const v2 = await at(2);
    expect(v2).toMatch(/retrying GET .* \(503\)/);
    expect(v2).not.toMatch(/user-agent/i);
    const v3 = await at(3);
    expect(v3).toMatch(/user-agent: road tests/i);
    expect(v3).toMatch(/x-total-count: \d+/i);
    expect(v3).not.toMatch(/"name":/);
    const v4 = await at(4);
    expect(v4).toMatch(/"name":/);
    expect(v4).not.toMatch(/transport:/);
    const v5 = await at(5);
    expect(v5).toMatch(/… transport: attempt 1 of 4, idempotent, timeout 60 s, direct/);
    expect(v5).toMatch(/… transport: attempt 2 of 4/);
  });

  it("never logs the token, at any verbosity", async () => {
    const s = sim();
    const log = memoryLogger();
    const token = s.store.auth.issueTokens(s.store.account.ownerId, s.clientId, 3600).access_token;
    const road = roadTo(s, { logger: log, verbosity: 5, accessToken: token });
    await road.request("GET", "/projects.json");
    await road.request("POST", "/projects.json", { body: { name: "Leaky?", description: `access_token=${token}` } });
    await road.request("GET", "/nope.json").catch(() => undefined);
    const text = log.text();
    expect(text.length).toBeGreaterThan(500);
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).toContain(`authorization: ${REDACTED.toLowerCase()}`);
  });
});

describe("redaction", () => {
  it("masks registered secrets and secret-shaped values", () => {
    registerSecret("s3cr3t-value-123");
    const masked = redact(
      'Authorization: Bearer abc.def.ghi; {"refresh_token":"rt-9876543","client_secret":"cs-1","code":"xyz"} https://u:pw123456@proxy.example:8080 ?code=AUTHCODE&state=ok password=hunter22 and s3cr3t-value-123',
    );
    for (const secret of ["abc.def.ghi", "rt-9876543", "cs-1", "xyz", "pw123456", "AUTHCODE", "hunter22", "s3cr3t-value-123"]) expect(masked).not.toContain(secret);
    expect(masked).toContain("state=ok");
    expect(redact(masked)).toBe(masked);
    expect(redact('{"zipcode":"12345","token_type":"Bearer"}')).toBe('{"zipcode":"12345","token_type":"Bearer"}');
  });
});
