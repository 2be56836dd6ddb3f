#!/usr/bin/env node
// campctl: the command line of basecamp-connector. Each command lives in its own file under
// ./commands and is imported only when it runs, so a quick command loads little.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { PACKAGE } from "../config/internal/package-info.js";
import type { GlobalOptions } from "./internal/context.js";
import { FORMATS } from "./internal/formats.js";
import { printLibraryWarnings } from "./internal/warnings.js";
import { registerFind } from "./register-find.js";
import { registerResources } from "./register-resources.js";
import { registerWork } from "./register-work.js";


export function buildProgram(): Command {
  const program = new Command("campctl")
    .description("Connect programs and people to Basecamp.")
    .version(PACKAGE.version, "-V, --version")
    .showHelpAfterError("(run campctl --help for usage)")
    .option("-c, --connection <string>", "connection string (default: BASECAMP_CONNECTION)")
    .option("--profile <name>", "a named profile from the config file (default: BASECAMP_PROFILE)")
    .option("--sandbox", "use the embedded simulator (its state is kept in your data directory)")
    .addOption(
      new Option("--schema <schema>", "V2 for a Basecamp 2 (bcx) account, V3 for Basecamp 4/3 (Schema= in the connection string; default V3)")
        .choices(["V2", "V3"])
        // Any case (v2); the choices stay for help and shell completion.
        .argParser((v: string) => {
          const s = v.trim().toUpperCase();
          if (s !== "V2" && s !== "V3") throw new InvalidArgumentError("Allowed choices are V2, V3.");
          return s;
        }),
    )
    .option("--format <format>", `how records print: ${FORMATS.join(", ")} (default: table on a terminal, tsv in a pipe)`)
    .option("--json", "print results and errors as JSON (short for --format json)")
    .option("-v, --verbose", "log requests to stderr (-vv for more)", (_v: string, n: number) => n + 1, 0)
    .option("--log-file <path>", "write the request log to this file")
    .option("--no-color", "no colours (also NO_COLOR)")
    .exitOverride()
    // An unknown --format is a usage error before anything runs (the shell checks its own modes).
    .hook("preAction", (_program, action) => {
      const format = (program.opts() as GlobalOptions).format;
      if (format === undefined || FORMATS.includes(format as (typeof FORMATS)[number]) || (action.parent === program && action.name() === "shell")) return;
      program.error(`error: --format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(format)}`, { code: "campctl.badFormat" });
    });

  // --format json is --json: results and errors as JSON.
  const globals = (): GlobalOptions => {
    const g = program.opts() as GlobalOptions;
    return g.format === "json" ? { ...g, json: true } : g;
  };

  program
    .command("sql")
    .description('run a SQL statement against Basecamp: campctl sql "SELECT * FROM ToDos"')
    .argument("<statement>", "SELECT, INSERT, UPDATE, DELETE or EXEC")
    .option("--format <format>", "table, tsv, csv, json or markdown (default: table on a terminal, tsv in a pipe)")
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
    .option("--replica <where>", "the replica to sync: a SQLite file or postgresql://user:pass@host/db (Replica= in the connection string)")
    .action(async (tables: string[], opts) => {
      const { runSync } = await import("./commands/sync.js");
      await runSync(tables, opts, globals());
    });

  program
    .command("watch")
    .description("keep the replica fresh as Basecamp changes (webhooks with --public-url, else polling); one line per change")
    .option("--public-url <url>", "the base URL at which Basecamp reaches this machine (https://…), forwarded to --port")
    .option("--port <n>", "local port of the webhook receiver (default: 0, any free one)")
    .option("--host <address>", "address the receiver listens on", "127.0.0.1")
    .option("--interval <seconds>", "without --public-url: seconds between polls of the activity feed", "30")
    .option("--check-interval <seconds>", "seconds between checks of the webhooks for missed deliveries", "60")
    .option("--keep-webhooks", "leave the webhooks in place on exit")
    .option("--replica <where>", "the replica to keep fresh: a SQLite file or postgresql://user:pass@host/db (Replica= in the connection string)")
    .action(async (opts) => {
      const { runWatch } = await import("./commands/watch.js");
      await runWatch(opts, globals());
    });

  const shell = program
    .command("shell")
    .description("an interactive SQL prompt (history, multi-line input, .tables, .schema T); piped input runs as a script")
    .option("--format <format>", "table, tsv, csv, json, markdown or line (.mode in the shell)")
    .option("--max-age <seconds>", "sync tables older than this first (0: always)")
    .option("--offline", "never sync; answer from the replica as it is")
    .option("--bail", "stop a script at its first error (-bail too, as in sqlite3)")
    .action(async (opts) => {
      const { runShell } = await import("./commands/shell.js");
      await runShell(opts, globals());
    });
  // sqlite3 spells it -bail: one dash, which would otherwise read as -b -a -i -l.
  const shellOptions = shell.parseOptions.bind(shell);
  shell.parseOptions = (args: string[]) => {
    const end = args.indexOf("--");
    return shellOptions(args.map((a, i) => (a === "-bail" && (end < 0 || i < end) ? "--bail" : a)));
  };

  program
    .command("mcp")
    .description("serve Basecamp to an AI assistant (MCP on stdio): every API operation as a tool, plus basecamp_sql")
    .option("--read-only", "only tools that change nothing")
    .option("--domains <list>", "only these domains, comma-separated (todos,card-tables,sql…; --list-tools shows them)")
    .option("--max-rows <n>", "most rows basecamp_sql answers (default: MaxRows, else 500)")
    .option("--max-age <seconds>", "sync tables basecamp_sql reads when older than this (0: always)")
    .option("--offline", "never sync; basecamp_sql answers from the replica as it is")
    .option("--list-tools", "print the tools it would serve (name, domain, reads or changes) and exit")
    .action(async (opts) => {
      const { runMcp } = await import("./commands/mcp.js");
      await runMcp(opts, globals());
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
    .argument("[project]", "project ID or URL (default: the one chosen with campctl use; on Basecamp 2, else the first project)")
    .action(async (project: string | undefined) => {
      const { runTodolists } = await import("./commands/projects.js");
      await runTodolists(project, globals());
    });

  registerResources(program, globals);
  registerWork(program, globals);

  program
    .command("api")
    .description("any API call or operation; prints the JSON answer: campctl api GET /projects.json, campctl api GetTodo todoId=123")
    .argument("[method|operation]", "GET, POST, PUT or DELETE; or an operation name (campctl api --operations lists them)")
    .argument("[path|params...]", "with a method: the path under the account (/projects.json); with an operation: name=value path parameters (IDs or URLs)")
    .option("--data <json>", "request body: JSON, @file.json, or - for standard input")
    .option("--query <name=value>", "a query parameter (repeatable)", (v: string, all: string[] = []) => [...all, v])
    .option("--page <n>", "an operation's list: only this page (default: every page)")
    .option("--operations [filter]", "list the operations (name, method, path), those matching the words when given")
    .action(async (target: string | undefined, rest: string[], opts) => {
      const { runApi } = await import("./commands/api.js");
      await runApi(target, rest, opts, globals());
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
    .description("a tour against a local simulator: OAuth sign-in, sync, SQL, writes, Basecamp 2 (what npm start runs)")
    .option("--keep", "leave the simulator and the request form running afterwards")
    .action(async (opts) => {
      const { runDemo } = await import("./commands/demo.js");
      await runDemo(opts);
    });

  registerFind(program, globals);

  // `campctl help [topic...]`: commander's help for a command, or every setting ("settings").
  program.helpCommand(false);
  program
    .command("help")
    .description('help for a command, or "settings": every connection property with its default and environment variable')
    .argument("[topic...]", 'a command (e.g. todos add) or "settings"')
    .action(async (topic: string[]) => {
      const { runHelp } = await import("./commands/help-settings.js");
      runHelp(topic, program);
    });
  program.addHelpText("after", "\nBasecamp 2 (--schema V2, or Schema=V2 in -c): whoami, projects, people, todolists, todos list|add|complete,\nmessages list|post, sql, sync, watch (it polls), shell and api work there (campctl api --operations lists Basecamp 2's endpoints).\n\nAll settings (connection properties): campctl help settings");
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
    process.exitCode = reportError(e, { json: g.json === true || g.format === "json", verbose: g.verbose ?? 0 });
  }
}

await main(process.argv);
