// One measured client process for sql-sync.mjs, printing one JSON line. Modes:
//   sync  <sim> <dir> <full|incremental> <rate> [tables]  sync into <dir>/replica.sqlite with
//         the file cache connect() gives a sync (<dir>/http-cache); saves the GET URLs it made
//   read  <sim> <dir>  GET the URLs the last sync made, through a client with a fresh file
//         cache and the sync's concurrency: the same pages, read and nothing else
//   walk  <sim>  every to-do the way a client without /projects/recordings.json must read
//         them: projects → to-do set → lists → groups → to-dos, every status, all pages
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { BasecampClient } from "../dist/index.js";
import { openDatabase } from "../dist/sql/replica.js";
import { syncTables } from "../dist/sql/sync/index.js";

const [mode, simJson, dir, ...rest] = process.argv.slice(2);
const sim = JSON.parse(simJson);
// The URLs a sync GETs go to a file as they are made, so the list is not in the measured heap.
let made = 0;
const log = mode === "sync" ? createWriteStream(join(dir, "urls.txt")) : undefined;
const client = (cacheDir, rateLimit = "off") =>
  new BasecampClient({
    accountId: sim.accountId,
    apiBaseUrl: sim.apiUrl,
    accessToken: sim.adminToken,
    userAgent: "bench (bench@example.com)",
    rateLimit,
    cache: cacheDir ? { dir: cacheDir } : false,
    fetch: (input, init) => (made++, log?.write(`${input}\n`), fetch(input, init)),
  });

// Peaks of what the process holds, sampled: where the memory is, beside maxRSS.
const peak = { heapUsedMb: 0, externalMb: 0, rssMb: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsed / 2 ** 20);
  peak.externalMb = Math.max(peak.externalMb, m.external / 2 ** 20);
  peak.rssMb = Math.max(peak.rssMb, m.rss / 2 ** 20);
};
setInterval(sample, 250).unref();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
function report(extra) {
  const c = process.cpuUsage(cpu0);
  sample();
  const out = { cpuS: (c.user + c.system) / 1e6, wallS: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, peak, ...extra };
  console.log(JSON.stringify(out));
}

if (mode === "sync") {
  const [kind, rate, tables] = rest;
  const db = openDatabase(join(dir, "replica.sqlite"));
  const summary = await syncTables(db, client(join(dir, "http-cache"), rate), { full: kind === "full", tables: tables ? tables.split(",") : undefined });
  db.close();
  await new Promise((resolve) => log.end(resolve));
  const sum = (k) => Object.values(summary).reduce((n, s) => n + s[k], 0);
  report({ records: sum("upserted"), requests: sum("requests"), tables: Object.keys(summary).length, todos: summary.ToDos?.upserted });
} else if (mode === "read") {
  const list = readFileSync(join(dir, "urls.txt"), "utf8").split("\n").filter(Boolean);
  const c = client(join(dir, "read-cache"));
  let next = 0;
  const worker = async () => {
    while (next < list.length) await c.road.request("GET", list[next++]).catch(() => {});
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  report({ requests: list.length });
} else if (mode === "walk") {
  const c = client(undefined);
  const STATUSES = ["active", "archived", "trashed"];
  const all = (path, query = {}) => c.road.paginate(path, { query }).toArray();
  let todos = 0;
  const todosOf = async (p, listId) => {
    // Active to-dos come pending by default; completed ones need completed=true.
    for (const query of [{}, { completed: true }, { status: "archived" }, { status: "trashed" }]) todos += (await all(`/buckets/${p}/todolists/${listId}/todos.json`, query)).length;
  };
  for (const status of STATUSES) {
    for (const project of await all("/projects.json", { status })) {
      const set = project.dock.find((d) => d.name === "todoset");
      if (!set) continue;
      await c.road.request("GET", `/buckets/${project.id}/todosets/${set.id}.json`);
      for (const ls of STATUSES) {
        for (const list of await all(`/buckets/${project.id}/todosets/${set.id}/todolists.json`, { status: ls })) {
          await todosOf(project.id, list.id);
          for (const gs of STATUSES) for (const group of await all(`/buckets/${project.id}/todolists/${list.id}/groups.json`, { status: gs })) await todosOf(project.id, group.id);
        }
      }
    }
  }
  report({ requests: made, todos });
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.exit(0);
