#!/usr/bin/env node
// campctl: the command line of basecamp-connector. Each command lives in its own file under
// ./commands and is imported only when it runs, so a quick command loads little.
import { Command, CommanderError } from "commander";
import { PACKAGE } from "../config/internal/package-info.js";
import type { GlobalOptions } from "./internal/context.js";
import { printLibraryWarnings } from "./internal/warnings.js";


export function buildProgram(): Command {
  const program = new Command("campctl")
    .description("Connect programs and people to Basecamp.")
    .version(PACKAGE.version, "-V, --version")
    .showHelpAfterError("(run campctl --help for usage)")
    .option("-c, --connection <string>", "connection string (default: BASECAMP_CONNECTION)")
    .option("--profile <name>", "a named profile from the config file (default: BASECAMP_PROFILE)")
    .option("--sandbox", "use the embedded simulator (its state is kept in your data directory)")
    .option("--json", "print results and errors as JSON")
    .option("-v, --verbose", "log requests to stderr (-vv for more)", (_v: string, n: number) => n + 1, 0)
    .option("--log-file <path>", "write the request log to this file")
    .option("--no-color", "no colours (also NO_COLOR)")
    .exitOverride();

  const globals = (): GlobalOptions => program.opts() as GlobalOptions;

  program
    .command("sql")
    .description('run a SQL statement against Basecamp: campctl sql "SELECT * FROM ToDos"')
    .argument("<statement>", "SELECT, INSERT, UPDATE, DELETE or EXEC")
    .option("--format <format>", "table, json, csv or markdown")
    .option("--max-age <seconds>", "sync tables older than this first (0: always)")
    .option("--offline", "never sync; answer from the replica as it is")
    .action(async (statement: string, opts) => {
      const { runSql } = await import("./commands/sql.js");
      await runSql(statement, opts, globals());
    });

  program
    .command("sync")
    .description("bring the local replica up to date")
    .argument("[tables...]", "tables to sync (default: all)")
    .option("--full", "read everything again and drop what Basecamp no longer has")
    .action(async (tables: string[], opts) => {
      const { runSync } = await import("./commands/sync.js");
      await runSync(tables, opts, globals());
    });

  program
    .command("shell")
    .description("an interactive SQL prompt (history, multi-line input, .tables, .schema T); piped input runs as a script")
    .option("--format <format>", "table, json, csv or markdown")
    .option("--max-age <seconds>", "sync tables older than this first (0: always)")
    .option("--offline", "never sync; answer from the replica as it is")
    .action(async (opts) => {
      const { runShell } = await import("./commands/shell.js");
      await runShell(opts, globals());
    });

  program
    .command("login")
    .description("sign in to Basecamp through Launchpad (opens your browser) and keep the tokens encrypted")
    .option("--headless", "no browser here: print the address, then read the code or the address you land on from stdin")
    .action(async (opts) => {
      const { runLogin } = await import("./commands/login.js");
      await runLogin(opts, globals());
    });

  program
    .command("logout")
    .description("forget the stored tokens of this connection")
    .action(async () => {
      const { runLogout } = await import("./commands/login.js");
      await runLogout(globals());
    });

  program
    .command("use")
    .description("remember the account or project later commands use (saved in your profile)")
    .argument("<account|project>", "an account or project: its ID or Basecamp address")
    .action(async (target: string) => {
      const { runUse } = await import("./commands/use.js");
      await runUse(target, globals());
    });

  program
    .command("whoami")
    .description("the signed-in person and the account in use")
    .action(async () => {
      const { runWhoami } = await import("./commands/whoami.js");
      await runWhoami(globals());
    });

  program
    .command("accounts")
    .description("the Basecamp accounts this sign-in opens (* marks the one in use)")
    .action(async () => {
      const { runAccounts } = await import("./commands/whoami.js");
      await runAccounts(globals());
    });

  program
    .command("projects")
    .description("list projects")
    .option("--archived", "archived projects instead of active ones")
    .action(async (opts) => {
      const { runProjects } = await import("./commands/projects.js");
      await runProjects(opts, globals());
    });

  program
    .command("people")
    .description("list the people in the account")
    .action(async () => {
      const { runPeople } = await import("./commands/projects.js");
      await runPeople(globals());
    });

  program
    .command("todolists")
    .description("list a project's to-do lists")
    .argument("[project]", "project ID or URL (default: the one chosen with campctl use)")
    .action(async (project: string | undefined) => {
      const { runTodolists } = await import("./commands/projects.js");
      await runTodolists(project, globals());
    });

  const todos = program.command("todos").description("list, show, add, complete and update to-dos");
  todos
    .command("list")
    .description("the to-dos of a list")
    .argument("<todolist>", "to-do list ID or URL")
    .option("--completed", "completed to-dos instead of open ones")
    .action(async (todolist: string, opts) => {
      const { runTodosList } = await import("./commands/todos.js");
      await runTodosList(todolist, opts, globals());
    });
  todos
    .command("show")
    .description("one to-do")
    .argument("<todo>", "to-do ID or URL")
    .action(async (todo: string) => {
      const { runTodosShow } = await import("./commands/todos.js");
      await runTodosShow(todo, globals());
    });
  todos
    .command("add")
    .description("add a to-do to a list")
    .argument("<todolist>", "to-do list ID or URL")
    .argument("<content>", "what to do")
    .option("--assignee <personId...>", "assign people (IDs or URLs)")
    .option("--due <date>", "due date, YYYY-MM-DD")
    .option("--description <html>", "notes (rich text)")
    .action(async (todolist: string, content: string, opts) => {
      const { runTodosAdd } = await import("./commands/todos.js");
      await runTodosAdd(todolist, content, opts, globals());
    });
  todos
    .command("complete")
    .description("mark a to-do done")
    .argument("<todo>", "to-do ID or URL")
    .action(async (todo: string) => {
      const { runTodosComplete } = await import("./commands/todos.js");
      await runTodosComplete(todo, true, globals());
    });
  todos
    .command("uncomplete")
    .description("reopen a to-do")
    .argument("<todo>", "to-do ID or URL")
    .action(async (todo: string) => {
      const { runTodosComplete } = await import("./commands/todos.js");
      await runTodosComplete(todo, false, globals());
    });
  todos
    .command("update")
    .description("change some fields of a to-do (the rest are kept)")
    .argument("<todo>", "to-do ID or URL")
    .option("--content <text>", "new content")
    .option("--due <date>", 'due date, YYYY-MM-DD ("none" clears it)')
    .option("--assignee <personId...>", "assign these people instead")
    .option("--description <html>", "new notes (rich text)")
    .action(async (todo: string, opts) => {
      const { runTodosUpdate } = await import("./commands/todos.js");
      await runTodosUpdate(todo, opts, globals());
    });

  const messages = program.command("messages").description("list and post messages");
  messages
    .command("list")
    .description("messages on a message board (or a project's board)")
    .argument("<board>", "message board or project ID or URL")
    .option("--limit <n>", "at most this many")
    .action(async (board: string, opts) => {
      const { runMessagesList } = await import("./commands/messages.js");
      await runMessagesList(board, opts, globals());
    });
  messages
    .command("post")
    .description("post a message")
    .argument("<board>", "message board or project ID or URL")
    .argument("<subject>", "the subject")
    .option("--content <html>", "the body (rich text)")
    .action(async (board: string, subject: string, opts) => {
      const { runMessagesPost } = await import("./commands/messages.js");
      await runMessagesPost(board, subject, opts, globals());
    });

  program
    .command("comments")
    .description("comment on a recording: campctl comments add <recording> <content>")
    .command("add")
    .description("add a comment to a to-do, message or any recording")
    .argument("<recording>", "recording ID or URL")
    .argument("<content>", "the comment (rich text)")
    .action(async (recording: string, content: string) => {
      const { runCommentsAdd } = await import("./commands/comments.js");
      await runCommentsAdd(recording, content, globals());
    });

  const campfire = program.command("campfire").description("a campfire's details and lines; say something");
  campfire
    .command("info")
    .description("the campfire")
    .argument("<campfire>", "campfire ID or URL")
    .action(async (id: string) => {
      const { runCampfireInfo } = await import("./commands/campfire.js");
      await runCampfireInfo(id, globals());
    });
  campfire
    .command("lines")
    .description("recent lines")
    .argument("<campfire>", "campfire ID or URL")
    .option("--limit <n>", "at most this many (default 50)")
    .action(async (id: string, opts) => {
      const { runCampfireLines } = await import("./commands/campfire.js");
      await runCampfireLines(id, opts, globals());
    });
  campfire
    .command("say")
    .description("post a line")
    .argument("<campfire>", "campfire ID or URL")
    .argument("<text>", "what to say")
    .action(async (id: string, text: string) => {
      const { runCampfireSay } = await import("./commands/campfire.js");
      await runCampfireSay(id, text, globals());
    });

  const webhooks = program.command("webhooks").description("a project's webhooks");
  webhooks
    .command("list")
    .description("the project's webhooks")
    .argument("[project]", "project ID or URL (default: the one chosen with campctl use)")
    .action(async (project: string | undefined) => {
      const { runWebhooksList } = await import("./commands/webhooks.js");
      await runWebhooksList(project, globals());
    });
  webhooks
    .command("add")
    .description("add a webhook")
    .argument("<project>", "project ID or URL")
    .argument("<payloadUrl>", "HTTPS URL that receives the events")
    .option("--types <type...>", 'recording types ("Todo", "Comment" …; default all)')
    .action(async (project: string, payloadUrl: string, opts) => {
      const { runWebhooksAdd } = await import("./commands/webhooks.js");
      await runWebhooksAdd(project, payloadUrl, opts, globals());
    });
  webhooks
    .command("remove")
    .description("delete a webhook")
    .argument("<webhook>", "webhook ID or URL")
    .action(async (webhook: string) => {
      const { runWebhooksRemove } = await import("./commands/webhooks.js");
      await runWebhooksRemove(webhook, globals());
    });

  program
    .command("api")
    .description("any API call; prints the JSON answer: campctl api GET /projects.json")
    .argument("<method>", "GET, POST, PUT or DELETE")
    .argument("<path>", "path under the account, e.g. /projects.json")
    .option("--data <json>", "request body (JSON)")
    .action(async (method: string, path: string, opts) => {
      const { runApi } = await import("./commands/api.js");
      await runApi(method, path, opts, globals());
    });

  program
    .command("completion")
    .description("print a shell completion script")
    .argument("<shell>", "bash, zsh or fish")
    .action(async (shell: string) => {
      const { runCompletion } = await import("./commands/completion.js");
      runCompletion(shell, program);
    });

  program
    .command("form")
    .description("serve the request form: a web page that turns a request into a Basecamp to-do (--sandbox: against a local simulator)")
    .option("--port <n>", "port to listen on (0 picks a free one)", "0")
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--public-url <url>", "where people reach the form, when behind a proxy (its OAuth callback is <url>/oauth/callback)")
    .action(async (opts: { port: string; host: string; publicUrl?: string }) => {
      const { runForm } = await import("./commands/form.js");
      await runForm(opts, globals());
    });

  program
    .command("simulator")
    .description("run a local Basecamp + Launchpad simulator; prints one JSON line with its URLs and credentials")
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--port <n>", "port to listen on (0 picks a free one)", "0")
    .option("--seed <n>", "seed for the generated data", "1")
    .option("--scale <size>", "data size: empty, tiny, small, medium or large", "small")
    .option("--data <file>", "load state from FILE and save changes back to it")
    .option("--rate-limit <rule>", 'requests per window per client, e.g. "50/10s", or "off"', "50/10s")
    .option("--token-ttl <seconds>", "lifetime of access tokens", "1209600")
    .action(async (opts) => {
      const { runSimulator } = await import("./commands/simulator.js");
      await runSimulator(opts);
    });

  program
    .command("sandbox")
    .description("the embedded simulator behind --sandbox")
    .command("reset")
    .description("start the sandbox over: fresh seed data, no sign-ins, an empty replica")
    .action(async () => {
      const { runSandboxReset } = await import("./commands/sandbox.js");
      runSandboxReset(globals());
    });

  program
    .command("demo")
    .description("a tour against a local simulator: OAuth sign-in, sync, SQL, writes (what npm start runs)")
    .option("--keep", "leave the simulator and the request form running afterwards")
    .action(async (opts) => {
      const { runDemo } = await import("./commands/demo.js");
      await runDemo(opts);
    });

  return program;
}

async function main(argv: string[]): Promise<void> {
  printLibraryWarnings();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 1;
      return;
    }
    const g = program.opts() as GlobalOptions;
    const { reportError } = await import("./internal/errors.js");
    process.exitCode = reportError(e, { json: g.json === true, verbose: g.verbose ?? 0 });
  }
}

await main(process.argv);
