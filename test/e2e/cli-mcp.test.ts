// `campctl mcp` as an assistant runs it: a child process on stdio, driven by the MCP SDK's own
// client, against the sandbox and against a simulator on a real port. Reads, a write, SQL,
// --read-only, --domains, Basecamp 2, a run that cannot sign in, and what reaches stdout and
// stderr (only the protocol on stdout; no token anywhere).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonExact, stringifyJsonExact } from "../../src/http/json.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { CLI, campctlEnv } from "./campctl.js";

type Result = { content: { type: string; text: string }[]; structuredContent?: Record<string, any>; isError?: boolean };

interface Session {
  client: Client;
  stderr: () => string;
  /** Errors the client met reading the server's stdout (anything there that is not JSON-RPC). */
  transportErrors: Error[];
}

const sessions: Client[] = [];
afterAll(async () => {
  for (const c of sessions) await c.close();
});

/** Start `campctl <args>` (ending in mcp …) and connect the SDK's client to it over stdio. */
async function mcp(env: NodeJS.ProcessEnv, args: string[]): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, ...args], env: env as Record<string, string>, stderr: "pipe" });
  let stderr = "";
  transport.stderr!.on("data", (d) => (stderr += d));
  const client = new Client({ name: "cli-mcp-test", version: "1.0.0" });
  const transportErrors: Error[] = [];
  client.onerror = (e) => transportErrors.push(e);
  await client.connect(transport);
  sessions.push(client);
  return { client, stderr: () => stderr, transportErrors };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const r = (await client.callTool({ name, arguments: args })) as Result;
  expect(r.isError, r.content[0]?.text).toBeFalsy();
  return parseJsonExact(r.content[0].text);
}

describe("campctl --sandbox mcp", () => {
  const { env } = campctlEnv("campctl-mcp-");
  let s: Session;
  beforeAll(async () => {
    s = await mcp(env, ["--sandbox", "mcp"]);
  }, 60_000);

  it("introduces itself and lists every Basecamp 4 operation but the uploads, plus basecamp_sql", async () => {
    expect(s.client.getServerVersion()).toMatchObject({ name: "campctl" });
    expect(s.client.getInstructions()).toMatch(/basecamp_sql/);
    const { tools } = await s.client.listTools();
    expect(tools).toHaveLength(250 - 3 + 1);
    expect(tools.find((t) => t.name === "CreateTodo")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(s.stderr()).toMatch(/campctl mcp: serving 248 tools for Basecamp 4 on stdio/);
  });

  it("reads, writes and queries the sandbox", async () => {
    const projects = await call(s.client, "ListProjects", { limit: 2 });
    expect(projects.items).toHaveLength(2);
    expect(projects.nextCursor).toEqual(expect.any(String));
    const project = await call(s.client, "GetProject", { projectId: String(projects.items[0].id) });
    const todoset = project.dock.find((d: { name: string }) => d.name === "todoset");
    const lists = await call(s.client, "ListTodolists", { todosetId: String(todoset.id), limit: 1 });
    const made = await call(s.client, "CreateTodo", { todolistId: String(lists.items[0].id), body: { content: "Filed over MCP" } });
    expect((await call(s.client, "GetTodo", { todoId: String(made.id) })).content).toBe("Filed over MCP");
    const sql = await call(s.client, "basecamp_sql", { sql: "SELECT Content FROM ToDos WHERE Content = ?", params: ["Filed over MCP"] });
    expect(sql.rows).toEqual([{ Content: "Filed over MCP" }]);
    expect(s.transportErrors).toEqual([]);
  });
});

describe("campctl mcp's switches", () => {
  const { env } = campctlEnv("campctl-mcp-sw-");

  it("--read-only serves no write, and refuses one called by name", async () => {
    const s = await mcp(env, ["--sandbox", "mcp", "--read-only"]);
    const { tools } = await s.client.listTools();
    expect(tools).toHaveLength(126);
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
    const refused = await s.client.callTool({ name: "CreateTodo", arguments: { todolistId: 1, body: { content: "x" } } }).then(
      () => undefined,
      (e: { code: number }) => e.code,
    );
    expect(refused).toBe(-32602);
    expect(s.stderr()).toMatch(/\(read-only\)/);
  });

  it("--domains narrows the tools; an unknown domain stops before signing in, with the closest name", () => {
    const r = spawnSync(process.execPath, [CLI, "--sandbox", "mcp", "--domains", "todos,campfire"], { env, encoding: "utf8", input: "" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--domains: "campfire" is not a domain of Basecamp 4; did you mean campfires\?/);
    const listed = spawnSync(process.execPath, [CLI, "--sandbox", "mcp", "--domains", "todos,sql", "--list-tools"], { env, encoding: "utf8" });
    expect(listed.status, listed.stderr).toBe(0);
    const rows = listed.stdout.trim().split("\n").map((l) => l.split("\t"));
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(["todos", "sql"]));
    expect(rows.find((r) => r[0] === "CreateTodo")).toEqual(["CreateTodo", "todos", "changes"]);
  });

  it("--schema V2 serves Basecamp 2's endpoints", async () => {
    const s = await mcp(env, ["--schema", "V2", "--sandbox", "mcp"]);
    const names = (await s.client.listTools()).tools.map((t) => t.name);
    expect(names).toHaveLength(116 - 1 + 1);
    expect(names).toContain("ListTodolistTodos");
    const projects = await call(s.client, "ListProjects");
    expect(projects.items.length).toBeGreaterThan(0);
    expect(projects.items[0].url).toMatch(/\/api\/v1\/projects\//);
  });

  it("never prompts to sign in: without a sign-in it exits 3 and says what to run", () => {
    const cs = "AccountId=5000001;OAuthClientId=mcp-test-app;OAuthClientSecret=app-secret-7f3a9c21";
    const r = spawnSync(process.execPath, [CLI, "-c", cs, "mcp"], { env, encoding: "utf8", input: "", timeout: 30_000 });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Not signed in.*campctl login/);
    expect(r.stderr).not.toContain("app-secret-7f3a9c21");
  });

  it("ends when its client closes stdin, and writes only JSON-RPC to stdout", async () => {
    const child = spawn(process.execPath, [CLI, "--sandbox", "mcp"], { env, stdio: ["pipe", "pipe", "pipe"] });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("exit", (code, signal) => resolve([code, signal])));
    const answered = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } })}\n`);
    await answered;
    child.stdin.end();
    expect(await exited).toEqual([0, null]);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(JSON.parse(l)).toMatchObject({ jsonrpc: "2.0" });
    expect(JSON.parse(lines[0]).result.serverInfo.name).toBe("campctl");
  });
});

describe("campctl mcp against a simulator on a real port", () => {
  let sim: RunningSimulator;
  let cs: string;
  beforeAll(async () => {
    sim = await startSimulator({ scale: "tiny", rateLimit: "off" });
    cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off`;
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
  });

  it("serves with the given token, logs requests with -v, and never shows the token", async () => {
    const { env } = campctlEnv("campctl-mcp-sim-");
    const s = await mcp(env, ["-c", cs, "-v", "mcp"]);
    const me = await call(s.client, "GetMyProfile");
    expect(me.name).toEqual(expect.any(String));
    const projects = await call(s.client, "ListProjects", { limit: 500 });
    const sql = await call(s.client, "basecamp_sql", { sql: "SELECT count(*) AS n FROM Projects WHERE Status = 'active'" });
    expect(sql.rows[0].n).toBe(projects.items.length);
    const failed = (await s.client.callTool({ name: "GetTodo", arguments: { todoId: 1 } })) as Result;
    expect(failed.isError).toBe(true);
    expect(s.stderr()).toMatch(/GET .*projects\.json/);
    const everything = stringifyJsonExact([me, projects, sql, failed]) + s.stderr();
    expect(everything).not.toContain(sim.adminToken);
  });
});
