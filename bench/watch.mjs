// Watch mode: a change made through the API → its row written in the replica by
// conn.watch(), against a simulator on a real port that delivers its webhooks for real over
// HTTP to the watcher's receiver on loopback. Printed side by side in one run:
//  1. latency, sequential: 200 changes one after another (each waits until it is applied,
//     10 s at most: a miss), from the bench's API call returning to the watcher's onChange for
//     that recording and event kind (onChange fires right after the row is upserted);
//  2. latency, burst: 200 more changes made back-to-back (each API call awaited, the replica
//     not), each measured the same way;
//  3. requests the watcher made per change: the simulator's request count over both rounds
//     minus the bench's own API calls (each counted by the bench's fetch), cross-checked with
//     the connection's own fetch count, with the breakdown by route.
// The simulator runs in this process (startSimulator from dist/simulator): its webhook
// deliveries and answers share one event loop with the watcher, which can only add latency.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BasecampClient, connect } from "../dist/index.js";
import { startSimulator } from "../dist/simulator/index.js";
import { fmt, verdict } from "./lib.mjs";

const CHANGES = 200; // per round
const DEADLINE_MS = 10_000; // per change
const PROJECTS = 4;
const t0 = performance.now();
const temp = () => mkdtempSync(join(tmpdir(), "bench-watch-"));

const sim = await startSimulator({ scale: "small", rateLimit: "off" });
const simStats = () => structuredClone(sim.simulator.sim.stats.toJSON());

// Two clients, each counting the requests it sends (every attempt, retries included).
function countingFetch() {
  const counter = { total: 0, byRoute: new Map() };
  counter.fetch = (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname.replace(/\/\d+(?=\/|\.json|$)/g, "/:id");
    const key = `${method} ${path}`;
    counter.total++;
    counter.byRoute.set(key, (counter.byRoute.get(key) ?? 0) + 1);
    return fetch(input, init);
  };
  counter.snapshot = () => ({ total: counter.total, byRoute: new Map(counter.byRoute) });
  return counter;
}
const mine = countingFetch(); // the bench's API calls
const theirs = countingFetch(); // the connection's client: the watcher's reads and syncs

const dir = temp();
const cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off;Replica='${join(dir, "r.sqlite")}'`;
const conn = await connect(cs, { dataDir: join(dir, "data"), configDir: join(dir, "config"), env: {}, fetch: theirs.fetch });
const api = new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, rateLimit: "off", userAgent: "bench (bench@example.com)", fetch: mine.fetch });

// Where the changes go: a to-do list and the message board of a few projects.
const targets = [];
for await (const p of api.projects.list()) {
  if (targets.length === PROJECTS) break;
  const dock = (name) => p.dock.find((d) => d.name === name && d.enabled !== false);
  const todoset = dock("todoset");
  const board = dock("message_board");
  if (!todoset || !board) continue;
  let list;
  for await (const l of api.todolists.list(todoset.id)) {
    list = l;
    break;
  }
  if (list) targets.push({ projectId: p.id, listId: list.id, boardId: board.id });
}
if (targets.length === 0) throw new Error("no project with a to-do list and a message board in the simulator");

// Every row the watcher wrote, with the row as it was right then (read inside onChange).
const applied = new Map(); // recording id → [{ kind, table, t, row }]
const waiters = new Set();
const rowReads = new Map();
const readRow = (table, id) => {
  let st = rowReads.get(table);
  if (!st) rowReads.set(table, (st = conn.db.prepare(`SELECT * FROM bc_${table} WHERE Id = ?`)));
  return st.get(id);
};
const kinds = new Map();
const onChange = (c) => {
  const t = performance.now();
  kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const entry = { kind: c.kind, table: c.table, action: c.action, t, row: c.action === "upsert" ? readRow(c.table, c.id) : undefined };
  const key = String(c.id);
  if (!applied.has(key)) applied.set(key, []);
  applied.get(key).push(entry);
  for (const w of waiters) w.poke();
};
const errors = [];

const activeHooks = () => [...sim.simulator.store.webhooks.values()].filter((h) => h.active).length;
const hooksBefore = activeHooks();
const beforeStart = simStats();
const theirsBeforeStart = theirs.total;
let syncs = 0;
const tStart = performance.now();
const w = await conn.watch({ port: 0, onChange, onSync: () => syncs++, onError: (e) => errors.push(String(e?.message ?? e)) });
const startMs = performance.now() - tStart;
const startRequests = simStats().total - beforeStart.total;
const startByConn = theirs.total - theirsBeforeStart;
const hooksWatching = activeHooks();

/** When the watcher wrote `id` for an event of `kind` at or after `since`; null after the deadline. */
function whenApplied(id, kind, since, deadline) {
  const find = () => applied.get(String(id))?.find((e) => e.kind === kind && e.t >= since);
  const hit = find();
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve) => {
    const waiter = {
      poke: () => {
        const e = find();
        if (e) done(e);
      },
    };
    const timer = setTimeout(() => done(null), Math.max(0, deadline - performance.now()));
    const done = (e) => {
      clearTimeout(timer);
      waiters.delete(waiter);
      resolve(e);
    };
    waiters.add(waiter);
  });
}

const html = (s) => `<div>${s}</div>`;
/** Change number i of a round: create, update, complete a to-do; comment on it; post a message. */
function makeChange(round, i, state) {
  const tg = targets[Math.floor(i / 5) % targets.length];
  const tag = `watch-bench r${round} #${i}`;
  switch (i % 5) {
    case 0:
      return { kind: "todo_created", what: "create to-do", run: async () => (state.todo = (await api.todos.create(tg.listId, { content: `${tag} new` })).id), holds: (r) => r?.Content === `${tag} new`, later: (r) => r?.Content === `watch-bench r${round} #${i + 1} edited` };
    case 1: {
      const content = `${tag} edited`;
      // replace (one PUT) rather than update (a GET and a PUT): the to-do was made with content only.
      return { kind: "todo_content_updated", what: "update to-do content", run: async () => (await api.todos.replace(state.todo, { content }), state.todo), holds: (r) => r?.Content === content, final: { id: () => state.todo, table: "ToDos", content } };
    }
    case 2:
      return { kind: "todo_completed", what: "complete to-do", run: async () => (await api.todos.complete(state.todo), state.todo), holds: (r) => Number(r?.Completed) === 1 };
    case 3:
      return { kind: "comment_created", what: "create comment", run: async () => (await api.comments.create(state.todo, html(`${tag} comment`))).id, holds: (r) => String(r?.Content ?? "").includes(`${tag} comment`) };
    default:
      return { kind: "message_created", what: "create message", run: async () => (await api.messages.create(tg.boardId, { subject: `${tag} message`, content: html("Body") })).id, holds: (r) => r?.Subject === `${tag} message` };
  }
}

/** One round: sequential waits for each change to be applied before the next; burst does not. */
async function round(n, sequential) {
  const state = {};
  const results = [];
  const pending = [];
  let missesInARow = 0;
  for (let i = 0; i < CHANGES; i++) {
    const ch = makeChange(n, i, state);
    const issued = performance.now();
    const id = await ch.run();
    const returned = performance.now();
    const r = { ...ch, id, returned };
    results.push(r);
    const p = whenApplied(id, ch.kind, issued, returned + DEADLINE_MS).then((e) => {
      r.entry = e;
      r.latency = e ? e.t - returned : Infinity;
    });
    if (!sequential) {
      pending.push(p);
      continue;
    }
    await p;
    missesInARow = r.entry ? 0 : missesInARow + 1;
    if (missesInARow === 5) {
      console.log(`  round ${n}: 5 changes in a row not applied within ${DEADLINE_MS / 1000} s; the rest of the round is not made (counted as misses)`);
      for (let j = i + 1; j < CHANGES; j++) results.push({ ...makeChange(n, j, {}), latency: Infinity, skipped: true });
      break;
    }
  }
  await Promise.all(pending);
  return results;
}

/** The request counts at one moment: the simulator's, the bench client's, the connection's. */
const counts = () => ({ sim: simStats(), mine: mine.snapshot(), theirs: theirs.snapshot() });
const before = counts();
const tSeq = performance.now();
const seq = await round(1, true);
const seqMs = performance.now() - tSeq;
await w.idle();
const between = counts();
const tBurst = performance.now();
const burst = await round(2, false);
const burstMs = performance.now() - tBurst;
await w.idle();
const after = counts();

// The replica at the end: each to-do holds its edited content and is completed; comments and messages are there.
let finalOk = 0;
let finalN = 0;
for (const r of [...seq, ...burst]) {
  if (r.skipped || r.id === undefined) continue;
  if (r.kind === "todo_created" || r.kind === "todo_content_updated") continue; // checked through the to-do's last change
  finalN++;
  if (r.kind === "todo_completed") {
    const edited = [...seq, ...burst].find((x) => x.kind === "todo_content_updated" && x.id === r.id);
    const row = conn.db.prepare("SELECT Content, Completed FROM bc_ToDos WHERE Id = ?").get(r.id);
    if (row && Number(row.Completed) === 1 && (!edited || row.Content === edited.final.content)) finalOk++;
  } else {
    const table = r.kind === "comment_created" ? "Comments" : "Messages";
    if (r.holds(conn.db.prepare(`SELECT * FROM bc_${table} WHERE Id = ?`).get(r.id))) finalOk++;
  }
}

await w.close();
const wStats = { ...w.stats };
await conn.close();
const hooksAfter = activeHooks();
await sim.close();

// Figures.
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)];
};
function latencyLine(label, rs, wallMs) {
  const lat = rs.map((r) => r.latency);
  const misses = rs.filter((r) => !r.entry).length;
  const early = rs.filter((r) => r.entry && r.latency < 0).length;
  const rowHeld = rs.filter((r) => r.entry && r.holds(r.entry.row)).length;
  // A to-do read after its next change was made already holds that one (the read is done when the event is applied).
  const rowLater = rs.filter((r) => r.entry && !r.holds(r.entry.row) && r.later?.(r.entry.row)).length;
  const p50 = pct(lat, 0.5);
  const p95 = pct(lat, 0.95);
  console.log(`${label}: ${rs.length} changes in ${fmt(wallMs / 1000, 1)} s`);
  console.log(`  API call returned → row written in the replica (onChange for that recording and event kind): median ${fmt(p50, 1)} ms, p95 ${fmt(p95, 1)} ms, max ${fmt(Math.max(...lat), 1)} ms  (goal p95 < 1 s: ${verdict(p95 < 1000)})`);
  console.log(`  misses (not applied within ${DEADLINE_MS / 1000} s; counted as infinite latency above): ${misses}; applied before the API call had returned: ${early}`);
  console.log(`  the row read inside onChange held that change: ${rowHeld}/${rs.length - misses}${rowLater ? ` (+${rowLater} new to-dos already holding their later edit, read after it was made)` : ""}`);
  const byKind = new Map();
  for (const r of rs) if (r.entry) (byKind.get(r.what) ?? byKind.set(r.what, []).get(r.what)).push(r.latency);
  console.log(`  median by change: ${[...byKind].map(([k, v]) => `${k} ${fmt(pct(v, 0.5), 1)} ms`).join(", ")}`);
}

console.log(`Watch (webhooks) on a small simulator in this process, real ports, no rate limit; changes spread over ${targets.length} projects`);
console.log(`  watch() start (a webhook per project + the catch-up full sync into an empty replica): ${fmt(startMs / 1000, 1)} s, ${startRequests} requests (${startByConn} by the connection's client)`);
latencyLine("\nSequential round (each change waits until applied)", seq, seqMs);
latencyLine("\nBurst round (changes back-to-back, not waiting)", burst, burstMs);

// Requests. The simulator counts every request by route but cannot tell clients apart: the
// watcher's share is its total minus the bench's own calls (counted by the bench's fetch).
const routeDelta = (a, b) => {
  const out = {};
  for (const [k, v] of Object.entries(b.by_route)) if (v - (a.by_route[k] ?? 0)) out[k] = v - (a.by_route[k] ?? 0);
  return out;
};
const mapDelta = (a, b) => {
  const out = {};
  for (const [k, v] of b.byRoute) if (v - (a.byRoute.get(k) ?? 0)) out[k] = v - (a.byRoute.get(k) ?? 0);
  return out;
};
console.log(`\nRequests during the two rounds (from the first change to the replica idle after the last; webhook deliveries are POSTs to the watcher, not requests to the simulator):`);
let allOk = true;
for (const [label, from, to, rs] of [
  ["sequential", before, between, seq],
  ["burst", between, after, burst],
]) {
  const [a, b, ma, mb, ta, tb] = [from.sim, to.sim, from.mine, to.mine, from.theirs, to.theirs];
  const made = rs.filter((r) => !r.skipped).length;
  const total = b.total - a.total;
  const bench = mb.total - ma.total;
  const watcher = total - bench;
  const byConn = tb.total - ta.total;
  const per = watcher / made;
  allOk &&= per <= 1;
  console.log(`  ${label}: simulator counted ${total} − the bench's own API calls ${bench} = ${watcher} by the watcher for ${made} changes (the connection's client sent ${byConn})`);
  console.log(`    requests by the watcher per change ${fmt(per, 2)}  (goal ≤ 1: ${verdict(per <= 1)})`);
  console.log(`    simulator, by route: ${JSON.stringify(routeDelta(a, b))}`);
  console.log(`    bench's own calls: ${JSON.stringify(mapDelta(ma, mb))}`);
  console.log(`    connection's client: ${JSON.stringify(mapDelta(ta, tb))}`);
}
console.log(`  watcher's counters: ${JSON.stringify(wStats)}; catch-up syncs ${syncs}${errors.length ? `; errors: ${errors.slice(0, 3).join(" | ")}` : ""}`);
console.log(`  active webhooks on the simulator: ${hooksBefore} before watch(), ${hooksWatching} while watching, ${hooksAfter} after close()`);
console.log(`  event kinds written: ${JSON.stringify(Object.fromEntries(kinds))}`);
console.log(`\nReplica at the end holds each change's last state (to-dos edited and completed, comments, messages): ${finalOk}/${finalN}`);
console.log(`Bench ran in ${fmt((performance.now() - t0) / 1000, 1)} s`);
