// The global options and environment: --profile / BASECAMP_PROFILE, BASECAMP_CONNECTION,
// -v / -vv, --log-file, --json, and sync --full — on the sandbox.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { campctlEnv, CLI } from "./campctl.js";

const { home, env } = campctlEnv("campctl-globals-");
const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...env, ...extra }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  mkdirSync(join(home, "config"), { recursive: true });
  writeFileSync(join(home, "config", "config.json"), JSON.stringify({ profiles: { play: "Sandbox=true;MaxAge=600" } }));
  chmodSync(join(home, "config", "config.json"), 0o644);
});

describe("campctl global options", () => {
  it("--profile and BASECAMP_PROFILE pick a saved profile; an unknown one is a usage error that lists the profiles", () => {
    const byFlag = run(["--profile", "play", "--json", "whoami"]);
    expect(byFlag.code, byFlag.err).toBe(0);
    // The config file was written open to others: made private, said in one line, once.
    const config = join(home, "config", "config.json");
    expect(byFlag.err).toBe(`campctl: warning: The config file ${config} was open to group and others (mode 0644); it is now 0600.\n`);
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(JSON.parse(byFlag.out).account.name).toBe("Sandbox Co.");
    const byEnv = run(["--json", "whoami"], { BASECAMP_PROFILE: "play" });
    expect(byEnv.code, byEnv.err).toBe(0);
    const unknown = run(["--profile", "work", "whoami"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown profile "work" .*profiles: play/);
  });

  it("BASECAMP_CONNECTION is the connection when -c is not given; a bad one says which key is wrong", () => {
    const r = run(["--json", "whoami"], { BASECAMP_CONNECTION: "Sandbox=true" });
    expect(r.code, r.err).toBe(0);
    const bad = run(["whoami"], { BASECAMP_CONNECTION: "Sandbox=true;AcountId=1" });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/AcountId.*AccountId/);
  });

  it("-v logs each request to stderr (never a token); --log-file writes the log there instead", () => {
    // A token file open to others is made private; with -v the warning comes through the logger, in the same form.
    const oauthDir = join(home, "data", "sandbox", "oauth");
    const tokenFile = join(oauthDir, readdirSync(oauthDir).find((n) => n.endsWith(".json"))!);
    chmodSync(tokenFile, 0o644);
    const v = run(["--sandbox", "-v", "projects"]);
    expect(v.code, v.err).toBe(0);
    expect(v.err.split("\n")).toContain(`campctl: warning: The OAuth token file ${tokenFile} was open to group and others (mode 0644); it is now 0600.`);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(v.err).toMatch(/GET http:\/\/\S+\/\d+\/projects\.json → 200 in \d+ ms/);
    expect(v.err).not.toMatch(/Bearer|access_token|refresh_token/);
    const file = join(home, "requests.log");
    const logged = run(["--sandbox", "--log-file", file, "projects"]);
    expect(logged.code, logged.err).toBe(0);
    expect(logged.err).not.toMatch(/projects\.json/);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/GET http:\/\/\S+\/projects\.json/);
    expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
  });

  it("errors are one line; -vv adds the stack; --json makes them JSON", () => {
    const plain = run(["--sandbox", "todos", "show", "1"]);
    expect(plain.code).toBe(2);
    expect(plain.err.trim().split("\n")).toHaveLength(1);
    expect(plain.err).toMatch(/^campctl: to-do 1: .*Check the ID/);
    expect(plain.err).not.toMatch(/GET|404/);
    expect(plain.err).not.toContain("..");
    const verbose = run(["--sandbox", "-vv", "todos", "show", "1"]);
    expect(verbose.code).toBe(2);
    expect(verbose.err).toMatch(/NotFoundError: .*\n\s+at /);
    const json = run(["--sandbox", "--json", "todos", "show", "1"]);
    expect(JSON.parse(json.err).error).toMatchObject({ kind: "notFound", status: 404, exitCode: 2 });
  });

  it("sync --full reads everything again; --json sync prints one row per table", () => {
    const full = run(["--sandbox", "sync", "--full", "Projects", "People"]);
    expect(full.code, full.err).toBe(0);
    expect(full.out).toMatch(/^Synced 2 tables: \d+ rows, \d+ requests in [\d.]+ s$/m);
    expect(full.err).toMatch(/^Projects: \d+ items$/m);
    const json = run(["--sandbox", "--json", "sync", "Projects"]);
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ table: "Projects", requests: expect.any(Number) })]);
    const unknown = run(["--sandbox", "sync", "Projcts"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown table "Projcts"; did you mean Projects\?/);
  });
});
