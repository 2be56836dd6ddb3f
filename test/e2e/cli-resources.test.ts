import { beforeAll, describe, expect, it } from "vitest";
import { campctlIn } from "./campctl.js";

const campctl = campctlIn("campctl-res-");

/** `--sandbox --json …`, parsed; fails the test with stderr when the command fails. */
function json<T = any>(...args: string[]): T {
  const r = campctl("--sandbox", "--json", ...args);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
}

/** `--sandbox --format table …` (a pipe gets TSV by default; these tests read tables). */
function ok(...args: string[]): string {
  const r = campctl("--sandbox", "--format", "table", ...args);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

// Web URLs of sandbox records, found through the commands themselves (IDs may exceed 2^53,
// so the tests pass URLs around rather than parsed numbers).
let projectUrl = "";
let listUrl = "";
let campfireUrl = "";
let personId = "";

beforeAll(() => {
  const projects = json<any[]>("projects");
  const project = projects.find((p) => p.dock.some((d: any) => d.name === "todoset" && d.enabled) && p.dock.some((d: any) => d.name === "chat" && d.enabled));
  projectUrl = project.app_url;
  campfireUrl = project.dock.find((d: any) => d.name === "chat").app_url;
  listUrl = json<any[]>("todolists", projectUrl)[0].app_url;
  const people = campctl("--sandbox", "--format", "table", "people").out;
  personId = /^(\d+)\s+│/m.exec(people)![1];
}, 30_000);

describe("campctl resource commands on the sandbox", () => {
  it("whoami and accounts show the signed-in person and the account", () => {
    expect(ok("whoami")).toMatch(/^name\s+│ email\s+│ account\s+│ account_id\s+│ person_id\n[─┼]+\n\S.*│ \S+@\S+\s+│ .+│ \d+\s+│ \d+$/m);
    const me = json("whoami");
    expect(me.person).toMatchObject({ name: expect.any(String), email_address: expect.stringContaining("@") });
    expect(me.account).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    const accounts = json<any[]>("accounts");
    // Launchpad's list of the sign-in's accounts; the one in use is marked current.
    expect(accounts.filter((a) => a.current)).toEqual([expect.objectContaining({ id: String(me.account.id), name: me.account.name, product: "bc3" })]);
    expect(ok("accounts")).toContain(me.account.name);
  });

  it("projects, people and todolists list as tables and JSON", () => {
    expect(projectUrl).toMatch(/^https?:\/\/.+\/projects\/\d+$/);
    expect(ok("projects")).toMatch(/^id\s+│ name\s+│ status\s+│ description/);
    const people = json<any[]>("people");
    expect(people.length).toBeGreaterThan(1);
    expect(people[0]).toMatchObject({ id: expect.anything(), name: expect.any(String), email_address: expect.any(String) });
    expect(ok("people")).toMatch(/^id\s+│ name\s+│ email\s+│ title\s+│ admin/);
    expect(listUrl).toMatch(/\/todolists\/\d+$/);
    expect(ok("todolists", projectUrl)).toMatch(/^id\s+│ name\s+│ done\s+│ url\n[─┼]+\n\d+\s+│ .+│ \d+\/\d+/);
  });

  it("todos: add, list, show, complete, uncomplete and update (IDs as web URLs)", () => {
    const added = json("todos", "add", listUrl, "Written by the e2e test", "--due", "2030-01-02", "--assignee", personId);
    expect(added).toMatchObject({ content: "Written by the e2e test", due_on: "2030-01-02", completed: false });
    expect(String(added.assignees[0].id)).toBe(personId);
    const todoUrl: string = added.app_url;
    expect(todoUrl).toMatch(/\/todos\/\d+$/);
    expect(ok("todos", "add", listUrl, "Second from the e2e test")).toMatch(/^Added to-do \d+: Second from the e2e test\nhttp/);

    expect(ok("todos", "list", listUrl)).toMatch(/Written by the e2e test\s+│ 2030-01-02/);
    expect(json<any[]>("todos", "list", listUrl).some((t) => t.app_url === todoUrl)).toBe(true);
    expect(ok("todos", "show", todoUrl)).toMatch(/^content\s+│ Written by the e2e test$/m);

    expect(ok("todos", "complete", todoUrl)).toMatch(/^Completed to-do \d+: Written by the e2e test$/m);
    expect(json("todos", "show", todoUrl).completed).toBe(true);
    expect(json("todos", "uncomplete", todoUrl).completed).toBe(false);

    // update changes only what it is given: the assignee and the content survive a new date.
    const updated = json("todos", "update", todoUrl, "--due", "2031-03-04");
    expect(updated).toMatchObject({ content: "Written by the e2e test", due_on: "2031-03-04" });
    expect(updated.assignees.map((p: any) => String(p.id))).toEqual([personId]);
    expect(ok("todos", "update", todoUrl, "--content", "Renamed by the e2e test", "--due", "none")).toMatch(/^Updated to-do \d+: Renamed by the e2e test/);
    const shown = json("todos", "show", todoUrl);
    expect(shown).toMatchObject({ content: "Renamed by the e2e test", due_on: null });
    expect(shown.assignees).toHaveLength(1);
  });

  it("messages list and post on a project's board; comments add", () => {
    expect(ok("messages", "list", projectUrl, "--limit", "2")).toMatch(/^id\s+│ subject\s+│ author\s+│ posted\s+│ comments\n[─┼]+\n\d+/);
    const posted = json("messages", "post", projectUrl, "From the e2e test", "--content", "<p>Hello</p>");
    expect(posted).toMatchObject({ subject: "From the e2e test", app_url: expect.stringMatching(/\/messages\/\d+$/) });
    const boardUrl = posted.parent.app_url;
    expect(boardUrl).toMatch(/\/message_boards\/\d+$/);
    expect(json<any[]>("messages", "list", boardUrl).some((m) => m.subject === "From the e2e test")).toBe(true);
    expect(ok("messages", "post", boardUrl, "Second e2e message")).toMatch(/^Posted message \d+: Second e2e message$/m);

    const comment = json("comments", "add", posted.app_url, "<p>A comment</p>");
    expect(comment).toMatchObject({ content: expect.stringContaining("A comment"), parent: expect.objectContaining({ title: "From the e2e test" }) });
    expect(ok("comments", "add", posted.app_url, "Another")).toMatch(/^Added comment \d+ on From the e2e test$/m);
  });

  it("campfire info, say and lines", () => {
    expect(ok("campfire", "info", campfireUrl)).toMatch(/^id\s+│ title\s+│ topic\s+│ project\s+│ url\n[─┼]+\n\d+/);
    expect(json("campfire", "info", campfireUrl)).toMatchObject({ app_url: campfireUrl, lines_url: expect.any(String) });
    expect(ok("campfire", "say", campfireUrl, "Hello from the e2e test")).toMatch(/^Said in .+ \(line \d+\): Hello from the e2e test$/m);
    const lines = json<any[]>("campfire", "lines", campfireUrl, "--limit", "5");
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines.some((l) => l.content === "Hello from the e2e test")).toBe(true);
    expect(ok("campfire", "lines", campfireUrl, "--limit", "5")).toMatch(/^id\s+│ at\s+│ who\s+│ line/);
  });

  it("webhooks add, list and remove", () => {
    const hook = json("webhooks", "add", projectUrl, "https://example.com/e2e-hook", "--types", "Todo", "Comment");
    expect(hook).toMatchObject({ payload_url: "https://example.com/e2e-hook", types: ["Todo", "Comment"], active: true });
    expect(json<any[]>("webhooks", "list", projectUrl).map((w) => w.app_url)).toContain(hook.app_url);
    expect(ok("webhooks", "list", projectUrl)).toMatch(/│ https:\/\/example\.com\/e2e-hook\s+│ Todo,Comment/);
    expect(ok("webhooks", "remove", hook.app_url)).toMatch(/^Removed webhook \d+$/m);
    expect(json<any[]>("webhooks", "list", projectUrl).map((w) => w.app_url)).not.toContain(hook.app_url);
    expect(campctl("--sandbox", "webhooks", "remove", hook.app_url).code).toBe(2);
  });

  it("api prints the JSON answer of any call", () => {
    const r = campctl("--sandbox", "api", "GET", "/projects.json");
    expect(r.code, r.err).toBe(0);
    const projects = JSON.parse(r.out);
    expect(projects.map((p: any) => p.app_url)).toContain(projectUrl);
    const listId = /\/todolists\/(\d+)$/.exec(listUrl)![1];
    const created = campctl("--sandbox", "api", "post", `/todolists/${listId}/todos.json`, "--data", JSON.stringify({ content: "Posted through campctl api" }));
    expect(created.code, created.err).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ content: "Posted through campctl api" });
    expect(campctl("--sandbox", "api", "GET", "/nothing-here.json").code).toBe(2);
  });

  it("completion prints scripts that name the commands", () => {
    const bash = ok("completion", "bash");
    expect(bash).toContain("complete -o default -F _campctl campctl");
    for (const name of ["todos", "campfire", "webhooks", "whoami", "completion"]) expect(bash).toContain(name);
    expect(bash).toContain("list show add complete uncomplete update");
    expect(ok("completion", "zsh")).toMatch(/^#compdef campctl/);
    expect(ok("completion", "fish")).toMatch(/complete -c campctl -n __fish_use_subcommand -a todos/);
    expect(campctl("completion", "tcsh").code).toBe(1);
  });

  it("exit codes: 2 not found, 9 validation, 1 bad arguments; --json errors are JSON", () => {
    const missing = campctl("--sandbox", "todos", "show", "1");
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split("\n")).toHaveLength(1);
    expect(campctl("--sandbox", "campfire", "info", "1").code).toBe(2);

    // 9 is for what the server refuses (an empty title is refused earlier, as a usage error).
    const invalid = campctl("--sandbox", "todos", "add", listUrl, "x", "--assignee", "1");
    expect(invalid.code).toBe(9);
    expect(invalid.err).toMatch(/refused/);
    expect(campctl("--sandbox", "todos", "add", listUrl, "").code).toBe(1);
    const invalidJson = campctl("--sandbox", "--json", "todos", "add", listUrl, "x", "--assignee", "1");
    expect(JSON.parse(invalidJson.err).error).toMatchObject({ kind: "validation", exitCode: 9, status: 422 });

    const badDate = campctl("--sandbox", "todos", "add", listUrl, "x", "--due", "2030-02-30");
    expect(badDate.code).toBe(1);
    expect(badDate.err).toMatch(/YYYY-MM-DD/);
    expect(campctl("--sandbox", "todos", "update", listUrl.replace(/todolists/, "todos"), "--due", "tomorrow").err).toMatch(/YYYY-MM-DD/);
    const badData = campctl("--sandbox", "api", "POST", "/projects.json", "--data", "{not json");
    expect(badData.code).toBe(1);
    expect(badData.err).toMatch(/--data must be JSON/);
    expect(campctl("--sandbox", "api", "PATCH", "/projects.json").code).toBe(1);
    const wrongKind = campctl("--sandbox", "todos", "show", projectUrl);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.err).toMatch(/points to projects, not a to-do/);
    expect(campctl("--sandbox", "todos", "show", "not-an-id").code).toBe(1);
    expect(campctl("--sandbox", "todos", "update", "1").code).toBe(1);
    expect(campctl("--sandbox", "todos", "add", listUrl).code).toBe(1);
    expect(campctl("--sandbox", "todos", "frobnicate").code).toBe(1);
  });

  it("refuses a URL of another account or host, and API paths that leave the account, with exit 1", () => {
    const account = /\/(\d+)\/buckets\//.exec(listUrl)![1];
    const otherAccount = listUrl.replace(`/${account}/`, "/5999999/");
    const r = campctl("--sandbox", "todos", "list", otherAccount);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/belongs to account 5999999, but this connection is to account \d+/);
    const host = campctl("--sandbox", "todos", "list", listUrl.replace(/^https?:\/\/[^/]+/, "https://3.basecamp.com"));
    expect(host.code, host.err).toBe(1);
    expect(host.err).toMatch(/is on https:\/\/3\.basecamp\.com, but this connection talks to/);
    for (const path of ["../5999999/projects.json", "/%2e%2e/5999999/projects.json"]) {
      const up = campctl("--sandbox", "api", "GET", path);
      expect(up.code, up.err).toBe(1);
      expect(up.err).toMatch(/outside this account's API/);
    }
  });
});
