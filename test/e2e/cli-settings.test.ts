// campctl help settings, help for commands, the --sandbox / Sandbox= conflict, the no-account
// hint, and shell completion that offers flags as well as commands.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS } from "../../src/config/keys.js";
import { envNameOf } from "../../src/config/key-docs.js";
import { campctlEnv, campctlIn } from "./campctl.js";

const campctl = campctlIn("campctl-settings-");

describe("campctl help", () => {
  it("help settings lists every key with its environment variable and default", () => {
    const r = campctl("help", "settings");
    expect(r.code).toBe(0);
    for (const { key } of KEYS) expect(r.out).toContain(`${key}  (${envNameOf(key)})`);
    expect(r.out.match(/Default: /g)).toHaveLength(KEYS.length);
    expect(r.out).toContain("docs/settings.md");
  });

  it("help <command> still shows that command's help, nested too", () => {
    const todos = campctl("help", "todos");
    expect(todos.code).toBe(0);
    expect(todos.out).toContain("Usage: campctl todos");
    expect(todos.out).toContain("add");
    const add = campctl("help", "todos", "add");
    expect(add.code).toBe(0);
    expect(add.out).toContain("Usage: campctl todos add");
    expect(add.out).toContain("--due");
    const top = campctl("help");
    expect(top.code).toBe(0);
    expect(top.out).toContain("campctl help settings");
  });

  it("help for something unknown is a usage error naming what to ask for", () => {
    const r = campctl("help", "nonsense");
    expect(r.code).toBe(1);
    expect(r.err).toContain("campctl help settings");
  });

  it("an unknown key points at campctl help settings and docs/settings.md", () => {
    const r = campctl("-c", "Zebra=1", "whoami");
    expect(r.code).toBe(1);
    expect(r.err).toContain("campctl help settings");
    expect(r.err).toContain("docs/settings.md");
  });
});

describe("rough edges", () => {
  it("--sandbox with Sandbox= in the connection string is a usage error that says which to keep", () => {
    for (const value of ["true", "false"]) {
      const r = campctl("--sandbox", "-c", `Sandbox=${value}`, "whoami");
      expect(r.code).toBe(1);
      expect(r.err).toContain(`--sandbox and Sandbox=${value}`);
      expect(r.err).toMatch(/keep one — drop --sandbox, or remove Sandbox=\w+ from the connection string/);
    }
    const { env } = campctlEnv("campctl-settings-", { BASECAMP_CONNECTION: "sandbox=yes" });
    const viaEnv = spawnSync(process.execPath, [join(import.meta.dirname, "../../dist/cli/main.js"), "--sandbox", "whoami"], { encoding: "utf8", env });
    expect(viaEnv.status).toBe(1);
    expect(viaEnv.stderr).toContain("BASECAMP_CONNECTION");
  });

  it("the message for no account or app suggests --sandbox", () => {
    const r = campctl("whoami");
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("campctl --sandbox");
  });

  it("bash completion offers commands, subcommands, and global and per-command flags", () => {
    const script = campctl("completion", "bash");
    expect(script.code).toBe(0);
    const file = join(campctlEnv("campctl-comp-").home, "campctl.bash");
    writeFileSync(file, script.out);
    const complete = (...words: string[]) => {
      const quoted = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" ");
      const r = spawnSync("bash", ["-c", `source "$1"; COMP_WORDS=(${quoted}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _campctl; printf '%s\\n' "\${COMPREPLY[@]}"`, "bash", file], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`bash failed: ${r.stderr}`);
      return r.stdout.split("\n").filter(Boolean);
    };
    expect(complete("campctl", "")).toEqual(expect.arrayContaining(["sql", "todos", "help", "completion"]));
    expect(complete("campctl", "--")).toEqual(expect.arrayContaining(["--sandbox", "--connection", "--profile", "--json", "--help"]));
    expect(complete("campctl", "todos", "")).toEqual(expect.arrayContaining(["list", "add", "update"]));
    const addFlags = complete("campctl", "--sandbox", "todos", "add", "--");
    expect(addFlags).toEqual(expect.arrayContaining(["--due", "--assignee", "--description", "--sandbox"]));
    expect(addFlags.filter((f) => f === "--help")).toHaveLength(1);
    // A global option's value is not taken for a command.
    expect(complete("campctl", "-c", "Sandbox=false", "todos", "add", "--du")).toEqual(["--due"]);
    // "-c todos": the word after -c is its value, so no command has been typed yet.
    expect(complete("campctl", "-c", "todos", "")).toContain("sql");
    expect(complete("campctl", "--profile", "work", "sq")).toEqual(["sql"]);
    expect(complete("campctl", "help", "set")).toEqual(["settings"]);
    expect(complete("campctl", "completion", "")).toEqual(["bash", "zsh", "fish"]);
  });

  it("zsh and fish completion carry the per-command flags too", () => {
    const zsh = campctl("completion", "zsh");
    expect(zsh.code).toBe(0);
    const addLine = zsh.out.split("\n").find((l) => l.trim().startsWith("('todos add') items=("));
    expect(addLine).toContain("'--due:");
    const fish = campctl("completion", "fish");
    expect(fish.code).toBe(0);
    expect(fish.out).toContain(`complete -c campctl -n '__campctl_at '\\''todos add'\\''' -l due -r`);
    expect(fish.out).toContain("complete -c campctl -l sandbox");
  });
});
