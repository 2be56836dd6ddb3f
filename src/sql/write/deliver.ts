// Delivery: send pending outbox entries to Basecamp in order, one at a time. An entry is
// committed as in_flight (with sent_at and deadline_at) before its request, and done together
// with the replica upsert of what Basecamp answered, so a crash anywhere is recoverable by
// reconcileOutbox without losing or duplicating the write. A delivery is aborted at its
// deadline, so after deadline_at nothing it sent can still be on its way.
import type { BasecampClient } from "../../api/index.js";
import type { Basecamp2Client } from "../../api/bc2/client.js";
import { BC2_HANDLERS, findCreatedBc2 } from "../bc2/write-handlers.js";
import { AbortedError, BasecampError, ConnectionError, ServerError, TimeoutError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import { replicaSchema, type Db } from "../replica.js";
import { WriteValueError, type TableHandlers } from "./handler-kit.js";
import { campfireLineHandlers, commentHandlers, documentHandlers, eventHandlers, messageHandlers } from "./handlers-content.js";
import { cardHandlers, columnHandlers, projectHandlers } from "./handlers-projects-cards.js";
import { todoHandlers, todolistHandlers } from "./handlers-todos.js";
import { boostHandlers, timesheetHandlers } from "./handlers-tracking.js";
import { claim, errorText, getEntry, listEntries, markDone, markFailed, release, type OutboxEntry } from "./outbox.js";
import { findCreated } from "./reconcile-lookup.js";
import { applyChange, type ReplicaChange } from "./replica-sync.js";

export const HANDLERS: Record<string, TableHandlers> = {
  ToDos: todoHandlers,
  ToDoLists: todolistHandlers,
  Messages: messageHandlers,
  Comments: commentHandlers,
  Documents: documentHandlers,
  CampfireLines: campfireLineHandlers,
  CalendarEvents: eventHandlers,
  Projects: projectHandlers,
  CardTableCards: cardHandlers,
  CardTableColumns: columnHandlers,
  TimesheetEntries: timesheetHandlers,
  Boosts: boostHandlers,
};

/** Basecamp 4's client, or Basecamp 2's on a V2 replica. */
export type SqlClient = BasecampClient | Basecamp2Client;

/** The handlers of a replica's table, and how to find what an earlier attempt created (Basecamp 2's on a V2 replica). */
function writeSide(db: Db, table: string): { handlers?: TableHandlers<SqlClient>; findCreated: (db: Db, client: SqlClient, entry: OutboxEntry, signal?: AbortSignal) => Promise<{ id: Id; change: ReplicaChange } | null> } {
  if (replicaSchema(db) === "V2") return { handlers: BC2_HANDLERS[table] as TableHandlers<SqlClient> | undefined, findCreated: findCreatedBc2 as never };
  return { handlers: HANDLERS[table] as TableHandlers<SqlClient> | undefined, findCreated: findCreated as never };
}

/** What an earlier attempt of this create made, if anything (see reconcile-lookup.ts; Basecamp 2's own lookup on a V2 replica). */
export function findCreatedFor(db: Db, client: SqlClient, entry: OutboxEntry, signal?: AbortSignal): Promise<{ id: Id; change: ReplicaChange } | null> {
  return writeSide(db, entry.table).findCreated(db, client, entry, signal);
}

export interface DeliverOptions {
  /** Only these entries (still only when pending). Default: every pending entry. */
  ids?: number[];
  /** Only entries with an id above this (take `lastOutboxId(db)` before a write). */
  after?: number | bigint;
  signal?: AbortSignal;
  /** Called after each entry is settled. */
  onEntry?: (outcome: EntryOutcome) => void;
}

export type EntryOutcome =
  | { id: number; table: string; op: string; state: "done"; resultId: Id | null; adopted?: boolean }
  | { id: number; table: string; op: string; state: "failed"; error: string; fieldErrors?: Record<string, string[]> }
  | { id: number; table: string; op: string; state: "skipped" };

/** The entries a delivery went through, as they are afterwards (state done, failed or still pending). */
export type DeliveryReport = OutboxEntry[];

/** True when the request may have reached Basecamp although no answer says so. */
function uncertain(err: unknown): boolean {
  return err instanceof ConnectionError || err instanceof TimeoutError || err instanceof AbortedError || err instanceof ServerError || (err instanceof BasecampError && err.status === undefined);
}

/** Settle an entry as done with what Basecamp has (`change` goes into the replica with it). */
export function settle(db: Db, entry: OutboxEntry, resultId: Id | null, change: ReplicaChange): void {
  db.transaction(() => {
    applyChange(db, change);
    markDone(db, entry.id, resultId);
  })();
}

/**
 * Send one claimed (in_flight) entry and settle it, aborting whatever is still on its way at
 * the entry's deadline. `lookFirst`: adopt an earlier attempt's record if there is one.
 */
export async function sendClaimed(db: Db, client: SqlClient, entry: OutboxEntry, opts: { signal?: AbortSignal; lookFirst: boolean }): Promise<EntryOutcome> {
  const base = { id: entry.id, table: entry.table, op: entry.op };
  const left = entry.deadlineAt ? Date.parse(entry.deadlineAt) - Date.now() : client.road.deadlineMs;
  const budget = AbortSignal.timeout(Math.max(0, left));
  const signal = opts.signal ? AbortSignal.any([opts.signal, budget]) : budget;
  let looked = false;
  try {
    const side = writeSide(db, entry.table);
    const handlers = side.handlers;
    if (!handlers) throw new WriteValueError(`${entry.table} is not a writable table.`);
    if (opts.lookFirst && entry.op === "insert") {
      const found = await side.findCreated(db, client, entry, signal);
      looked = true;
      if (found) {
        settle(db, entry, found.id, found.change);
        return { ...base, state: "done", resultId: found.id, adopted: true };
      }
    }
    const res = await handlers[entry.op]({ client, db, entry, signal });
    settle(db, entry, res.resultId, res.change);
    return { ...base, state: "done", resultId: res.resultId };
  } catch (thrown) {
    if (!db.open) throw thrown; // the process is going down: leave the entry in_flight for reconcile
    const err = budget.aborted && !opts.signal?.aborted ? new TimeoutError(`The write did not finish by its deadline (${entry.deadlineAt}); it may have reached Basecamp, so a retry looks for its record first.`, { cause: thrown }) : thrown;
    const maybeSent = entry.op === "insert" && (uncertain(err) || (entry.checkFirst && !looked));
    if (err instanceof AbortedError || opts.signal?.aborted) {
      release(db, entry.id, maybeSent);
      return { ...base, state: "skipped" };
    }
    markFailed(db, entry.id, err, maybeSent);
    const fieldErrors = (err as { fieldErrors?: Record<string, string[]> }).fieldErrors;
    return { ...base, state: "failed", error: errorText(err), ...(fieldErrors && Object.keys(fieldErrors).length ? { fieldErrors } : {}) };
  }
}

/**
 * Send pending entries in order (`ids` narrows them). Failures stay in sys_outbox with
 * their error (and a 422's field errors) until `retryOutbox` or `discardOutbox`.
 */
export async function deliverOutbox(db: Db, client: SqlClient, opts: DeliverOptions = {}): Promise<DeliveryReport> {
  const seen: number[] = [];
  const todo = listEntries(db, { state: "pending", ids: opts.ids }).filter((e) => opts.after === undefined || e.id > Number(opts.after));
  for (const e of todo) {
    seen.push(e.id);
    if (opts.signal?.aborted || !claim(db, e.id, client.road.deadlineMs)) continue;
    const claimed = getEntry(db, e.id)!;
    const out = await sendClaimed(db, client, claimed, { signal: opts.signal, lookFirst: claimed.checkFirst });
    opts.onEntry?.(out);
  }
  return listEntries(db, { ids: seen });
}
