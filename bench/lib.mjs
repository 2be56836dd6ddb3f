// Shared by the benchmarks: a simulator in its own process (so its CPU and memory are never
// counted on the client's side), its request counters, child processes that report one JSON
// line, and the wall-time floor of a rate limit.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

/** Start `campctl simulator` in another process; resolves to its JSON line plus stats() and close(). */
export async function startSimulator(scale, rateLimit = "off") {
  const server = spawn(process.execPath, [cli, "simulator", "--scale", scale, "--rate-limit", rateLimit, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).once("line", resolve);
    server.once("exit", (code) => reject(new Error(`simulator exited ${code}`)));
  });
  const info = JSON.parse(line);
  const headers = { Authorization: `Bearer ${info.adminToken}` };
  return {
    ...info,
    line,
    /** GET /__sim/stats: total requests and counts by status. */
    stats: async () => (await fetch(`${info.apiUrl}/__sim/stats`, { headers })).json(),
    close: () => server.kill("SIGTERM"),
  };
}

/** Requests and answers by status between two stats() snapshots. */
export function delta(a, b) {
  const by = (s) => (b.by_status[s] ?? 0) - (a.by_status[s] ?? 0);
  return { requests: b.total - a.total, ok: by("200"), notModified: by("304"), tooMany: by("429") };
}

/** Run a bench script in a child process (`node --expose-gc file ...args`); resolves to the last JSON line it prints. */
export async function child(file, args) {
  const p = spawn(process.execPath, ["--expose-gc", fileURLToPath(file), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  const code = await new Promise((resolve) => p.on("exit", resolve));
  if (code !== 0) throw new Error(`${file} exited ${code}`);
  return JSON.parse(out.trim().split("\n").pop());
}

/**
 * The least wall time N requests can take under "`limit` per `windowS` s", starting with a
 * full allowance: the first `limit` go at once, each further window lets `limit` more.
 */
export function floorSeconds(n, limit = 50, windowS = 10) {
  return Math.max(0, Math.ceil(n / limit) - 1) * windowS;
}

export const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
export const verdict = (ok) => (ok ? "met" : "NOT met");
