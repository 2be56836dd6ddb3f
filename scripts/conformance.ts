// `npm run conformance`: walk every reference operation against a fresh simulator and print
// one line per operation. `--write` also rewrites test/conformance/known-gaps.json and
// client-covered.json from today's results (do that when coverage grows).
import { writeFileSync } from "node:fs";
import { createSimulator } from "../src/simulator/index.js";
import { clientCoverage, CLIENT_BASELINE_PATH, GAPS_PATH, gapsFrom } from "../test/conformance/baselines.js";
import { formatTable, walk } from "../test/conformance/walk.js";

const sim = createSimulator({ rateLimit: "off" });
const report = await walk({ apiUrl: sim.apiUrl, accountId: sim.accountId, token: sim.adminToken, store: sim.store, routes: sim.app.routes, fetch: (u, i) => sim.fetch(u, i) });
await sim.close();
console.log(formatTable(report));
// What most invalid answers share: the failing field, with list indexes taken out.
const common = new Map<string, Set<string>>();
for (const r of report.results) {
  for (const e of r.outcome === "invalid" ? r.detail : []) {
    const key = e.replace(/\/\d+(?=\/|\s)/g, "/*").replace(/^\/\*(?=\/|\s)/, "");
    common.set(key, (common.get(key) ?? new Set()).add(r.operationId));
  }
}
console.log("\nmost common validation errors (operations):");
for (const [e, ops] of [...common].sort((a, b) => b[1].size - a[1].size).slice(0, 12)) console.log(`  ${String(ops.size).padStart(3)}  ${e}`);
const covered = clientCoverage();
console.log(`client covers ${covered.length} of ${report.results.length} operations`);
if (process.argv.includes("--write")) {
  writeFileSync(GAPS_PATH, `${JSON.stringify(gapsFrom(report), null, 2)}\n`);
  writeFileSync(CLIENT_BASELINE_PATH, `${JSON.stringify(covered, null, 2)}\n`);
  console.log(`wrote ${GAPS_PATH} and ${CLIENT_BASELINE_PATH}`);
}
