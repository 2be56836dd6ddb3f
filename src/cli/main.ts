#!/usr/bin/env node
// campctl: the command line of basecamp-connector. Each command lives in its own file under
// ./commands and is imported only when it runs, so a quick command loads little.
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import type { GlobalOptions } from "./internal/context.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export function buildProgram(): Command {
  const program = new Command("campctl")
    .description("Connect programs and people to Basecamp.")
    .version(pkg.version, "-V, --version")
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
    .command("demo")
    .description("a tour against a local simulator: OAuth sign-in, sync, SQL, writes (what npm start runs)")
    .option("--keep", "leave the simulator running afterwards")
    .action(async (opts) => {
      const { runDemo } = await import("./commands/demo.js");
      await runDemo(opts);
    });

  return program;
}

async function main(argv: string[]): Promise<void> {
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
