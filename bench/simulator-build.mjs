// Benchmarks, printed as ratios measured side by side in one run. Run with `npm run bench`.
import { performance } from "node:perf_hooks";
import { createSimulator } from "../dist/simulator/index.js";

const GOAL_LARGE_MS = 10_000;

function timeBuild(scale) {
  const t0 = performance.now();
  const sim = createSimulator({ scale, seed: 1, rateLimit: "off" });
  const ms = performance.now() - t0;
  const s = sim.store;
  const counts = { projects: s.projects.size, recordings: s.recordings.size, todos: s.ofType("Todo").size };
  void sim.close();
  return { ms, counts };
}

function median(xs) {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.floor(a.length / 2)];
}

const runs = { tiny: 9, small: 7, medium: 5, large: 3 };
const results = [];
for (const [scale, n] of Object.entries(runs)) {
  const times = [];
  let counts;
  for (let i = 0; i < n; i++) {
    const r = timeBuild(scale);
    times.push(r.ms);
    counts = r.counts;
  }
  results.push({ scale, ms: median(times), counts });
}

const base = results.find((r) => r.scale === "small").ms;
console.log("Simulator build time by scale (median of several builds, one process, one run)");
console.log("scale    projects  recordings     to-dos    build ms   × small   records/ms");
for (const r of results) {
  console.log(
    `${r.scale.padEnd(8)} ${String(r.counts.projects).padStart(8)} ${String(r.counts.recordings).padStart(11)} ${String(r.counts.todos).padStart(10)} ${r.ms.toFixed(1).padStart(11)} ${(r.ms / base).toFixed(1).padStart(9)} ${(r.counts.recordings / r.ms).toFixed(0).padStart(12)}`,
  );
}
const large = results.find((r) => r.scale === "large");
console.log(`large builds in ${(large.ms / 1000).toFixed(2)} s: ${(large.ms / GOAL_LARGE_MS).toFixed(2)} of the 10 s goal (${large.ms < GOAL_LARGE_MS ? "met" : "NOT met"})`);
