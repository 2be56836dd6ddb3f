import { spawn, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { campctlEnv, CLI, until } from "./campctl.js";

const RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c";

/** The query process somewhere below `pid` (campctl's child that runs the statement), if any. */
function queryProcessUnder(pid: number): number | undefined {
  const ps = spawnSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" }).stdout.trim().split("\n");
  const procs = ps.map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!).map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const below = new Set([pid]);
  for (let size = 0; size !== below.size; ) {
    size = below.size;
    for (const p of procs) if (below.has(p.ppid)) below.add(p.pid);
  }
  return procs.find((p) => below.has(p.pid) && p.args.includes("query-process.js"))?.pid;
}

/** Running (a zombie not yet reaped by campctl counts as ended). */
const alive = (pid: number) => !/^Z/.test(spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim() || "Z");

/** Spawn a command, collecting its output; `done` settles when it exits. */
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(cmd, args, { env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return { child, out: () => out, err: () => err, done };
}

describe("a running statement can be stopped from the command line", () => {
  const { env } = campctlEnv("campctl-stop-");

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`campctl sql ends a runaway statement on ${signal} (exit ${code}) and leaves no process behind`, { timeout: 90_000 }, async () => {
      const run = start(process.execPath, [CLI, "--sandbox", "sql", RUNAWAY], env);
      const worker = await until(() => queryProcessUnder(run.child.pid!), "the statement to start", 60_000);
      run.child.kill(signal);
      const { code: exit } = await run.done;
      expect(exit, run.err()).toBe(code);
      expect(run.err()).toBe(`campctl: The statement was interrupted (${signal}) and stopped.\n`);
      expect(run.out()).toBe("");
      await until(() => (alive(worker) ? undefined : true), "the query process to end", 10_000);
    });
  }

  it("campctl sql exits 8 when a statement runs past QueryTimeout", { timeout: 90_000 }, async () => {
    const run = start(process.execPath, [CLI, "--sandbox", "-c", "QueryTimeout=1", "sql", RUNAWAY], env);
    expect((await run.done).code, run.err()).toBe(8);
    expect(run.err()).toMatch(/^campctl: The statement ran longer than QueryTimeout \(1 s\) and was stopped\./);
  });

  it("the query process does not outlive a campctl killed with SIGKILL", { timeout: 90_000 }, async () => {
    const run = start(process.execPath, [CLI, "--sandbox", "sql", RUNAWAY], env);
    const worker = await until(() => queryProcessUnder(run.child.pid!), "the statement to start", 60_000);
    run.child.kill("SIGKILL");
    await run.done;
    await until(() => (alive(worker) ? undefined : true), "the orphaned query process to end", 15_000);
  });

  it("campctl shell on a terminal: Ctrl-C stops the statement and the prompt comes back", { timeout: 90_000 }, async () => {
    // `script` gives the shell a pseudo-terminal, so Ctrl-C arrives as a key, as it does for a person.
    const shell = start("script", ["-qfec", `"${process.execPath}" "${CLI}" --sandbox shell`, "/dev/null"], env);
    const prompts = () => shell.out().split("campctl> ").length - 1;
    await until(() => (prompts() >= 1 ? true : undefined), "the first prompt", 60_000);
    shell.child.stdin.write(`${RUNAWAY};\r`);
    const worker = await until(() => queryProcessUnder(shell.child.pid!), "the statement to start", 60_000);
    shell.child.stdin.write("\x03");
    await until(() => (prompts() >= 2 ? true : undefined), "the prompt after Ctrl-C", 30_000);
    expect(shell.out()).toMatch(/Error: The statement was interrupted \(SIGINT\) and stopped\.\r?\n/);
    await until(() => (alive(worker) ? undefined : true), "the query process to end", 10_000);
    shell.child.stdin.write("SELECT 'still here' AS x;\r");
    await until(() => (/still here\r?\n\(1 row/.test(shell.out()) ? true : undefined), "the next statement's rows", 30_000);
    shell.child.stdin.write(".quit\r");
    expect((await shell.done).code).toBe(0);
  });
});
