// Sync and query benchmarks against a `medium` simulator with its real 50 / 10 s limit (run in
// another process), printed side by side in one run:
//  - full-sync requests ÷ the geared-paging lower bound of the lists it reads;
//  - full-sync wall time ÷ (requests ÷ 5 per second), with the count of 429s;
//  - a no-change resync: requests per table and the share answered 304;
//  - a GROUP BY over 100k to-dos through conn.query ÷ the same SQL in raw better-sqlite3.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { BasecampClient, Connection } from "../dist/index.js";
import { openDatabase } from "../dist/sql/replica.js";
import { createSchema } from "../dist/sql/schema/index.js";
import { syncTables } from "../dist/sql/sync/index.js";

const dir = mkdtempSync(join(tmpdir(), "bench-sql-"));
const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const server = spawn(process.execPath, [cli, "simulator", "--scale", "medium", "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const info = JSON.parse(await new Promise((resolve, reject) => {
  createInterface({ input: server.stdout }).once("line", resolve);
  server.once("exit", (c) => reject(new Error(`simulator exited ${c}`)));
}));
const admin = { Authorization: `Bearer ${info.adminToken}` };
const stats = async () => (await fetch(`${info.apiUrl}/__sim/stats`, { headers: admin })).json();

// Record every response: status, list totals (for the lower bound).
const seen = [];
const recordingFetch = async (input, init) => {
  const res = await fetch(input, init);
  const u = new URL(String(input));
  u.searchParams.delete("page");
  seen.push({ list: `${u.pathname}?${u.searchParams}`, status: res.status, total: res.headers.get("x-total-count"), paged: res.headers.has("link") || u.searchParams.has("page") });
  return res;
};
const client = new BasecampClient({ accountId: info.accountId, apiBaseUrl: info.apiUrl, accessToken: info.adminToken, fetch: recordingFetch, userAgent: "bench (bench@example.com)", cache: { dir: join(dir, "cache") } });
const gearedPages = (n) => (n <= 15 ? 1 : n <= 45 ? 2 : n <= 95 ? 3 : 3 + Math.ceil((n - 95) / 100));

const db = openDatabase(join(dir, "replica.sqlite"));
createSchema(db);
const s0 = await stats();
const started = performance.now();
const summary = await syncTables(db, client, { full: true });
const seconds = (performance.now() - started) / 1000;
const s1 = await stats();
const requests = s1.total - s0.total;
const lists = new Map();
// The activity feed is a hint: one page is all a sync reads of it, so it counts 1.
for (const r of seen) if (!lists.has(r.list)) lists.set(r.list, r.total === null || r.list.startsWith(`/${info.accountId}/reports/progress`) ? 1 : gearedPages(Number(r.total)));
const lowerBound = [...lists.values()].reduce((a, b) => a + b, 0);
const tooMany = (s1.by_status["429"] ?? 0) - (s0.by_status["429"] ?? 0);
console.log(`Full sync of a medium simulator (real 50 / 10 s limit): ${requests} requests in ${seconds.toFixed(1)} s, ${tooMany} answered 429`);
console.log(`requests ÷ geared-paging lower bound of the ${lists.size} lists read   ${(requests / lowerBound).toFixed(2)}  (goal ≤ 1.15: ${requests / lowerBound <= 1.15 ? "met" : "NOT met"})`);
console.log(`wall time ÷ (requests ÷ 5 per second)                      ${(seconds / (requests / 5)).toFixed(2)}  (goal ≤ 1.10: ${seconds / (requests / 5) <= 1.1 ? "met" : "NOT met"}), 429s: ${tooMany}`);

seen.length = 0;
const s2 = await stats();
const again = await syncTables(db, client, {});
const s3 = await stats();
const resyncRequests = s3.total - s2.total;
const tables = Object.keys(again).length;
const notModified = seen.filter((r) => r.status === 304).length;
console.log(`No-change resync: ${resyncRequests} requests for ${tables} tables = ${(resyncRequests / tables).toFixed(2)} per table (goal ≤ 1: ${resyncRequests / tables <= 1 ? "met" : "NOT met"}); ${((100 * notModified) / Math.max(1, seen.length)).toFixed(0)}% answered 304 (goal ≥ 90%)`);
for (const [t, r] of Object.entries(again).sort((a, b) => b[1].requests - a[1].requests).slice(0, 6)) console.log(`  ${t.padEnd(18)} ${r.requests} requests`);
// Reading every to-do: the sync's requests for ToDos alone (fresh replica) against the walk a
// client without the recordings endpoint must make — projects → to-do set → lists (and groups)
// → to-dos of each, once per status and completion state. The walk's requests follow from the
// list sizes, which the full sync above just stored, so it is counted, not run.
const todoDb = openDatabase(join(dir, "todos-only.sqlite"));
createSchema(todoDb);
const s4 = await stats();
await syncTables(todoDb, client, { tables: ["ToDos"], full: true });
const todoRequests = (await stats()).total - s4.total;
const count = (sql) => Number(db.prepare(sql).get().n);
const projectPages = ["active", "archived", "trashed"].reduce((a, st) => a + gearedPages(count(`SELECT COUNT(*) AS n FROM Projects WHERE Status = '${st}'`)), 0);
let walk = projectPages;
for (const { Id } of db.prepare("SELECT Id FROM Projects").all()) {
  walk += 1; // the to-do set
  const lists = db.prepare("SELECT Id FROM ToDoLists WHERE ProjectId = ?").all(Id);
  walk += gearedPages(lists.length);
  const containers = [...lists, ...db.prepare("SELECT Id FROM ToDoListGroups WHERE ProjectId = ?").all(Id)];
  walk += lists.length; // each list's groups
  for (const { Id: listId } of containers) {
    const n = (where) => Number(db.prepare(`SELECT COUNT(*) AS n FROM ToDos WHERE ToDoListId = ? AND ${where}`).get(listId).n);
    walk += gearedPages(n("Status = 'active' AND Completed = 0")) + gearedPages(n("Status = 'active' AND Completed = 1")) + gearedPages(n("Status = 'archived'")) + gearedPages(n("Status = 'trashed'"));
  }
}
console.log(`Reading every to-do: ${todoRequests} requests through the sync ÷ ${walk} for the projects → to-do sets → lists → to-dos walk = ${(todoRequests / walk).toFixed(2)} (goal ≤ 0.2: ${todoRequests / walk <= 0.2 ? "met" : "NOT met"})`);
server.kill("SIGTERM");
void summary;

// GROUP BY over 100k to-dos: conn.query (Offline, so it measures the query path) vs raw SQLite.
const big = openDatabase(join(dir, "big.sqlite"));
createSchema(big);
big.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
  INSERT INTO bc_ToDos (Id, ProjectId, ToDoListId, Content, Completed, Status, CreatedAt, UpdatedAt, CreatorId)
  SELECT 1000000000 + i, i % 200, i % 4000, 'To-do ' || i, i % 3 = 0, 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', i % 150 FROM n`);
big.close();
const sql = "SELECT ProjectId, COUNT(*) AS n, SUM(Completed) AS done FROM ToDos WHERE Status = 'active' GROUP BY ProjectId ORDER BY n DESC";
const rawDb = openDatabase(join(dir, "big.sqlite"), { readonly: true });
const conn = new Connection(client, { schema: "V3", authScheme: "OAuth", initiateOAuth: "OFF", offline: true }, openDatabase(join(dir, "big.sqlite")), join(dir, "big.sqlite"), undefined, async () => {});
const time = async (fn, n = 30) => {
  for (let i = 0; i < 5; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t) / n;
};
let rawMs = 0;
let connMs = 0;
for (let round = 0; round < 3; round++) {
  rawMs += await time(() => rawDb.prepare(sql).all());
  connMs += await time(() => conn.query(sql));
}
console.log(`GROUP BY over 100k to-dos: conn.query ${(connMs / 3).toFixed(1)} ms, raw better-sqlite3 ${(rawMs / 3).toFixed(1)} ms, ratio ${(connMs / rawMs).toFixed(2)} (goal ≤ 1.5: ${connMs / rawMs <= 1.5 ? "met" : "NOT met"})`);
await conn.close();
rawDb.close();
