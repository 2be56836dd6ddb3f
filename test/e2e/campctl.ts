import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

export interface Result {
  code: number | null;
  out: string;
  err: string;
}

/** An environment with its own temporary data and config folders (never the real home). */
export function campctlEnv(prefix: string, extra: NodeJS.ProcessEnv = {}): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env = { ...process.env, NO_COLOR: "1", BASECAMP_DATA_DIR: join(home, "data"), BASECAMP_CONFIG_DIR: join(home, "config"), BASECAMP_CONNECTION: "", BASECAMP_PROFILE: "", ...extra };
  return { home, env };
}

/** A `campctl` runner with its own temporary data and config folders (never the real home). */
export function campctlIn(prefix: string): (...args: string[]) => Result {
  const { env } = campctlEnv(prefix);
  return (...args) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}

/** Run campctl without blocking, for commands the test talks to while they run (login). */
export function campctlAsync(env: NodeJS.ProcessEnv, args: string[]): { stdin: NodeJS.WritableStream; stderrSoFar: () => string; done: Promise<Result> } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const done = new Promise<Result>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
  return { stdin: child.stdin, stderrSoFar: () => err, done };
}

/** Wait until `check` returns a value (polling), or fail after `ms`. */
export async function until<T>(check: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
