// campctl api <Operation> name=value …, api --operations, the raw form kept as it was, and the
// new commands known to completion and help — against the sandbox simulator.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { closestOperations, findOperation, operationCall } from "../../src/cli/commands/api-operations.js";
import { OPERATIONS } from "../../src/api/generated/operations.js";
import { idOf, sandbox, someTodo } from "./work-helpers.js";

describe("operation names and parameters", () => {
  it("finds an operation in any case and suggests the closest names for a wrong one", () => {
    expect(findOperation("GetTodo")).toBe("GetTodo");
    expect(findOperation("gettodo")).toBe("GetTodo");
    expect(findOperation("GetTodos")).toBeUndefined();
    expect(closestOperations("GetTodos")[0]).toBe("GetTodo");
    expect(closestOperations("ListTodo")).toContain("ListTodos");
    expect(closestOperations("CreateBoost")).toContain("CreateRecordingBoost");
    expect(closestOperations("Frobnicate")).toEqual([]);
  });

  it("reads name=value and bare values as path parameters, known query names as query", () => {
    expect(operationCall("GetTodo", ["todoId=12"], [])).toEqual({ op: "GetTodo", path: { todoId: 12 }, query: {} });
    expect(operationCall("GetTodo", ["12"], ["x=1"])).toEqual({ op: "GetTodo", path: { todoId: 12 }, query: { x: "1" } });
    expect(operationCall("GetProjectTimesheet", ["projectId=3", "from=2026-11-01", "to=2026-11-30"], []).query).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(() => operationCall("GetTodo", [], [])).toThrow("GetTodo needs todoId: campctl api GetTodo todoId=<ID or URL>");
    expect(() => operationCall("GetTodo", ["1", "2"], [])).toThrow(/"2" is one value too many/);
    expect(() => operationCall("GetTodo", ["colour=red"], [])).toThrow('GetTodo has no parameter "colour" (path: todoId). Other query parameters go in --query colour=…');
    expect(() => operationCall("GetTodo", ["todoId=abc"], [])).toThrow(/^GetTodo todoId: Expected a todo ID or Basecamp URL; got "abc"$/);
    expect(() => operationCall("GetTodo", ["todoId=1"], ["novalue"])).toThrow('--query takes name=value; got "novalue"');
  });
});

const s = sandbox("campctl-api-ops-");
let todoUrl = "";
let listUrl = "";

beforeAll(() => {
  ({ todoUrl, listUrl } = someTodo(s));
}, 60_000);

describe("campctl api with operations on the sandbox", () => {
  it("api GetTodo todoId=… answers the to-do, by ID, by URL, or as a bare value", () => {
    const id = idOf(todoUrl);
    const byId = s.run("api", "GetTodo", `todoId=${id}`);
    expect(byId.code, byId.err).toBe(0);
    expect(byId.out).toMatch(new RegExp(`^\\{\\n  "id": ${id},`));
    const todo = JSON.parse(byId.out);
    expect(todo.app_url).toBe(todoUrl);
    expect(todo.type).toBe("Todo");
    expect(s.ok("api", "GetTodo", `todoId=${todoUrl}`)).toBe(byId.out);
    expect(s.ok("api", "gettodo", id)).toBe(byId.out);
    expect(byId.out).toBe(s.ok("api", "GET", `/todos/${id}.json`));
  });

  it("list operations are read to the end; --page reads one page", () => {
    for (let i = 0; i < 17; i++) s.ok("boost", todoUrl, `+${i}`);
    const all = s.json<any[]>("api", "ListRecordingBoosts", `recordingId=${todoUrl}`);
    expect(all).toHaveLength(17);
    expect(all.map((b) => b.content)).toEqual(Array.from({ length: 17 }, (_, i) => `+${i}`));
    expect(s.json<any[]>("api", "ListRecordingBoosts", `recordingId=${todoUrl}`, "--page", "1")).toHaveLength(15);
    expect(s.json<any[]>("api", "ListRecordingBoosts", `recordingId=${todoUrl}`, "--page", "2").map((b) => b.content)).toEqual(["+15", "+16"]);
    expect(s.run("api", "GetTodo", todoUrl, "--page", "2").err).toBe("campctl: --page is for lists; GetTodo answers one record.\n");
  });

  it("--data JSON or @file sends a body; --query adds query parameters", () => {
    const file = join(s.home, "boost.json");
    writeFileSync(file, JSON.stringify({ content: "From a file" }));
    const made = s.json("api", "CreateRecordingBoost", `recordingId=${todoUrl}`, "--data", `@${file}`);
    expect(made.content).toBe("From a file");
    const inStore = Object.values<any>(s.state().collections.boosts).find((b) => b.content === "From a file");
    expect(String(inStore.recordingId)).toBe(idOf(todoUrl));
    expect(s.json("api", "CreateRecordingBoost", todoUrl, "--data", '{"content":"Inline"}').content).toBe("Inline");

    const done = s.json("todos", "add", listUrl, "Done for the api query test");
    s.ok("todos", "complete", done.app_url);
    const completed = s.json<any[]>("api", "ListTodos", `todolistId=${listUrl}`, "--query", "completed=true");
    expect(completed.map((t) => t.app_url)).toContain(done.app_url);
    expect(completed.every((t) => t.completed)).toBe(true);

    expect(s.run("api", "CreateRecordingBoost", todoUrl).err).toBe("campctl: CreateRecordingBoost needs a JSON body: --data '{…}' or --data @file.json\n");
    expect(s.run("api", "GetTodo", todoUrl, "--data", "{}").err).toMatch(/^campctl: GetTodo \(GET \/todos\/\{todoId\}\.json\) takes no body; drop --data\.\n$/);
    expect(s.run("api", "CreateRecordingBoost", todoUrl, "--data", "{oops").err).toMatch(/^campctl: --data must be JSON: /);
    expect(s.run("api", "CreateRecordingBoost", todoUrl, "--data", "@/no/such/file.json").err).toMatch(/cannot read "\/no\/such\/file\.json" \(ENOENT\)/);
  });

  it("an unknown operation is refused with the closest names, before any request", () => {
    const r = s.run("api", "GetTodos", "todoId=1");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^campctl: Unknown operation "GetTodos"\. Did you mean GetTodo, [^?]*ListTodos[^?]*\? campctl api --operations \[word\] lists them/);
    expect(r.err.split("\n")).toHaveLength(2);
    const json = s.run("--json", "api", "ListBoost");
    expect(JSON.parse(json.err).error).toMatchObject({ kind: "usage", message: expect.stringMatching(/Did you mean [^?]*ListRecordingBoosts/) });
    expect(s.run("api", "GetTodo").err).toBe("campctl: GetTodo needs todoId: campctl api GetTodo todoId=<ID or URL>\n");
  });

  it("api --operations lists name, method and path; a filter narrows it", () => {
    const all = s.ok("api", "--operations").trimEnd().split("\n");
    expect(all[0]).toBe("name\tmethod\tpath");
    expect(all).toHaveLength(Object.keys(OPERATIONS).length + 1);
    expect(all.length).toBe(251);
    const boosts = s.ok("api", "--operations", "boost").trimEnd().split("\n").slice(1);
    expect(boosts).toContain("ListRecordingBoosts\tGET\t/recordings/{recordingId}/boosts.json");
    expect(boosts).toContain("DeleteBoost\tDELETE\t/boosts/{boostId}.json");
    expect(boosts.every((l) => /boost/i.test(l))).toBe(true);
    const json = s.json<any[]>("api", "--operations", "timesheet");
    expect(json.find((o) => o.name === "CreateTimesheetEntry")).toMatchObject({ method: "POST", path: "/recordings/{recordingId}/timesheet/entries.json", pathParams: ["recordingId"] });
    expect(s.run("api", "--operations", "zzzz").err).toBe('campctl: No operation matches "zzzz"; campctl api --operations lists all 250.\n');
  });

  it("the raw form works as before", () => {
    const projects = s.json<any[]>("api", "GET", "/projects.json");
    expect(projects.length).toBeGreaterThan(0);
    expect(s.json<any[]>("api", "get", "projects.json")).toEqual(projects);
    expect(s.run("api", "PATCH", "/projects.json").err).toBe('campctl: The method must be one of GET, POST, PUT, DELETE; got "PATCH"\n');
    expect(s.run("api", "GET").err).toBe("campctl: Give a path, like campctl api GET /projects.json\n");
    expect(s.run("api", "/projects.json").err).toBe("campctl: Say the method first: campctl api GET /projects.json\n");
    expect(s.run("api", "GET", "/projects.json", "--data", "nope").err).toMatch(/^campctl: --data must be JSON/);
  });

  it("completion and help know the new commands", () => {
    const bash = s.ok("completion", "bash");
    for (const word of ["timesheet", "boosts", "unboost", "reports"]) expect(bash).toContain(word);
    expect(bash).toMatch(/'timesheet'\) words='list log show edit delete'/);
    expect(bash).toMatch(/'reports'\) words='overdue assigned upcoming progress'/);
    expect(bash).toMatch(/'api'\) words='GET POST PUT DELETE [^']*\bGetTodo\b/);
    expect(s.ok("completion", "fish")).toContain("-a timesheet");
    expect(s.ok("completion", "zsh")).toContain("'timesheet log'");
    expect(s.ok("help", "timesheet", "log")).toMatch(/Usage: campctl timesheet log \[options\] <recording> <hours>/);
    expect(s.ok("help", "reports")).toMatch(/overdue[\s\S]*assigned[\s\S]*upcoming[\s\S]*progress/);
    expect(s.ok("--help")).toMatch(/timesheet[\s\S]*boost[\s\S]*reports/);
  });
});
