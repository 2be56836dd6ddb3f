// Issue 14's measuring stick: every operation of reference/basecamp-operations.json is called
// against the simulator (in-process and over a real port) and every JSON answer is checked
// against the reference's response schema. Operations not in known-gaps.json must be served
// and valid; operations in it must still fall short (when one starts working, remove it from
// the list: `npm run conformance -- --write` rewrites both baselines). The client's covered
// operations must not shrink below client-covered.json.
import { describe, expect, it } from "vitest";
import { CLIENT_BASELINE_PATH, clientCoverage, GAPS_PATH, readJson, type KnownGaps } from "./baselines.js";
import { loadReference } from "./reference.js";
import { useSimulatorPair } from "./simulators.js";
import { walk, type WalkReport } from "./walk.js";

const TOTAL = loadReference().operations.length;
const gaps = readJson<KnownGaps>(GAPS_PATH);

function summary(label: string, r: WalkReport): string {
  const c = r.counts;
  return `conformance (${label}): served+valid ${c.valid} of ${TOTAL}; served+invalid ${c.invalid}, missing ${c.missing}, failing ${c.failing}`;
}

/** The lines that break the baseline (empty when the report keeps to it). */
function breaches(r: WalkReport): string[] {
  const out: string[] = [];
  for (const res of r.results) {
    const listed = Object.hasOwn(gaps, res.operationId);
    if (!listed && res.outcome !== "valid") {
      out.push(`${res.operationId} (${res.method} ${res.path}) is ${res.outcome} (status ${res.status}${res.detail.length ? `: ${res.detail.slice(0, 3).join("; ")}` : ""}) but is not in known-gaps.json`);
    }
    if (listed && res.outcome === "valid") {
      out.push(`${res.operationId} is now served and valid: remove it from test/conformance/known-gaps.json (coverage grew)`);
    }
  }
  return out;
}

function checkReport(label: string, r: WalkReport): void {
  console.info(summary(label, r));
  expect(r.results.map((x) => x.operationId).sort()).toEqual(loadReference().operations.map((o) => o.operationId).sort());
  expect(breaches(r)).toEqual([]);
}

describe("conformance to the reference (issue 14)", () => {
  const sims = useSimulatorPair();
  let local: WalkReport;

  it("names only operations of the reference in known-gaps.json", () => {
    const ids = new Set(loadReference().operations.map((o) => o.operationId));
    expect(TOTAL).toBe(250);
    expect(Object.keys(gaps).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("serves every operation outside known-gaps.json with a valid response (in-process)", async () => {
    local = await walk({
      apiUrl: sims.inProcess.apiUrl,
      accountId: sims.inProcess.accountId,
      token: sims.inProcess.adminToken,
      store: sims.inProcess.store,
      routes: sims.inProcess.app.routes,
      fetch: (url, init) => sims.inProcess.fetch(url, init),
    });
    checkReport("in-process", local);
  }, 60_000);

  it("answers the same over a real port", async () => {
    const sim = sims.running.simulator;
    const remote = await walk({
      apiUrl: sims.running.apiUrl,
      accountId: sims.running.accountId,
      token: sims.running.adminToken,
      store: sim.store,
      routes: sim.app.routes,
      fetch: (url, init) => fetch(url, init),
    });
    checkReport(`real port ${sims.running.port}`, remote);
    if (local) {
      const byId = new Map(local.results.map((x) => [x.operationId, `${x.outcome} ${x.status}`]));
      const differ = remote.results.filter((x) => byId.get(x.operationId) !== `${x.outcome} ${x.status}`).map((x) => `${x.operationId}: in-process ${byId.get(x.operationId)}, real port ${x.outcome} ${x.status}`);
      expect(differ).toEqual([]);
    }
  }, 60_000);

  it("keeps every operation the client covered (client-covered.json)", () => {
    const baseline = readJson<string[]>(CLIENT_BASELINE_PATH);
    const now = clientCoverage();
    console.info(`conformance (client): ${now.length} of ${TOTAL} operations have a call in src/api/resources`);
    expect(baseline.filter((id) => !now.includes(id))).toEqual([]);
    // A grown set is welcome; record it so it cannot shrink back.
    const grown = now.filter((id) => !baseline.includes(id));
    expect(grown, `the client now covers ${grown.join(", ")}: add them to test/conformance/client-covered.json (npm run conformance -- --write)`).toEqual([]);
  });
});
