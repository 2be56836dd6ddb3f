// What every part of a Basecamp 2 sync shares: its state (the replica, the client, scope,
// counts), reading a list page by page, one GET by URL (null when it is gone), and writing a
// page of records (one transaction) or a record with its embedded comments.
import type { Basecamp2Client } from "../../api/bc2/client.js";
import { BC2_PAGE_SIZE } from "../../api/bc2/catalog.js";
import { AbortedError, NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import type { QueryValue } from "../../http/road.js";
import type { Db } from "../replica.js";
import { physicalName } from "../schema/ddl.js";
import { upsertRecords } from "../schema/upsert.js";
import type { Json, RowContext } from "../schema/types.js";
import type { SyncProgress, TableSummary } from "../sync/context.js";
import { prepared } from "../sync/context.js";
import { commentsOf } from "./tables.js";

export interface Bc2Sync {
  db: Db;
  client: Basecamp2Client;
  /** Tables asked for (registry names). */
  wanted: Set<string>;
  summary: Record<string, TableSummary>;
  projectIds: Id[] | undefined;
  scope: string;
  /** Read content whole (first sync, or `full`) rather than following the change feed. */
  fullRead: boolean;
  /** The caller asked for `full`: also GET records whose list entry shows no change. */
  thorough: boolean;
  signal: AbortSignal | undefined;
  concurrency: number;
  onProgress: ((p: SyncProgress) => void) | undefined;
  startedAt: string;
  /** Records already fetched by this sync (`Type:id`), so each is read once. */
  fetched: Set<string>;
}

export function wants(s: Bc2Sync, ...tables: string[]): boolean {
  return tables.some((t) => s.wanted.has(t));
}

function sumOf(s: Bc2Sync, table: string): TableSummary | undefined {
  return s.summary[table];
}

export function countRequest(s: Bc2Sync, table: string): void {
  const sum = sumOf(s, table);
  if (sum) sum.requests++;
}

export function stopIfAborted(s: Bc2Sync): void {
  if (s.signal?.aborted) throw new AbortedError("The sync was aborted; what it wrote so far is committed, and the next sync continues from there.", { cause: s.signal.reason });
}

/**
 * Read a list (a path under the account, or a full URL) page by page, 50 a page; `onPage`
 * gets each page as it comes. `stop` ends the read after a page (a newest-first list past its cutoff).
 */
export async function readPages(s: Bc2Sync, table: string, path: string, query: Record<string, QueryValue>, onPage: (items: Json[]) => void, stop?: (items: Json[]) => boolean): Promise<void> {
  const it = s.client.road.paginate<Json>(path, { query, signal: s.signal, pageSize: BC2_PAGE_SIZE });
  let done = 0;
  for await (const page of it.pages()) {
    countRequest(s, table);
    onPage(page.items);
    done += page.items.length;
    s.onProgress?.({ table, done });
    stopIfAborted(s);
    if (stop?.(page.items)) break;
  }
}

/** Every item of a list (small account lists). */
export async function readAll(s: Bc2Sync, table: string, path: string, query: Record<string, QueryValue> = {}): Promise<Json[]> {
  const out: Json[] = [];
  await readPages(s, table, path, query, (items) => out.push(...items));
  return out;
}

/** GET one record by its URL or path; null when Basecamp answers 404 (deleted, or its project is gone). */
export async function getOne(s: Bc2Sync, table: string, url: string, query?: Record<string, QueryValue>): Promise<Json | null> {
  countRequest(s, table);
  try {
    return ((await s.client.road.request<Json>("GET", url, { query, signal: s.signal })).data ?? null) as Json | null;
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

/** Upsert records into a wanted table (one transaction); counts them. */
export function put(s: Bc2Sync, table: string, records: readonly Json[], ctx: RowContext = {}): void {
  if (!s.wanted.has(table) || records.length === 0) return;
  const { upserted } = upsertRecords(s.db, table, records, ctx);
  const sum = sumOf(s, table);
  if (sum) sum.upserted += upserted;
}

/** Run `sql` (a DELETE) and count the rows it removed for `table`. */
export function del(s: Bc2Sync, table: string, sql: string, ...params: unknown[]): void {
  if (!s.wanted.has(table)) return;
  if (table === "ToDos") prepared(s.db, `DELETE FROM bc_ToDoAssignees WHERE ToDoId IN (SELECT Id FROM bc_ToDos WHERE ${sql})`).run(...params);
  const { changes } = prepared(s.db, `DELETE FROM "${physicalName(table)}" WHERE ${sql}`).run(...params);
  const sum = sumOf(s, table);
  if (sum) sum.deleted += Number(changes);
}

/** The comments of a record's GET answer replace those the replica holds for it. */
export function putComments(s: Bc2Sync, record: Json, ctx: RowContext = {}): void {
  if (!s.wanted.has("Comments")) return;
  const c = commentsOf(record, ctx);
  if (c.ctx.parentId === null || c.ctx.parentId === undefined) return;
  s.db.transaction(() => {
    const keep = JSON.stringify(c.records.map((r) => String(r.id)));
    del(s, "Comments", `ParentId = ? AND ParentType IS ? AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))`, c.ctx.parentId, c.ctx.parentType ?? null, keep);
    put(s, "Comments", c.records, c.ctx);
  })();
}

/** A record fetched whole: its row and its comments, in one transaction. */
export function putWhole(s: Bc2Sync, table: string, record: Json, ctx: RowContext = {}): void {
  s.db.transaction(() => {
    put(s, table, [record], ctx);
    putComments(s, record, ctx);
  })();
}

/** Remove a record that answers 404, with its comments. */
export function removeRecord(s: Bc2Sync, table: string, recordId: Id, parentType: string): void {
  s.db.transaction(() => {
    del(s, table, "Id = ?", recordId);
    del(s, "Comments", "ParentId = ? AND ParentType = ?", recordId, parentType);
    if (table === "ToDoLists") del(s, "ToDos", "ToDoListId = ?", recordId);
  })();
}

/** `Id → value` of a column for the rows of a table in one project (what the replica had before this read). */
export function columnByProject(s: Bc2Sync, table: string, column: string, projectId: Id, extra = ""): Map<string, unknown> {
  const rows = prepared(s.db, `SELECT Id, "${column}" AS v FROM "${physicalName(table)}" WHERE ProjectId = ?${extra}`).all(projectId) as Array<{ Id: Id; v: unknown }>;
  return new Map(rows.map((r) => [String(r.Id), r.v]));
}

/** Number of comments the replica holds per parent (of one kind) in a project. */
export function commentCounts(s: Bc2Sync, projectId: Id, parentType: string): Map<string, number> {
  const rows = prepared(s.db, `SELECT ParentId, COUNT(*) AS n FROM bc_Comments WHERE ProjectId IS ? AND ParentType = ? GROUP BY ParentId`).all(projectId, parentType) as Array<{ ParentId: Id; n: number }>;
  return new Map(rows.map((r) => [String(r.ParentId), Number(r.n)]));
}

/** Run once per key in this sync (a record fetched by two paths is read once). */
export function firstTime(s: Bc2Sync, type: string, recordId: unknown): boolean {
  const key = `${type}:${String(recordId)}`;
  if (s.fetched.has(key)) return false;
  s.fetched.add(key);
  return true;
}
