// campctl boost / boosts / boost delete / unboost against the sandbox simulator, checked in
// the simulator's saved store.
import { beforeAll, describe, expect, it } from "vitest";
import { BOOST_MAX, boostContent } from "../../src/cli/commands/boost.js";
import { firstId, idOf, me, sandbox, someTodo } from "./work-helpers.js";

describe("boostContent", () => {
  it("takes up to 16 characters, an emoji counting as one, and refuses empty or longer text", () => {
    expect(BOOST_MAX).toBe(16);
    expect(boostContent(" 🎉 ")).toBe("🎉");
    expect(boostContent("abcdefghijklmnop")).toBe("abcdefghijklmnop");
    expect(boostContent("🎉".repeat(16))).toBe("🎉".repeat(16));
    expect(() => boostContent("abcdefghijklmnopq")).toThrow('A boost is at most 16 characters; that one has 17. Say more in a comment: campctl comments add <recording> "…"');
    expect(() => boostContent("   ")).toThrow(/A boost needs some content/);
  });
});

const s = sandbox("campctl-boost-");
let todoUrl = "";
let myName = "";

/** The boosts on `recordingId` in the simulator's store. */
const storedOn = (recordingId: string): any[] => Object.values<any>(s.state().collections.boosts ?? []).filter((b) => String(b.recordingId) === recordingId);

beforeAll(() => {
  ({ todoUrl } = someTodo(s));
  myName = me(s).name;
}, 60_000);

describe("campctl boost on the sandbox", () => {
  it("boost puts the boost in the store and answers the boost (JSON) or one line", () => {
    const r = s.run("--json", "boost", todoUrl, "🎉");
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out);
    expect(b).toMatchObject({ content: "🎉", booster: { name: myName } });
    expect(String(b.recording.id)).toBe(idOf(todoUrl));
    const stored = storedOn(idOf(todoUrl));
    expect(stored.map((x) => x.content)).toEqual(["🎉"]);
    expect(String(stored[0].id)).toBe(firstId(r.out));

    expect(s.ok("boost", "add", todoUrl, "Nice work")).toMatch(/^Boosted ".+" with Nice work \(boost \d+\)\n$/);
    expect(storedOn(idOf(todoUrl)).map((x) => x.content)).toEqual(["🎉", "Nice work"]);
  });

  it("a boost over 16 characters or an empty one is refused before anything is sent", () => {
    const long = s.run("boost", todoUrl, "This is far too long to be a boost");
    expect(long.code).toBe(1);
    expect(long.err).toBe('campctl: A boost is at most 16 characters; that one has 34. Say more in a comment: campctl comments add <recording> "…"\n');
    expect(s.run("boost", todoUrl, " ").code).toBe(1);
    expect(s.run("boost", "not-an-id", "🎉").err).toMatch(/^campctl: Expected a recording ID or Basecamp URL; got "not-an-id"\n$/);
    expect(storedOn(idOf(todoUrl))).toHaveLength(2);
  });

  it("boosts lists them oldest first, as tsv and json", () => {
    const listed = s.json<any[]>("boosts", todoUrl);
    expect(listed.map((b) => b.content)).toEqual(["🎉", "Nice work"]);
    expect(listed.every((b) => b.booster.name === myName)).toBe(true);
    const [head, ...rows] = s.ok("boosts", todoUrl).trimEnd().split("\n");
    expect(head).toBe("id\tcontent\tby\tat");
    expect(rows.map((r) => r.split("\t")[1])).toEqual(["🎉", "Nice work"]);
    expect(rows[0].split("\t")[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it("boost delete and unboost remove a boost from the store", () => {
    const [first, second] = storedOn(idOf(todoUrl)).map((b) => String(b.id));
    expect(s.ok("boost", "delete", first)).toBe(`Removed boost ${first} (🎉 on "${s.json("todos", "show", todoUrl).content}")\n`);
    expect(storedOn(idOf(todoUrl)).map((b) => String(b.id))).toEqual([second]);
    const gone = s.json("unboost", second);
    expect(String(gone.deleted)).toBe(second);
    expect(storedOn(idOf(todoUrl))).toEqual([]);
    const again = s.run("unboost", second);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(new RegExp(`^campctl: boost ${second}: .*\\n$`));
    expect(s.json<any[]>("boosts", todoUrl)).toEqual([]);
  });
});
