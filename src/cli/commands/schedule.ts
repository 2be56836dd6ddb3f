// `campctl schedule [schedule|project]`: upcoming schedule entries, soonest first (of one
// project, or of every project when none is named or chosen); `campctl schedule show <entry>`.
import type { BasecampClient } from "../../api/client.js";
import { KIND } from "../../api/internal/kinds.js";
import type { ScheduleEntry } from "../../api/types.js";
import type { Id } from "../../http/json.js";
import type { GlobalOptions } from "../internal/context.js";
import { resolveTool, toolArg, type ToolKind } from "../internal/project-tool.js";
import { oneLine } from "../internal/text.js";
import { collect, countArg, idArg, names, openedOnWeb, print, printFields, type Row, withClient } from "./shared.js";

const SCHEDULE: ToolKind = { kinds: KIND.schedule, dock: "schedule", what: "schedule", probe: (c, id) => c.schedules.get(id) };
const DAY = 86_400_000;

export interface ScheduleOptions {
  days?: string;
  limit?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Local date and time, "2026-12-04 09:00"; all-day entries by date alone. */
function when(iso: string, allDay: boolean): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (allDay) return iso.slice(0, 10);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Still to come (or under way) at `now`, and starting before `until`; a repeating entry while its series runs. */
export function isUpcoming(e: ScheduleEntry, now: number, until: number): boolean {
  const r = e.recurrence_schedule;
  if (r) return (r.end_date === null || Date.parse(`${r.end_date}T23:59:59Z`) >= now) && Date.parse(r.start_date) < until;
  const end = Date.parse(e.all_day ? `${e.ends_at.slice(0, 10)}T23:59:59Z` : e.ends_at);
  return end >= now && Date.parse(e.starts_at) < until;
}

function row(e: ScheduleEntry): Row {
  return {
    id: e.id,
    starts: when(e.starts_at, e.all_day),
    ends: when(e.ends_at, e.all_day),
    summary: e.summary || e.title,
    project: e.bucket?.name ?? "",
    repeats: e.recurrence_schedule?.frequency ?? "",
    with: names(e.participants),
  };
}

/** The schedules to read: the one named (or of the project named / chosen), else every project's. */
async function schedulesOf(client: BasecampClient, target: string | undefined, projectId: string | undefined): Promise<Id[]> {
  if (target !== undefined || projectId) return [await resolveTool(client, target, SCHEDULE, projectId)];
  const out: Id[] = [];
  for (const p of await collect(client.projects.list())) {
    const tool = p.dock.find((d) => d.name === "schedule" && d.enabled);
    if (tool) out.push(tool.id);
  }
  return out;
}

export async function runSchedule(target: string | undefined, o: ScheduleOptions, g: GlobalOptions): Promise<void> {
  toolArg(target, SCHEDULE);
  const days = countArg(o.days, "--days");
  const limit = countArg(o.limit, "--limit");
  const now = Date.now();
  const until = days === undefined ? Infinity : now + days * DAY;
  await withClient(g, async (conn) => {
    const entries: ScheduleEntry[] = [];
    for (const id of await schedulesOf(conn.client, target, conn.settings.projectId)) {
      for await (const e of conn.client.schedules.entries(id)) if (isUpcoming(e, now, until)) entries.push(e);
    }
    entries.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
    const shown = limit === undefined ? entries : entries.slice(0, limit);
    print(g, shown, shown.map(row));
  });
}

export async function runScheduleShow(entry: string, o: { web?: boolean }, g: GlobalOptions): Promise<void> {
  const id = idArg(entry, KIND.scheduleEntry, "schedule entry");
  await withClient(g, async (conn) => {
    const e = await conn.client.schedules.entry(id);
    if (await openedOnWeb(g, o, e.app_url)) return;
    const fields: Row = {
      id: e.id,
      summary: e.summary || e.title,
      starts: when(e.starts_at, e.all_day),
      ends: when(e.ends_at, e.all_day),
      all_day: e.all_day,
      repeats: e.recurrence_schedule ? `${e.recurrence_schedule.frequency}${e.recurrence_schedule.end_date ? ` until ${e.recurrence_schedule.end_date}` : ""}` : "",
      participants: names(e.participants),
      description: oneLine(e.description, 200),
      project: e.bucket?.name ?? "",
      creator: e.creator?.name ?? "",
      url: e.app_url,
    };
    printFields(g, e, fields);
  });
}
