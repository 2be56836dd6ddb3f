// campctl sandbox reset, sign-in on the sandbox, and quick commands that never load SQLite.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { campctlEnv, CLI } from "./campctl.js";

const probe = join(import.meta.dirname, "fixtures/report-sqlite.cjs");

describe("campctl on the sandbox: login, logout, sandbox reset, lazy loading", () => {
  const { home, env } = campctlEnv("campctl-sandbox-");
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...env, ...extra }, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const sandbox = join(home, "data", "sandbox");

  it("login, use and logout on the sandbox keep to the sandbox's own folder and profile", () => {
    const login = run(["--sandbox", "login"]);
    expect(login.code, login.err).toBe(0);
    expect(login.out).toMatch(/^Signed in as .+ to Sandbox Co\. \(account \d+\)\.\nTokens are kept encrypted in .*sandbox.*oauth.*\.json\./m);
    expect(login.err).toContain("consent page was answered for you");
    const used = run(["--sandbox", "use", JSON.parse(run(["--sandbox", "--json", "accounts"]).out)[0].id]);
    expect(used.code, used.err).toBe(0);
    expect(used.out).toContain('saved in profile "sandbox"');
    // The real connection's default profile is untouched: there is none.
    expect(run(["--sandbox", "--json", "whoami"]).code).toBe(0);
    const logout = run(["--sandbox", "logout"]);
    expect(logout.code, logout.err).toBe(0);
    expect(logout.out).toMatch(/^Signed out: removed .*sandbox.*\.json\.$/m);
  });

  it("sandbox reset removes the sandbox's state, sign-ins, replica and cache", () => {
    const title = `Reset me ${Date.now()}`;
    const added = run(["--sandbox", "sql", `INSERT INTO ToDos (ToDoListId, Content) SELECT Id, '${title}' FROM ToDoLists WHERE Status = 'active' ORDER BY Id LIMIT 1`]);
    expect(added.code, added.err).toBe(0);
    expect(run(["--sandbox", "sql", "--max-age", "0", `SELECT COUNT(*) AS n FROM ToDos WHERE Content = '${title}'`]).out).toMatch(/^1$/m);
    expect(existsSync(join(sandbox, "state.json"))).toBe(true);

    const reset = run(["sandbox", "reset"]);
    expect(reset.code, reset.err).toBe(0);
    expect(reset.out).toContain(`Sandbox reset: removed ${sandbox}`);
    expect(existsSync(sandbox)).toBe(false);
    expect(run(["sandbox", "reset"]).out).toContain("already fresh");
    // Fresh seed data: the to-do made before the reset is gone.
    expect(run(["--sandbox", "sql", "--max-age", "0", `SELECT COUNT(*) AS n FROM ToDos WHERE Content = '${title}'`]).out).toMatch(/^0$/m);
  });

  it("quick commands (login, whoami, todos) never load SQLite; sql does", () => {
    const opts = { NODE_OPTIONS: `--require ${probe}` };
    for (const args of [["--sandbox", "login"], ["--sandbox", "whoami"], ["--sandbox", "projects"], ["--help"]]) {
      const r = run(args, opts);
      expect(r.code, r.err).toBe(0);
      expect(r.err, args.join(" ")).toContain("[probe] better-sqlite3 not loaded");
    }
    const sql = run(["--sandbox", "sql", "SELECT 1 AS one"], opts);
    expect(sql.code, sql.err).toBe(0);
    expect(sql.err).toContain("[probe] better-sqlite3 loaded");
  });
});
