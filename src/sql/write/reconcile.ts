// Startup recovery: entries left in_flight by a process that died mid-request. Until an
// entry's deadline its request may still reach Basecamp, so it is never sent again before
// then: a create whose record is already there is adopted, anything else is left in flight
// (sys_outbox.error says until when). After the deadline, updates, moves and status changes
// (idempotent) are sent again, and creates are looked up first (reconcile-lookup.ts).
import type { Db } from "../replica.js";
import { findCreatedFor, sendClaimed, settle, type DeliveryReport, type SqlClient } from "./deliver.js";
import { getEntry, listEntries, noteInFlight, resend, type OutboxEntry } from "./outbox.js";

export interface ReconcileOptions {
  signal?: AbortSignal;
  /**
   * Only entries sent at least this long ago (ms; default 0). Entries another live process
   * is still sending are safe either way: they are not past their deadline.
   */
  olderThanMs?: number;
  /** The time now (ms since the epoch; default Date.now()): when deadlines are judged. */
  now?: number;
}

/** True while the request of an in_flight entry may still reach Basecamp. */
export function mayStillLand(e: OutboxEntry, now = Date.now()): boolean {
  return e.deadlineAt !== null && Date.parse(e.deadlineAt) > now;
}

/** Finish entries a dead process left in_flight; returns them as they are afterwards. */
export async function reconcileOutbox(db: Db, client: SqlClient, opts: ReconcileOptions = {}): Promise<DeliveryReport> {
  const seen: number[] = [];
  const now = opts.now ?? Date.now();
  const bound = now - (opts.olderThanMs ?? 0);
  for (const e of listEntries(db, { state: "in_flight" })) {
    if (e.sentAt && Date.parse(e.sentAt) > bound) continue;
    seen.push(e.id);
    if (mayStillLand(e, now)) await adoptOrWait(db, client, e, opts.signal);
    else {
      resend(db, e.id, client.road.deadlineMs);
      await sendClaimed(db, client, getEntry(db, e.id)!, { signal: opts.signal, lookFirst: true });
    }
  }
  return listEntries(db, { ids: seen });
}

/** Before the deadline: adopt the create's record if Basecamp has it, else leave the entry in flight and say so. */
async function adoptOrWait(db: Db, client: SqlClient, e: OutboxEntry, signal?: AbortSignal): Promise<void> {
  if (e.op === "insert") {
    const found = await findCreatedFor(db, client, e, signal).catch(() => null);
    if (found) return settle(db, e, found.id, found.change);
  }
  noteInFlight(
    db,
    e.id,
    `Sent at ${e.sentAt} and not settled; it may still reach Basecamp until ${e.deadlineAt}, so it is not sent again before then. Connect again after that to finish it${e.op === "insert" ? " (its record is adopted if it arrived)" : ""}.`,
  );
}
