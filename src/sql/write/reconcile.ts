// Startup recovery: entries left in_flight by a process that died mid-request. Updates,
// moves and status changes are idempotent, so they are sent again; creates are looked up
// first (reconcile-lookup.ts) and adopted when Basecamp already has them.
import type { BasecampClient } from "../../api/index.js";
import type { Db } from "../replica.js";
import { sendClaimed, type DeliveryReport } from "./deliver.js";
import { listEntries } from "./outbox.js";

export interface ReconcileOptions {
  signal?: AbortSignal;
  /**
   * Only entries sent at least this long ago (ms; default 0). Call reconcile before any
   * delivery of this process starts, or give a bound longer than a request can take.
   */
  olderThanMs?: number;
}

/** Finish entries a dead process left in_flight; returns them as they are afterwards. */
export async function reconcileOutbox(db: Db, client: BasecampClient, opts: ReconcileOptions = {}): Promise<DeliveryReport> {
  const seen: number[] = [];
  const bound = Date.now() - (opts.olderThanMs ?? 0);
  for (const e of listEntries(db, { state: "in_flight" })) {
    if (e.sentAt && Date.parse(e.sentAt) > bound) continue;
    seen.push(e.id);
    await sendClaimed(db, client, e, { signal: opts.signal, lookFirst: true });
  }
  return listEntries(db, { ids: seen });
}
