// Issue 14, the client's side: every operation the typed client makes a method for from an
// operation table is called through that method against the simulator (in-process and over
// a real port), and its answer validated against the reference like the raw walk's. Together
// with the hand-written calls, the client must reach all 250 operations.
import { describe, expect, it } from "vitest";
import { clientCoverage, GAPS_PATH, readJson, tableCoverage, type KnownGaps } from "./baselines.js";
import { clientSender } from "./client-walk.js";
import { loadReference } from "./reference.js";
import { useSimulatorPair } from "./simulators.js";
import { walk, type WalkReport, type WalkTarget } from "./walk.js";

const gaps = readJson<KnownGaps>(GAPS_PATH);

function problems(r: WalkReport): string[] {
  return r.results
    .filter((x) => x.outcome !== "valid" && !Object.hasOwn(gaps, x.operationId))
    .map((x) => `${x.operationId} through the client: ${x.outcome} ${x.status} ${x.detail.slice(0, 2).join("; ")}`);
}

async function clientWalk(t: Omit<WalkTarget, "send">): Promise<WalkReport> {
  const { send } = clientSender(t);
  return walk({ ...t, send });
}

describe("the typed client reaches every operation (issue 14)", () => {
  const sims = useSimulatorPair();

  it("has a method for all 250 operations (operation tables or hand-written calls)", () => {
    const all = loadReference().operations.map((o) => o.operationId);
    const covered = new Set(clientCoverage());
    console.info(`conformance (client): ${covered.size} of ${all.length} operations have a method; ${tableCoverage().size} of them from operation tables`);
    expect(all.filter((id) => !covered.has(id))).toEqual([]);
  });

  it("answers validly through the table-made methods (in-process)", async () => {
    const r = await clientWalk({ apiUrl: sims.inProcess.apiUrl, accountId: sims.inProcess.accountId, token: sims.inProcess.adminToken, store: sims.inProcess.store, routes: sims.inProcess.app.routes, fetch: (u, i) => sims.inProcess.fetch(u, i) });
    console.info(`conformance (client, in-process): ${r.counts.valid} of ${r.results.length} table-made methods served+valid`);
    expect(r.results.length).toBe(tableCoverage().size);
    expect(problems(r)).toEqual([]);
  }, 60_000);

  it("and over a real port", async () => {
    const sim = sims.running.simulator;
    const r = await clientWalk({ apiUrl: sims.running.apiUrl, accountId: sims.running.accountId, token: sims.running.adminToken, store: sim.store, routes: sim.app.routes, fetch: (u, i) => fetch(u, i) });
    console.info(`conformance (client, real port): ${r.counts.valid} of ${r.results.length} table-made methods served+valid`);
    expect(problems(r)).toEqual([]);
  }, 60_000);
});
