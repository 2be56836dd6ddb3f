// People named on the command line: an ID or URL, `me`, an email address, or a name
// ("Sofia Nguyen", "sofia", "Sofia N"). A name that fits several people, or nobody, is
// refused with the people it could mean, so nothing is ever assigned to a guess.
import type { BasecampClient } from "../../api/client.js";
import type { Person } from "../../api/types.js";
import type { Id } from "../../http/json.js";
import { UsageError } from "./errors.js";

/** A person as given: an ID already checked, or text (`me`, an email, a name) to look up. */
export type PersonArg = Id | string;

/** Lower case, accents dropped, runs of spaces as one: "  Tomás  Silva" → "tomas silva". */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s.]+/g, " ")
    .trim();
}

export interface Match {
  /** The one person meant, when exactly one fits the strictest rule that fits anyone. */
  person?: Person;
  /** Two or more people fit that rule equally well. */
  ambiguous: Person[];
  /** Nobody fits: people whose name or email holds what was typed, as suggestions. */
  near: Person[];
}

/**
 * Who `query` means among `people`, trying stricter rules first: the email address, then the
 * full name, then the first name, the last name or "First L" (first name and initial).
 */
export function matchPerson(query: string, people: readonly Person[]): Match {
  const q = normalizeName(query);
  const email = query.trim().toLowerCase();
  const rules: Array<(p: Person) => boolean> = [
    (p) => email.includes("@") && (p.email_address ?? "").toLowerCase() === email,
    (p) => normalizeName(p.name) === q,
    (p) => {
      const words = normalizeName(p.name).split(" ");
      const first = words[0];
      const last = words.length > 1 ? words[words.length - 1] : undefined;
      return first === q || last === q || (last !== undefined && `${first} ${last[0]}` === q);
    },
  ];
  for (const rule of rules) {
    const fits = people.filter(rule);
    if (fits.length === 1) return { person: fits[0], ambiguous: [], near: [] };
    if (fits.length > 1) return { ambiguous: fits, near: [] };
  }
  if (q === "") return { ambiguous: [], near: [] };
  const word = q.split(" ")[0];
  const near = people.filter((p) => {
    const name = normalizeName(p.name);
    return name.includes(q) || (p.email_address ?? "").toLowerCase().includes(email) || name.split(" ").some((w) => w.startsWith(word));
  });
  return { ambiguous: [], near };
}

/** Most people listed in one message; the rest are counted. */
const LISTED = 6;

/** "Sofia Nguyen <sofia@example.com> (1000000006), …" on one line (errors are printed as one). */
export function describePeople(people: readonly Person[]): string {
  const shown = people.slice(0, LISTED).map((p) => `${p.name}${p.email_address ? ` <${p.email_address}>` : ""} (${String(p.id)})`);
  return shown.join(", ") + (people.length > LISTED ? ` and ${people.length - LISTED} more` : "");
}

/** The error for a name that fits several people or nobody, listing who it could mean. */
export function unresolved(query: string, match: Match, option: string): UsageError {
  if (match.ambiguous.length > 1) {
    return new UsageError(`${option} ${JSON.stringify(query)} could mean ${match.ambiguous.length} people: ${describePeople(match.ambiguous)}. Give a full name, an email address or an ID.`);
  }
  const near = match.near.length ? `; people with similar names: ${describePeople(match.near)}.` : ". campctl people lists everyone.";
  return new UsageError(`${option} ${JSON.stringify(query)}: nobody in this account has that name or email address${near}`);
}

/** Lower-cased arguments that mean the signed-in person. */
const ME = new Set(["me", "myself", "@me"]);

/**
 * The person IDs for `args`: IDs pass through, `me` is the signed-in person, and anything else
 * is looked up among the account's people (read once, only when a name or email is given).
 */
export async function resolvePeople(client: BasecampClient, args: readonly PersonArg[], option: string): Promise<Id[]> {
  let everyone: Person[] | undefined;
  let me: Person | undefined;
  const ids: Id[] = [];
  for (const arg of args) {
    if (typeof arg !== "string") {
      ids.push(arg);
      continue;
    }
    if (ME.has(arg.trim().toLowerCase())) {
      me ??= await client.people.me();
      ids.push(me.id);
      continue;
    }
    everyone ??= await client.people.list().toArray();
    const match = matchPerson(arg, everyone);
    if (!match.person) throw unresolved(arg, match, option);
    ids.push(match.person.id);
  }
  // The same person named twice (`--assign me --assign sofia@…`) is assigned once.
  return ids.filter((id, i) => ids.findIndex((x) => String(x) === String(id)) === i);
}
