// The outbox rows and their state changes. Each change is its own committed statement, so
// a process that dies at any point leaves a state reconcile.ts can finish.
import { parseJsonExact, type Id } from "../../http/json.js";
import { BasecampError, ValidationError } from "../../http/errors.js";
import type { Db } from "../replica.js";

export type OutboxOp = "insert" | "update" | "delete";
export type OutboxState = "pending" | "in_flight" | "done" | "failed";

export interface OutboxEntry {
  id: number;
  table: string;
  op: OutboxOp;
  rowId: Id | null;
  payload: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  error: string | null;
  /** A 422's field errors: { field: [messages] }. */
  errorFields: Record<string, string[]> | null;
  /** An earlier attempt may have reached Basecamp: look for its record before creating again. */
  checkFirst: boolean;
  createdAt: string;
  sentAt: string | null;
  /** Until then the request sent at `sentAt` may still reach Basecamp: it is not sent again before. */
  deadlineAt: string | null;
  resultId: Id | null;
}

interface RawRow {
  id: bigint;
  table_name: string;
  op: OutboxOp;
  row_id: bigint | null;
  payload: string;
  state: OutboxState;
  attempts: bigint;
  error: string | null;
  error_fields: string | null;
  check_first: bigint;
  created_at: string;
  sent_at: string | null;
  deadline_at: string | null;
  result_id: bigint | null;
}

const exact = (v: bigint | number | null): Id | null => (v === null ? null : typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

function toEntry(r: RawRow): OutboxEntry {
  return {
    id: Number(r.id),
    table: r.table_name,
    op: r.op,
    rowId: exact(r.row_id),
    payload: parseJsonExact<Record<string, unknown>>(r.payload || "{}"),
    state: r.state,
    attempts: Number(r.attempts),
    error: r.error,
    errorFields: r.error_fields ? (JSON.parse(r.error_fields) as Record<string, string[]>) : null,
    checkFirst: Number(r.check_first) === 1,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    deadlineAt: r.deadline_at,
    resultId: exact(r.result_id),
  };
}

export const nowIso = () => new Date().toISOString();

export function getEntry(db: Db, id: number): OutboxEntry | undefined {
  const r = db.prepare("SELECT * FROM sys_outbox WHERE id = ?").get(id) as RawRow | undefined;
  return r && toEntry(r);
}

export function listEntries(db: Db, where: { state?: OutboxState | OutboxState[]; ids?: number[] } = {}): OutboxEntry[] {
  const conds: string[] = [];
  const args: unknown[] = [];
  if (where.state) {
    const s = Array.isArray(where.state) ? where.state : [where.state];
    conds.push(`state IN (${s.map(() => "?").join(", ")})`);
    args.push(...s);
  }
  if (where.ids) {
    conds.push(`id IN (${where.ids.map(() => "?").join(", ") || "NULL"})`);
    args.push(...where.ids);
  }
  const sql = `SELECT * FROM sys_outbox${conds.length ? ` WHERE ${conds.join(" AND ")}` : ""} ORDER BY id`;
  return (db.prepare(sql).all(...args) as RawRow[]).map(toEntry);
}

/** The newest outbox id (0 when empty): take it before a write to find the entries it made. */
export function lastOutboxId(db: Db): number {
  const r = db.prepare("SELECT max(id) AS m FROM sys_outbox").get() as { m: bigint | null };
  return r.m === null ? 0 : Number(r.m);
}

/**
 * pending → in_flight (committed before the request), with the time after which the request
 * can no longer reach Basecamp (`outstandingMs`: the road's deadline for a call). False when
 * someone else took it.
 */
export function claim(db: Db, id: number, outstandingMs: number): boolean {
  const now = Date.now();
  const r = db
    .prepare("UPDATE sys_outbox SET state = 'in_flight', sent_at = ?, deadline_at = ?, attempts = attempts + 1, error = NULL, error_fields = NULL WHERE id = ? AND state = 'pending'")
    .run(new Date(now).toISOString(), new Date(now + outstandingMs).toISOString(), id);
  return r.changes === 1;
}

/** An in_flight entry is sent again (after a crash): a new deadline, the first sent_at kept for the lookup. */
export function resend(db: Db, id: number, outstandingMs: number): void {
  db.prepare("UPDATE sys_outbox SET deadline_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'in_flight'").run(new Date(Date.now() + outstandingMs).toISOString(), id);
}

/** Still in flight: say why it is left as it is (shown in sys_outbox.error). */
export function noteInFlight(db: Db, id: number, note: string): void {
  db.prepare("UPDATE sys_outbox SET error = ? WHERE id = ? AND state = 'in_flight'").run(note, id);
}

export function markDone(db: Db, id: number, resultId: Id | null): void {
  db.prepare("UPDATE sys_outbox SET state = 'done', done_at = ?, result_id = ?, error = NULL, error_fields = NULL, check_first = 0 WHERE id = ?").run(nowIso(), resultId, id);
}

export function markFailed(db: Db, id: number, err: unknown, checkFirst: boolean): void {
  const fields = err instanceof ValidationError && Object.keys(err.fieldErrors).length ? JSON.stringify(err.fieldErrors) : null;
  db.prepare("UPDATE sys_outbox SET state = 'failed', error = ?, error_fields = ?, check_first = ? WHERE id = ?").run(errorText(err), fields, checkFirst ? 1 : 0, id);
}

/** Back to pending (a cancelled delivery), remembering whether the request may have arrived. */
export function release(db: Db, id: number, checkFirst: boolean): void {
  db.prepare("UPDATE sys_outbox SET state = 'pending', check_first = ? WHERE id = ?").run(checkFirst ? 1 : 0, id);
}

export function errorText(err: unknown): string {
  if (err instanceof BasecampError) return `${err.name}: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A failed entry goes back to pending; the next delivery sends it. False when it isn't failed. */
export function retryOutbox(db: Db, id: number): boolean {
  return db.prepare("UPDATE sys_outbox SET state = 'pending', error = NULL, error_fields = NULL WHERE id = ? AND state = 'failed'").run(id).changes === 1;
}

/** Drop a pending or failed entry: it will not be sent. False when there is no such entry. */
export function discardOutbox(db: Db, id: number): boolean {
  const e = getEntry(db, id);
  if (!e) return false;
  if (e.state === "in_flight") throw new Error(`Outbox entry ${id} is being sent right now; wait for it (or reconcile after a crash) before discarding it.`);
  if (e.state === "done") throw new Error(`Outbox entry ${id} was already delivered to Basecamp; there is nothing to discard.`);
  return db.prepare("DELETE FROM sys_outbox WHERE id = ?").run(id).changes === 1;
}
