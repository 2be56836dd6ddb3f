// Shared by the sync tests: a simulator client, replicas in temp dirs, admin calls, and
// reading table contents for comparison.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BasecampClient } from "../../src/api/client.js";
import { AccountLimiter } from "../../src/http/rate-limit.js";
import { stringifyJsonExact } from "../../src/http/json.js";
import { openDatabase, type Db } from "../../src/sql/replica.js";
import { createSchema, physicalName, syncableTables } from "../../src/sql/schema/index.js";
import type { InProcessSimulator } from "../../src/simulator/index.js";

export interface SimLike {
  accountId: string;
  adminToken: string;
  apiUrl: string;
  fetch?: InProcessSimulator["fetch"];
}

export function clientFor(sim: SimLike, extra: { baseDelayMs?: number } = {}): BasecampClient {
  return new BasecampClient({
    accountId: sim.accountId,
    accessToken: sim.adminToken,
    apiBaseUrl: sim.apiUrl,
    fetch: sim.fetch as typeof fetch | undefined,
    rateLimiter: new AccountLimiter(null, 8),
    baseDelayMs: extra.baseDelayMs ?? 5,
    maxDelayMs: 50,
    maxRetries: 7,
  });
}

const dirs: string[] = [];
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "bc-sync-"));
  dirs.push(d);
  return d;
}
export function cleanupDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function newReplica(): Db {
  const db = openDatabase(join(tempDir(), "replica.db"));
  createSchema(db);
  return db;
}

async function admin(sim: SimLike, method: string, path: string, body?: unknown): Promise<unknown> {
  const f = sim.fetch ?? fetch;
  const res = await f(`${sim.apiUrl}/__sim/${path}`, {
    method,
    headers: { Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /__sim/${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export const setFaults = (sim: SimLike, spec: unknown) => admin(sim, "POST", "faults", spec);
export const clearFaults = (sim: SimLike) => admin(sim, "DELETE", "faults");
export async function requestCount(sim: SimLike): Promise<number> {
  return ((await admin(sim, "GET", "stats")) as { total: number }).total;
}

/** Every row of a table, as canonical JSON lines sorted by key. */
export function tableDump(db: Db, table: string, columns = "*"): string[] {
  const rows = db.prepare(`SELECT ${columns} FROM "${table}"`).all() as Record<string, unknown>[];
  return rows.map((r) => stringifyJsonExact(r)).sort();
}

/** Contents of every synced table (physical), for comparing two replicas. */
export function replicaDump(db: Db, except: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of syncableTables()) if (!except.includes(t.name)) out[t.name] = tableDump(db, physicalName(t));
  out.ToDoAssignees = tableDump(db, "bc_ToDoAssignees");
  return out;
}

export function idsOf(db: Db, table: string, where = "1 = 1"): string[] {
  return (db.prepare(`SELECT Id FROM "${table}" WHERE ${where}`).all() as Array<{ Id: bigint }>).map((r) => String(r.Id)).sort();
}
