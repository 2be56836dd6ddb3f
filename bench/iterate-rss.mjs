// Peak RSS of a client process iterating every to-do of a `large` simulator (run in another
// process, so its memory is not counted), beside the same process's RSS before iterating.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const GOAL_MB = 150;

if (process.argv[2] === "--iterate") {
  const { Road, AccountLimiter } = await import("../dist/index.js");
  const info = JSON.parse(process.argv[3]);
  const road = new Road({ accountId: info.accountId, apiBaseUrl: info.apiUrl, accessToken: info.adminToken, userAgent: "bench (bench@example.com)", rateLimiter: new AccountLimiter(null, 4), cache: process.env.BENCH_CACHE === "off" ? false : undefined });
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  let n = 0;
  let peak = baseline;
  const pages = road.paginate("/projects/recordings.json", { query: { type: "Todo" } });
  for await (const t of pages) {
    if (t.id) n++;
    if (n % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ n, total: pages.totalCount, seconds: (performance.now() - started) / 1000, baselineMb: baseline / 2 ** 20, maxRssMb, sampledPeakMb: peak / 2 ** 20 }));
  process.exit(0);
}

const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const server = spawn(process.execPath, [cli, "simulator", "--scale", "large", "--rate-limit", "off", "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const line = await new Promise((resolve, reject) => {
  createInterface({ input: server.stdout }).once("line", resolve);
  server.once("exit", (code) => reject(new Error(`simulator exited ${code}`)));
});
const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--iterate", line], { stdio: ["ignore", "pipe", "inherit"] });
let out = "";
child.stdout.on("data", (d) => (out += d));
await new Promise((resolve) => child.on("exit", resolve));
server.kill("SIGTERM");
const r = JSON.parse(out.trim().split("\n").pop());
console.log(`Iterating every active to-do of a large simulator (${r.n} of X-Total-Count ${r.total}) in ${r.seconds.toFixed(1)} s over a loopback port`);
console.log(`client process RSS before iterating   ${r.baselineMb.toFixed(0)} MB`);
console.log(`client process peak RSS (maxRSS)      ${r.maxRssMb.toFixed(0)} MB   ${(r.maxRssMb / r.baselineMb).toFixed(2)} × before; goal < ${GOAL_MB} MB: ${r.maxRssMb < GOAL_MB ? "met" : "NOT met"}`);
