import { afterEach, describe, expect, it, vi } from "vitest";
import { relative } from "../../src/cli/commands/auth-status.js";
import { isUpcoming } from "../../src/cli/commands/schedule.js";
import { oneLine } from "../../src/cli/internal/text.js";
import { noBrowserReason, openOrPrint } from "../../src/cli/internal/web.js";

describe("--web: open or print", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints instead of opening with BROWSER=none, a pipe, or no display", () => {
    expect(noBrowserReason({ env: { BROWSER: "none", DISPLAY: ":0" }, isTTY: true, platform: "linux" })).toBe("BROWSER=none");
    expect(noBrowserReason({ env: { DISPLAY: ":0" }, isTTY: false, platform: "linux" })).toBe("stdout is not a terminal");
    expect(noBrowserReason({ env: {}, isTTY: true, platform: "linux" })).toBe("no display");
    expect(noBrowserReason({ env: { DISPLAY: ":0" }, isTTY: true, platform: "linux" })).toBeUndefined();
    expect(noBrowserReason({ env: { BROWSER: "firefox" }, isTTY: true, platform: "linux" })).toBeUndefined();
    expect(noBrowserReason({ env: {}, isTTY: true, platform: "darwin" })).toBeUndefined();
  });

  it("opens with a browser at hand, prints the URL when opening fails or is not possible", async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const opened: string[] = [];
    const url = "https://3.basecamp.com/1/buckets/2/todos/3";

    expect(await openOrPrint(url, {}, { env: { DISPLAY: ":0" }, isTTY: true, platform: "linux", opener: async (u) => void opened.push(u) })).toBe(true);
    expect(opened).toEqual([url]);
    expect(out).toEqual([]);

    const failing = async () => {
      throw new Error("spawn xdg-open ENOENT");
    };
    expect(await openOrPrint(url, {}, { env: { DISPLAY: ":0" }, isTTY: true, platform: "linux", opener: failing })).toBe(false);
    expect(out).toEqual([`${url}\n`]);

    expect(await openOrPrint(url, { json: true }, { env: { BROWSER: "none" }, isTTY: true, opener: async (u) => void opened.push(u) })).toBe(false);
    expect(opened).toEqual([url]);
    expect(JSON.parse(out[1])).toEqual({ url, opened: false });
  });
});

describe("find helpers", () => {
  it("oneLine puts rich text on one line and cuts it", () => {
    expect(oneLine("<div>First <strong>line</strong></div><div>second &amp; last</div>")).toBe("First line second & last");
    expect(oneLine("<div>abcdefghij</div>", 5)).toBe("abcd…");
    expect(oneLine(null)).toBe("");
  });

  it("relative says how far a time is from now", () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(relative(now + 13 * 86_400_000 + 5_000, now)).toBe("in 13 days");
    expect(relative(now - 2 * 3_600_000, now)).toBe("2 hours ago");
    expect(relative(now + 60_000, now)).toBe("in 1 minute");
    expect(relative(now + 10_000, now)).toBe("in less than a minute");
  });

  it("isUpcoming keeps entries not yet ended (all-day ones through their last day) and running series", () => {
    const now = Date.parse("2026-03-10T12:00:00Z");
    const entry = (starts_at: string, ends_at: string, extra: object = {}) => ({ starts_at, ends_at, all_day: false, ...extra }) as never;
    expect(isUpcoming(entry("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z"), now, Infinity)).toBe(false);
    expect(isUpcoming(entry("2026-03-10T11:00:00Z", "2026-03-10T13:00:00Z"), now, Infinity)).toBe(true);
    expect(isUpcoming(entry("2026-03-10T00:00:00Z", "2026-03-10T00:00:00Z", { all_day: true }), now, Infinity)).toBe(true);
    expect(isUpcoming(entry("2026-03-20T09:00:00Z", "2026-03-20T10:00:00Z"), now, now + 5 * 86_400_000)).toBe(false);
    const weekly = (end_date: string | null) => entry("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", { recurrence_schedule: { frequency: "every_week", start_date: "2026-01-05", end_date } });
    expect(isUpcoming(weekly(null), now, Infinity)).toBe(true);
    expect(isUpcoming(weekly("2026-02-01"), now, Infinity)).toBe(false);
  });
});
