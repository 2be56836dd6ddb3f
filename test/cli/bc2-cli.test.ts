// campctl on a Basecamp 2 account (Schema=V2): whoami, projects, people, todolists, todos
// list|add|complete, messages list|post and api, against a simulator on a real port (with -c)
// and the sandbox (--sandbox --schema V2); what they print is checked against what the API
// holds, read here through Basecamp2Client.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Basecamp2Client } from "../../src/api/bc2/client.js";
import { parseJsonExact } from "../../src/http/json.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { CLI, campctlEnv, type Result } from "../e2e/campctl.js";

const { env } = campctlEnv("campctl-bc2-");

/** campctl without blocking: the simulator answers from this process. */
function run(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Result> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

let sim: RunningSimulator;
let api: Basecamp2Client;
let cs = "";
const v2 = (...args: string[]) => run(["-c", cs, ...args]);
async function json<T = any>(...args: string[]): Promise<T> {
  const r = await v2("--json", ...args);
  expect(r.code, r.err).toBe(0);
  // IDs above 2^53 (the seed has some) stay exact.
  return parseJsonExact<T>(r.out);
}
const ids = (xs: Array<{ id: unknown }>) => xs.map((x) => String(x.id));
/** The records of a tab-separated table (the format in a pipe). */
function tsv(out: string): Array<Record<string, string>> {
  const [head, ...lines] = out.trimEnd().split("\n");
  const cols = head.split("\t");
  return lines.map((l) => Object.fromEntries(l.split("\t").map((v, i) => [cols[i], v])));
}

let project: any;
let list: any;

beforeAll(async () => {
  sim = await startSimulator({ scale: "small", rateLimit: "off" });
  cs = `Schema=V2;User=${sim.bc2User};Password=${sim.bc2Password};AccountId=${sim.bc2AccountId};ApiBaseURL=${sim.apiUrl};RateLimit=off`;
  api = new Basecamp2Client({ apiBaseUrl: sim.apiUrl, accountId: sim.bc2AccountId, user: sim.bc2User, password: sim.bc2Password, rateLimit: "off" });
  project = (await api.projects.list().toArray())[0];
  list = (await api.todolists.list(project.id).toArray()).find((l) => l.remaining_count > 0);
  expect(list).toBeDefined();
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("campctl -c Schema=V2 (Basic sign-in, simulator on a real port)", () => {
  it("whoami: the signed-in person and the Basecamp 2 account", async () => {
    const me = await api.people.me();
    const r = await json("whoami");
    expect(String(r.person.id)).toBe(String(me.id));
    expect(String(r.account.id)).toBe(sim.bc2AccountId);
    const rows = tsv((await v2("whoami")).out);
    expect(rows).toEqual([expect.objectContaining({ name: me.name, email: me.email_address, account_id: sim.bc2AccountId, person_id: String(me.id) })]);
  });

  it("projects and people: every record the API lists, in the V3 commands' columns", async () => {
    const projects = await api.projects.list().toArray();
    expect(ids(await json("projects"))).toEqual(ids(projects));
    const rows = tsv((await v2("projects")).out);
    expect(rows.map((r) => [r.id, r.name, r.status])).toEqual(projects.map((p) => [String(p.id), p.name, "active"]));
    expect(ids(await json("projects", "--archived"))).toEqual(ids(await api.projects.archived().toArray()));
    const people = await api.people.list().toArray();
    expect(ids(await json("people"))).toEqual(ids(people));
    expect(tsv((await v2("people")).out).map((r) => r.email)).toEqual(people.map((p) => p.email_address));
  });

  it("todolists: the named project's lists, else the first project's", async () => {
    const lists = await api.todolists.list(project.id).toArray();
    expect(ids(await json("todolists"))).toEqual(ids(lists));
    const other = (await api.projects.list().toArray())[1];
    expect(ids(await json("todolists", String(other.id)))).toEqual(ids(await api.todolists.list(other.id).toArray()));
    const csv = await v2("--format", "csv", "todolists", project.app_url ?? String(project.id));
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.split("\n")[0]).toBe("id,name,done,url");
    expect(csv.out).toContain(`${lists[0].id},${lists[0].name},${lists[0].completed_count}/${lists[0].completed_count + lists[0].remaining_count},`);
  });

  it("todos list, add and complete: by ID (the project found for it) and by URL", async () => {
    const remaining = await api.todos.remainingInList(project.id, list.id).toArray();
    expect(ids(await json("todos", "list", String(list.id)))).toEqual(ids(remaining));
    expect(ids(await json("todos", "list", list.app_url, "--completed"))).toEqual(ids(await api.todos.completedInList(project.id, list.id).toArray()));

    const me = await api.people.me();
    const added = await v2("todos", "add", String(list.id), "Written by campctl on Basecamp 2", "--due", "2031-02-03", "--assign", "me");
    expect(added.code, added.err).toBe(0);
    const id = /^Added to-do (\d+): Written by campctl on Basecamp 2 \(due 2031-02-03\) → (.+)$/m.exec(added.out);
    expect(id?.[2]).toBe(me.name);
    const held = await api.todos.get(project.id, id![1]);
    expect([held.content, held.due_on ?? held.due_at?.slice(0, 10), held.assignee?.id, held.completed]).toEqual(["Written by campctl on Basecamp 2", "2031-02-03", me.id, false]);
    expect(added.out).toContain(held.app_url);

    const done = await v2("todos", "complete", id![1]);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toBe(`Completed to-do ${id![1]}: Written by campctl on Basecamp 2\n`);
    expect((await api.todos.get(project.id, id![1])).completed).toBe(true);
    expect((await v2("todos", "complete", held.app_url)).out).toContain(`To-do ${id![1]} was already completed`);

    const byUrl = await json("todos", "add", list.app_url, "Added by the list's URL", "--project", String(project.id));
    expect((await api.todos.get(project.id, byUrl.id)).todolist_id).toBe(list.id);
    const wrongKind = await v2("todos", "complete", list.app_url);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.err).toMatch(/^campctl: That URL points to projects\/todolists, not a to-do/);
    const noNotes = await v2("todos", "add", String(list.id), "x", "--notes", "hi");
    expect([noNotes.code, noNotes.err]).toEqual([1, expect.stringContaining("Basecamp 2 to-dos have no notes")]);
  });

  it("messages list and post: the project's topics of type Message", async () => {
    const topics = (await api.topics.list(project.id).toArray()).filter((t) => t.topicable.type === "Message");
    const listed = await json<any[]>("messages", "list", String(project.id));
    expect(ids(listed)).toEqual(topics.map((t) => String(t.topicable.id)));
    expect(ids(await json("messages", "list", String(project.id), "--limit", "2"))).toEqual(topics.slice(0, 2).map((t) => String(t.topicable.id)));
    const table = tsv((await v2("messages", "list", String(project.id), "--limit", "1")).out);
    const first = await api.messages.get(project.id, topics[0].topicable.id);
    expect(table).toEqual([{ id: String(first.id), subject: first.subject, author: first.creator.name, posted: first.created_at, comments: String(first.comments.length) }]);

    const posted = await v2("messages", "post", String(project.id), "From campctl on Basecamp 2", "--body", "**Hello** there");
    expect(posted.code, posted.err).toBe(0);
    const id = /^Posted message (\d+): From campctl on Basecamp 2$/m.exec(posted.out)![1];
    const m = await api.messages.get(project.id, id);
    expect(m.subject).toBe("From campctl on Basecamp 2");
    expect(m.content).toContain("<strong>Hello</strong>");
  });

  it("api: Basecamp 2's endpoints by name, their list, suggestions, and raw paths", async () => {
    const got = await json("api", "GetProject", `projectId=${project.id}`);
    expect([String(got.id), got.name]).toEqual([String(project.id), project.name]);
    // A to-do's URL names its project too.
    const todo = (await api.todos.remainingInList(project.id, list.id).toArray())[0];
    expect(String((await json("api", "GetTodo", `todoId=${todo.app_url}`)).id)).toBe(String(todo.id));
    expect(String((await json("api", "GetTodo", todo.url)).id)).toBe(String(todo.id));
    const all = await json<any[]>("api", "ListTodolistTodos", String(project.id), String(list.id));
    expect(ids(all)).toEqual(ids(await api.todos.inList(project.id, list.id).toArray()));
    expect(String((await json("api", "GET", "/people/me.json")).id)).toBe(String((await api.people.me()).id));

    const ops = tsv((await v2("api", "--operations", "todolist")).out);
    expect(ops).toContainEqual({ name: "ListTodolists", method: "GET", path: "/projects/{projectId}/todolists.json" });
    expect(ops.every((o) => `${o.name} ${o.path}`.toLowerCase().includes("todolist"))).toBe(true);
    expect(ops.some((o) => o.name === "GetTodoset")).toBe(false);

    const unknown = await v2("api", "GetTodos");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown operation "GetTodos"\. Did you mean GetTodo, ListTodos/);
    const missing = await v2("api", "GetTodo", `projectId=${project.id}`);
    expect(missing.err).toContain("GetTodo needs todoId: campctl api GetTodo projectId=<ID or URL> todoId=<ID or URL>");
  });

  it("a wrong Basic password: a non-zero exit that says to check User and Password, never campctl login", async () => {
    const r = await run(["-c", cs.replace(`Password=${sim.bc2Password}`, "Password=not-the-password"), "projects"]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/User/);
    expect(r.err).toMatch(/Password/);
    expect(r.err).not.toContain("campctl login");
    expect(r.err).not.toContain("not-the-password");
    expect(r.out).toBe("");
  });

  it("a Basecamp 4-only command refuses clearly, naming what works on Basecamp 2", async () => {
    for (const args of [["campfire", "lines", "1"], ["todos", "show", "1"], ["accounts"]]) {
      const r = await v2(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err).toMatch(/^campctl: This command needs Basecamp 4\/3, and the connection is a Basecamp 2 account \(Schema=V2\)\. On Basecamp 2 campctl has whoami, projects, .*todolists/);
    }
  });
});

describe("--schema", () => {
  it("conflicts with Schema= in the connection string, and takes only V2 or V3", async () => {
    const both = await run(["-c", cs, "--schema", "V2", "whoami"]);
    expect(both.code).toBe(1);
    expect(both.err).toContain("--schema and Schema=V2 in the connection string (-c) both set Schema: keep one");
    const fromEnv = await run(["--schema", "v3", "whoami"], { BASECAMP_CONNECTION: "Schema=V2" });
    expect(fromEnv.err).toContain("--schema and Schema=V2 in BASECAMP_CONNECTION both set Schema");
    const bad = await run(["--schema", "V4", "whoami"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Allowed choices are V2, V3");
  });

  it("--schema V2 with the rest in -c works like Schema=V2, in any case", async () => {
    const r = await run(["-c", cs.replace("Schema=V2;", ""), "--schema", "v2", "--json", "whoami"]);
    expect(r.code, r.err).toBe(0);
    expect(String(parseJsonExact<any>(r.out).account.id)).toBe(sim.bc2AccountId);
  });

  it("shows in help and in shell completion", async () => {
    const help = await run(["--help"]);
    expect(help.out).toMatch(/--schema <schema>\s+V2 for a Basecamp 2/);
    expect(help.out).toContain("Basecamp 2 (--schema V2");
    const bash = await run(["completion", "bash"]);
    expect(bash.out).toContain("--schema");
    expect(bash.out).toContain("ListTodolistRemainingTodos");
    const fish = await run(["completion", "fish"]);
    expect(fish.out).toMatch(/-l schema .*V2 V3/);
  });

  it("on the sandbox: --sandbox --schema V2 signs in to its Basecamp 2 account (OAuth, or Basic with AuthScheme=Basic)", async () => {
    const who = await run(["--sandbox", "--schema", "V2", "--json", "whoami"]);
    expect(who.code, who.err).toBe(0);
    const account = parseJsonExact<any>(who.out).account;
    const projects = await run(["--sandbox", "--schema", "V2", "--json", "projects"]);
    expect(projects.code, projects.err).toBe(0);
    expect(parseJsonExact<any>(projects.out).length).toBeGreaterThan(0);
    const basic = await run(["--sandbox", "--schema", "V2", "-c", "AuthScheme=Basic", "--json", "whoami"]);
    expect(basic.code, basic.err).toBe(0);
    expect(String(parseJsonExact<any>(basic.out).account.id)).toBe(String(account.id));
    const v3only = await run(["--sandbox", "--schema", "V2", "campfire", "lines", "1"]);
    expect(v3only.code).toBe(1);
    // Quick commands on Basecamp 2 never load SQLite either.
    const probe = await run(["--sandbox", "--schema", "V2", "todolists"], { NODE_OPTIONS: `--require ${join(import.meta.dirname, "../e2e/fixtures/report-sqlite.cjs")}` });
    expect(probe.code, probe.err).toBe(0);
    expect(probe.err).toContain("[probe] better-sqlite3 not loaded");
  }, 60_000);

  it("--project is Basecamp 2's: on Basecamp 4 it is refused before anything is sent", async () => {
    const r = await run(["--sandbox", "todos", "complete", "123", "--project", "456"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--project is for Basecamp 2 (Schema=V2)");
  });

  it("sql, sync and shell: the Basecamp 2 replica with the same SQL as Basecamp 4, writes going to Basecamp 2", async () => {
    const q = "SELECT p.Name AS Project, COUNT(*) AS Open FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY p.Name";
    const rows = tsv((await v2("sql", q)).out);
    const expected: Array<[string, string]> = [];
    // Archived projects keep their to-dos: the replica has both.
    for (const p of [...(await api.projects.list().toArray()), ...(await api.projects.archived().toArray())]) {
      const open = await api.todos.remaining(p.id).toArray();
      if (open.length) expected.push([p.name, String(open.length)]);
    }
    expect(rows.map((r) => [r.Project, r.Open])).toEqual(expected.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const sync = await v2("--json", "sync", "People", "Messages");
    expect(sync.code, sync.err).toBe(0);
    expect(parseJsonExact<Array<{ table: string }>>(sync.out).map((r) => r.table).sort()).toEqual(["Messages", "People"]);
    const unknown = await v2("sync", "CardTables");
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain("Tables are Projects, People, Accesses");
    const shell = await new Promise<Result>((resolve) => {
      const child = spawn(process.execPath, [CLI, "-c", cs, "shell"], { env, stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
      child.on("close", (code) => resolve({ code, out, err }));
      child.stdin.end(`INSERT INTO ToDos (ToDoListId, Content) VALUES (${list.id}, 'Added from the V2 shell');\nSELECT Content FROM ToDos WHERE Content = 'Added from the V2 shell';\n`);
    });
    expect(shell.code, shell.err).toBe(0);
    expect(shell.out).toContain("insert ToDos");
    const made = (await api.todos.inList(project.id, list.id).toArray()).filter((t) => t.content === "Added from the V2 shell");
    expect(made).toHaveLength(1);
  }, 60_000);
});
