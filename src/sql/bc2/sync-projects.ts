// Reading one Basecamp 2 project's content: accesses, to-do lists (each GET carries its to-dos),
// topics (which name the records whose discussion changed), documents, attachments with their
// uploads and tags, and calendar events. A record is fetched alone only when its list entry
// shows a change the replica lacks (a new updated_at, another comments_count) or it left its list.
import type { Id } from "../../http/json.js";
import { physicalName } from "../schema/ddl.js";
import { id, type Json } from "../schema/types.js";
import { prepared } from "../sync/context.js";
import { columnByProject, commentCounts, del, put, readAll, readPages, stopIfAborted, wants, type Bc2Sync } from "./sync-io.js";
import { refetch, urlOf } from "./sync-records.js";

const ids = (records: readonly Json[], key = "id") => JSON.stringify(records.map((r) => String(r[key])));

export async function readAccesses(s: Bc2Sync, pid: Id): Promise<void> {
  if (!wants(s, "Accesses")) return;
  const people = await readAll(s, "Accesses", `/projects/${pid}/accesses.json`);
  s.db.transaction(() => {
    del(s, "Accesses", "ProjectId = ?", pid);
    put(s, "Accesses", people, { projectId: pid });
  })();
}

/** Rows of a table in a project that a whole read did not see and that are not trashed yet: fetch them (trashed, or gone). */
async function settleUnseen(s: Bc2Sync, table: string, type: string, pid: Id, seen: Set<string>, extra = ""): Promise<void> {
  if (!s.wanted.has(table)) return;
  const rows = prepared(s.db, `SELECT Id FROM "${physicalName(table)}" WHERE ProjectId = ? AND Status IS NOT 'trashed'${extra}`).all(pid) as Array<{ Id: Id }>;
  for (const r of rows) {
    if (seen.has(String(r.Id))) continue;
    stopIfAborted(s);
    await refetch(s, type, urlOf(type, pid, r.Id), r.Id, pid);
  }
}

/** A comment count that differs from the replica's rows: fetch the record (its GET carries them). */
async function settleComments(s: Bc2Sync, type: string, pid: Id, records: readonly Json[]): Promise<void> {
  if (!s.wanted.has("Comments")) return;
  const have = commentCounts(s, pid, type);
  for (const r of records) {
    const n = typeof r.comments_count === "number" ? r.comments_count : 0;
    const rid = id(r.id);
    if (rid === null || n === (have.get(String(rid)) ?? 0)) continue;
    stopIfAborted(s);
    if (n === 0) s.db.transaction(() => del(s, "Comments", "ParentId = ? AND ParentType = ?", rid, type))();
    else await refetch(s, type, typeof r.url === "string" ? r.url : urlOf(type, pid, rid), rid, pid);
  }
}

/** Lists of every state, each fetched whole (its to-dos, its comments); then to-dos whose comments changed. */
export async function readLists(s: Bc2Sync, pid: Id): Promise<void> {
  if (!wants(s, "ToDoLists", "ToDos", "Comments")) return;
  const lists: Json[] = [];
  for (const path of ["todolists.json", "todolists/completed.json", "todolists/trashed.json"]) lists.push(...(await readAll(s, "ToDoLists", `/projects/${pid}/${path}`)));
  s.db.transaction(() => {
    del(s, "ToDos", "ProjectId = ? AND CAST(ToDoListId AS TEXT) NOT IN (SELECT value FROM json_each(?))", pid, ids(lists));
    del(s, "ToDoLists", "ProjectId = ? AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))", pid, ids(lists));
  })();
  const todos: Json[] = [];
  for (const l of lists) {
    stopIfAborted(s);
    const whole = await refetch(s, "Todolist", typeof l.url === "string" ? l.url : urlOf("Todolist", pid, id(l.id)!), id(l.id)!, pid);
    const groups = (whole?.todos ?? {}) as Record<string, Json[] | undefined>;
    todos.push(...(groups.remaining ?? []), ...(groups.completed ?? []), ...(groups.trashed ?? []));
  }
  await settleComments(s, "Todo", pid, todos);
}

/**
 * Topics (active and archived); each whose time moved is fetched whole (a message is read only
 * this way). With `cutoff` (newest first) the read stops at older topics and removes nothing.
 */
export async function readTopics(s: Bc2Sync, pid: Id, cutoff?: string): Promise<void> {
  if (!wants(s, "Topics", "Messages", "Comments")) return;
  const before = columnByProject(s, "Topics", "UpdatedAt", pid);
  const seen = new Set<string>();
  const named = new Set<string>();
  const changed: Json[] = [];
  const older = (items: Json[]) => cutoff !== undefined && items.length > 0 && String(items[items.length - 1].updated_at ?? "") < cutoff;
  for (const [path, archived] of [["topics.json", false], ["topics/archived.json", true]] as const) {
    await readPages(s, "Topics", `/projects/${pid}/${path}`, {}, (items) => {
      for (const t of items) {
        seen.add(String(t.id));
        named.add(String(((t.topicable ?? {}) as Json).id));
        if (s.thorough || before.get(String(t.id)) !== t.updated_at) changed.push(t);
      }
      s.db.transaction(() => {
        put(s, "Topics", items, { projectId: pid });
        // Basecamp 2 lists archived topics apart; their JSON has no flag for it.
        if (archived && s.wanted.has("Topics")) prepared(s.db, `UPDATE bc_Topics SET Status = 'archived' WHERE Status = 'active' AND CAST(Id AS TEXT) IN (SELECT value FROM json_each(?))`).run(ids(items));
      })();
    }, older);
  }
  const gone: Array<{ TopicableId: Id; TopicableType: string }> = [];
  if (cutoff === undefined) {
    const rows = prepared(s.db, `SELECT Id, TopicableId, TopicableType FROM bc_Topics WHERE ProjectId = ?`).all(pid) as Array<{ Id: Id; TopicableId: Id; TopicableType: string }>;
    for (const r of rows) if (!seen.has(String(r.Id))) gone.push(r);
    s.db.transaction(() => del(s, "Topics", "ProjectId = ? AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))", pid, JSON.stringify([...seen])))();
  }
  // A topic that left the lists: its record was trashed, or lost its last comment.
  for (const g of gone) await refetch(s, g.TopicableType, urlOf(g.TopicableType, pid, g.TopicableId), g.TopicableId, pid);
  for (const t of changed) {
    stopIfAborted(s);
    const ref = (t.topicable ?? {}) as Json;
    const rid = id(ref.id);
    if (rid !== null && typeof ref.type === "string") await refetch(s, ref.type, typeof ref.url === "string" ? ref.url : urlOf(ref.type, pid, rid), rid, pid);
  }
  // Every live message is a topic: one that is not was trashed (or deleted).
  if (cutoff === undefined) await settleUnseen(s, "Messages", "Message", pid, named);
}

/** Documents: listed without their text, so each new or changed one is fetched whole. */
export async function readDocuments(s: Bc2Sync, pid: Id): Promise<void> {
  if (!wants(s, "Documents", "Comments")) return;
  const before = columnByProject(s, "Documents", "UpdatedAt", pid);
  const docs = await readAll(s, "Documents", `/projects/${pid}/documents.json`);
  for (const d of docs) {
    stopIfAborted(s);
    if (!s.thorough && before.get(String(d.id)) === d.updated_at) continue;
    await refetch(s, "Document", typeof d.url === "string" ? d.url : urlOf("Document", pid, id(d.id)!), id(d.id)!, pid);
  }
  await settleUnseen(s, "Documents", "Document", pid, new Set(docs.map((d) => String(d.id))));
}

/** Attachments replace the project's rows (and their tags); uploads new to the replica are fetched whole. */
export async function readAttachments(s: Bc2Sync, pid: Id, settle: boolean): Promise<void> {
  if (!wants(s, "Attachments", "Tags", "Uploads")) return;
  const atts = await readAll(s, "Attachments", `/projects/${pid}/attachments.json`);
  s.db.transaction(() => {
    del(s, "Attachments", "ProjectId = ? AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))", pid, ids(atts));
    put(s, "Attachments", atts, { projectId: pid });
    del(s, "Tags", "ProjectId = ?", pid);
    put(s, "Tags", atts.flatMap((a) => (Array.isArray(a.tags) ? a.tags : []).map((name) => ({ attachmentId: a.id, name }))), { projectId: pid });
  })();
  if (!wants(s, "Uploads", "Comments")) return;
  const have = columnByProject(s, "Uploads", "Id", pid);
  const uploads = atts.map((a) => (a.attachable ?? {}) as Json).filter((r) => r.type === "Upload");
  for (const u of uploads) {
    stopIfAborted(s);
    if (!s.thorough && have.has(String(u.id))) continue;
    await refetch(s, "Upload", typeof u.url === "string" ? u.url : urlOf("Upload", pid, id(u.id)!), id(u.id)!, pid);
  }
  if (settle) await settleUnseen(s, "Uploads", "Upload", pid, new Set(uploads.map((u) => String(u.id))));
}

/** The project's calendar events, upcoming and past; those whose comments changed are fetched whole. */
export async function readCalendarEvents(s: Bc2Sync, pid: Id): Promise<void> {
  if (!wants(s, "CalendarEvents", "Comments")) return;
  const events: Json[] = [];
  for (const path of ["calendar_events.json", "calendar_events/past.json"]) {
    await readPages(s, "CalendarEvents", `/projects/${pid}/${path}`, {}, (items) => {
      events.push(...items);
      s.db.transaction(() => put(s, "CalendarEvents", items, { projectId: pid }))();
    });
  }
  await settleComments(s, "CalendarEvent", pid, events);
  await settleUnseen(s, "CalendarEvents", "CalendarEvent", pid, new Set(events.map((e) => String(e.id))), " AND CalendarId IS NULL");
}

/** Everything of one project, read whole. */
export async function readProjectWhole(s: Bc2Sync, project: Json): Promise<void> {
  const pid = id(project.id)!;
  await readAccesses(s, pid);
  await readLists(s, pid);
  await readDocuments(s, pid);
  await readAttachments(s, pid, true);
  await readCalendarEvents(s, pid);
  // Last: a topic names records the reads above may have fetched already (each is fetched once).
  await readTopics(s, pid);
}

