// Output that scripts and people can both use: TSV in a pipe, --format everywhere, one-line errors.
import { beforeAll, describe, expect, it } from "vitest";
import { campctlIn } from "./campctl.js";

const campctl = campctlIn("campctl-out-");

function ok(...args: string[]): string {
  const r = campctl("--sandbox", ...args);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

// A to-do whose content holds a tab, a newline, a backslash, CJK and an emoji, and a long line.
const CONTENT = "tab\there\nnext \\ end 日本語 👍";
const LONG = `long ${"word ".repeat(60)}end`;
let listUrl = "";

beforeAll(() => {
  const projects = JSON.parse(ok("--json", "projects")) as any[];
  const project = projects.find((p) => p.dock.some((d: any) => d.name === "todoset" && d.enabled));
  listUrl = (JSON.parse(ok("--json", "todolists", project.app_url)) as any[])[0].app_url;
  expect(JSON.parse(ok("--json", "todos", "add", listUrl, CONTENT)).content).toBe(CONTENT);
  ok("todos", "add", listUrl, LONG);
}, 60_000);

describe("campctl output", () => {
  it("prints tab-separated values with a header in a pipe, escaped and never cut", () => {
    const out = ok("todos", "list", listUrl);
    const lines = out.replace(/\n$/, "").split("\n");
    expect(lines[0]).toBe("id\tdone\tcontent\tdue\tassignees");
    for (const line of lines) expect(line.split("\t")).toHaveLength(5);
    expect(lines).toContainEqual(expect.stringContaining("\ttab\\there\\nnext \\\\ end 日本語 👍\t"));
    expect(lines).toContainEqual(expect.stringContaining(`\t${LONG}\t`));
    expect(out).not.toContain("…");
    expect(out).not.toContain("│");
    const projects = ok("projects").split("\n");
    expect(projects[0]).toBe("id\tname\tstatus\tdescription");
  });

  it("--format table|tsv|csv|json|markdown on projects and todos list; --json is --format json", () => {
    const json = JSON.parse(ok("--format", "json", "projects")) as any[];
    expect(json.length).toBeGreaterThan(1);
    expect(JSON.parse(ok("--json", "projects"))).toEqual(json);
    const csv = ok("--format", "csv", "projects").trimEnd().split("\n");
    expect(csv[0]).toBe("id,name,status,description");
    expect(csv).toHaveLength(json.length + 1);
    const md = ok("--format", "markdown", "projects").trimEnd().split("\n");
    expect(md.slice(0, 2)).toEqual(["| id | name | status | description |", "| --- | --- | --- | --- |"]);
    expect(md).toHaveLength(json.length + 2);
    expect(ok("--format", "tsv", "projects")).toBe(ok("projects"));
    const table = ok("--format", "table", "projects");
    expect(table).toMatch(/^id\s+│ name\s+│ status\s+│ description\n[─┼]+\n/);

    // The to-do list in each format: the tricky content survives each one's rules.
    const todos = JSON.parse(ok("todos", "list", listUrl, "--format", "json")) as any[];
    expect(todos.map((t) => t.content)).toContain(CONTENT);
    expect(ok("--format", "csv", "todos", "list", listUrl)).toContain(`"${CONTENT}"`);
    expect(ok("--format", "markdown", "todos", "list", listUrl)).toContain("| tab\there<br>next \\\\ end 日本語 👍 |");
    // A table in a pipe has no width to fit: long cells stay whole.
    const wide = ok("--format", "table", "todos", "list", listUrl);
    expect(wide).toContain(LONG);
    expect(wide).not.toContain("…");
    expect(wide).toContain("tab here next \\ end 日本語 👍");
  });

  it("one-line records stay text except with --format json", () => {
    const added = JSON.parse(ok("--format", "json", "todos", "add", listUrl, "from --format json"));
    expect(added).toMatchObject({ content: "from --format json" });
    const done = ok("--format", "csv", "todos", "complete", String(added.id));
    expect(done.trimEnd().split("\n")).toHaveLength(1);
    expect(done).not.toMatch(/^id,/);
  });

  it("an unknown --format exits 1 naming the allowed ones, for every command and for sql", () => {
    for (const args of [["--format", "xml", "projects"], ["todos", "list", listUrl, "--format", "yaml"], ["sql", "--format", "xml", "SELECT 1"]]) {
      const r = campctl("--sandbox", ...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err).toMatch(/table, json, csv, markdown, tsv/);
      expect(r.out).toBe("");
    }
  });

  it("sql takes --format tsv, and prints TSV in a pipe by default", () => {
    const sql = "SELECT 'a\tb' AS x, 'c\\d' AS y";
    expect(ok("sql", sql)).toBe("x\ty\na\\tb\tc\\\\d\n");
    expect(ok("sql", "--format", "tsv", sql)).toBe("x\ty\na\\tb\tc\\\\d\n");
    expect(ok("--format", "csv", "sql", sql)).toBe("x,y\na\tb,c\\d\n");
    // No row matched: the header still comes, so a script finds its columns.
    expect(ok("sql", "SELECT Id, Name FROM Projects WHERE 0")).toBe("Id\tName\n");
    expect(ok("--format", "csv", "sql", "SELECT Id, Name FROM Projects WHERE 0")).toBe("Id,Name\n");
  });

  it("errors are one line saying what failed and what to do; -v adds the method, path and status", () => {
    const plain = campctl("--sandbox", "todos", "show", "999");
    expect(plain.code).toBe(2);
    expect(plain.err.trim().split("\n")).toHaveLength(1);
    expect(plain.err).toMatch(/^campctl: to-do 999: .+\. Check the ID and the account\.\n$/);
    expect(plain.err).not.toMatch(/GET|404|\.json/);

    const verbose = campctl("--sandbox", "-v", "todos", "show", "999");
    expect(verbose.code).toBe(2);
    const line = verbose.err.split("\n").filter((l) => l.startsWith("campctl:"));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/^campctl: GET \/\d+\/todos\/999\.json answered 404: .+Check the ID and the account\./);

    // A 422 from Basecamp: which record refused what, without the method and status.
    const path = new URL(listUrl).pathname.replace(/^\/web\/\d+/, "");
    const refused = campctl("--sandbox", "api", "POST", `${path}/todos.json`, "--data", '{"content":""}');
    expect(refused.code, refused.err).toBe(9);
    expect(refused.err).toMatch(/^campctl: to-do list \d+ \(todos\) was refused: .+\n$/);
    expect(refused.err).not.toMatch(/POST|422/);
  });

  it("never echoes a huge input in full, nor says a thing twice", () => {
    const huge = "x".repeat(5000);
    const r = campctl("--sandbox", "todos", "show", huge);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err.length).toBeLessThan(300);
    expect(r.err).toContain("(5000 characters)");
    const sql = campctl("--sandbox", "sql", `SELECT * FROM Projects WHERE Name = '${huge}`);
    expect(sql.code).toBe(1);
    expect(sql.err.length).toBeLessThan(400);
    expect(sql.err).toMatch(/\(5001 characters\)/);
    for (const err of [r.err, sql.err]) {
      const sentences = err.split(/(?<=\.)\s+/).filter((s) => s.length > 3);
      expect(new Set(sentences).size).toBe(sentences.length);
    }
  });
});
