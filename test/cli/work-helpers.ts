// Running the real campctl (dist/cli/main.js) against its sandbox simulator, for the tests of
// timesheet, boost, reports and api operations; and reading the sandbox's saved store.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { CLI, campctlEnv, type Result } from "../e2e/campctl.js";

export interface Sandbox {
  home: string;
  /** `campctl --sandbox …`. */
  run(...args: string[]): Result;
  /** `campctl --sandbox --json …`, parsed; fails the test with stderr when the command fails. */
  json<T = any>(...args: string[]): T;
  /** `campctl --sandbox …` that must succeed; its stdout. */
  ok(...args: string[]): string;
  /** The sandbox simulator's saved state (IDs above 2^53 kept as strings). */
  state(): any;
}

export function sandbox(prefix: string): Sandbox {
  const { home, env } = campctlEnv(prefix);
  const run = (...args: string[]): Result => {
    const r = spawnSync(process.execPath, [CLI, "--sandbox", ...args], { encoding: "utf8", env, input: "", timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  return {
    home,
    run,
    json<T = any>(...args: string[]): T {
      const r = run("--json", ...args);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out) as T;
    },
    ok(...args: string[]): string {
      const r = run(...args);
      expect(r.code, r.err).toBe(0);
      return r.out;
    },
    state(): any {
      const file = join(home, "data", "sandbox", "state.json");
      expect(existsSync(file), `no sandbox state at ${file}`).toBe(true);
      return JSON.parse(readFileSync(file, "utf8").replace(/([:[,]\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
    },
  };
}

/** The exact ID at the end of a web or API URL (IDs may exceed 2^53). */
export const idOf = (url: string): string => /(\d+)(\.json)?$/.exec(url)![1];

/** The first "id" of a command's JSON output, exactly as printed. */
export const firstId = (out: string): string => /"id":\s*(\d+)/.exec(out)![1];

/** A project with to-dos, one of its to-do lists and one of its to-dos (web URLs). */
export function someTodo(s: Sandbox): { projectUrl: string; listUrl: string; todoUrl: string } {
  const projects = s.json<any[]>("projects");
  const project = projects.find((p) => p.dock.some((d: any) => d.name === "todoset" && d.enabled));
  const listUrl = s.json<any[]>("todolists", project.app_url)[0].app_url;
  const todoUrl = s.json<any>("todos", "add", listUrl, `A to-do for the work commands ${Date.now()}`).app_url;
  return { projectUrl: project.app_url, listUrl, todoUrl };
}

/** The signed-in person, as `whoami --json` gives it. */
export function me(s: Sandbox): { id: string; name: string } {
  const out = s.ok("--json", "whoami");
  return { id: /"person":\s*\{\s*"id":\s*(\d+)/.exec(out)![1], name: JSON.parse(out).person.name };
}

/** Today (local) as YYYY-MM-DD, and `days` after it. */
export function day(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
