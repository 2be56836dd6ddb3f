// Helpers the resource commands share: a connection that is always closed, ID and date
// arguments checked up front (so mistakes exit 1), and records printed in the format asked for.
import type { Id } from "../../http/json.js";
import type { PageIterator } from "../../http/pagination.js";
import { checkUrlScope, idOf, parseBasecampUrl, type ParsedUrl } from "../../api/ids.js";
import type { Person } from "../../api/types.js";
import type { Basecamp4Session, ClientSession } from "../../api/open-client.js";
import { Launchpad, type Identity } from "../../auth/launchpad.js";
import { openSession, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { chooseFormat, formatRows, toJson } from "../internal/output.js";
import { openOrPrint } from "../internal/web.js";

export type Row = Record<string, unknown>;

/** Commands that also work on a Basecamp 2 account (Schema=V2). */
export const BASECAMP2_COMMANDS = "whoami, projects, people, todolists, todos list|add|complete|uncomplete, messages list|post, sql, sync, shell and api";

/** The session when it is a Basecamp 4/3 one; a Basecamp 2 session is refused with what does work there. */
export function basecamp4(session: ClientSession): Basecamp4Session {
  if (session.schema === "V3") return session;
  throw new UsageError(`This command needs Basecamp 4/3, and the connection is a Basecamp 2 account (Schema=V2). On Basecamp 2 campctl has ${BASECAMP2_COMMANDS}; or set Schema=V3 for a Basecamp 4/3 account.`);
}

/** Run `fn` with a signed-in Basecamp 4/3 client (no SQL replica) opened from the global options, closed afterwards. */
export async function withClient<T>(g: GlobalOptions, fn: (session: Basecamp4Session) => Promise<T>): Promise<T> {
  return withAnyClient(g, (session) => fn(basecamp4(session)));
}

/** As withClient, for commands that serve Basecamp 2 (Schema=V2) too: `session.schema` tells which. */
export async function withAnyClient<T>(g: GlobalOptions, fn: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = await openSession(g);
  try {
    // A URL argument of another account or host is refused before anything is sent.
    for (const [text, parsed] of urlArgs) checkUrlScope(parsed, text, session.client.road.urlScope);
    return await fn(session);
  } finally {
    await session.close();
  }
}

/** The Basecamp URLs given as arguments in this run, checked against the account once it is known. */
const urlArgs = new Map<string, ParsedUrl>();

/** An ID argument: digits or a Basecamp URL of one of `kinds` (empty: any kind). */
export function idArg(value: string, kinds: readonly string[], what: string): Id {
  try {
    const id = idOf(value, kinds, what);
    const parsed = parseBasecampUrl(value.trim());
    if (parsed) urlArgs.set(value.trim(), parsed);
    return id;
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(e.message);
    throw e;
  }
}

/** The project argument, else the ProjectId of the connection (campctl use <project>). */
export function projectOrDefault(given: Id | undefined, projectId: string | undefined): Id {
  if (given !== undefined) return given;
  if (projectId) return idArg(projectId, [], "ProjectId");
  throw new UsageError("Name the project (its ID or address), or choose one for later commands with campctl use <project>.");
}

/** A date option: YYYY-MM-DD (a real date). `none` clears it (null) when `clearable`. */
export function dateArg(value: string | undefined, option: string, clearable = false): string | null | undefined {
  if (value === undefined) return undefined;
  if (clearable && (value === "none" || value === "")) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new UsageError(`${option} takes a date in the form YYYY-MM-DD${clearable ? ' (or "none" to clear it)' : ""}; got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * People from a repeatable/variadic option (commas also separate): IDs and URLs of people are
 * checked here; `me`, emails and names stay text for resolvePeople (src/cli/internal/people.ts).
 */
export function peopleArg(values: string[] | undefined): Array<Id | string> | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .map((v) => (/^\d+$/.test(v) || /^https?:\/\//i.test(v) ? idArg(v, ["people"], "person") : v));
}

/** A positive whole number option. */
export function countArg(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${option} takes a positive whole number; got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Up to `limit` items of a paginated list (all without a limit). */
export async function collect<T>(it: PageIterator<T>, limit?: number): Promise<T[]> {
  if (limit === undefined) return it.toArray();
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * With --format json (or --json) the records themselves; otherwise `rows` in the format asked
 * for (default: a table on a terminal, tab-separated values in a pipe).
 */
export function print(g: GlobalOptions, records: unknown, rows: Row[]): void {
  const format = chooseFormat(g);
  const text = format === "json" ? toJson(records) : formatRows(rows, format);
  if (text !== "") process.stdout.write(`${text}\n`);
}

/** Named values as rows of a two-column table (field, value), in their order. */
export function fieldRows(fields: Row): Row[] {
  return Object.entries(fields).map(([field, value]) => ({ field, value }));
}

/** One record: with --json the record itself, otherwise its `fields` one per row. */
export function printFields(g: GlobalOptions, record: unknown, fields: Row): void {
  print(g, record, fieldRows(fields));
}

/** A show command's --web: open `url` in the browser (or print it) and say true, so the caller stops there. */
export async function openedOnWeb(g: GlobalOptions, o: { web?: boolean }, url: string): Promise<boolean> {
  if (!o.web) return false;
  await openOrPrint(url, g);
  return true;
}

/** With --format json (or --json) the record; otherwise one line of text. */
export function printDone(g: GlobalOptions, record: unknown, line: string): void {
  process.stdout.write(`${chooseFormat(g) === "json" ? toJson(record) : line}\n`);
}

/** The Launchpad identity of this sign-in (its accounts); undefined with Basic auth. */
export async function identityOf(s: ClientSession): Promise<Identity | undefined> {
  if (s.auth.identity) return s.auth.identity;
  if (s.settings.authScheme !== "OAuth") return undefined;
  const launchpad = s.oauth?.launchpad ?? new Launchpad({ launchpadUrl: s.settings.launchpadUrl, fetch: s.fetch, userAgent: s.settings.userAgent });
  // Signed with the session itself, so a token refused here is refreshed once like any call.
  return launchpad.identity(s.auth.auth);
}

/** The account in use: Basecamp 4's account record, or for Basecamp 2 (which has none) its id and Launchpad's name for it. */
export async function accountOf(s: ClientSession): Promise<{ id: Id | string; name: string }> {
  if (s.schema === "V3") return s.client.account.get();
  const identity = await identityOf(s).catch(() => undefined);
  const name = identity?.accounts.find((a) => a.id === s.auth.accountId)?.name;
  return { id: s.auth.accountId, name: name ?? `Basecamp 2 account ${s.auth.accountId}` };
}

export const names = (people: Person[] | undefined): string => (people ?? []).map((p) => p.name).join(", ");
