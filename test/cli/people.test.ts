import { describe, expect, it } from "vitest";
import type { Person } from "../../src/api/types.js";
import { describePeople, matchPerson, normalizeName, unresolved } from "../../src/cli/internal/people.js";

const person = (id: number, name: string, email: string) => ({ id, name, email_address: email }) as Person;
const people = [
  person(1, "Sofia Nguyen", "sofia@example.com"),
  person(2, "Sofia Nilsson", "s.nilsson@example.com"),
  person(3, "Tomás Silva", "tomas@example.com"),
  person(4, "Jordan Blake", "jordan@example.com"),
  person(5, "Cher", "cher@example.com"),
];
const who = (q: string) => matchPerson(q, people).person?.id;

describe("matchPerson", () => {
  it("finds one person by email (exactly, any case), full name, first name, last name or First L", () => {
    expect(who("S.Nilsson@Example.com")).toBe(2);
    expect(who("sofia nguyen")).toBe(1);
    expect(who("  SOFIA   NGUYEN ")).toBe(1);
    expect(who("Jordan")).toBe(4);
    expect(who("blake")).toBe(4);
    expect(who("Jordan B")).toBe(4);
    expect(who("Jordan B.")).toBe(4);
    expect(who("Sofia Ng")).toBeUndefined();
    expect(who("Cher")).toBe(5);
  });

  it("ignores accents and case in names", () => {
    expect(normalizeName("  Tomás   SILVA")).toBe("tomas silva");
    expect(who("tomas silva")).toBe(3);
    expect(who("Tomás")).toBe(3);
  });

  it("an email is matched whole, never as a part", () => {
    expect(who("sofia@example")).toBeUndefined();
    expect(who("ofia@example.com")).toBeUndefined();
  });

  it("several people fitting the best rule are ambiguous, and a stricter rule wins over a looser one", () => {
    expect(matchPerson("Sofia", people)).toEqual({ ambiguous: [people[0], people[1]], near: [] });
    expect(matchPerson("sofia n", people).ambiguous.map((p) => p.id)).toEqual([1, 2]);
    // "Sofia Nguyen" is a full name: the first name rule (two Sofias) never comes into it.
    expect(matchPerson("Sofia Nguyen", people).ambiguous).toEqual([]);
  });

  it("nobody fitting gives near matches as suggestions", () => {
    expect(matchPerson("Sof", people).person).toBeUndefined();
    expect(matchPerson("Sof", people).ambiguous).toEqual([]);
    expect(matchPerson("Sof", people).near.map((p) => p.id)).toEqual([1, 2]);
    expect(matchPerson("Zed", people).near).toEqual([]);
    expect(matchPerson("", people)).toEqual({ ambiguous: [], near: [] });
  });
});

describe("unresolved", () => {
  it("lists the people an ambiguous name could mean, with email and ID", () => {
    const e = unresolved("Sofia", matchPerson("Sofia", people), "--assign");
    expect(e.name).toBe("UsageError");
    expect(e.message).toBe('--assign "Sofia" could mean 2 people: Sofia Nguyen <sofia@example.com> (1), Sofia Nilsson <s.nilsson@example.com> (2). Give a full name, an email address or an ID.');
  });

  it("says nobody has an unknown name, with suggestions when there are some", () => {
    expect(unresolved("Sof", matchPerson("Sof", people), "--assign").message).toBe('--assign "Sof": nobody in this account has that name or email address; people with similar names: Sofia Nguyen <sofia@example.com> (1), Sofia Nilsson <s.nilsson@example.com> (2).');
    expect(unresolved("Zed", matchPerson("Zed", people), "--assign").message).toMatch(/campctl people lists everyone/);
    expect(describePeople([person(9, "No Mail", "")])).toBe("No Mail (9)");
    const many = Array.from({ length: 8 }, (_, i) => person(i, `P${i}`, ""));
    expect(describePeople(many)).toBe("P0 (0), P1 (1), P2 (2), P3 (3), P4 (4), P5 (5) and 2 more");
  });
});
