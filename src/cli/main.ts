#!/usr/bin/env node
// campctl: the command line of basecamp-connector. Each command lives in its own file under
// ./commands and is imported only when it runs, so a quick command loads little.
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export function buildProgram(): Command {
  const program = new Command("campctl")
    .description("Connect programs and people to Basecamp.")
    .version(pkg.version, "-V, --version")
    .showHelpAfterError("(run campctl --help for usage)")
    .exitOverride();

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
    const err = e as Error & { exitCode?: number };
    process.stderr.write(`campctl: ${err.message}\n`);
    process.exitCode = err.exitCode ?? 1;
  }
}

await main(process.argv);
