// Writing to-dos and messages comfortably: people by name, email or `me`; Markdown notes from
// an option, standard input, a file or $EDITOR; and mistakes refused before anything is sent.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, campctlEnv, type Result } from "./campctl.js";

const { home, env } = campctlEnv("campctl-write-");

function campctl(args: string[], o: { input?: string; env?: NodeJS.ProcessEnv } = {}): Result {
  const r = spawnSync(process.execPath, [CLI, "--sandbox", ...args], { encoding: "utf8", env: { ...env, ...o.env }, input: o.input ?? "", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function json<T = any>(args: string[], o: { input?: string; env?: NodeJS.ProcessEnv } = {}): T {
  const r = campctl(["--json", ...args], o);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
}

/** Lines of the -v request log (one per HTTP request). */
const requests = (err: string) => err.split("\n").filter((l) => /\b(GET|POST|PUT|DELETE) https?:\/\//.test(l));

let projectUrl = "";
let listUrl = "";
let me: any;
let sofia: any;

beforeAll(() => {
  const projects = json<any[]>(["projects"]);
  const project = projects.find((p) => p.dock.some((d: any) => d.name === "todoset" && d.enabled) && p.dock.some((d: any) => d.name === "message_board" && d.enabled));
  projectUrl = project.app_url;
  listUrl = json<any[]>(["todolists", projectUrl])[0].app_url;
  me = json(["whoami"]).person;
  sofia = json<any[]>(["people"]).find((p) => p.name === "Sofia Nguyen");
  expect(sofia).toBeDefined();
}, 60_000);

const todosOf = (): any[] => json<any[]>(["todos", "list", listUrl]);

describe("campctl todos: people by name, email or me", () => {
  it("--assign me, a name, an email and an ID (and --assignee as the old name)", () => {
    const t = json(["todos", "add", listUrl, "Assigned by name", "--assign", "me", "--assign", "Sofia N"]);
    expect(t.assignees.map((p: any) => p.name).sort()).toEqual([me.name, "Sofia Nguyen"].sort());
    const byEmail = json(["todos", "add", listUrl, "Assigned by email", "--assignee", "SOFIA@sandbox.example"]);
    expect(byEmail.assignees.map((p: any) => p.name)).toEqual(["Sofia Nguyen"]);
    const byFirst = json(["todos", "add", listUrl, "Assigned by first name", "--assign", "sofia", String(me.id)]);
    expect(byFirst.assignees.map((p: any) => String(p.id)).sort()).toEqual([String(me.id), String(sofia.id)].sort());

    const updated = json(["todos", "update", t.app_url, "--assign", "sofia nguyen"]);
    expect(updated.assignees.map((p: any) => p.name)).toEqual(["Sofia Nguyen"]);
    expect(campctl(["todos", "add", listUrl, "Said as text", "--assign", "me"]).out).toMatch(new RegExp(`^Added to-do \\d+: Said as text → ${me.name}$`, "m"));
  });

  it("an unknown or ambiguous name is refused, listing the people it could mean, and nothing is created", () => {
    // A second Sofia N makes "Sofia N" and "sofia" ambiguous.
    const added = campctl(["api", "PUT", `/projects/${/\/projects\/(\d+)$/.exec(projectUrl)![1]}/people/users.json`, "--data", JSON.stringify({ create: [{ name: "Sofia Nilsson", email_address: "sofia.nilsson@example.com" }] })]);
    expect(added.code, added.err).toBe(0);
    const before = todosOf().length;

    const ambiguous = campctl(["todos", "add", listUrl, "Never created", "--assign", "Sofia N"]);
    expect(ambiguous.code, ambiguous.err).toBe(1);
    expect(ambiguous.err).toMatch(/"Sofia N" could mean 2 people/);
    expect(ambiguous.err).toContain("Sofia Nguyen <sofia@sandbox.example>");
    expect(ambiguous.err).toContain("Sofia Nilsson <sofia.nilsson@example.com>");
    expect(campctl(["todos", "add", listUrl, "Never created", "--assign", "sofia"]).err).toMatch(/could mean 2 people/);

    const unknown = campctl(["todos", "add", listUrl, "Never created", "--assign", "Sof Nobody"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/"Sof Nobody": nobody in this account has that name or email address; people with similar names: Sofia Nguyen <sofia@sandbox\.example> \(\d+\), Sofia Nilsson/);
    expect(campctl(["todos", "add", listUrl, "Never created", "--assign", "zzz@example.com"]).err).toMatch(/campctl people lists everyone/);
    expect(todosOf().length).toBe(before);

    // The full name and the email still tell them apart.
    expect(json(["todos", "add", listUrl, "Two Sofias", "--assign", "Sofia Nilsson", "--assign", "sofia@sandbox.example"]).assignees.map((p: any) => p.name).sort()).toEqual(["Sofia Nguyen", "Sofia Nilsson"]);
  });
});

describe("campctl todos: Markdown notes from an option, stdin, a file or the editor", () => {
  it("--notes Markdown is stored as rich text, and todos show prints it as readable text", () => {
    const t = json(["todos", "add", listUrl, "With notes", "--notes", "# Plan\n\nCall **Ana** & [the docs](https://example.com/docs)\n\n- one\n- two"]);
    const stored = json(["todos", "show", t.app_url]).description;
    expect(stored).toBe('<h1>Plan</h1><div>Call <strong>Ana</strong> &amp; <a href="https://example.com/docs">the docs</a></div><ul><li>one</li><li>two</li></ul>');
    const shown = campctl(["--format", "table", "todos", "show", t.app_url]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/^content\s+│ With notes$/m);
    expect(shown.out).toContain("\nnotes:\n  Plan\n  Call Ana & the docs (https://example.com/docs)\n  - one\n  - two\n");
    // In a pipe (tab-separated) the notes are one more field, their line breaks escaped.
    expect(campctl(["todos", "show", t.app_url]).out).toContain("notes\tPlan\\nCall Ana & the docs (https://example.com/docs)\\n- one\\n- two\n");
    // Rich text given as HTML (the old --description use) is sent as it is.
    expect(json(["todos", "add", listUrl, "Old style", "--description", "<div>Already <em>rich</em></div>"]).description).toBe("<div>Already <em>rich</em></div>");
  });

  it("--notes - reads standard input and --notes @file reads a file", () => {
    const piped = json(["todos", "add", listUrl, "Notes from stdin", "--notes", "-"], { input: "Piped *in*\nsecond line\n" });
    expect(piped.description).toBe("<div>Piped <em>in</em><br>second line</div>");
    const file = join(home, "notes.md");
    writeFileSync(file, "1. first\n2. second\n");
    expect(json(["todos", "add", listUrl, "Notes from a file", "--notes", `@${file}`]).description).toBe("<ol><li>first</li><li>second</li></ol>");
    const missing = campctl(["-v", "todos", "add", listUrl, "x", "--notes", `@${join(home, "nope.md")}`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read .*nope\.md.*no such file/);
    expect(requests(missing.err)).toEqual([]);
  });

  it("--edit opens $EDITOR on a Markdown file and sends what was saved", () => {
    const editor = join(home, "fake-editor.mjs");
    writeFileSync(editor, `import { readFileSync, writeFileSync } from "node:fs";\nconst f = process.argv[2];\nif (!f.endsWith(".md")) process.exit(3);\nwriteFileSync(f, readFileSync(f, "utf8") + "Written in the **editor**\\n");\n`);
    const e = { EDITOR: `"${process.execPath}" "${editor}"`, VISUAL: "" };
    const t = json(["todos", "add", listUrl, "Edited", "--edit"], { env: e });
    expect(t.description).toBe("<div>Written in the <strong>editor</strong></div>");
    // update --edit starts from the notes as text, so the editor appends a second line.
    expect(json(["todos", "update", t.app_url, "--edit"], { env: e }).description).toBe("<div>Written in the editor<br>Written in the <strong>editor</strong></div>");
    const failing = campctl(["todos", "add", listUrl, "Never", "--edit"], { env: { EDITOR: `"${process.execPath}" -e "process.exit(4)"`, VISUAL: "" } });
    expect(failing.code).toBe(1);
    expect(failing.err).toMatch(/exited with 4; nothing was sent/);
  });

  it("messages post takes a Markdown body (--body, or - for stdin) and --content stays its other name", () => {
    const m = json(["messages", "post", projectUrl, "Markdown message", "--body", "Hello **team**"]);
    expect(m.content).toBe("<div>Hello <strong>team</strong></div>");
    expect(json(["messages", "post", projectUrl, "Piped message", "--content", "-"], { input: "> quoted\n" }).content).toBe("<blockquote><div>quoted</div></blockquote>");
    const empty = campctl(["-v", "messages", "post", projectUrl, "  ", "--body", "x"]);
    expect(empty.code).toBe(1);
    expect(requests(empty.err)).toEqual([]);
  });
});

describe("campctl todos: dates, titles, completion and list filters", () => {
  it("--starts-on beside --due; update can clear it", () => {
    const t = json(["todos", "add", listUrl, "Has a start", "--starts-on", "2030-01-01", "--due", "2030-01-05"]);
    expect(t).toMatchObject({ starts_on: "2030-01-01", due_on: "2030-01-05" });
    expect(campctl(["todos", "show", t.app_url]).out).toMatch(/^starts\t2030-01-01$/m);
    expect(json(["todos", "update", t.app_url, "--starts-on", "none"])).toMatchObject({ starts_on: null, due_on: "2030-01-05" });
  });

  it("empty titles and invalid dates are usage errors (exit 1) sent nowhere", () => {
    const before = todosOf().length;
    for (const args of [
      ["todos", "add", listUrl, ""],
      ["todos", "add", listUrl, "   "],
      ["todos", "add", listUrl, "x", "--due", "2030-02-30"],
      ["todos", "add", listUrl, "x", "--starts-on", "soon"],
      ["todos", "add", listUrl, "x", "--starts-on", "2030-02-02", "--due", "2030-02-01"],
      ["todos", "update", listUrl.replace(/todolists/, "todos"), "--content", ""],
      ["todos", "list", listUrl, "--due-before", "2030-1-1"],
    ]) {
      const r = campctl(["-v", ...args]);
      expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(1);
      expect(requests(r.err), args.join(" ")).toEqual([]);
    }
    expect(campctl(["todos", "add", listUrl, ""]).err).toMatch(/cannot be empty/);
    expect(todosOf().length).toBe(before);
  });

  it("completing a completed to-do says it already was (and reopening an open one)", () => {
    const t = json(["todos", "add", listUrl, "Twice done"]);
    expect(campctl(["todos", "complete", t.app_url]).out).toMatch(/^Completed to-do \d+: Twice done$/m);
    const again = campctl(["-v", "todos", "complete", t.app_url]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/^To-do \d+ was already completed: Twice done$/m);
    // The to-do is read (so the request log is there), but no completion is sent.
    expect(requests(again.err).some((l) => /GET \S+\/todos\/\d+\.json/.test(l))).toBe(true);
    expect(requests(again.err).filter((l) => /completion/.test(l))).toEqual([]);
    expect(campctl(["todos", "uncomplete", t.app_url]).out).toMatch(/^Reopened/m);
    expect(campctl(["todos", "uncomplete", t.app_url]).out).toMatch(/^To-do \d+ was already open: Twice done$/m);
  });

  it("todos list filters by --assignee, --due-before and --completed", () => {
    const mine = json(["todos", "add", listUrl, "Mine, due soon", "--assign", "me", "--due", "2030-06-01"]);
    const late = json(["todos", "add", listUrl, "Mine, due late", "--assign", "me", "--due", "2099-06-01"]);
    const theirs = json(["todos", "add", listUrl, "Sofia's, due soon", "--assign", "sofia@sandbox.example", "--due", "2030-06-01"]);
    const open = json<any[]>(["todos", "list", listUrl, "--assignee", "me", "--due-before", "2099-01-01"]).map((t) => t.id);
    expect(open).toContain(mine.id);
    expect(open).not.toContain(late.id);
    expect(open).not.toContain(theirs.id);
    expect(json<any[]>(["todos", "list", listUrl, "--assignee", "Sofia Nguyen"]).map((t) => t.id)).toContain(theirs.id);

    expect(campctl(["todos", "complete", mine.app_url]).code).toBe(0);
    const done = json<any[]>(["todos", "list", listUrl, "--assignee", "me", "--due-before", "2099-01-01", "--completed"]);
    expect(done.map((t) => t.id)).toEqual([mine.id]);
    expect(done.every((t) => t.completed && t.due_on < "2099-01-01" && t.assignees.some((p: any) => String(p.id) === String(me.id)))).toBe(true);
    expect(campctl(["todos", "list", listUrl, "--assignee", "me", "--due-before", "2099-01-01", "--completed"]).out).toContain("Mine, due soon");
  });
});
