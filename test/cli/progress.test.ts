import { describe, expect, it } from "vitest";
import { tablesSynced } from "../../src/cli/commands/sync.js";
import { plural, syncProgress } from "../../src/cli/internal/progress.js";

/** A stream that says it is a terminal, and keeps what is written to it. */
function fakeTerminal(isTTY = true, columns = 100) {
  const chunks: string[] = [];
  const stream = { isTTY, columns, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, chunks, text: () => chunks.join("") };
}

/** A clock the test moves by hand. */
function clock() {
  let t = 1_000_000;
  return { now: () => t, step: (ms: number) => (t += ms) };
}

const percents = (frames: string[]) => frames.map((f) => /\] (\d+)%/.exec(f)?.[1]).filter((p) => p !== undefined).map(Number);

describe("sync progress on a terminal", () => {
  it("spins until every table's total is known, then a bar that never goes back and ends at 100% on a clean line", () => {
    const term = fakeTerminal();
    const c = clock();
    const p = syncProgress({ stream: term.stream, tables: 3, tick: 0, now: c.now });
    const report = (table: string, done: number, total?: number) => {
      c.step(50);
      p.onProgress({ table, done, total });
    };
    report("Projects", 5, 10);
    report("ToDos", 0, 200);
    report("Projects", 10, 10);
    // Two of three tables known: no bar yet, only counts.
    expect(term.chunks.every((f) => !/%/.test(f))).toBe(true);
    expect(term.chunks.at(-1)).toMatch(/Syncing: 10 items from 2 tables so far/);
    report("People", 20, 40);
    report("ToDos", 100, 200);
    // A table read project by project starts its count again: the bar holds.
    report("People", 3, 40);
    // A total that grows (a second list found): the bar waits rather than going back.
    report("ToDos", 110, 400);
    report("People", 40, 40);
    report("ToDos", 400, 400);
    p.finish(3);
    const frames = term.text().split("\r").filter(Boolean);
    const pcts = percents(frames);
    expect(pcts.length).toBeGreaterThan(4);
    for (let i = 1; i < pcts.length; i++) expect(pcts[i]).toBeGreaterThanOrEqual(pcts[i - 1]);
    const last = frames.at(-1)!;
    expect(last).toMatch(/^\[#{24}\] 100% 450 items · 3 tables in \d+\.\d s\x1b\[K\n$/);
    // Every frame erases what a longer one before it left, and fits the terminal.
    for (const f of frames) {
      expect(f).toMatch(/\x1b\[K\n?$/);
      expect([...f.replace(/\x1b\[K\n?$/, "")].length).toBeLessThan(100);
    }
    // Nothing more after the end.
    p.onProgress({ table: "ToDos", done: 1, total: 1 });
    expect(term.text().endsWith("\n")).toBe(true);
  });

  it("says 1 table, and stays a spinner when a table's total never comes", () => {
    const term = fakeTerminal();
    const c = clock();
    const p = syncProgress({ stream: term.stream, tables: 1, tick: 0, now: c.now });
    p.onProgress({ table: "Events", done: 7 });
    c.step(10);
    p.onProgress({ table: "Events", done: 12 });
    expect(term.chunks.every((f) => !/%/.test(f))).toBe(true);
    expect(term.chunks.at(-1)).toMatch(/Syncing: 12 items from 1 table so far/);
    p.finish(1);
    expect(term.chunks.at(-1)).toMatch(/\] 100% 12 items · 1 table in /);
  });

  it("fits a narrow terminal, and wipes its line when the sync fails", () => {
    const term = fakeTerminal(true, 30);
    const p = syncProgress({ stream: term.stream, tables: 1, tick: 0 });
    p.onProgress({ table: "Projects", done: 1, total: 2 });
    expect([...term.chunks[0].replace(/^\r|\x1b\[K$/g, "")].length).toBeLessThanOrEqual(29);
    p.abort();
    expect(term.chunks.at(-1)).toBe("\r\x1b[K");
    p.finish();
    expect(term.chunks.at(-1)).toBe("\r\x1b[K");
  });

  it("redraws at most once per tick", () => {
    const term = fakeTerminal();
    const c = clock();
    const p = syncProgress({ stream: term.stream, tables: 1, tick: 100, now: c.now });
    for (let i = 0; i < 10; i++) {
      p.onProgress({ table: "ToDos", done: i, total: 10 });
      c.step(30);
    }
    expect(term.chunks.length).toBeLessThanOrEqual(4);
    p.finish(1);
    expect(term.chunks.at(-1)).toMatch(/100% 9 items · 1 table/);
  });
});

describe("sync progress off a terminal", () => {
  it("draws nothing: one line per finished table, or nothing at all", () => {
    const term = fakeTerminal(false);
    const p = syncProgress({ stream: term.stream, tables: 2, tick: 0 });
    p.onProgress({ table: "Projects", done: 1, total: 2 });
    p.onProgress({ table: "Projects", done: 2, total: 2 });
    p.onProgress({ table: "Projects", done: 2, total: 2 });
    p.finish(2);
    expect(term.text()).toBe("Projects: 2 items\n");
    const quiet = fakeTerminal(false);
    const q = syncProgress({ stream: quiet.stream, plain: false });
    q.onProgress({ table: "Projects", done: 2, total: 2 });
    q.finish();
    expect(quiet.text()).toBe("");
  });
});

describe("counting tables", () => {
  it("says 1 table and 21 tables", () => {
    expect(plural(1, "table")).toBe("1 table");
    expect(plural(21, "table")).toBe("21 tables");
    expect(plural(0, "item")).toBe("0 items");
  });

  it("counts what a sync reads as the engine does", () => {
    expect(tablesSynced(["Projects"])).toBe(1);
    expect(tablesSynced(["projects", "ToDos", "todos"])).toBe(2);
    expect(tablesSynced(["Nope"])).toBeUndefined();
    expect(tablesSynced([])).toBeGreaterThan(10);
  });
});
