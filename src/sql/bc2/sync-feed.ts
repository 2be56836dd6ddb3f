// The change feed of a Basecamp 2 sync: `events.json?since=` (newest first, 50 a page) marks
// how far a sync reaches, fills Events, and on an incremental sync names every record to fetch
// again. What the feed cannot name (a list's counts, topics, attachments and tags, accesses)
// is read again only for the projects it names.
import type { Id } from "../../http/json.js";
import { id, idOfObj, type Json } from "../schema/types.js";
import { mapPool } from "../sync/pool.js";
import { firstTime, getOne, put, readPages, stopIfAborted, type Bc2Sync } from "./sync-io.js";
import { readAccesses, readAttachments, readTopics } from "./sync-projects.js";
import { putList, refetch, TABLE_OF_TYPE, urlOf } from "./sync-records.js";
import { projectOf } from "./tables-shared.js";

export interface Change {
  type: string;
  id: Id;
  url: string;
  projectId: Id;
}

export interface Feed {
  /** created_at of the newest event read (server time), null when none. */
  newest: string | null;
  /** Distinct records the events name, in scope. */
  changes: Map<string, Change>;
}

function inScope(s: Bc2Sync, projectId: Id | null): boolean {
  return !s.projectIds || (projectId !== null && s.projectIds.some((p) => String(p) === String(projectId)));
}

/** Read events since `since`: every page, or with `firstPageOnly` just the newest page (its first event marks the time). */
export async function readFeed(s: Bc2Sync, since: string, firstPageOnly: boolean): Promise<Feed> {
  const feed: Feed = { newest: null, changes: new Map() };
  await readPages(s, "Events", "/events.json", { since }, (items) => {
    for (const ev of items) {
      const at = typeof ev.created_at === "string" ? ev.created_at : null;
      if (at && (!feed.newest || at > feed.newest)) feed.newest = at;
      const projectId = projectOf(ev, {});
      const ref = (ev.eventable ?? {}) as Json;
      const rid = idOfObj(ref);
      if (!inScope(s, projectId) || rid === null || projectId === null || typeof ref.type !== "string" || !TABLE_OF_TYPE[ref.type]) continue;
      const key = `${ref.type}:${String(rid)}`;
      if (!feed.changes.has(key)) feed.changes.set(key, { type: ref.type, id: rid, url: typeof ref.url === "string" ? ref.url : urlOf(ref.type, projectId, rid), projectId });
    }
    const scoped = s.projectIds ? items.filter((ev) => inScope(s, projectOf(ev, {}))) : items;
    s.db.transaction(() => put(s, "Events", scoped))();
  }, () => firstPageOnly);
  return feed;
}

/**
 * An incremental sync: fetch again each record the feed named (and the lists of changed
 * to-dos, for their counts), then the topics and attachments of the projects it named and the
 * accesses of projects whose time moved.
 */
export async function applyFeed(s: Bc2Sync, feed: Feed, since: string, projects: readonly Json[], before: Map<string, unknown>): Promise<void> {
  const lists = new Map<string, { listId: Id; projectId: Id }>();
  const named = new Map<string, Id>();
  await mapPool([...feed.changes.values()], s.concurrency, async (c) => {
    stopIfAborted(s);
    named.set(String(c.projectId), c.projectId);
    const rec = await refetch(s, c.type, c.url, c.id, c.projectId);
    const listId = c.type === "Todo" && rec ? id(rec.todolist_id) : null;
    if (listId !== null) lists.set(String(listId), { listId, projectId: c.projectId });
  });
  // A to-do's change moves its list's counts (completed, remaining), which the feed does not say.
  await mapPool([...lists.values()], s.concurrency, async (l) => {
    if (!s.wanted.has("ToDoLists") || !firstTime(s, "Todolist", l.listId)) return;
    const list = await getOne(s, "ToDoLists", urlOf("Todolist", l.projectId, l.listId), { exclude_todos: true });
    if (list) putList(s, list, l.projectId);
  });
  const live = new Map(projects.map((p) => [String(p.id), p]));
  const touched = [...named.values()].filter((p) => live.has(String(p)));
  await mapPool(touched, s.concurrency, async (pid) => {
    await readTopics(s, pid, since);
    await readAttachments(s, pid, false);
  });
  const moved = projects.filter((p) => inScope(s, id(p.id)) && before.get(String(p.id)) !== p.updated_at);
  await mapPool(moved, s.concurrency, (p) => readAccesses(s, id(p.id)!));
}
