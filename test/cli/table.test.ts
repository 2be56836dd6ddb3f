import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { oneLine, subjectOf } from "../../src/cli/internal/errors.js";
import { chooseFormat, defaultFormat, formatRows, tsvField } from "../../src/cli/internal/output.js";
import { cutToWidth, formatTable, terminalWidth } from "../../src/cli/internal/table.js";

describe("formatTable", () => {
  it("aligns CJK and emoji by display columns", () => {
    const rows = [
      { id: 1, name: "日本語のタスク", who: "Ana" },
      { id: 22, name: "ship 🚀 today", who: "李雷" },
      { id: 333, name: "plain", who: "Bo" },
    ];
    const lines = formatTable(rows, 80).split("\n");
    // Every line has its column separators at the same display column.
    const at = (line: string) => [...line.matchAll(/[│┼]/g)].map((m) => stringWidth(line.slice(0, m.index)));
    const first = at(lines[0]);
    expect(first).toHaveLength(2);
    for (const line of lines.slice(1)) expect(at(line)).toEqual(first);
    expect(lines[1]).toMatch(/^─+┼─+┼─+$/);
    expect(lines[2]).toContain("日本語のタスク");
  });

  it("fits a terminal width, cutting wide cells by display columns with …", () => {
    const rows = [{ id: 7, title: "広い".repeat(40), note: "short" }];
    const lines = formatTable(rows, 40).split("\n");
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(lines[2]).toMatch(/広…/);
    expect(lines[2]).toMatch(/│ short$/);
  });

  it("cuts nothing when there is no terminal width (a pipe)", () => {
    const long = "x".repeat(500);
    expect(terminalWidth({ isTTY: false, columns: 80 })).toBe(Number.POSITIVE_INFINITY);
    expect(terminalWidth({ isTTY: true, columns: 80 })).toBe(80);
    const out = formatTable([{ a: long, b: "y" }], terminalWidth({ isTTY: false }));
    expect(out).toContain(long);
    expect(out).not.toContain("…");
  });

  it("never splits a wide character or an emoji when cutting", () => {
    expect(cutToWidth("日本語", 4)).toBe("日…");
    expect(stringWidth(cutToWidth("👍🏽👍🏽👍🏽", 4))).toBeLessThanOrEqual(4);
    expect(cutToWidth("👍🏽👍🏽👍🏽", 4)).toBe("👍🏽…");
    expect(cutToWidth("abc", 3)).toBe("abc");
  });
});

describe("formats", () => {
  const rows = [{ id: 1, content: "tab\there\nnext \\ end", done: false }];

  it("tsv has a header row and escapes tab, newline and backslash", () => {
    expect(formatRows(rows, "tsv")).toBe("id\tcontent\tdone\n1\ttab\\there\\nnext \\\\ end\tfalse");
    expect(tsvField("a\r\nb")).toBe("a\\r\\nb");
    expect(formatRows([], "tsv")).toBe("");
  });

  it("csv quotes, markdown escapes pipes and keeps one row per line", () => {
    expect(formatRows(rows, "csv")).toBe('id,content,done\n1,"tab\there\nnext \\ end",false');
    const md = formatRows([{ a: "x|y\nz" }], "markdown").split("\n");
    expect(md).toEqual(["| a |", "| --- |", "| x\\|y<br>z |"]);
  });

  it("chooses the command's format, then the global one, then --json, then table on a terminal and tsv in a pipe", () => {
    expect(defaultFormat({ isTTY: true })).toBe("table");
    expect(defaultFormat({ isTTY: false })).toBe("tsv");
    expect(chooseFormat({}, undefined, "tsv")).toBe("tsv");
    expect(chooseFormat({ json: true }, undefined, "tsv")).toBe("json");
    expect(chooseFormat({ json: true, format: "csv" }, undefined, "tsv")).toBe("csv");
    expect(chooseFormat({ format: "csv" }, "markdown")).toBe("markdown");
    expect(() => chooseFormat({ format: "xml" })).toThrow(/--format must be one of table, json, csv, markdown, tsv; got "xml"/);
  });
});

describe("error lines", () => {
  it("are one line, each sentence once, long inputs cut with their length", () => {
    expect(oneLine("Error: first line\n  second line")).toBe("first line second line");
    expect(oneLine("It failed. Check the ID. Check the ID.")).toBe("It failed. Check the ID.");
    const huge = `Expected an ID; got "${"z".repeat(5000)}". Give a number.`;
    const line = oneLine(huge);
    expect(line.length).toBeLessThan(200);
    expect(line).toMatch(/got "z{40}…" \(5000 characters\)\. Give a number\.$/);
    const statement = `SELECT ${"x, ".repeat(1000)}y FROM T`;
    const long = oneLine(`Could not run ${statement}. Check the statement.`);
    expect(long.length).toBeLessThanOrEqual(400);
    expect(long).toMatch(/… \(\d+ characters\) .*Check the statement\.$/);
    expect(oneLine("The resource you were looking for doesn't exist or you don't have access to it.")).toBe("The resource you were looking for doesn't exist or you don't have access to it.");
  });

  it("name what failed from the request path", () => {
    expect(subjectOf("https://x.test/5000001/buckets/9/todos/999.json")).toBe("to-do 999");
    expect(subjectOf("/5000001/buckets/9/todolists/3/todos.json")).toBe("to-do list 3 (todos)");
    expect(subjectOf("/5000001/projects.json")).toBe("projects");
  });
});
