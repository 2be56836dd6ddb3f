// Commands for finding things without SQL (campfire list, comments list, search, assignments,
// schedule, cards, docs) and `auth status`; registered by main.ts. Each loads its file only
// when it runs.
import type { Command } from "commander";
import type { GlobalOptions } from "./internal/context.js";

/** The command group `name`, made when no one has made it yet. */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export function registerFind(program: Command, globals: () => GlobalOptions): void {
  program
    .command("search")
    .description('full-text search over everything you can see: campctl search "launch plan"')
    .argument("<query>", "words to look for")
    .option("--type <type>", 'only this kind: "Todo", "Message", "Document", "Kanban::Card" …')
    .option("--project <project>", "only in this project (ID or URL)")
    .option("--creator <person>", "only by this person (ID or URL)")
    .option("--exclude-chat", "leave campfire lines out")
    .option("--limit <n>", "at most this many (default 25)")
    .action(async (query: string, opts) => {
      const { runSearch } = await import("./commands/find.js");
      await runSearch(query, opts, globals());
    });

  program
    .command("assignments")
    .description("your open to-dos and cards, by due date")
    .option("--overdue", "only those past their due date")
    .option("--due <when>", "only those due today, tomorrow, this-week, next-week or later")
    .option("--completed", "the ones you have completed instead")
    .option("--limit <n>", "at most this many")
    .action(async (opts) => {
      const { runAssignments } = await import("./commands/assignments.js");
      await runAssignments(opts, globals());
    });

  const schedule = program
    .command("schedule")
    .description("upcoming schedule entries, soonest first (all projects unless one is named or chosen with campctl use)")
    .argument("[schedule]", "schedule or project ID or URL")
    .option("--days <n>", "only entries starting within this many days")
    .option("--limit <n>", "at most this many")
    .action(async (target: string | undefined, opts) => {
      const { runSchedule } = await import("./commands/schedule.js");
      await runSchedule(target, opts, globals());
    });
  schedule
    .command("show")
    .description("one schedule entry")
    .argument("<entry>", "schedule entry ID or URL")
    .option("--web", "open it in the browser (prints the address when there is none)")
    .action(async (entry: string, opts) => {
      const { runScheduleShow } = await import("./commands/schedule.js");
      await runScheduleShow(entry, opts, globals());
    });

  const cards = group(program, "cards", "the cards of a card table");
  cards
    .command("list")
    .description("every card of a card table, column by column")
    .argument("[table]", "card table or project ID or URL (default: the project chosen with campctl use)")
    .option("--column <name>", "only this column (its title or ID)")
    .action(async (table: string | undefined, opts) => {
      const { runCardsList } = await import("./commands/cards.js");
      await runCardsList(table, opts, globals());
    });
  cards
    .command("show")
    .description("one card with its steps")
    .argument("<card>", "card ID or URL")
    .option("--web", "open it in the browser (prints the address when there is none)")
    .action(async (card: string, opts) => {
      const { runCardsShow } = await import("./commands/cards.js");
      await runCardsShow(card, opts, globals());
    });

  const docs = group(program, "docs", "documents in Docs & Files");
  docs
    .command("list")
    .description("the documents of a project's Docs & Files (folders included)")
    .argument("[project]", "project or folder ID or URL (default: the project chosen with campctl use)")
    .option("--flat", "only the top folder, not the folders inside it")
    .action(async (target: string | undefined, opts) => {
      const { runDocsList } = await import("./commands/docs.js");
      await runDocsList(target, opts, globals());
    });
  docs
    .command("show")
    .description("one document")
    .argument("<document>", "document ID or URL")
    .option("--web", "open it in the browser (prints the address when there is none)")
    .action(async (doc: string, opts) => {
      const { runDocsShow } = await import("./commands/docs.js");
      await runDocsShow(doc, opts, globals());
    });

  group(program, "campfire", "campfires")
    .command("list")
    .description("the campfires you can see (of one project, when named)")
    .argument("[project]", "project ID or URL")
    .action(async (project: string | undefined) => {
      const { runCampfireList } = await import("./commands/find.js");
      await runCampfireList(project, globals());
    });

  group(program, "comments", "comments on recordings")
    .command("list")
    .description("the comments on a to-do, message, document or any recording, oldest first")
    .argument("<recording>", "recording ID or URL")
    .option("--limit <n>", "at most this many")
    .action(async (recording: string, opts) => {
      const { runCommentsList } = await import("./commands/find.js");
      await runCommentsList(recording, opts, globals());
    });

  group(program, "auth", "your sign-in")
    .command("status")
    .description("who is signed in, to which account, where the tokens are kept and when they expire (never the tokens)")
    .option("--offline", "only read the token file; do not ask Launchpad")
    .action(async (opts) => {
      const { runAuthStatus } = await import("./commands/auth-status.js");
      await runAuthStatus(opts, globals());
    });
}
