// One webhook event into the replica: the event is claimed once per replica (two watchers of
// one account, or a delivery Basecamp repeats, apply it once), the recording is read again
// from Basecamp (a delivery's copy is partial, and its content is never trusted: a forged
// event names nothing that exists), and written through the same upsert the sync uses.
import type { BasecampClient } from "../../api/index.js";
import { NotFoundError } from "../../http/errors.js";
import { parseJsonExact, type Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import { replicaRow } from "../write/replica-sync.js";
import { deleteRecord, syncableTables, SYNC_STATE_TABLE, upsertRecords, type Json, type RowContext, type TableDef } from "../schema/index.js";

/** What the watcher needs of a delivered event (the receiver's WebhookEvent has it). */
export interface WatchedEvent {
  kind: string;
  createdAt: string;
  recording: { id: Id; type: string; url?: string; bucket?: { id: Id }; parent?: { id: Id; type?: string } };
}

/** One row the watcher wrote (or removed), for `onChange` and `campctl watch`'s lines. */
export interface AppliedChange {
  /** The event's kind ("todo_created", "comment_trashed" …); a comment's event also names the parent whose count it moved. */
  kind: string;
  table: string;
  id: Id;
  /** Written (upserted) or removed (the recording no longer exists). */
  action: "upsert" | "delete";
  title?: string;
}

/** Rows of bc_sync_state that hold the events applied (Scope is the event's key). */
const CLAIMS = "_watch:event";
/** Claims are kept this long: Basecamp retries a delivery for well under a day. */
export const CLAIM_KEEP_MS = 2 * 24 * 3600_000;

/** The same change delivered twice (or to two webhooks) has one key. */
export function eventKey(e: WatchedEvent): string {
  return `${String(e.recording.id)}:${e.kind}:${e.createdAt}`;
}

/** Take the event for this process; false when it was applied (or is being applied) already. */
export function claimEvent(db: Db, key: string, now = new Date()): boolean {
  const r = db
    .prepare(`INSERT INTO ${SYNC_STATE_TABLE} (TableName, Scope, LastSyncAt) VALUES (?, ?, ?) ON CONFLICT (TableName, Scope) DO NOTHING`)
    .run(CLAIMS, key, now.toISOString());
  return r.changes === 1;
}

/** Give the event back (its record could not be read): a later delivery or sync may apply it. */
export function releaseEvent(db: Db, key: string): void {
  db.prepare(`DELETE FROM ${SYNC_STATE_TABLE} WHERE TableName = ? AND Scope = ?`).run(CLAIMS, key);
}

/** Forget claims older than CLAIM_KEEP_MS. */
export function pruneClaims(db: Db, now = Date.now()): void {
  db.prepare(`DELETE FROM ${SYNC_STATE_TABLE} WHERE TableName = ? AND LastSyncAt < ?`).run(CLAIMS, new Date(now - CLAIM_KEEP_MS).toISOString());
}

/** The replica's tables fed by a recording type (a Todolist feeds lists and groups); none for types no table keeps. */
export function tablesForType(db: Db, type: string): TableDef[] {
  return syncableTables(db).filter((t) => t.recordingType === type);
}

/** A record's own API address from the delivery (the road refuses one outside the account). */
function recordUrl(url: unknown): string | undefined {
  return typeof url === "string" && /^https?:\/\//.test(url) ? url : undefined;
}

const titleOf = (rec: Json): string | undefined => {
  for (const k of ["title", "subject", "name", "content", "summary", "filename"]) if (typeof rec[k] === "string" && rec[k]) return (rec[k] as string).slice(0, 80);
  return undefined;
};

/**
 * Apply one event: claimed → read the recording (one request) → upsert it, or delete it when
 * Basecamp says it is gone. A comment that became active or stopped being active also moves
 * its parent's comment count in the replica (what Basecamp counts: active comments), without
 * reading the parent again. Resolves to the rows written; "duplicate" when already applied;
 * "ignored" when no table keeps this type. A failed read releases the claim and throws.
 */
export async function applyEvent(db: Db, client: BasecampClient, e: WatchedEvent, signal?: AbortSignal): Promise<AppliedChange[] | "duplicate" | "ignored"> {
  const tables = tablesForType(db, e.recording.type);
  // A record the replica has is read at the address Basecamp gave it, not the one a delivery names.
  const rows = tables.map((t) => replicaRow(db, t.name, e.recording.id));
  const stored = rows.map(rawOf).find((r) => r !== undefined);
  const wasActive = rows.some((r) => r?.Status === "active");
  const url = recordUrl(stored?.url) ?? recordUrl(e.recording.url);
  if (tables.length === 0 || !url) return "ignored";
  const key = eventKey(e);
  if (!claimEvent(db, key)) return "duplicate";
  let rec: Json | undefined;
  try {
    rec = await read(client, url, signal);
  } catch (err) {
    releaseEvent(db, key);
    throw err;
  }
  // What was read must be the record the event names: a delivery pointing elsewhere is not applied.
  if (rec !== undefined && (String(rec.id) !== String(e.recording.id) || (rec.type !== undefined && rec.type !== e.recording.type))) return "ignored";
  const out = write(db, e.kind, tables, e.recording.id, rec, { projectId: e.recording.bucket?.id ?? null, parentId: e.recording.parent?.id ?? null });
  const delta = (rec?.status === "active" ? 1 : 0) - (wasActive ? 1 : 0);
  if (e.recording.type === "Comment" && delta !== 0 && e.recording.parent?.type) out.push(...countComment(db, e, delta));
  return out;
}

/** The record as a replica row keeps it (its Raw JSON), when it has one. */
function rawOf(row: Record<string, unknown> | undefined): Json | undefined {
  return typeof row?.Raw === "string" ? parseJsonExact<Json>(row.Raw) : undefined;
}

/** Move the parent's comments_count by `delta` in its stored record and write it back through the upsert. */
function countComment(db: Db, e: WatchedEvent, delta: number): AppliedChange[] {
  const parent = e.recording.parent!;
  const out: AppliedChange[] = [];
  for (const t of tablesForType(db, parent.type!)) {
    const raw = rawOf(replicaRow(db, t.name, parent.id));
    if (typeof raw?.comments_count !== "number") continue;
    raw.comments_count = Math.max(0, raw.comments_count + delta);
    out.push(...write(db, e.kind, [t], parent.id, raw, { projectId: e.recording.bucket?.id ?? null }));
  }
  return out;
}

/** The record, or undefined when Basecamp says it is gone (a 404 for it, not for the whole account). */
async function read(client: BasecampClient, url: string, signal?: AbortSignal): Promise<Json | undefined> {
  try {
    return (await client.road.request<Json>("GET", url, { signal })).data;
  } catch (err) {
    if (err instanceof NotFoundError && !err.accountInactive) return undefined;
    throw err;
  }
}

/** Upsert the record into each table (or remove its row when it is gone). */
function write(db: Db, kind: string, tables: TableDef[], id: Id, rec: Json | undefined, ctx: RowContext): AppliedChange[] {
  const out: AppliedChange[] = [];
  for (const table of tables) {
    if (rec === undefined) {
      deleteRecord(db, table, id);
      out.push({ kind, table: table.name, id, action: "delete" });
    } else if (upsertRecords(db, table, [rec], ctx).upserted > 0) {
      out.push({ kind, table: table.name, id, action: "upsert", title: titleOf(rec) });
    }
  }
  return out;
}
