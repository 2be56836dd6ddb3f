// Finding things without SQL: campfire list, comments list, search, assignments, schedule,
// cards, docs, --web and auth status, each checked against what the sandbox simulator holds
// (read back through `campctl api`, which prints the API's own answers).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { TokenStore } from "../../src/auth/token-store.js";
import { CLI, campctlEnv, type Result } from "./campctl.js";

const { env } = campctlEnv("campctl-find-");

function run(extraEnv: NodeJS.ProcessEnv, ...args: string[]): Result {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...env, ...extraEnv }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const campctl = (...args: string[]) => run({}, ...args);

/** `--sandbox --json …`, parsed; fails the test with stderr when the command fails. */
function json<T = any>(...args: string[]): T {
  const r = campctl("--sandbox", "--json", ...args);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
}

function ok(...args: string[]): string {
  const r = campctl("--sandbox", ...args);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

/** The API's own answer to GET `path` (paths under the account). */
const api = <T = any>(path: string): T => json<T>("api", "GET", path);
/** The account-relative path of an API URL the simulator gave (…/5000001/buckets/1/x/2.json → /buckets/1/x/2.json). */
const pathOf = (url: string): string => new URL(url).pathname.replace(/^\/\d+/, "");
/** The exact ID at the end of a web or API URL (IDs may exceed 2^53, so never through JSON numbers). */
const idOf = (url: string): string => /(\d+)(\.json)?$/.exec(url)![1];
const urls = (records: Array<{ app_url: string }>): string[] => records.map((r) => r.app_url);

let project: any;
let projectUrl = "";
let listUrl = "";
let myId = "";
const today = new Date().toISOString().slice(0, 10);

beforeAll(() => {
  const projects = json<any[]>("projects");
  project = projects.find((p) => ["todoset", "chat", "schedule", "kanban_board", "vault"].every((n) => p.dock.some((d: any) => d.name === n && d.enabled)));
  projectUrl = project.app_url;
  listUrl = json<any[]>("todolists", projectUrl)[0].app_url;
  myId = /"person":\s*\{\s*"id":\s*(\d+)/.exec(campctl("--sandbox", "--json", "whoami").out)![1];
}, 60_000);

const dock = (name: string): any => project.dock.find((d: any) => d.name === name);

describe("campctl find commands on the sandbox", () => {
  it("campfire list shows every campfire the API lists, and one project's alone", () => {
    const all = api<any[]>("/chats.json");
    expect(all.length).toBeGreaterThan(1);
    expect(urls(json<any[]>("campfire", "list")).sort()).toEqual(urls(all).sort());
    expect(urls(json<any[]>("campfire", "list", projectUrl))).toEqual([dock("chat").app_url]);
    const table = ok("campfire", "list");
    for (const c of all) expect(table).toContain(c.bucket.name);
  });

  it("comments list shows a recording's comments, oldest first", () => {
    const todo = json("todos", "add", listUrl, "Commented on by the find test");
    ok("comments", "add", todo.app_url, "<div>First <strong>note</strong> &amp; more</div>");
    ok("comments", "add", todo.app_url, "Second note");
    const listed = json<any[]>("comments", "list", todo.app_url);
    expect(listed.map((c) => c.content)).toEqual(["<div>First <strong>note</strong> &amp; more</div>", "Second note"]);
    expect(urls(listed)).toEqual(urls(api<any[]>(`/recordings/${idOf(todo.app_url)}/comments.json`)));
    // The table shows rich text as plain text.
    const table = ok("comments", "list", todo.app_url);
    expect(table).toMatch(/First note & more/);
    expect(table.indexOf("First note")).toBeLessThan(table.indexOf("Second note"));
    expect(ok("comments", "list", todo.app_url, "--limit", "1")).not.toContain("Second note");
  });

  it("search finds a record by a word in it, and agrees with the API's results", () => {
    const todo = json("todos", "add", listUrl, "Quokkafind rehearsal plan");
    const found = json<any[]>("search", "quokkafind");
    expect(urls(found)).toEqual([todo.app_url]);
    expect(ok("search", "quokkafind")).toMatch(/Todo[\s│]+Quokkafind rehearsal plan[\s│]+/);
    expect(json<any[]>("search", "no-such-word-anywhere-zz")).toEqual([]);

    // A common word: many kinds of records, the same ones in the same order as the API gives.
    const everything = api<any[]>("/search.json?q=draft&per_page=100");
    expect(everything.length).toBeGreaterThan(10);
    expect(urls(json<any[]>("search", "draft", "--limit", "100"))).toEqual(urls(everything));
    const todos = json<any[]>("search", "draft", "--type", "Todo", "--limit", "100");
    expect(todos.length).toBeGreaterThan(0);
    expect(todos.every((r) => r.type === "Todo")).toBe(true);
    expect(urls(todos)).toEqual(urls(everything.filter((r) => r.type === "Todo")));
    const noChat = json<any[]>("search", "draft", "--exclude-chat", "--limit", "100");
    expect(everything.some((r) => r.type.startsWith("Chat::"))).toBe(true);
    expect(urls(noChat)).toEqual(urls(everything.filter((r) => !r.type.startsWith("Chat::"))));
    expect(json<any[]>("search", "draft", "--limit", "2")).toHaveLength(2);
  });

  it("assignments lists my open ones; --overdue only those past due", () => {
    const late = json("todos", "add", listUrl, "Overdue for the find test", "--due", "2020-02-03", "--assignee", myId);
    const later = json("todos", "add", listUrl, "Due later for the find test", "--due", "2099-02-03", "--assignee", myId);
    const lateDone = json("todos", "add", listUrl, "Overdue but done", "--due", "2020-02-04", "--assignee", myId);
    ok("todos", "complete", lateDone.app_url);

    const open = api<any>("/my/assignments.json");
    const mine = json<any[]>("assignments");
    expect(urls(mine)).toEqual(urls([...open.priorities, ...open.non_priorities]));
    expect(urls(mine)).toEqual(expect.arrayContaining([late.app_url, later.app_url]));
    expect(urls(mine)).not.toContain(lateDone.app_url);

    const overdue = json<any[]>("assignments", "--overdue");
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((a) => !a.completed && a.due_on !== null && a.due_on < today)).toBe(true);
    expect(urls(overdue).sort()).toEqual(urls(mine.filter((a) => a.due_on && a.due_on < today)).sort());
    expect(urls(overdue)).toContain(late.app_url);
    expect(urls(overdue)).not.toContain(later.app_url);
    expect(ok("assignments", "--overdue")).toMatch(/to-do[\s│]+Overdue for the find test[\s│]+2020-02-03/);

    expect(urls(json<any[]>("assignments", "--completed"))).toContain(lateDone.app_url);
    expect(urls(json<any[]>("assignments", "--due", "later"))).toContain(later.app_url);
    const bad = campctl("--sandbox", "assignments", "--due", "someday");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("--due takes one of");
  });

  it("schedule shows upcoming entries soonest first, never past ones", () => {
    const schedule = dock("schedule");
    const entriesPath = `/schedules/${idOf(schedule.url)}/entries.json`;
    const day = 86_400_000;
    const at = (ms: number) => new Date(ms).toISOString();
    const post = (summary: string, start: number) =>
      json("api", "POST", entriesPath, "--data", JSON.stringify({ summary, starts_at: at(start), ends_at: at(start + 3_600_000) }));
    const past = post("Find test: last month", Date.now() - 30 * day);
    const soon = post("Find test: in two days", Date.now() + 2 * day);
    const far = post("Find test: in forty days", Date.now() + 40 * day);

    const now = Date.now();
    const expected = api<any[]>(entriesPath)
      .filter((e) => Date.parse(e.ends_at) >= now)
      .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
    const shown = json<any[]>("schedule", projectUrl);
    expect(urls(shown)).toEqual(urls(expected));
    expect(urls(shown)).toEqual(expect.arrayContaining([soon.app_url, far.app_url]));
    expect(urls(shown)).not.toContain(past.app_url);

    const week = json<any[]>("schedule", projectUrl, "--days", "7");
    expect(urls(week)).toContain(soon.app_url);
    expect(urls(week)).not.toContain(far.app_url);
    expect(week.every((e) => Date.parse(e.starts_at) < now + 7 * day + 60_000)).toBe(true);

    // Without a project: every project's schedule, in one order.
    const everywhere = json<any[]>("schedule");
    expect(new Set(everywhere.map((e) => e.bucket.name)).size).toBeGreaterThan(1);
    const starts = everywhere.map((e) => Date.parse(e.starts_at));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(urls(everywhere)).toEqual(expect.arrayContaining(urls(shown)));
    expect(ok("schedule", projectUrl)).toMatch(/Find test: in two days/);

    expect(ok("schedule", "show", soon.app_url)).toMatch(/^summary[\s│]+Find test: in two days$/m);
  });

  it("cards list shows every card of the table, column by column", () => {
    const table = api<any>(pathOf(dock("kanban_board").url));
    let expected: string[] = [];
    for (const col of table.lists) expected = expected.concat(urls(api<any[]>(pathOf(col.cards_url))));
    expect(expected.length).toBeGreaterThan(2);
    // By the card table's URL, and through its project.
    expect(urls(json<any[]>("cards", "list", dock("kanban_board").app_url))).toEqual(expected);
    const viaProject = json<any[]>("cards", "list", projectUrl);
    expect(urls(viaProject)).toEqual(expected);

    const done = table.lists.find((c: any) => c.type === "Kanban::DoneColumn");
    const onlyDone = json<any[]>("cards", "list", projectUrl, "--column", done.title);
    expect(urls(onlyDone)).toEqual(urls(api<any[]>(pathOf(done.cards_url))));
    expect(onlyDone.every((c) => c.column === done.title)).toBe(true);
    expect(ok("cards", "list", projectUrl)).toContain(viaProject[0].title);

    expect(ok("cards", "show", viaProject[0].app_url)).toMatch(new RegExp(`^title[\\s│]+${viaProject[0].title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    const missing = campctl("--sandbox", "cards", "list", projectUrl, "--column", "No such column");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("has no column");
    const nothing = campctl("--sandbox", "cards", "list", "99999");
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain("No card table or project has ID 99999");
  });

  it("docs list shows a project's documents, those in folders too (--flat: the top folder only)", () => {
    const vault = dock("vault");
    const vaultPath = `/vaults/${idOf(vault.url)}`;
    const folder = json("api", "POST", `${vaultPath}/vaults.json`, "--data", JSON.stringify({ title: "Find test folder" }));
    const inner = json("api", "POST", `/vaults/${idOf(folder.url)}/documents.json`, "--data", JSON.stringify({ title: "Find test inner doc", content: "<div>Inside</div>", status: "active" }));

    const top = api<any[]>(`${vaultPath}/documents.json`);
    expect(top.length).toBeGreaterThan(0);
    const listed = json<any[]>("docs", "list", projectUrl);
    expect(urls(listed)).toEqual(expect.arrayContaining([...urls(top), inner.app_url]));
    expect(listed.find((d) => d.app_url === inner.app_url).folder).toBe("Find test folder");
    expect(urls(json<any[]>("docs", "list", projectUrl, "--flat"))).toEqual(urls(top));
    expect(urls(json<any[]>("docs", "list", folder.app_url))).toEqual([inner.app_url]);
    expect(ok("docs", "list", projectUrl)).toMatch(/Find test inner doc[\s│]+Find test folder/);
    expect(ok("docs", "show", inner.app_url)).toMatch(/^content[\s│]+Inside$/m);
  });

  it("--web prints the record's address when there is no browser (BROWSER=none, or not a terminal)", () => {
    const card = json<any[]>("cards", "list", projectUrl)[0];
    const r = run({ BROWSER: "none" }, "--sandbox", "cards", "show", card.app_url, "--web");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${card.app_url}\n`);

    // stdout is a pipe here, so even with a browser named the address is printed, not opened.
    const doc = json<any[]>("docs", "list", projectUrl, "--flat")[0];
    const piped = run({ BROWSER: "/bin/false", DISPLAY: ":0" }, "--sandbox", "docs", "show", doc.app_url, "--web");
    expect(piped.code, piped.err).toBe(0);
    expect(piped.out).toBe(`${doc.app_url}\n`);

    const entry = json<any[]>("schedule", projectUrl)[0];
    expect(JSON.parse(run({ BROWSER: "none" }, "--sandbox", "--json", "schedule", "show", entry.app_url, "--web").out)).toEqual({ url: entry.app_url, opened: false });
  });

  it("auth status shows the account, the user, the token file and expiry, never a token", async () => {
    const who = json("whoami");
    const table = ok("auth", "status");
    expect(table).toMatch(/^signed_in[\s│]+yes$/m);
    expect(table).toContain(`${who.account.name} (${who.account.id})`);
    expect(table).toContain(who.person.name);
    expect(table).toMatch(/^access_token[\s│]+expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in \d+ (days?|hours?|minutes?)\)$/m);
    expect(table).toMatch(/^refresh_token[\s│]+yes/m);
    expect(table).toMatch(/^verified[\s│]+yes/m);

    const status = json("auth", "status");
    expect(status).toMatchObject({ signedIn: true, authScheme: "OAuth", sandbox: true, verified: true, account: { id: String(who.account.id), name: who.account.name }, refreshToken: { available: true } });
    expect(status.user.email).toBe(who.person.email_address);
    expect(existsSync(status.tokenFile)).toBe(true);
    expect(Date.parse(status.accessToken.expiresAt)).toBeGreaterThan(Date.now());
    expect(status.accessToken.expired).toBe(false);

    // The tokens in the file never show, in either form.
    const stored = await new TokenStore(status.tokenFile, { env: {} }).read();
    expect(stored?.accessToken).toBeTruthy();
    expect(status.accessToken.expiresAt).toBe(new Date(stored!.expiresAt!).toISOString());
    for (const out of [table, JSON.stringify(status), ok("auth", "status", "--offline")]) {
      expect(out).not.toContain(stored!.accessToken);
      expect(out).not.toContain(stored!.refreshToken!);
    }
  });

  it("auth status without a sign-in says so and exits 3, without signing in", () => {
    const { env: fresh } = campctlEnv("campctl-find-none-");
    const r = spawnSync(process.execPath, [CLI, "--sandbox", "--json", "auth", "status"], { encoding: "utf8", env: fresh, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ signedIn: false, tokenFile: null, accessToken: null, problem: expect.stringContaining("campctl login") });
    // Asking did not sign in: a second look finds no token file either.
    const again = spawnSync(process.execPath, [CLI, "--sandbox", "auth", "status"], { encoding: "utf8", env: fresh, timeout: 60_000 });
    expect(again.status).toBe(3);
    expect(again.stdout).toMatch(/^signed_in[\s│]+no$/m);
  });
});
