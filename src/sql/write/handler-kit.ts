// Shared pieces of the delivery handlers: reading payload values, dock lookups, status
// changes (trash / archive / restore) and the shape of a handler.
import type { BasecampClient } from "../../api/index.js";
import type { DockName } from "../../api/types.js";
import { parseJsonExact, type Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import type { OutboxEntry } from "./outbox.js";
import { refetched, type ReplicaChange } from "./replica-sync.js";

export interface HandlerCtx<C = BasecampClient> {
  client: C;
  db: Db;
  entry: OutboxEntry;
  signal?: AbortSignal;
}

export interface HandlerResult {
  resultId: Id | null;
  change: ReplicaChange;
}

export type Handler<C = BasecampClient> = (h: HandlerCtx<C>) => Promise<HandlerResult>;

/** How a writable table's INSERT, UPDATE and DELETE reach Basecamp (C: Basecamp 4's client, or Basecamp 2's). */
export interface TableHandlers<C = BasecampClient> {
  insert: Handler<C>;
  update: Handler<C>;
  delete: Handler<C>;
}

/** Refused before anything is sent (bad values): not worth retrying as is. */
export class WriteValueError extends Error {
  override name = "WriteValueError";
}

export function has(p: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(p, key);
}

export function toId(v: unknown, what: string): Id {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === "string" && /^\d+$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : BigInt(v.trim());
  }
  throw new WriteValueError(`${what} must be a Basecamp ID (a whole number); got ${JSON.stringify(String(v))}`);
}

export function optId(v: unknown, what: string): Id | null | undefined {
  return v === undefined ? undefined : v === null ? null : toId(v, what);
}

/** A list of IDs from JSON array text ('[1,2]'), a comma list ('1,2'), one ID, or NULL (empty). */
export function toIds(v: unknown, what: string): Id[] {
  if (v === null || v === undefined || v === "") return [];
  if (typeof v === "number" || typeof v === "bigint") return [toId(v, what)];
  if (typeof v === "string") {
    const t = v.trim();
    const items: unknown[] = t.startsWith("[") ? parseJsonExact<unknown[]>(t) : t.split(",").map((s) => s.trim()).filter(Boolean);
    if (!Array.isArray(items)) throw new WriteValueError(`${what} must be a JSON array of IDs like '[1,2]'`);
    return items.map((x) => toId(x, what));
  }
  if (Array.isArray(v)) return v.map((x) => toId(x, what));
  throw new WriteValueError(`${what} must be a JSON array of IDs like '[1,2]'`);
}

export function toBool(v: unknown): boolean {
  if (typeof v === "string") return !["0", "false", "no", "off", ""].includes(v.trim().toLowerCase());
  return v === true || (v !== null && v !== undefined && Number(v) !== 0);
}

export function toStr(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** A nullable text value: NULL (clear) stays null. */
export function optStr(v: unknown): string | null | undefined {
  return v === undefined ? undefined : v === null ? null : String(v);
}

/** A date 'YYYY-MM-DD' (or null to clear). */
export function optDate(v: unknown, what: string): string | null | undefined {
  const s = optStr(v);
  if (s === undefined || s === null || s === "") return s === "" ? null : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new WriteValueError(`${what} must be a date like 2030-01-31 (or NULL); got ${JSON.stringify(s)}`);
  return s;
}

/** The ID of an enabled dock tool of a project (its to-do set, message board, …). */
export async function dockId(client: BasecampClient, projectId: unknown, name: DockName, what: string, signal?: AbortSignal): Promise<Id> {
  const pid = toId(projectId, "ProjectId");
  const tool = await client.projects.tool(pid, name, { signal });
  if (!tool) throw new WriteValueError(`Project ${String(pid)} has no ${what} switched on; give the ${what}'s ID instead of ProjectId, or enable the tool in Basecamp.`);
  return tool.id;
}

export function statusOf(p: Record<string, unknown>): "active" | "archived" | "trashed" | undefined {
  const s = p.Status;
  if (s === undefined) return undefined;
  if (s === "active" || s === "archived" || s === "trashed") return s;
  throw new WriteValueError(`Status must be 'active', 'archived' or 'trashed'; got ${JSON.stringify(s)}`);
}

/** Change a recording's status: trashed, archived, or back to active. */
export async function setRecordingStatus(client: BasecampClient, id: Id, status: "active" | "archived" | "trashed", signal?: AbortSignal): Promise<void> {
  if (status === "trashed") await client.recordings.trash(id, { signal });
  else if (status === "archived") await client.recordings.archive(id, { signal });
  else await client.recordings.unarchive(id, { signal });
}

/**
 * Run an update with a status change in the order Basecamp allows: restoring first (a
 * trashed record is read-only), archiving or trashing last.
 */
export async function withStatus(
  p: Record<string, unknown>,
  set: (s: "active" | "archived" | "trashed") => Promise<void>,
  edits: () => Promise<void>,
): Promise<void> {
  const status = statusOf(p);
  if (status === "active") await set(status);
  await edits();
  if (status === "archived" || status === "trashed") await set(status);
}

/** Keys of the payload other than these. */
export function changedBesides(p: Record<string, unknown>, ...skip: string[]): string[] {
  return Object.keys(p).filter((k) => !skip.includes(k));
}

/** Read the record again and upsert it; the result is its ID. */
export async function upsertAgain(h: HandlerCtx, table: string, id: Id): Promise<HandlerResult> {
  return { resultId: id, change: { upserts: await refetched(h.client, table, id, h.signal), deletes: [] } };
}

export async function trash(h: HandlerCtx, table: string): Promise<HandlerResult> {
  const id = toId(h.entry.rowId, `${table}.Id`);
  await setRecordingStatus(h.client, id, "trashed", h.signal);
  return upsertAgain(h, table, id);
}
