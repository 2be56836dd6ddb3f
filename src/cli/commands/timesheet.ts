// `campctl timesheet [list] | log | show | edit | delete`: hours logged against to-dos, cards,
// messages and other recordings. Hours are checked here ("1.5", "1:30", "90m", "1h30m") and
// dates too, so a mistake exits 1 before anything is sent.
import type { BasecampClient } from "../../api/client.js";
import { KIND } from "../../api/internal/kinds.js";
import type { OpResult } from "../../api/operation.js";
import { ForbiddenError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import type { QueryValue } from "../../http/road.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { chooseFormat } from "../internal/output.js";
import { resolvePeople } from "../internal/people.js";
import { dayArg, localTime, parseHours, rangeArgs, weekOf, ymd } from "../internal/time-args.js";
import { collect, idArg, openedOnWeb, peopleArg, print, printDone, printFields, type Row, withClient } from "./shared.js";

type Entry = OpResult<"GetTimesheetEntry"> & { description?: string | null };

/** URL words of a timesheet entry (…/buckets/1/timesheet_entries/2). */
const ENTRY_KIND = ["timesheet_entries"];

const titleOf = (e: Entry): string => (e.parent as { title?: string } | undefined)?.title ?? "";
const personOf = (e: Entry): string => e.person?.name ?? e.creator?.name ?? "";

function row(e: Entry): Row {
  return {
    id: e.id,
    date: e.date ?? "",
    hours: e.hours ?? "",
    person: personOf(e),
    on: titleOf(e),
    project: e.bucket?.name ?? "",
    description: e.description ?? "",
  };
}

/** The sum of the entries' hours, as "12.5". */
function total(entries: Entry[]): string {
  const sum = entries.reduce((n, e) => n + (Number(e.hours) || 0), 0);
  return String(Math.round(sum * 100) / 100);
}

/** One person option (me, a name, an email, an ID or URL) as an ID. */
async function personId(client: BasecampClient, value: string | undefined, option: string): Promise<Id | undefined> {
  const people = peopleArg(value === undefined ? undefined : [value]);
  if (people === undefined) return undefined;
  if (people.length !== 1) throw new UsageError(`${option} takes one person (me, a name, an email or an ID); got ${JSON.stringify(value)}`);
  return (await resolvePeople(client, people, option))[0];
}

export interface TimesheetListOptions {
  project?: string;
  recording?: string;
  person?: string;
  from?: string;
  to?: string;
}

/**
 * The period to list: --from/--to as given (a lone --from runs to today, a lone --to starts on
 * that week's Monday); neither: this week, or everything for one recording.
 */
export function periodOf(o: TimesheetListOptions): { from?: string; to?: string } {
  const { from, to } = rangeArgs(o.from, o.to);
  if (from && to) return { from, to };
  if (from) return { from, to: from > ymd(new Date()) ? from : ymd(new Date()) };
  if (to) return { from: weekOf(to).from, to };
  return o.recording !== undefined ? {} : weekOf();
}

export async function runTimesheetList(o: TimesheetListOptions, g: GlobalOptions): Promise<void> {
  if (o.project !== undefined && o.recording !== undefined) throw new UsageError("Give --project or --recording, not both.");
  const project = o.project === undefined ? undefined : idArg(o.project, KIND.project, "project");
  const recording = o.recording === undefined ? undefined : idArg(o.recording, KIND.recording, "recording");
  const period = periodOf(o);
  peopleArg(o.person === undefined ? undefined : [o.person]);
  await withClient(g, async (conn) => {
    const client = conn.client;
    const query: Record<string, QueryValue> = { ...period, person_id: await personId(client, o.person, "--person") };
    let entries: Entry[];
    if (recording !== undefined) entries = await collect(client.paginateOperation("GetRecordingTimesheet", { path: { recordingId: recording }, query }));
    else if (project !== undefined) entries = await collect(client.paginateOperation("GetProjectTimesheet", { path: { projectId: project }, query }));
    else {
      try {
        entries = await client.operation("GetTimesheetReport", { query });
      } catch (e) {
        if (e instanceof ForbiddenError) {
          throw new UsageError("Only admins and the account owner can see the whole account's timesheet; give --project <project> (or --recording <to-do>) for one project's.");
        }
        throw e;
      }
    }
    print(g, entries, entries.map(row));
    if (chooseFormat(g) === "table") {
      const when = period.from ? `, ${period.from} – ${period.to}` : "";
      process.stdout.write(`${entries.length ? "\n" : ""}${total(entries)} hours in ${entries.length} ${entries.length === 1 ? "entry" : "entries"}${when}\n`);
    }
  });
}

export interface TimesheetLogOptions {
  date?: string;
  description?: string;
  person?: string;
}

function describe(e: Entry): string {
  const on = titleOf(e);
  return `${e.hours} hours${on ? ` on ${on}` : ""} (${e.date}, ${personOf(e)})`;
}

export async function runTimesheetLog(recording: string, hours: string, o: TimesheetLogOptions, g: GlobalOptions): Promise<void> {
  const recordingId = idArg(recording, KIND.recording, "recording");
  const body: Record<string, unknown> = { date: dayArg(o.date, "--date") ?? ymd(new Date()), hours: parseHours(hours, "Hours") };
  if (o.description !== undefined) body.description = o.description;
  peopleArg(o.person === undefined ? undefined : [o.person]);
  await withClient(g, async (conn) => {
    const person = await personId(conn.client, o.person, "--person");
    if (person !== undefined) body.person_id = person;
    const e = (await conn.client.operation("CreateTimesheetEntry", { path: { recordingId }, body })) as Entry;
    printDone(g, e, `Logged ${describe(e)}: entry ${String(e.id)}\n${e.app_url}`);
  });
}

export async function runTimesheetShow(entry: string, g: GlobalOptions, o: { web?: boolean } = {}): Promise<void> {
  const id = idArg(entry, ENTRY_KIND, "timesheet entry");
  await withClient(g, async (conn) => {
    const e = (await conn.client.timesheets.get(id)) as Entry;
    if (await openedOnWeb(g, o, e.app_url)) return;
    printFields(g, e, { ...row(e), created: localTime(e.created_at), creator: e.creator?.name ?? "", url: e.app_url });
  });
}

export interface TimesheetEditOptions extends TimesheetLogOptions {
  hours?: string;
}

export async function runTimesheetEdit(entry: string, o: TimesheetEditOptions, g: GlobalOptions): Promise<void> {
  const id = idArg(entry, ENTRY_KIND, "timesheet entry");
  const body: Record<string, unknown> = {};
  if (o.hours !== undefined) body.hours = parseHours(o.hours, "--hours");
  if (o.date !== undefined) body.date = dayArg(o.date, "--date");
  if (o.description !== undefined) body.description = o.description;
  peopleArg(o.person === undefined ? undefined : [o.person]);
  if (Object.keys(body).length === 0 && o.person === undefined) throw new UsageError("Nothing to change: give --hours, --date, --description or --person.");
  await withClient(g, async (conn) => {
    const person = await personId(conn.client, o.person, "--person");
    if (person !== undefined) body.person_id = person;
    const e = (await conn.client.operation("UpdateTimesheetEntry", { path: { entryId: id }, body })) as Entry;
    printDone(g, e, `Updated timesheet entry ${String(e.id)}: ${describe(e)}`);
  });
}

export async function runTimesheetDelete(entry: string, g: GlobalOptions): Promise<void> {
  const id = idArg(entry, ENTRY_KIND, "timesheet entry");
  await withClient(g, async (conn) => {
    // Read first, so the line says what went (and a wrong ID fails before anything is deleted).
    const e = (await conn.client.timesheets.get(id)) as Entry;
    await conn.client.timesheets.delete(id);
    printDone(g, { deleted: e.id, entry: e }, `Deleted timesheet entry ${String(e.id)}: ${describe(e)}`);
  });
}
