// RFC 8288 Link headers and paging: malformed values skipped, the first good rel="next"
// followed, a named but unusable next page an error, never a silently shortened list.
import { describe, expect, it } from "vitest";
import { LinkHeaderError } from "../../src/http/errors.js";
import { findNext, parseLinkHeader } from "../../src/http/link-header.js";
import { json, mockServer, recording, roadTo, roadToMock, sim } from "./road-helpers.js";

const PAGE = "https://3.basecampapi.com/5000001/projects.json";

describe("Link header parsing", () => {
  it("reads each link-value on its own, commas inside <…> and quotes included", () => {
    const { links, malformed } = parseLinkHeader('<https://a.example/x?ids=1,2>; rel="prev first"; title="a, b", <https://a.example/y>; REL=Next; rel=ignored');
    expect(malformed).toEqual([]);
    expect(links.map((l) => l.target)).toEqual(["https://a.example/x?ids=1,2", "https://a.example/y"]);
    expect(links[0].rels).toEqual(["prev", "first"]);
    expect(links[0].params.get("title")).toBe("a, b");
    // Only the first rel counts (RFC 8288 §3.3), and relation types ignore case.
    expect(links[1].rels).toEqual(["next"]);
  });

  it("follows the first well-formed rel=next, skipping malformed values before it", () => {
    expect(findNext('garbage; rel="next", <?page=2>; rel="next", <?page=9>; rel="next"', PAGE)).toEqual({ kind: "next", url: `${PAGE}?page=2` });
    expect(findNext('<?page=3>; rel="last"; x=<bad, <?page=2>; rel="prev next"', PAGE)).toEqual({ kind: "next", url: `${PAGE}?page=2` });
    expect(findNext("<https://3.basecampapi.com/5000001/projects.json?page=2>;rel=next", PAGE)).toEqual({ kind: "next", url: `${PAGE}?page=2` });
  });

  it("says there is no next page only when none is named", () => {
    expect(findNext(null, PAGE)).toEqual({ kind: "none" });
    expect(findNext("", PAGE)).toEqual({ kind: "none" });
    expect(findNext("  ", PAGE)).toEqual({ kind: "none" });
    expect(findNext('<?page=1>; rel="prev", <?page=1>; rel="first"', PAGE)).toEqual({ kind: "none" });
    expect(findNext('<?page=1>; rel="nextish"', PAGE)).toEqual({ kind: "none" });
  });

  it("calls a named next page without a usable target unusable", () => {
    for (const header of ['<>; rel="next"', '<http://[bad>; rel="next"', '<mailto:x@example.com>; rel="next"', 'https://x.example/?page=2; rel="next"', '<?page=2> rel="next"', `<${PAGE}>; rel=next`]) {
      expect(findNext(header, PAGE).kind, header).toBe("unusable");
    }
  });
});

describe("paging", () => {
  it("errors on a next page it cannot follow instead of returning a shortened list", async () => {
    const m = await mockServer((_req, res, n) => json(res, 200, [{ id: n }], n === 1 ? { link: "<?page=2>; rel=next" } : { link: '<http://[::1>; rel="next"' }));
    try {
      const seen: unknown[] = [];
      const err = await (async () => {
        for await (const x of roadToMock(m).paginate("/projects.json")) seen.push(x);
      })().catch((e) => e);
      expect(err).toBeInstanceOf(LinkHeaderError);
      expect(err.message).toMatch(/names a next page.*stopping rather than returning a shortened list/);
      expect(seen).toEqual([{ id: 1 }]);
      expect(m.requests.map((r) => r.url)).toEqual(["/5000001/projects.json", "/5000001/projects.json?page=2"]);
    } finally {
      await m.close();
    }
  });

  it("skips a malformed link-value and follows the good one after it, and refuses a loop", async () => {
    const m = await mockServer((_req, res, n) => {
      if (n === 1) return json(res, 200, [1], { link: 'broken; rel="next", <?page=2>; rel="next"' });
      if (n === 2) return json(res, 200, [2], { link: "<?page=3>; rel=next" });
      return json(res, 200, [3], { link: "<?page=2>; rel=next" });
    });
    try {
      const err = await roadToMock(m).paginate("/projects.json").toArray().catch((e) => e);
      expect(err).toBeInstanceOf(LinkHeaderError);
      expect(err.message).toMatch(/links back to a page already read/);
      expect(m.requests).toHaveLength(3);
    } finally {
      await m.close();
    }
  });

  it("stops after maxPages", async () => {
    const s = sim({ scale: "small" });
    const rec = recording(s.fetch);
    const pages = roadTo(s, { fetch: rec.fetch }).paginate<any>("/projects/recordings.json", { query: { type: "Todo" }, maxPages: 2 });
    const items = await pages.toArray();
    expect(rec.calls).toHaveLength(2);
    expect(items).toHaveLength(15 + 30);
    expect(pages.totalCount).toBeGreaterThan(45);
    await expect(roadTo(s).paginate("/projects.json", { maxPages: 0 }).toArray()).rejects.toThrow(/maxPages must be a positive whole number/);
  });
});

describe("paging by number (APIs without Link headers)", () => {
  it("asks for ?page=N+1 after a full page and stops at a short one", async () => {
    const { PageIterator } = await import("../../src/http/pagination.js");
    const asked: string[] = [];
    const sizes = [3, 3, 1];
    const fetchPage = async (url: string) => {
      asked.push(url);
      const n = Number(new URL(url).searchParams.get("page") ?? "1");
      return { data: Array.from({ length: sizes[n - 1] ?? 0 }, (_, i) => `${n}.${i}`), headers: new Headers(), url };
    };
    const all = await new PageIterator<string>("https://basecamp.com/1/api/v1/projects.json", fetchPage, { pageSize: 3 }).toArray();
    expect(all).toEqual(["1.0", "1.1", "1.2", "2.0", "2.1", "2.2", "3.0"]);
    expect(asked.map((u) => new URL(u).search)).toEqual(["", "?page=2", "?page=3"]);
    // Without pageSize, no Link header means one page: numbers are never made up for Basecamp 4.
    asked.length = 0;
    expect(await new PageIterator<string>("https://x.example/a.json", fetchPage).toArray()).toHaveLength(3);
    expect(asked).toHaveLength(1);
    // An exactly full last page costs one more (empty) request, then stops.
    sizes.splice(0, 3, 3, 3);
    asked.length = 0;
    expect(await new PageIterator<string>("https://basecamp.com/1/api/v1/p.json", fetchPage, { pageSize: 3 }).toArray()).toHaveLength(6);
    expect(asked).toHaveLength(3);
  });
});
