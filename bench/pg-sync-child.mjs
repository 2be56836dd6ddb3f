// One measured client process for pg-sync.mjs, printing one JSON line at the end. Modes:
//   sync    <sim> <dir> sqlite                full sync of every table into <dir>/replica.sqlite
//   sync    <sim> <dir> pg <url> <schema>     the same full sync into <schema> of PostgreSQL
//   syncer  <sim> <dir> <url> <schema>        a sync worker: opens the replica, prints "ready",
//           waits for "go" on stdin, then syncs every table (full) on the shared schema
//   outbox  <sim> <dir> <url> <schema> <worker> <rounds> <perRound> <listId> <tag>
//           an outbox worker: connect() to the shared schema, print "ready", wait for "go",
//           then `rounds` times queue `perRound` to-dos in one INSERT and deliver the outbox
//           (every pending entry after its own last id: other workers' too), and finally
//           deliver whatever is still pending
// Both sync modes use the same client settings (rate limit off, a fresh HTTP file cache), so
// the two replicas do the very same reads.
import { createInterface } from "node:readline";
import { join } from "node:path";
import { BasecampClient, connect } from "../dist/index.js";
import { openDatabase, setReplicaSchema } from "../dist/sql/replica.js";
import { openPgReplica } from "../dist/sql/pg/replica.js";
import { SyncPg } from "../dist/sql/pg/sync-pg.js";
import { syncTables } from "../dist/sql/sync/index.js";
import { deliverOutbox } from "../dist/sql/write/index.js";

const [mode, simJson, dir, ...rest] = process.argv.slice(2);
const sim = JSON.parse(simJson);
let made = 0;
let posts = 0;
const counting = (input, init) => {
  made++;
  if ((init?.method ?? "GET").toUpperCase() === "POST") posts++;
  return fetch(input, init);
};
const client = (cacheDir) =>
  new BasecampClient({
    accountId: sim.accountId,
    apiBaseUrl: sim.apiUrl,
    accessToken: sim.adminToken,
    userAgent: "bench (bench@example.com)",
    rateLimit: "off",
    cache: cacheDir ? { dir: cacheDir } : false,
    fetch: counting,
  });

const peak = { heapUsedMb: 0, rssMb: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsed / 2 ** 20);
  peak.rssMb = Math.max(peak.rssMb, m.rss / 2 ** 20);
};
setInterval(sample, 250).unref();
let cpu0 = process.cpuUsage();
let t0 = performance.now();
const restart = () => ((cpu0 = process.cpuUsage()), (t0 = performance.now()));
function report(extra) {
  const c = process.cpuUsage(cpu0);
  sample();
  console.log(JSON.stringify({ cpuS: (c.user + c.system) / 1e6, wallS: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, peak, ...extra }));
}
const sum = (summary, k) => Object.values(summary).reduce((n, s) => n + (s[k] ?? 0), 0);
/** Print "ready" and resolve on the "go" line from the parent (so all workers start together). */
function readyThenGo() {
  const rl = createInterface({ input: process.stdin });
  const go = new Promise((resolve) => rl.on("line", (l) => l.trim() === "go" && (rl.close(), resolve())));
  console.log("ready");
  return go;
}

// Statements sent to PostgreSQL and the time the process sat blocked on them (SyncPg waits
// synchronously: nothing else, no HTTP, runs meanwhile): query() waits for its answer, send()
// only when too much is in flight, result() for a sent statement's count.
const trips = { n: 0, ms: 0 };
for (const name of ["query", "send", "result"]) {
  const original = SyncPg.prototype[name];
  SyncPg.prototype[name] = function (...args) {
    const t = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      if (name !== "result") trips.n++;
      trips.ms += performance.now() - t;
    }
  };
}

if (mode === "sync") {
  const [kind, url, schema] = rest;
  const db = kind === "pg" ? openPgReplica(url, schema) : openDatabase(join(dir, "replica.sqlite"));
  setReplicaSchema(db, "V3");
  restart();
  const summary = await syncTables(db, client(join(dir, "http-cache")), { full: true });
  db.close();
  const errors = Object.entries(summary).filter(([, s]) => s.error).map(([t, s]) => `${t}: ${s.error}`);
  report({ records: sum(summary, "upserted"), requests: made, tables: Object.keys(summary).length, errors, trips: trips.n, blockedS: trips.ms / 1000 });
} else if (mode === "syncer") {
  const [url, schema] = rest;
  const db = openPgReplica(url, schema);
  setReplicaSchema(db, "V3");
  await readyThenGo();
  restart();
  let waitedFor = null;
  const summary = await syncTables(db, client(join(dir, "http-cache")), { full: true, onWait: (h) => (waitedFor = h.pid) });
  const readNames = Object.entries(summary).filter(([, s]) => s.requests > 0).map(([t]) => t);
  const tablesRead = readNames.length;
  db.close();
  const errors = Object.entries(summary).filter(([, s]) => s.error).map(([t, s]) => `${t}: ${s.error}`);
  report({ pid: process.pid, requests: made, records: sum(summary, "upserted"), deleted: sum(summary, "deleted"), tables: Object.keys(summary).length, tablesRead, readNames, waitedFor, errors });
} else if (mode === "outbox") {
  const [url, schema, worker, rounds, perRound, listId, tag] = rest;
  const cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off;Replica='${url}';ReplicaSchema=${schema}`;
  const conn = await connect(cs, { dataDir: dir, configDir: dir, env: {}, fetch: counting });
  await readyThenGo();
  restart();
  const before = { made, posts };
  const mine = [];
  for (let r = 0; r < Number(rounds); r++) {
    const rows = Array.from({ length: Number(perRound) }, (_, i) => `${tag} w${worker} #${r * Number(perRound) + i}`);
    const res = await conn.execute(`INSERT INTO ToDos (ToDoListId, Content) VALUES ${rows.map(() => "(?, ?)").join(", ")}`, rows.flatMap((c) => [listId, c]));
    mine.push(...res.outbox.filter((e) => rows.includes(e.payload.Content)).map((e) => e.id));
  }
  // Whatever is still pending (queued by others after our last write): this worker takes its share.
  await deliverOutbox(conn.db, conn.client);
  await conn.close();
  report({ pid: process.pid, worker: Number(worker), queued: Number(rounds) * Number(perRound), mine, requests: made - before.made, posts: posts - before.posts });
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.exit(0);
