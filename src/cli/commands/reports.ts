// `campctl reports overdue | assigned [person] | upcoming | progress [person]`: Basecamp's
// account-wide reports as tables (the API's own answer with --json).
import type { BasecampClient } from "../../api/client.js";
import type { OpResult } from "../../api/operation.js";
import type { Id } from "../../http/json.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { resolvePeople } from "../internal/people.js";
import { addDays, daysBetween, localTime, rangeArgs, ymd } from "../internal/time-args.js";
import { collect, countArg, peopleArg, print, type Row, withClient } from "./shared.js";

const names = (people: ReadonlyArray<{ name?: string }> | undefined): string => (people ?? []).map((p) => p.name ?? "").join(", ");

/** The overdue report's groups, latest first, with how a person says them. */
const LATE_GROUPS = [
  ["over_three_months_late", "over 3 months"],
  ["over_a_month_late", "over a month"],
  ["over_a_week_late", "over a week"],
  ["under_a_week_late", "under a week"],
] as const;

type Overdue = OpResult<"GetOverdueTodos">;
type Todo = NonNullable<Overdue["under_a_week_late"]>[number];

/** The overdue to-dos, most late first: how late (the report's group), days late, due, what, who, where. */
export function overdueRows(report: Overdue, today: string = ymd(new Date())): Row[] {
  const rows: Row[] = [];
  for (const [key, label] of LATE_GROUPS) {
    const todos = [...((report[key] ?? []) as Todo[])].sort((a, b) => String(a.due_on).localeCompare(String(b.due_on)));
    for (const t of todos) {
      rows.push({ late: label, days: t.due_on ? daysBetween(t.due_on, today) : "", due: t.due_on ?? "", content: t.content, assignees: names(t.assignees), project: t.bucket?.name ?? "", id: t.id });
    }
  }
  return rows;
}

export async function runReportsOverdue(g: GlobalOptions): Promise<void> {
  await withClient(g, async (conn) => {
    const report = await conn.client.reports.overdue();
    print(g, report, overdueRows(report));
  });
}

/** One person argument (default: me) as an ID. */
async function onePerson(client: BasecampClient, value: string | undefined, what: string): Promise<Id> {
  const people = peopleArg([value ?? "me"]) ?? [];
  if (people.length !== 1) throw new UsageError(`Name one person for ${what} (me, a name, an email or an ID); got ${JSON.stringify(value)}`);
  return (await resolvePeople(client, people, what))[0];
}

const GROUP_BY: Record<string, string> = { project: "bucket", bucket: "bucket", date: "date" };

export async function runReportsAssigned(person: string | undefined, o: { groupBy?: string }, g: GlobalOptions): Promise<void> {
  peopleArg([person ?? "me"]);
  const groupBy = o.groupBy === undefined ? undefined : GROUP_BY[o.groupBy.toLowerCase()];
  if (o.groupBy !== undefined && groupBy === undefined) throw new UsageError(`--group-by takes project or date; got ${JSON.stringify(o.groupBy)}`);
  await withClient(g, async (conn) => {
    const id = await onePerson(conn.client, person, "the person");
    const report = await conn.client.reports.assigned(id, groupBy ? { query: { group_by: groupBy } } : undefined);
    const todos: Todo[] = report.todos ?? [];
    print(g, report, todos.map((t) => ({ due: t.due_on ?? "", content: t.content, list: (t.parent as { title?: string } | undefined)?.title ?? "", project: t.bucket?.name ?? "", assignees: names(t.assignees), id: t.id })));
  });
}

type Upcoming = OpResult<"GetUpcomingSchedule">;
const KIND_LABEL: Record<string, string> = { Todo: "to-do", "Kanban::Card": "card", "Kanban::Step": "step" };

/** Schedule entries (and their repeats) and things due in the window, soonest first. */
export function upcomingRows(report: Upcoming): Row[] {
  const rows: Array<Row & { sort: string }> = [];
  for (const e of [...(report.schedule_entries ?? []), ...(report.recurring_schedule_entry_occurrences ?? [])]) {
    const when = e.all_day ? e.starts_at.slice(0, 10) : localTime(e.starts_at);
    const summary = (e as { summary?: string; title?: string }).summary ?? (e as { title?: string }).title ?? "";
    rows.push({ sort: e.all_day ? `${when} 00:00` : when, when, kind: "event", what: summary, project: e.bucket?.name ?? "", who: names(e.participants), id: e.id });
  }
  for (const a of report.assignables ?? []) {
    const when = a.due_on ?? a.starts_on ?? "";
    rows.push({ sort: `${when} 99:99`, when, kind: KIND_LABEL[a.type] ?? a.type, what: a.content, project: a.bucket?.name ?? "", who: names(a.assignees), id: a.id });
  }
  rows.sort((x, y) => x.sort.localeCompare(y.sort));
  return rows.map(({ sort: _sort, ...r }) => r);
}

/** Days --from … --to default to: today and the 13 after it (two weeks). */
const UPCOMING_DAYS = 14;

export async function runReportsUpcoming(o: { from?: string; to?: string }, g: GlobalOptions): Promise<void> {
  const range = rangeArgs(o.from, o.to);
  const from = range.from ?? (range.to && range.to < ymd(new Date()) ? addDays(range.to, 1 - UPCOMING_DAYS) : ymd(new Date()));
  const to = range.to ?? addDays(from, UPCOMING_DAYS - 1);
  await withClient(g, async (conn) => {
    const report = await conn.client.reports.upcoming({ query: { window_starts_on: from, window_ends_on: to } });
    print(g, report, upcomingRows(report));
  });
}

type Event = OpResult<"GetProgressReport">[number] & { title?: string };

const TYPE_LABEL: Record<string, string> = { Todo: "to-do", Todolist: "to-do list", "Kanban::Card": "card", "Kanban::Step": "step", "Schedule::Entry": "event", "Chat::Transcript": "campfire", "Chat::Lines::Text": "campfire line", "Timesheet::Entry": "timesheet entry" };

/** "Todo" → "to-do", "Kanban::Wormhole" → "wormhole", "GoogleDocument" → "google document". */
function typeLabel(type: string): string {
  return TYPE_LABEL[type] ?? (type.split("::").pop() ?? type).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

const eventRow = (e: Event): Row => ({
  when: localTime(e.created_at),
  who: e.creator?.name ?? "",
  did: (e.action ?? e.kind ?? "").replace(/_/g, " "),
  what: [typeLabel(e.target ?? ""), e.title ?? ""].filter(Boolean).join(": "),
  project: e.bucket?.name ?? "",
});

/** Events shown when --limit is not given. */
const PROGRESS_LIMIT = 25;

/** Up to `limit` of one person's events, page by page (the answer is an object, not a list). */
async function personEvents(client: BasecampClient, id: Id, limit: number): Promise<{ person: unknown; events: Event[] }> {
  const events: Event[] = [];
  let person: unknown;
  for (let page = 1; events.length < limit; page++) {
    const res = await client.raw<OpResult<"GetPersonProgress">>("GET", `/reports/users/progress/${String(id)}.json`, { query: page > 1 ? { page } : undefined });
    person ??= res.data.person;
    events.push(...((res.data.events ?? []) as Event[]));
    if (!(res.data.events ?? []).length || !/rel="?next"?/.test(res.headers.get("link") ?? "")) break;
  }
  return { person, events: events.slice(0, limit) };
}

export async function runReportsProgress(person: string | undefined, o: { limit?: string }, g: GlobalOptions): Promise<void> {
  const limit = countArg(o.limit, "--limit") ?? PROGRESS_LIMIT;
  if (person !== undefined) peopleArg([person]);
  await withClient(g, async (conn) => {
    if (person === undefined) {
      const events = (await collect(conn.client.reports.progress(), limit)) as Event[];
      print(g, events, events.map(eventRow));
      return;
    }
    const id = await onePerson(conn.client, person, "the person");
    const report = await personEvents(conn.client, id, limit);
    print(g, report, report.events.map(eventRow));
  });
}
