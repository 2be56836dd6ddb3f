// Issue 15: all 124 documented Basecamp 2 endpoints, called through Basecamp2Client's methods
// against the simulator (in-process and over a real port), with HTTP Basic sign-in.
import { describe, expect, it } from "vitest";
import { Basecamp2Client } from "../../src/api/bc2/client.js";
import { endpointLines, walkBc2 } from "./bc2-walk.js";
import { tableMethods } from "./client-walk.js";
import { useSimulatorPair } from "./simulators.js";
import { BC2_ENDPOINTS } from "../../src/api/bc2/operations.js";

function clientFor(sim: { bc2ApiUrl: string; bc2AccountId: string; bc2User: string; bc2Password: string }, fetcher?: typeof fetch): Basecamp2Client {
  return new Basecamp2Client({
    accountId: sim.bc2AccountId,
    apiBaseUrl: sim.bc2ApiUrl.replace(/\/\d+\/api\/v1$/, ""),
    user: sim.bc2User,
    password: sim.bc2Password,
    userAgent: "basecamp-connector bc2 walk (dev@example.com)",
    rateLimit: null,
    maxRetries: 0,
    ...(fetcher ? { fetch: fetcher } : {}),
  });
}

describe("Basecamp 2: every endpoint through the client (issue 15)", () => {
  const sims = useSimulatorPair();

  it("maps each of the 124 documented lines to an operation with a client method", () => {
    const lines = endpointLines();
    expect(lines).toHaveLength(124);
    const methods = tableMethods(clientFor(sims.inProcess, sims.inProcess.fetch));
    expect(Object.keys(BC2_ENDPOINTS).filter((op) => !methods.has(op))).toEqual([]);
    expect(new Set(lines.map((l) => l.op)).size).toBe(Object.keys(BC2_ENDPOINTS).length);
  });

  it("serves every line (in-process)", async () => {
    const results = await walkBc2(clientFor(sims.inProcess, sims.inProcess.fetch), sims.inProcess.store);
    const failed = results.filter((r) => !r.ok).map((r) => `${r.line}: ${r.detail}`);
    console.info(`bc2 walk (in-process): ${results.length - failed.length} of ${results.length} endpoint lines served through Basecamp2Client`);
    expect(failed).toEqual([]);
  }, 60_000);

  it("and over a real port", async () => {
    const results = await walkBc2(clientFor(sims.running), sims.running.simulator.store);
    const failed = results.filter((r) => !r.ok).map((r) => `${r.line}: ${r.detail}`);
    console.info(`bc2 walk (real port): ${results.length - failed.length} of ${results.length}`);
    expect(failed).toEqual([]);
  }, 60_000);
});
