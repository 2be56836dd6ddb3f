// CPU time of a GET through the client's road, divided by the same GET with a bare fetch,
// both over a loopback port to a simulator in another process (so its CPU is on neither
// side), interleaved in rounds within one client process.
import { Road, AccountLimiter, parseJsonExact } from "../dist/index.js";
import { startSimulator } from "./lib.mjs";

const GOAL = 1.3;
const ROUNDS = 8;
const PER_ROUND = 400;

const sim = await startSimulator("small");
const headers = { "User-Agent": "bench (bench@example.com)", Accept: "application/json", Authorization: `Bearer ${sim.adminToken}` };
const [todo] = parseJsonExact(await (await fetch(`${sim.apiUrl}/${sim.accountId}/projects/recordings.json?type=Todo`, { headers })).text());
const url = `${sim.apiUrl}/${sim.accountId}/todos/${todo.id}.json`;

const road = new Road({ accountId: sim.accountId, apiBaseUrl: sim.apiUrl, accessToken: sim.adminToken, userAgent: "bench (bench@example.com)", rateLimiter: new AccountLimiter(null, 64), cache: false });
const cached = new Road({ accountId: sim.accountId, apiBaseUrl: sim.apiUrl, accessToken: sim.adminToken, userAgent: "bench (bench@example.com)", rateLimiter: new AccountLimiter(null, 64) });

async function raw() {
  const res = await fetch(url, { headers });
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
sim.close();
console.log(`Client CPU per GET ÷ a bare fetch + exact JSON parse of the same GET, simulator in another process (loopback), ${n} GETs each, interleaved in ${ROUNDS} rounds`);
console.log(`bare fetch                 ${us(totals.raw)} µs CPU per GET   1.00`);
console.log(`client road, no cache      ${us(totals.client)} µs CPU per GET   ${(totals.client / totals.raw).toFixed(2)}  (goal ≤ ${GOAL}: ${totals.client / totals.raw <= GOAL ? "met" : "NOT met"})`);
console.log(`client road, ETag cache    ${us(totals.clientCached)} µs CPU per GET   ${(totals.clientCached / totals.raw).toFixed(2)}  (each GET revalidates: 304 from the simulator)`);
