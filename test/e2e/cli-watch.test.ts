// `campctl watch` as a user runs it: the built CLI in a child process. Against the sandbox it
// starts a webhook receiver and stops cleanly on SIGTERM. Against a simulator on a real port
// (which delivers webhooks over HTTP, as Basecamp does) a to-do made through the API shows up
// as a todo_created line; without --public-url it polls and says so, and a change shows up as a
// sync line. Bad options exit 1 with a message saying what to give.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/index.js";
import type { Id } from "../../src/http/json.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { CLI, campctlEnv, until, type Result } from "./campctl.js";

/** A payload URL's secret: 20 or more URL-safe characters after /webhooks/. */
const SECRET_IN_URL = /\/webhooks\/[A-Za-z0-9_-]{20,}/;

interface Running {
  out(): string;
  err(): string;
  child: ChildProcess;
  done: Promise<Result>;
}

const started: Running[] = [];
afterEach(() => {
  for (const r of started.splice(0)) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
});

/** campctl in the background, its output collected as it comes. */
function campctlBackground(env: NodeJS.ProcessEnv, args: string[]): Running {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const done = new Promise<Result>((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  const r = { out: () => out, err: () => err, child, done };
  started.push(r);
  return r;
}

function campctlWith(env: NodeJS.ProcessEnv, ...args: string[]): Result {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A port free now: listen on 0, read it, close. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The first line of `text` matching `re`, or undefined. */
const lineOf = (text: string, re: RegExp) => text.split("\n").find((l) => re.test(l));

describe("campctl --sandbox watch", () => {
  it("receives webhooks at a local address, catches up, and stops on SIGTERM with a summary", async () => {
    const { env } = campctlEnv("campctl-watch-sandbox-");
    const w = campctlBackground(env, ["--sandbox", "watch", "--port", "0"]);
    const address = await until(() => /Receiving webhooks at (http:\/\/127\.0\.0\.1:\d+) for \d+ projects?/.exec(w.err())?.[1], "the receiver's address on stderr", 60_000);
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(w.err()).toMatch(/sandbox's simulator delivers to the receiver's own address/);
    expect(w.err()).not.toMatch(/are not seen here/);
    expect(w.out()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ sync\(start\) ToDos: \d+ rows?$/m);
    w.child.kill("SIGTERM");
    const r = await w.done;
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^Stopped watching: 0 events, 0 applied, 0 duplicates, 1 sync\.$/m);
    expect(r.err + r.out).not.toMatch(SECRET_IN_URL);
    const count = campctlWith(env, "--sandbox", "--json", "sql", "--offline", "SELECT COUNT(*) AS n FROM ToDos");
    expect(count.code, count.err).toBe(0);
    expect(JSON.parse(count.out)[0].n).toBeGreaterThan(0);
  }, 120_000);
});

describe("campctl --sandbox watch hosts the sandbox for other campctl --sandbox commands", () => {
  it("sees a to-do another process adds, and the to-do outlives the watch", async () => {
    const { home, env } = campctlEnv("campctl-watch-host-");
    const hostJson = join(home, "data", "sandbox", "host.json");
    const lists = campctlWith(env, "--sandbox", "--json", "sql", "SELECT Id FROM ToDoLists WHERE Status = 'active' ORDER BY Id LIMIT 1");
    expect(lists.code, lists.err).toBe(0);
    const listId = String(JSON.parse(lists.out)[0].Id);
    expect(existsSync(hostJson)).toBe(false);

    const w = campctlBackground(env, ["--sandbox", "watch", "--port", "0"]);
    await until(() => (w.err().includes("Receiving webhooks at") ? true : undefined), "the receiver to start", 60_000);
    // The watch records itself as the sandbox's host, readable by the user only.
    const record = JSON.parse(readFileSync(hostJson, "utf8"));
    expect(record).toMatchObject({ pid: w.child.pid, apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), clientId: expect.any(String) });
    expect(statSync(hostJson).mode & 0o777).toBe(0o600);

    // A second process adds a to-do through the host (not a simulator of its own).
    const add = await campctlBackground(env, ["--sandbox", "todos", "add", listId, "Hosted to-do"]).done;
    expect(add.code, add.err).toBe(0);
    const todoId = /^Added to-do (\d+): Hosted to-do$/m.exec(add.out)?.[1];
    expect(todoId, add.out).toBeDefined();
    const line = await until(() => lineOf(w.out(), new RegExp(`todo_created ToDos ${todoId} `)), "the todo_created line", 30_000);
    expect(line).toMatch(new RegExp(`Z todo_created ToDos ${todoId} "Hosted to-do"$`));

    w.child.kill("SIGTERM");
    const r = await w.done;
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^Stopped watching: [1-9]\d* events?, [1-9]\d* applied, /m);
    expect(existsSync(hostJson)).toBe(false);

    // A new process runs its own simulator from the state the host saved: the to-do is there.
    const shown = await campctlBackground(env, ["--sandbox", "--json", "todos", "show", todoId!]).done;
    expect(shown.code, shown.err).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ content: "Hosted to-do" });
  }, 120_000);

  it("ignores a stale host.json (a dead process, or nothing answering) and removes it", async () => {
    const { home, env } = campctlEnv("campctl-watch-stale-");
    const dir = join(home, "data", "sandbox");
    mkdirSync(dir, { recursive: true });
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    const port = await freePort();
    const stale = { apiUrl: `http://127.0.0.1:${port}`, launchpadUrl: `http://127.0.0.1:${port}/launchpad`, clientId: "x", clientSecret: "y", redirectUri: "http://127.0.0.1/callback", bc2AccountId: "1", bc2User: "u", bc2Password: "p", accountId: "1" };
    for (const pid of [deadPid, process.pid]) {
      writeFileSync(join(dir, "host.json"), JSON.stringify({ pid, ...stale }), { mode: 0o600 });
      const r = await campctlBackground(env, ["--sandbox", "--json", "projects"]).done;
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).length).toBeGreaterThan(0);
      expect(existsSync(join(dir, "host.json"))).toBe(false);
    }
  }, 120_000);
});

describe("campctl watch against a simulator on a real port", () => {
  let sim: RunningSimulator;
  let client: BasecampClient;
  let cs: string;
  let projectId: Id;
  let listId: Id;
  beforeAll(async () => {
    sim = await startSimulator({ scale: "tiny", rateLimit: "off" });
    cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off`;
    client = new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, rateLimit: "off" });
    const project = (await client.projects.list().toArray())[0];
    const todoset = project.dock.find((d) => d.name === "todoset")!;
    const list = (await client.paginateOperation("ListTodolists", { path: { todosetId: todoset.id } }).toArray())[0] as { id: Id };
    projectId = project.id;
    listId = list.id;
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
  });

  it("with --public-url: prints a todo_created line for a to-do made through the API, then removes its webhooks", async () => {
    const { env } = campctlEnv("campctl-watch-hooks-");
    const port = await freePort();
    const w = campctlBackground(env, ["-c", cs, "watch", "--port", String(port), "--public-url", `http://127.0.0.1:${port}`]);
    await until(() => (w.err().includes(`Receiving webhooks at http://127.0.0.1:${port} for`) ? true : undefined), "the receiver to start", 60_000);
    const hooks = await client.webhooks.list(projectId).toArray();
    expect(hooks.some((h) => h.payload_url.startsWith(`http://127.0.0.1:${port}/webhooks/`))).toBe(true);

    const made = await client.todos.create(listId as number, { content: "watch me 0" });
    const line = await until(() => lineOf(w.out(), new RegExp(`todo_created ToDos ${String(made.id)} `)), "the todo_created line", 30_000);
    expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ todo_created ToDos ${String(made.id)} "watch me 0"$`));

    w.child.kill("SIGTERM");
    const r = await w.done;
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^Stopped watching: \d+ events?, [1-9]\d* applied, \d+ duplicates?, \d+ syncs?\.$/m);
    expect(r.err + r.out).not.toMatch(SECRET_IN_URL);
    expect(r.err).not.toContain(sim.adminToken);
    const after = await client.webhooks.list(projectId).toArray();
    expect(after.filter((h) => h.payload_url.startsWith(`http://127.0.0.1:${port}/`))).toEqual([]);

    const q = campctlWith(env, "-c", cs, "--json", "sql", "--offline", `SELECT Content FROM ToDos WHERE Id = ${String(made.id)}`);
    expect(q.code, q.err).toBe(0);
    expect(JSON.parse(q.out)).toEqual([{ Content: "watch me 0" }]);
  }, 120_000);

  it("without --public-url: polls, says so, and prints a sync line for a change", async () => {
    const { env } = campctlEnv("campctl-watch-poll-");
    const w = campctlBackground(env, ["-c", cs, "watch", "--interval", "1"]);
    await until(() => lineOf(w.err(), /^Polling the activity feed every 1 s because there is no --public-url\..*give --public-url/), "the polling note", 60_000);
    // The catch-up sync at the start has written its lines: later ones come from polls.
    await until(() => lineOf(w.out(), / sync\(start\) ToDos: /), "the first sync", 60_000);
    const before = w.out().length;
    const made = await client.todos.create(listId as number, { content: "polled to-do" });
    await until(() => lineOf(w.out().slice(before), /^\S+Z sync\(poll\) ToDos: [1-9]\d* rows?$/), "a sync(poll) line for ToDos", 30_000);
    w.child.kill("SIGTERM");
    const r = await w.done;
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^Stopped watching: 0 events, 0 applied, 0 duplicates, \d+ syncs?\.$/m);
    expect(r.err.match(/Polling the activity feed/g)).toHaveLength(1);
    const q = campctlWith(env, "-c", cs, "--json", "sql", "--offline", `SELECT Content FROM ToDos WHERE Id = ${String(made.id)}`);
    expect(JSON.parse(q.out)).toEqual([{ Content: "polled to-do" }]);
  }, 120_000);

  it("--json prints each change as one JSON line with the ID exact", async () => {
    const { env } = campctlEnv("campctl-watch-json-");
    const port = await freePort();
    const w = campctlBackground(env, ["-c", cs, "--json", "watch", "--port", String(port), "--public-url", `http://127.0.0.1:${port}/`]);
    await until(() => (w.err().includes("Receiving webhooks at") ? true : undefined), "the receiver to start", 60_000);
    const made = await client.todos.create(listId as number, { content: "as JSON" });
    const line = await until(() => lineOf(w.out(), /"type":"change"/), "a change line", 30_000);
    expect(line).toMatch(new RegExp(`"id":${String(made.id)}[,}]`));
    expect(JSON.parse(line)).toMatchObject({ type: "change", kind: "todo_created", table: "ToDos", action: "upsert", title: "as JSON" });
    for (const l of w.out().trim().split("\n")) expect(["change", "sync"]).toContain(JSON.parse(l).type);
    w.child.kill("SIGTERM");
    expect((await w.done).code).toBe(0);
  }, 120_000);
});

describe("campctl watch with bad options", () => {
  const { env } = campctlEnv("campctl-watch-bad-");
  it.each([
    [["--public-url", "notaurl"], /--public-url must be the http\(s\) address at which Basecamp reaches this machine.*got "notaurl"/],
    [["--public-url", "ftp://example.com"], /--public-url must be the http\(s\) address/],
    [["--interval", "0"], /--interval must be a whole number of at least 1 .*got "0"/],
    [["--interval", "1.5"], /--interval must be a whole number/],
    [["--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["--check-interval", "soon"], /--check-interval must be a whole number/],
  ])("%j exits 1 with a message saying what to give", (args, message) => {
    const r = campctlWith(env, "--sandbox", "watch", ...args);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it("--public-url on Basecamp 2 exits 1: it has no webhooks", () => {
    const r = campctlWith(env, "--sandbox", "--schema", "V2", "watch", "--public-url", "https://hooks.example.com");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Basecamp 2 has no webhooks.*drop --public-url/);
  }, 60_000);
});
