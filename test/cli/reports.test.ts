// campctl reports overdue / assigned / upcoming / progress against the sandbox simulator: the
// JSON is the API's own answer (read back with campctl api), the tables are built from it.
import { beforeAll, describe, expect, it } from "vitest";
import { overdueRows, upcomingRows } from "../../src/cli/commands/reports.js";
import { day, me, sandbox, someTodo } from "./work-helpers.js";

const todo = (content: string, due: string, extra: object = {}) => ({ id: 1, content, due_on: due, assignees: [{ name: "Ann" }], bucket: { name: "P" }, ...extra });

describe("report rows", () => {
  it("overdue: most late first, each with its group and days late", () => {
    const rows = overdueRows(
      { under_a_week_late: [todo("b", "2026-11-29"), todo("a", "2026-11-28")], over_a_week_late: [], over_three_months_late: [todo("c", "2026-01-01")] } as never,
      "2026-12-01",
    );
    expect(rows.map((r) => [r.late, r.days, r.content])).toEqual([
      ["over 3 months", 334, "c"],
      ["under a week", 3, "a"],
      ["under a week", 2, "b"],
    ]);
    expect(rows[0]).toMatchObject({ due: "2026-01-01", assignees: "Ann", project: "P" });
  });

  it("upcoming: events and due work in one list, soonest first", () => {
    const rows = upcomingRows({
      schedule_entries: [{ id: 2, summary: "Retro", all_day: false, starts_at: "2026-12-03T09:00:00Z", participants: [], bucket: { name: "P" } }],
      recurring_schedule_entry_occurrences: [],
      assignables: [todo("Ship", "2026-12-02", { type: "Todo" }), todo("Card", "2026-12-04", { type: "Kanban::Card" })],
    } as never);
    expect(rows.map((r) => [r.kind, r.what])).toEqual([
      ["to-do", "Ship"],
      ["event", "Retro"],
      ["card", "Card"],
    ]);
  });
});

const s = sandbox("campctl-reports-");
let listUrl = "";
let my = { id: "", name: "" };

beforeAll(() => {
  ({ listUrl } = someTodo(s));
  my = me(s);
}, 60_000);

describe("campctl reports on the sandbox", () => {
  it("overdue: the API's groups as JSON; a table grouped by how late, most late first", () => {
    const ancient = s.json("todos", "add", listUrl, "Reports: long overdue", "--due", "2020-01-06", "--assign", "me");
    const recent = s.json("todos", "add", listUrl, "Reports: just overdue", "--due", day(-2));
    const report = s.json("reports", "overdue");
    expect(Object.keys(report).sort()).toEqual(["over_a_month_late", "over_a_week_late", "over_three_months_late", "under_a_week_late"]);
    expect(report).toEqual(s.json("api", "GET", "/reports/todos/overdue.json"));
    expect(report.over_three_months_late.map((t: any) => t.app_url)).toContain(ancient.app_url);
    expect(report.under_a_week_late.map((t: any) => t.app_url)).toContain(recent.app_url);

    const [head, ...rows] = s.ok("reports", "overdue").trimEnd().split("\n").map((l) => l.split("\t"));
    expect(head).toEqual(["late", "days", "due", "content", "assignees", "project", "id"]);
    const order = ["over 3 months", "over a month", "over a week", "under a week"];
    const ranks = rows.map((r) => order.indexOf(r[0]));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows.find((r) => r[3] === "Reports: long overdue")).toEqual(["over 3 months", expect.stringMatching(/^\d{4}$/), "2020-01-06", "Reports: long overdue", my.name, expect.any(String), expect.any(String)]);
    expect(rows.find((r) => r[3] === "Reports: just overdue")?.slice(0, 3)).toEqual(["under a week", "2", day(-2)]);
  });

  it("assigned: mine by default, anyone's by name", () => {
    const mine = s.json("todos", "add", listUrl, "Reports: assigned to me", "--due", day(5), "--assign", "me");
    const report = s.json("reports", "assigned");
    expect(String(report.person.id)).toBe(my.id);
    expect(report.todos.map((t: any) => t.app_url)).toContain(mine.app_url);
    expect(report.todos.every((t: any) => t.assignees.some((p: any) => String(p.id) === my.id))).toBe(true);
    const tsv = s.ok("reports", "assigned", "--group-by", "date");
    expect(tsv.split("\n")[0]).toBe("due\tcontent\tlist\tproject\tassignees\tid");
    expect(tsv).toContain(`${day(5)}\tReports: assigned to me\t`);
    const dues = tsv.trimEnd().split("\n").slice(1).map((l) => l.split("\t")[0]).filter(Boolean);
    expect(dues).toEqual([...dues].sort());

    const sofias = s.json("reports", "assigned", "Sofia Nguyen");
    expect(sofias.person.name).toBe("Sofia Nguyen");
    expect(s.run("reports", "assigned", "--group-by", "colour").err).toBe('campctl: --group-by takes project or date; got "colour"\n');
  });

  it("upcoming: today and the next two weeks by default; --from/--to for another window", () => {
    const soon = s.json("todos", "add", listUrl, "Reports: due soon", "--due", day(3));
    const later = s.json("todos", "add", listUrl, "Reports: due much later", "--due", day(40));
    const report = s.json("reports", "upcoming");
    const urls = report.assignables.map((a: any) => a.app_url);
    expect(urls).toContain(soon.app_url);
    expect(urls).not.toContain(later.app_url);
    expect(report.assignables.every((a: any) => a.due_on >= day() && a.due_on <= day(13))).toBe(true);
    expect(s.json("reports", "upcoming", "--from", day(39), "--to", day(41)).assignables.map((a: any) => a.app_url)).toContain(later.app_url);
    const tsv = s.ok("reports", "upcoming");
    expect(tsv.split("\n")[0]).toBe("when\tkind\twhat\tproject\twho\tid");
    expect(tsv).toContain(`${day(3)}\tto-do\tReports: due soon\t`);
    expect(s.run("reports", "upcoming", "--from", day(2), "--to", day()).err).toMatch(/^campctl: --from \S+ is after --to \S+; give the earlier day first\.\n$/);
  });

  it("progress: the latest activity (--limit), or one person's", () => {
    s.ok("todos", "add", listUrl, "Reports: fresh activity");
    const events = s.json<any[]>("reports", "progress", "--limit", "5");
    expect(events).toHaveLength(5);
    expect(events.map((e) => e.created_at)).toEqual([...events.map((e) => e.created_at)].sort().reverse());
    const [head, first] = s.ok("reports", "progress", "--limit", "1").trimEnd().split("\n");
    expect(head).toBe("when\twho\tdid\twhat\tproject");
    expect(first).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\t/);

    const mine = s.json("reports", "progress", "me", "--limit", "40");
    expect(String(mine.person.id)).toBe(my.id);
    expect(mine.events.length).toBeGreaterThan(15);
    expect(mine.events.length).toBeLessThanOrEqual(40);
    expect(mine.events.every((e: any) => String(e.creator.id) === my.id)).toBe(true);
    expect(s.run("reports", "progress", "--limit", "0").err).toBe('campctl: --limit takes a positive whole number; got "0"\n');
  });
});
