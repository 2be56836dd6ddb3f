// Account lists of a Basecamp 2 sync: projects, people, groups, stars, project templates and
// account calendars with their events. They are short and the change feed does not name
// them, so each sync reads them whole and removes the rows they no longer hold.
import type { Id } from "../../http/json.js";
import { physicalName } from "../schema/ddl.js";
import { id, type Json } from "../schema/types.js";
import { prepared } from "../sync/context.js";
import { del, getOne, put, readAll, readPages, wants, type Bc2Sync } from "./sync-io.js";

const idsJson = (records: readonly Json[], key = "id") => JSON.stringify(records.map((r) => String(r[key])));

/** The records replace the table's rows (those matching `where`, default all), in one transaction. */
function replace(s: Bc2Sync, table: string, records: readonly Json[], opts: { key?: string; keyColumn?: string; where?: string; params?: unknown[]; ctx?: Record<string, unknown> } = {}): void {
  if (!s.wanted.has(table)) return;
  const keyColumn = opts.keyColumn ?? "Id";
  s.db.transaction(() => {
    del(s, table, `CAST("${keyColumn}" AS TEXT) NOT IN (SELECT value FROM json_each(?))${opts.where ? ` AND ${opts.where}` : ""}`, idsJson(records, opts.key), ...(opts.params ?? []));
    put(s, table, records, opts.ctx ?? {});
  })();
}

export interface ProjectsRead {
  /** Every project visible (active, archived, drafts). */
  all: Json[];
  /** UpdatedAt of each project as the replica had it before this read. */
  before: Map<string, unknown>;
}

/** Projects: active, archived and drafts (3 requests). Written when wanted; trashed ones disappear. */
export async function readProjects(s: Bc2Sync): Promise<ProjectsRead> {
  const all: Json[] = [];
  for (const path of ["/projects.json", "/projects/archived.json", "/projects/drafts.json"]) all.push(...(await readAll(s, "Projects", path)));
  const rows = prepared(s.db, `SELECT Id, UpdatedAt FROM ${physicalName("Projects")}`).all() as Array<{ Id: Id; UpdatedAt: string | null }>;
  const before = new Map<string, unknown>(rows.map((r) => [String(r.Id), r.UpdatedAt]));
  if (s.projectIds) {
    const scoped = all.filter((p) => s.projectIds!.some((x) => String(x) === String(p.id)));
    s.db.transaction(() => put(s, "Projects", scoped))();
  } else replace(s, "Projects", all);
  return { all, before };
}

export async function syncPeople(s: Bc2Sync): Promise<void> {
  const people = [...(await readAll(s, "People", "/people.json")), ...(await readAll(s, "People", "/people/trashed.json"))];
  replace(s, "People", people);
}

export async function syncStars(s: Bc2Sync): Promise<void> {
  replace(s, "Stars", await readAll(s, "Stars", "/stars.json"), { key: "project_id", keyColumn: "ProjectId" });
}

export async function syncTemplates(s: Bc2Sync): Promise<void> {
  replace(s, "ProjectTemplates", await readAll(s, "ProjectTemplates", "/project_templates.json"));
}

/** Groups, and each group's GET (members, subgroups) only when it changed; subgroups likewise. */
export async function syncGroups(s: Bc2Sync): Promise<void> {
  const list = await readAll(s, "Groups", "/groups.json");
  const rows = prepared(s.db, `SELECT Id, UpdatedAt, ParentId FROM bc_Groups`).all() as Array<{ Id: Id; UpdatedAt: string | null; ParentId: Id | null }>;
  const known = new Map(rows.map((r) => [String(r.Id), r]));
  // The list's summaries lack members: rows come from each group's GET; the list only removes.
  s.db.transaction(() => del(s, "Groups", `ParentId IS NULL AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))`, idsJson(list)))();
  for (const g of list) {
    const row = known.get(String(g.id));
    if (!s.thorough && row && row.UpdatedAt === g.updated_at) continue;
    const whole = await getOne(s, "Groups", `/groups/${String(g.id)}.json`);
    if (!whole) continue;
    const subs = Array.isArray(whole.subgroups) ? (whole.subgroups as Json[]) : [];
    const subsWhole: Json[] = [];
    for (const sub of subs) {
      const subRow = known.get(String(sub.id));
      if (!s.thorough && subRow && subRow.UpdatedAt === sub.updated_at) continue;
      const w = await getOne(s, "Groups", `/groups/${String(g.id)}/subgroups/${String(sub.id)}.json`);
      if (w) subsWhole.push(w);
    }
    s.db.transaction(() => {
      put(s, "Groups", [whole]);
      del(s, "Groups", `ParentId = ? AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))`, id(g.id), idsJson(subs));
      put(s, "Groups", subsWhole, { parentId: id(g.id) });
    })();
  }
  // Subgroups of groups that are gone.
  s.db.transaction(() => del(s, "Groups", `ParentId IS NOT NULL AND ParentId NOT IN (SELECT Id FROM bc_Groups WHERE ParentId IS NULL)`))();
}

/** Account calendars, and (unless narrowed to projects) their events, upcoming and past. */
export async function syncCalendars(s: Bc2Sync): Promise<void> {
  const cals = await readAll(s, "Calendars", "/calendars.json");
  replace(s, "Calendars", cals);
  if (!wants(s, "CalendarEvents") || s.projectIds) return;
  for (const cal of cals) {
    const events: Json[] = [];
    for (const which of ["calendar_events.json", "calendar_events/past.json"]) {
      await readPages(s, "CalendarEvents", `/calendars/${String(cal.id)}/${which}`, {}, (items) => events.push(...items));
    }
    replace(s, "CalendarEvents", events, { where: "CalendarId = ?", params: [id(cal.id)] });
  }
  s.db.transaction(() => del(s, "CalendarEvents", `CalendarId IS NOT NULL AND CAST(CalendarId AS TEXT) NOT IN (SELECT value FROM json_each(?))`, idsJson(cals)))();
}
