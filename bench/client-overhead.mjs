// CPU time of a GET through the client's road, divided by the same GET with a bare fetch,
// both against the same in-process simulator, interleaved in rounds within one process.
import { createSimulator } from "../dist/simulator/index.js";
import { Road, AccountLimiter, parseJsonExact } from "../dist/index.js";

const GOAL = 1.3;
const ROUNDS = 8;
const PER_ROUND = 400;

const sim = createSimulator({ scale: "small", rateLimit: "off" });
const todo = [...sim.store.ofType("Todo")][0];
const url = `${sim.apiUrl}/${sim.accountId}/todos/${todo.id}.json`;
const headers = { "User-Agent": "bench (bench@example.com)", Accept: "application/json", Authorization: `Bearer ${sim.adminToken}` };

const road = new Road({ accountId: sim.accountId, apiBaseUrl: sim.apiUrl, accessToken: sim.adminToken, fetch: sim.fetch, userAgent: "bench (bench@example.com)", rateLimiter: new AccountLimiter(null, 64), cache: false });
const cached = new Road({ accountId: sim.accountId, apiBaseUrl: sim.apiUrl, accessToken: sim.adminToken, fetch: sim.fetch, userAgent: "bench (bench@example.com)", rateLimiter: new AccountLimiter(null, 64) });

async function raw() {
  const res = await sim.fetch(url, { headers });
  const text = await res.text();
  return parseJsonExact(text);
}
const client = () => road.request("GET", url);
const clientCached = () => cached.request("GET", url);

async function cpu(fn) {
  const before = process.cpuUsage();
  for (let i = 0; i < PER_ROUND; i++) await fn();
  const d = process.cpuUsage(before);
  return d.user + d.system;
}

// Warm up all three.
for (const fn of [raw, client, clientCached]) for (let i = 0; i < 200; i++) await fn();

const totals = { raw: 0, client: 0, clientCached: 0 };
for (let r = 0; r < ROUNDS; r++) {
  globalThis.gc?.();
  totals.raw += await cpu(raw);
  totals.client += await cpu(client);
  totals.clientCached += await cpu(clientCached);
}
const n = ROUNDS * PER_ROUND;
const us = (t) => (t / n).toFixed(1);
console.log(`Client GET vs bare fetch + exact JSON, in-process simulator, ${n} GETs each, interleaved in ${ROUNDS} rounds`);
console.log(`bare fetch                 ${us(totals.raw)} µs CPU per GET   1.00`);
console.log(`client road, no cache      ${us(totals.client)} µs CPU per GET   ${(totals.client / totals.raw).toFixed(2)}  (goal ≤ ${GOAL}: ${totals.client / totals.raw <= GOAL ? "met" : "NOT met"})`);
console.log(`client road, ETag cache    ${us(totals.clientCached)} µs CPU per GET   ${(totals.clientCached / totals.raw).toFixed(2)}  (each GET revalidates: 304 from the simulator)`);
