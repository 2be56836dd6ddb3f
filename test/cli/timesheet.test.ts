// campctl timesheet: hours as people type them, and list / log / show / edit / delete run
// against the sandbox simulator, checked in the simulator's own saved store.
import { beforeAll, describe, expect, it } from "vitest";
import { periodOf } from "../../src/cli/commands/timesheet.js";
import { parseHours, weekOf } from "../../src/cli/internal/time-args.js";
import { day, firstId, idOf, me, sandbox, someTodo } from "./work-helpers.js";

describe("parseHours", () => {
  it("reads decimals, h:mm, minutes and 1h30m as Basecamp's decimal string", () => {
    const cases: Array<[string, string]> = [
      ["1.5", "1.5"],
      ["1:30", "1.5"],
      ["90m", "1.5"],
      ["1h30m", "1.5"],
      ["1h 30m", "1.5"],
      ["1h30", "1.5"],
      ["1.5h", "1.5"],
      ["2", "2.0"],
      ["0:45", "0.75"],
      ["20m", "0.33"],
      ["24", "24.0"],
      [" 3 ", "3.0"],
    ];
    for (const [text, hours] of cases) expect(parseHours(text), text).toBe(hours);
  });

  it("refuses what is not an amount of time, nothing, and more than a day, saying what to type", () => {
    expect(() => parseHours("abc")).toThrow('Hours must be an amount of time like 1.5, 1:30, 90m or 1h30m; got "abc"');
    expect(() => parseHours("1:75")).toThrow(/like 1\.5, 1:30, 90m or 1h30m; got "1:75"/);
    expect(() => parseHours("-1")).toThrow(/got "-1"/);
    expect(() => parseHours("")).toThrow(/amount of time/);
    expect(() => parseHours("0")).toThrow('Hours must be more than 0 (at least 1m); got "0"');
    expect(() => parseHours("25", "--hours")).toThrow('--hours can be at most 24 per entry; got "25". Log longer work as one entry per day.');
    expect(() => parseHours("25h")).toThrow(/at most 24/);
  });

  it("the default period is this week, Monday to Sunday; a lone --from runs to today", () => {
    expect(weekOf("2026-12-03")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(weekOf("2026-11-30")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(weekOf("2026-12-06")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(periodOf({})).toEqual(weekOf());
    expect(periodOf({ from: "2020-01-01" })).toEqual({ from: "2020-01-01", to: day() });
    expect(periodOf({ recording: "1" })).toEqual({});
    expect(() => periodOf({ from: "2026-12-02", to: "2026-12-01" })).toThrow("--from 2026-12-02 is after --to 2026-12-01; give the earlier day first.");
  });
});

const s = sandbox("campctl-timesheet-");
let projectUrl = "";
let todoUrl = "";
let myName = "";

/** The timesheet entries in the simulator's store. */
const stored = (): any[] => s.state().recordings.filter((r: any) => r.type === "Timesheet::Entry" && r.status === "active");

beforeAll(() => {
  ({ projectUrl, todoUrl } = someTodo(s));
  myName = me(s).name;
}, 60_000);

describe("campctl timesheet on the sandbox", () => {
  it("log puts an entry in the simulator's store; 1:30 and 90m both log 1.5 hours", () => {
    const r = s.run("--json", "timesheet", "log", todoUrl, "1:30", "--date", "2026-11-30", "--description", "Pairing on the parser");
    expect(r.code, r.err).toBe(0);
    const entry = JSON.parse(r.out);
    expect(entry).toMatchObject({ type: "Timesheet::Entry", date: "2026-11-30", hours: "1.5", description: "Pairing on the parser", person: { name: myName } });
    expect(String(entry.parent.id)).toBe(idOf(todoUrl));
    const id = firstId(r.out);
    const rec = stored().find((e) => String(e.id) === id);
    expect(rec).toBeDefined();
    expect(rec.data).toMatchObject({ date: "2026-11-30", hours: "1.5", description: "Pairing on the parser" });
    expect(String(rec.parentId)).toBe(idOf(todoUrl));

    const text = s.ok("timesheet", "log", todoUrl, "90m", "--date", "2026-11-30", "--description", "Minutes");
    expect(text).toMatch(/^Logged 1\.5 hours on .+ \(2026-11-30, .+\): entry \d+\n.*\/timesheet_entries\/\d+\n$/);
    expect(stored().find((e) => e.data.description === "Minutes")?.data.hours).toBe("1.5");
  });

  it("bad hours exit 1 with one line that says what to type, and nothing is logged", () => {
    const before = stored().length;
    const bad = s.run("timesheet", "log", todoUrl, "abc");
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('campctl: Hours must be an amount of time like 1.5, 1:30, 90m or 1h30m; got "abc"\n');
    expect(bad.out).toBe("");
    const tooMuch = s.run("timesheet", "log", todoUrl, "25");
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.err).toMatch(/^campctl: Hours can be at most 24 per entry; got "25"\. Log longer work as one entry per day\.\n$/);
    const badDate = s.run("timesheet", "log", todoUrl, "1", "--date", "2026-02-30");
    expect(badDate.code).toBe(1);
    expect(badDate.err).toMatch(/--date takes a date in the form YYYY-MM-DD/);
    const json = s.run("--json", "timesheet", "log", todoUrl, "1:99");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.err).error).toMatchObject({ kind: "usage", exitCode: 1, message: expect.stringMatching(/1h30m; got "1:99"/) });
    expect(stored().length).toBe(before);
  });

  it("--person logs someone else's time; today is the default date and this week the default list", () => {
    const e = s.json("timesheet", "log", todoUrl, "2", "--person", "Sofia Nguyen", "--description", "Sofia's review");
    expect(e.person.name).toBe("Sofia Nguyen");
    expect(e.date).toBe(day());
    const week = s.json<any[]>("timesheet");
    const { from, to } = weekOf();
    expect(week.every((x) => x.date >= from && x.date <= to)).toBe(true);
    expect(week.map((x) => x.description)).toContain("Sofia's review");
    const sofias = s.json<any[]>("timesheet", "--person", "sofia@sandbox.example", "--project", projectUrl, "--from", "2020-01-01");
    expect(sofias.length).toBeGreaterThan(0);
    expect(sofias.every((x) => x.person.name === "Sofia Nguyen")).toBe(true);
    const nobody = s.run("timesheet", "--person", "Nobody Atall");
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(/^campctl: --person "Nobody Atall": nobody in this account has that name/);
  });

  it("lists a project's or a recording's entries as tsv, table (with a total) and json", () => {
    const tsv = s.ok("timesheet", "--project", projectUrl, "--from", "2026-11-30", "--to", "2026-11-30");
    const [head, ...lines] = tsv.trimEnd().split("\n");
    expect(head).toBe("id\tdate\thours\tperson\ton\tproject\tdescription");
    expect(lines.some((l) => l.includes("\t1.5\t") && l.endsWith("\tPairing on the parser"))).toBe(true);
    expect(lines.every((l) => l.split("\t")[1] === "2026-11-30")).toBe(true);

    const onTodo = s.json<any[]>("timesheet", "--recording", todoUrl);
    expect(onTodo.map((x) => x.description).sort()).toEqual(["Minutes", "Pairing on the parser", "Sofia's review"]);
    const table = s.ok("--format", "table", "timesheet", "--recording", todoUrl);
    expect(table).toMatch(/\n5 hours in 3 entries\n$/);
    const csv = s.ok("--format", "csv", "timesheet", "--recording", todoUrl);
    expect(csv.split("\n")[0]).toBe("id,date,hours,person,on,project,description");
  });

  it("show, edit (only what is given changes) and delete an entry, checked in the store", () => {
    const id = firstId(s.ok("--json", "timesheet", "log", todoUrl, "1", "--date", "2026-11-29", "--description", "To be edited"));
    const shown = s.ok("timesheet", "show", id);
    expect(shown).toMatch(/^hours\t1\.0$/m);
    expect(shown).toMatch(/^description\tTo be edited$/m);
    const url = /^url\t(.+)$/m.exec(shown)![1];
    expect(url).toMatch(new RegExp(`/timesheet_entries/${id}$`));
    expect(s.ok("timesheet", "show", url, "--web")).toBe(`${url}\n`);

    expect(s.ok("timesheet", "edit", id, "--hours", "2h15m")).toMatch(/^Updated timesheet entry \d+: 2\.25 hours on .+ \(2026-11-29, /);
    let rec = stored().find((e) => String(e.id) === id);
    expect(rec.data).toMatchObject({ hours: "2.25", date: "2026-11-29", description: "To be edited" });
    s.ok("timesheet", "edit", id, "--date", "2026-11-28", "--description", "Edited");
    rec = stored().find((e) => String(e.id) === id);
    expect(rec.data).toMatchObject({ hours: "2.25", date: "2026-11-28", description: "Edited" });

    const nothing = s.run("timesheet", "edit", id);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toBe("campctl: Nothing to change: give --hours, --date, --description or --person.\n");
    expect(s.run("timesheet", "edit", id, "--hours", "lots").err).toMatch(/--hours must be an amount of time/);

    expect(s.ok("timesheet", "delete", id)).toMatch(/^Deleted timesheet entry \d+: 2\.25 hours/);
    expect(stored().find((e) => String(e.id) === id)).toBeUndefined();
    const again = s.run("timesheet", "delete", id);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(new RegExp(`^campctl: timesheet entry ${id}: .*Check the ID and the account\\.\\n$`));
  });

  it("refuses mistakes before sending anything, each in one line", () => {
    expect(s.run("timesheet", "--from", "2026-12-02", "--to", "2026-12-01").err).toBe("campctl: --from 2026-12-02 is after --to 2026-12-01; give the earlier day first.\n");
    expect(s.run("timesheet", "--project", projectUrl, "--recording", todoUrl).err).toBe("campctl: Give --project or --recording, not both.\n");
    const typo = s.run("timesheet", "lgo");
    expect(typo.code).toBe(1);
    expect(typo.err).toBe('campctl: campctl timesheet has no command "lgo": use list, log, show, edit or delete (campctl help timesheet).\n');
    expect(s.run("timesheet", "show", todoUrl).err).toMatch(/not a timesheet entry/);
  });
});
