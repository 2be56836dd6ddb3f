// `npm run bench`: every benchmark, each in its own Node process (clean heap, JIT and RSS),
// printed one after another in one run. Each prints ratios measured side by side.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const benches = ["simulator-build.mjs", "client-overhead.mjs", "iterate-rss.mjs", "sql-sync.mjs", "pg-sync.mjs", "watch.mjs"];
let failed = 0;
for (const b of benches) {
  const file = fileURLToPath(new URL(`./${b}`, import.meta.url));
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, ["--expose-gc", file], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
