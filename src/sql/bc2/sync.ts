// Sync of a Basecamp 2 replica. The change feed is read first (its newest event marks what
// this sync covers); then the project list, the short account lists (read whole every time),
// and project content: read whole on a first sync or `full`, else only what the feed names.
// Rows are written a page or a record per transaction; each table's state is committed at the end.
import type { Basecamp2Client } from "../../api/bc2/client.js";
import type { Db } from "../replica.js";
import { newSummary } from "../sync/context.js";
import { SyncError, type SyncOptions, type SyncSummary } from "../sync/engine.js";
import { mapPool } from "../sync/pool.js";
import { getSyncState, putSyncState, SAFETY_MARGIN_MS, scopeKey } from "../sync/state.js";
import { syncCalendars, syncGroups, syncPeople, syncStars, syncTemplates, readProjects, type ProjectsRead } from "./sync-account.js";
import { applyFeed, readFeed, type Feed } from "./sync-feed.js";
import { del, stopIfAborted, type Bc2Sync } from "./sync-io.js";
import { readProjectWhole } from "./sync-projects.js";

/** Tables of project content: read whole once, then kept up by the change feed. */
export const CONTENT_TABLES = ["Accesses", "ToDoLists", "ToDos", "Topics", "Messages", "Comments", "Documents", "Uploads", "Attachments", "Tags", "CalendarEvents", "Events"];

/** How far back a first sync reads the change feed into Events. */
export const EVENTS_HORIZON_DAYS = 30;

const ACCOUNT_UNITS: Array<{ tables: string[]; run: (s: Bc2Sync) => Promise<void> }> = [
  { tables: ["People"], run: syncPeople },
  { tables: ["Groups"], run: syncGroups },
  { tables: ["Stars"], run: syncStars },
  { tables: ["ProjectTemplates"], run: syncTemplates },
  { tables: ["Calendars", "CalendarEvents"], run: syncCalendars },
];

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const minTime = (a: string | null, b: string | null) => (!a ? b : !b ? a : a < b ? a : b);

export async function syncBc2(db: Db, client: Basecamp2Client, opts: SyncOptions, wanted: Set<string>): Promise<SyncSummary> {
  const projectIds = opts.projectIds && opts.projectIds.length > 0 ? [...opts.projectIds] : undefined;
  const summary: SyncSummary = {};
  for (const n of wanted) summary[n] = newSummary();
  const startedAt = new Date().toISOString();
  const content = CONTENT_TABLES.filter((t) => wanted.has(t));
  let since: string | null = null;
  let fullRead = opts.full === true;
  for (const t of content) {
    const wm = getSyncState(db, t, projectIds).watermark;
    if (!wm) fullRead = true;
    since = minTime(since, wm);
  }
  const s: Bc2Sync = {
    db,
    client,
    wanted,
    summary,
    projectIds,
    scope: scopeKey(projectIds),
    fullRead,
    thorough: opts.full === true,
    signal: opts.signal,
    concurrency: Math.max(1, opts.concurrency ?? 4),
    onProgress: opts.onProgress,
    startedAt,
    fetched: new Set(),
  };
  const errors: Record<string, unknown> = {};
  const unit = async (tables: string[], fn: () => Promise<void>) => {
    const t0 = Date.now();
    try {
      await fn();
    } catch (e) {
      for (const t of tables) if (wanted.has(t)) (errors[t] = e), (summary[t].error = describe(e));
    } finally {
      for (const t of tables) if (summary[t]) summary[t].durationMs += Date.now() - t0;
    }
  };
  const failed = (tables: string[]) => tables.some((t) => errors[t] !== undefined);

  // 1. The feed: on a whole read only its newest page (the mark) unless Events is wanted.
  let feed: Feed | undefined;
  const horizon = new Date(Date.parse(startedAt) - EVENTS_HORIZON_DAYS * 86_400_000).toISOString();
  if (content.length > 0) {
    await unit(content, async () => {
      feed = await readFeed(s, fullRead ? horizon : since!, fullRead && !wanted.has("Events"));
    });
  }
  // Nothing newer than the mark is covered; with no event read, the feed's time is ours less a margin.
  const fallback = fullRead ? new Date(Date.parse(startedAt) - SAFETY_MARGIN_MS).toISOString() : since;
  const mark = clamp(feed?.newest && (!fallback || feed.newest > fallback) ? feed.newest : fallback, startedAt);

  // 2. Projects: every project table needs them.
  let projects: ProjectsRead | undefined;
  if (wanted.has("Projects") || content.length > 0) {
    await unit(["Projects", ...content], async () => {
      projects = await readProjects(s);
    });
    if (!projects) throw new SyncError(`Sync failed reading the project list: ${describe(Object.values(errors)[0])}`, summary, errors);
  }

  // 3. Account lists, read whole.
  const account = ACCOUNT_UNITS.filter((u) => u.tables.some((t) => wanted.has(t)));
  await mapPool(account, s.concurrency, (u) => unit(u.tables, () => u.run(s)));

  // 4. Project content.
  const body = content.filter((t) => t !== "Events");
  if (body.length > 0 && feed && projects && !failed(body)) {
    const all = projects.all;
    await unit(body, async () => {
      purgeGoneProjects(s, all.map((p) => String(p.id)));
      const scoped = all.filter((p) => !projectIds || projectIds.some((x) => String(x) === String(p.id)));
      if (fullRead) {
        await mapPool(scoped, s.concurrency, async (p) => {
          stopIfAborted(s);
          await readProjectWhole(s, p);
        });
      } else await applyFeed(s, feed!, since!, scoped, projects!.before);
    });
  }

  // 5. State of each table that succeeded (content tables carry the feed's mark).
  db.transaction(() => {
    for (const t of wanted) {
      if (errors[t] !== undefined) continue;
      const isContent = CONTENT_TABLES.includes(t);
      putSyncState(db, t, s.scope, isContent ? mark : null, isContent ? fullRead : true);
    }
  })();

  const bad = Object.keys(errors);
  if (bad.length > 0) {
    throw new SyncError(`Sync failed for ${bad.join(", ")}: ${describe(errors[bad[0]])} (the other tables were synced; run the sync again to retry).`, summary, errors);
  }
  return summary;
}

/** Watermarks never pass the time this sync started, even if the server's clock runs ahead. */
function clamp(wm: string | null, startedAt: string): string | null {
  return wm && wm > startedAt ? startedAt : wm;
}

/** Rows of projects that no longer exist (trashed or deleted) leave every content table. */
function purgeGoneProjects(s: Bc2Sync, live: string[]): void {
  const keep = JSON.stringify(live);
  s.db.transaction(() => {
    for (const t of CONTENT_TABLES) del(s, t, "ProjectId IS NOT NULL AND CAST(ProjectId AS TEXT) NOT IN (SELECT value FROM json_each(?))", keep);
  })();
}
