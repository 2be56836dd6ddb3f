// Commands about the work itself: timesheet (time logged), boost / boosts / unboost, and the
// account-wide reports. Registered by main.ts; each loads its file only when it runs.
import type { Command } from "commander";
import type { GlobalOptions } from "./internal/context.js";

const PERSON = "me, a name, an email address, an ID or URL";

/** A word after a command group that names none of its commands. */
async function noSuchCommand(group: string, word: string, cmd: Command): Promise<never> {
  const { UsageError } = await import("./internal/errors.js");
  const names = cmd.commands.map((c) => c.name());
  throw new UsageError(`campctl ${group} has no command ${JSON.stringify(word)}: use ${names.slice(0, -1).join(", ")} or ${names.at(-1)} (campctl help ${group}).`);
}

export function registerWork(program: Command, globals: () => GlobalOptions): void {
  const timesheet = program.command("timesheet").description("time logged on to-dos, cards, messages …: list entries (this week by default), log, edit, delete");
  timesheet
    .command("list", { isDefault: true })
    .description("timesheet entries, newest day first, with the total (campctl timesheet is the same)")
    .option("--project <project>", "only this project's (ID or URL); without it, the whole account's report (admins and the owner)")
    .option("--recording <recording>", "only those logged on this to-do, card, message … (ID or URL; all dates unless --from/--to)")
    .option("--person <person>", `only this person's: ${PERSON}`)
    .option("--from <date>", "first day, YYYY-MM-DD (default: this week's Monday)")
    .option("--to <date>", "last day, YYYY-MM-DD (default: this week's Sunday; today after a lone --from)")
    .allowExcessArguments(true)
    .action(async (opts, cmd: Command) => {
      if (cmd.args.length) await noSuchCommand("timesheet", cmd.args[0], timesheet);
      const { runTimesheetList } = await import("./commands/timesheet.js");
      await runTimesheetList(opts, globals());
    });
  timesheet
    .command("log")
    .description('log time on a to-do, card, message, document, upload or schedule entry: campctl timesheet log <todo> 1:30')
    .argument("<recording>", "what the time was spent on: its ID or URL")
    .argument("<hours>", "how long: 1.5, 1:30, 90m or 1h30m (more than 0, at most 24)")
    .option("--date <date>", "the day worked, YYYY-MM-DD, today or yesterday (default: today)")
    .option("--description <text>", "what was done")
    .option("--person <person>", `whose time it is (default: yours): ${PERSON}`)
    .action(async (recording: string, hours: string, opts) => {
      const { runTimesheetLog } = await import("./commands/timesheet.js");
      await runTimesheetLog(recording, hours, opts, globals());
    });
  timesheet
    .command("show")
    .description("one timesheet entry")
    .argument("<entry>", "timesheet entry ID or URL")
    .option("--web", "open it in the browser (prints the address when there is none)")
    .action(async (entry: string, opts) => {
      const { runTimesheetShow } = await import("./commands/timesheet.js");
      await runTimesheetShow(entry, globals(), opts);
    });
  timesheet
    .command("edit")
    .description("change some fields of a timesheet entry (the rest are kept)")
    .argument("<entry>", "timesheet entry ID or URL")
    .option("--hours <hours>", "how long: 1.5, 1:30, 90m or 1h30m")
    .option("--date <date>", "the day worked, YYYY-MM-DD")
    .option("--description <text>", "what was done")
    .option("--person <person>", `whose time it is: ${PERSON}`)
    .action(async (entry: string, opts) => {
      const { runTimesheetEdit } = await import("./commands/timesheet.js");
      await runTimesheetEdit(entry, opts, globals());
    });
  timesheet
    .command("delete")
    .description("delete a timesheet entry")
    .argument("<entry>", "timesheet entry ID or URL")
    .action(async (entry: string) => {
      const { runTimesheetDelete } = await import("./commands/timesheet.js");
      await runTimesheetDelete(entry, globals());
    });

  const boost = program.command("boost").description('boost a to-do, message, comment …: campctl boost <recording> "🎉" (at most 16 characters); boost delete <boost>');
  boost
    .command("add", { isDefault: true })
    .description("boost a recording (campctl boost <recording> <content> is the same)")
    .argument("<recording>", "what to boost: its ID or URL")
    .argument("<content>", "an emoji or a few words, at most 16 characters")
    .action(async (recording: string, content: string) => {
      const { runBoost } = await import("./commands/boost.js");
      await runBoost(recording, content, globals());
    });
  boost
    .command("delete")
    .description("remove a boost (yours, or any as an admin)")
    .argument("<boost>", "boost ID (campctl boosts <recording> lists them)")
    .action(async (id: string) => {
      const { runBoostDelete } = await import("./commands/boost.js");
      await runBoostDelete(id, globals());
    });
  program
    .command("boosts")
    .description("the boosts on a recording, oldest first")
    .argument("<recording>", "recording ID or URL")
    .action(async (recording: string) => {
      const { runBoostsList } = await import("./commands/boost.js");
      await runBoostsList(recording, globals());
    });
  program
    .command("unboost")
    .description("remove a boost (the same as boost delete)")
    .argument("<boost>", "boost ID")
    .action(async (id: string) => {
      const { runBoostDelete } = await import("./commands/boost.js");
      await runBoostDelete(id, globals());
    });

  const reports = program.command("reports").description("account-wide reports: overdue, assigned, upcoming, progress");
  reports
    .command("overdue")
    .description("overdue to-dos of every project, most late first (grouped: over 3 months, over a month, over a week, under a week)")
    .action(async () => {
      const { runReportsOverdue } = await import("./commands/reports.js");
      await runReportsOverdue(globals());
    });
  reports
    .command("assigned")
    .description("the open to-dos assigned to someone (default: you)")
    .argument("[person]", PERSON)
    .option("--group-by <how>", "project (default) or date")
    .action(async (person: string | undefined, opts) => {
      const { runReportsAssigned } = await import("./commands/reports.js");
      await runReportsAssigned(person, opts, globals());
    });
  reports
    .command("upcoming")
    .description("schedule entries and to-dos and cards due in a window, soonest first (default: today and the next 13 days)")
    .option("--from <date>", "first day, YYYY-MM-DD (default: today)")
    .option("--to <date>", "last day, YYYY-MM-DD (default: two weeks from --from)")
    .action(async (opts) => {
      const { runReportsUpcoming } = await import("./commands/reports.js");
      await runReportsUpcoming(opts, globals());
    });
  reports
    .command("progress")
    .description("latest activity across projects, newest first (one person's, when named)")
    .argument("[person]", PERSON)
    .option("--limit <n>", "at most this many events (default 25)")
    .action(async (person: string | undefined, opts) => {
      const { runReportsProgress } = await import("./commands/reports.js");
      await runReportsProgress(person, opts, globals());
    });
}
