// The resource commands on a Basecamp 2 ("bcx", Schema=V2) account: whoami, projects, people,
// todolists, todos list|add|complete|uncomplete and messages list|post, printed like their
// Basecamp 4 versions (same columns, --json gives the records). Basecamp 2 addresses to-dos
// and lists inside their project, so a bare ID is looked up project by project when no
// project is named (a URL, --project, or the connection's ProjectId names one).
import type { Basecamp2Client } from "../../api/bc2/client.js";
import type { Bc2Project, Bc2ProjectSummary, Bc2Todo, Bc2TodoSummary } from "../../api/bc2/types.js";
import { checkUrlScope, parseBasecampUrl, type ParsedUrl } from "../../api/ids.js";
import type { Basecamp2Session } from "../../api/open-client.js";
import type { Person } from "../../api/types.js";
import { NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { richTextOption } from "../internal/notes.js";
import { matchPerson, unresolved } from "../internal/people.js";
import { accountOf, collect, countArg, dateArg, peopleArg, print, printDone, withAnyClient, type Row } from "./shared.js";
import type { TodoAddOptions } from "./todos.js";

/** Run `fn` with a signed-in Basecamp 2 session; the URL arguments read by bc2Ref are checked against its account first. */
export async function withBc2<T>(g: GlobalOptions, refs: ReadonlyArray<Bc2Ref | undefined>, fn: (s: Basecamp2Session) => Promise<T>): Promise<T> {
  return withAnyClient(g, async (s) => {
    if (s.schema !== "V2") throw new UsageError("This is the Basecamp 2 version of the command, and the connection is Basecamp 4/3 (Schema=V3).");
    for (const r of refs) if (r?.url) checkUrlScope(r.url, r.text, s.client.road.urlScope);
    return fn(s);
  });
}

// ---- IDs and Basecamp 2 URLs ----------------------------------------------------------------

/** An ID argument: the ID, the project a Basecamp 2 URL names, and the URL itself (checked against the account later). */
export interface Bc2Ref {
  id: Id;
  projectId?: Id;
  text: string;
  url?: ParsedUrl;
}

/**
 * An ID, or a Basecamp 2 URL of `kind` (web `…/{account}/projects/{p}/todos/{id}` or API
 * `…/{account}/api/v1/projects/{p}/todos/{id}.json`); `kind` "projects" for a project.
 */
export function bc2Ref(value: string, kind: string, what: string): Bc2Ref {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { id: toId(text), text };
  // The simulator lists its bcx API under /bcx/{account}/api/v1 as well.
  const url = parseBasecampUrl(text.replace(/^(https?:\/\/[^/]+)(\/web)?\/bcx\//i, "$1$2/"));
  if (!url) throw new UsageError(`Expected a ${what} ID or Basecamp 2 URL; got ${JSON.stringify(value)}`);
  const words = url.kind.replace(/^api\/v1\/?/, "");
  const want = kind === "projects" ? "projects" : `projects/${kind}`;
  if (words !== want) throw new UsageError(`That URL points to ${words || "something else"}, not a ${what}: ${JSON.stringify(value)}`);
  return { id: url.id, projectId: kind === "projects" ? undefined : url.parentId, text, url };
}

function toId(digits: string): Id {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : BigInt(digits);
}

/** `--project` (Basecamp 2 only): the project of a list or to-do given by bare ID. */
export function projectOption(value: string | undefined): Bc2Ref | undefined {
  return value === undefined ? undefined : bc2Ref(value, "projects", "project");
}

/** The project named (argument, else the connection's ProjectId), else the account's first project. */
async function projectOf(s: Basecamp2Session, given: Bc2Ref | undefined): Promise<Bc2Project | Bc2ProjectSummary> {
  const id = given?.id ?? s.settings.projectId;
  if (id !== undefined && id !== "") return s.client.projects.get(id);
  const [first] = await collect(s.client.projects.list(), 1);
  if (!first) throw new UsageError("This Basecamp 2 account has no active projects.");
  return first;
}

/**
 * `get(projectId)` in the project named (URL, --project, ProjectId); with none named, in each
 * project of the account in turn until one has it (Basecamp 2 has no account-wide lookup).
 */
async function findInProjects<T>(s: Basecamp2Session, ref: Bc2Ref, project: Bc2Ref | undefined, what: string, get: (projectId: Id | string) => Promise<T>): Promise<{ projectId: Id | string; item: T }> {
  const named = ref.projectId ?? project?.id;
  if (named !== undefined) return { projectId: named, item: await get(named) };
  const tried = new Set<string>();
  const attempt = async (projectId: Id | string): Promise<T | undefined> => {
    if (tried.has(String(projectId))) return undefined;
    tried.add(String(projectId));
    try {
      return await get(projectId);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  };
  const preferred = s.settings.projectId;
  if (preferred) {
    const item = await attempt(preferred);
    if (item !== undefined) return { projectId: preferred, item };
  }
  for (const list of [s.client.projects.list(), s.client.projects.archived()]) {
    for await (const p of list) {
      const item = await attempt(p.id);
      if (item !== undefined) return { projectId: p.id, item };
    }
  }
  throw new UsageError(`No ${what} ${String(ref.id)} in any project of this Basecamp 2 account. Check the ID, or give its URL or --project.`);
}

/** People IDs from --assign/--assignee: IDs pass, `me` is the signed-in person, names and emails are looked up. */
async function resolveBc2People(client: Basecamp2Client, values: string[] | undefined, option: string): Promise<Id[] | undefined> {
  const args = peopleArg(values);
  if (args === undefined) return undefined;
  let everyone: Person[] | undefined;
  const ids: Id[] = [];
  for (const arg of args) {
    if (typeof arg !== "string") ids.push(arg);
    else if (["me", "myself", "@me"].includes(arg.trim().toLowerCase())) ids.push((await client.people.me()).id);
    else {
      // Basecamp 2's people have the name and email_address the matcher reads.
      everyone ??= (await client.people.list().toArray()) as unknown as Person[];
      const match = matchPerson(arg, everyone);
      if (!match.person) throw unresolved(arg, match, option);
      ids.push(match.person.id);
    }
  }
  return ids.filter((id, i) => ids.findIndex((x) => String(x) === String(id)) === i);
}

// ---- whoami, projects, people, todolists -----------------------------------------------------

export async function bc2Whoami(g: GlobalOptions): Promise<void> {
  await withBc2(g, [], async (s) => {
    const [person, account] = await Promise.all([s.client.people.me(), accountOf(s)]);
    const project = s.settings.projectId ? await s.client.projects.get(s.settings.projectId) : undefined;
    const row: Row = { name: person.name, email: person.email_address, account: account.name, account_id: account.id, person_id: person.id };
    if (project) row.project = `${project.name} (${project.id})`;
    print(g, project ? { person, account, project } : { person, account }, [row]);
  });
}

export async function bc2Projects(o: { archived?: boolean }, g: GlobalOptions): Promise<void> {
  await withBc2(g, [], async (s) => {
    const projects = await collect(o.archived ? s.client.projects.archived() : s.client.projects.list());
    print(g, projects, projects.map((p) => ({ id: p.id, name: p.name, status: p.archived ? "archived" : "active", description: p.description ?? "" })));
  });
}

export async function bc2People(g: GlobalOptions): Promise<void> {
  await withBc2(g, [], async (s) => {
    const people = await collect(s.client.people.list());
    print(g, people, people.map((p) => ({ id: p.id, name: p.name, email: p.email_address, title: "", admin: p.admin })));
  });
}

export async function bc2Todolists(project: string | undefined, g: GlobalOptions): Promise<void> {
  const given = project === undefined ? undefined : bc2Ref(project, "projects", "project");
  await withBc2(g, [given], async (s) => {
    const p = await projectOf(s, given);
    const lists = await collect(s.client.todolists.list(p.id));
    print(g, lists, lists.map((l) => ({ id: l.id, name: l.name, done: `${l.completed_count}/${l.completed_count + l.remaining_count}`, url: l.app_url })));
  });
}

// ---- to-dos ---------------------------------------------------------------------------------

const assigneeName = (t: Bc2TodoSummary | Bc2Todo): string => (t.assignee && "name" in t.assignee ? t.assignee.name : "");
const dueOf = (t: Bc2TodoSummary | Bc2Todo): string => (t.due_on ?? t.due_at ?? "").slice(0, 10);
const todoRow = (t: Bc2TodoSummary): Row => ({ id: t.id, done: t.completed ? "✓" : "", content: t.content, due: dueOf(t), assignees: assigneeName(t) });

export interface Bc2TodoListOptions {
  completed?: boolean;
  assignee?: string[];
  dueBefore?: string;
  project?: string;
}

export async function bc2TodosList(todolist: string, o: Bc2TodoListOptions, g: GlobalOptions): Promise<void> {
  const list = bc2Ref(todolist, "todolists", "to-do list");
  const project = projectOption(o.project);
  const dueBefore = dateArg(o.dueBefore, "--due-before") ?? undefined;
  await withBc2(g, [list, project], async (s) => {
    const wanted = o.assignee && new Set((await resolveBc2People(s.client, o.assignee, "--assignee"))!.map(String));
    const { projectId } = await findInProjects(s, list, project, "to-do list", (p) => s.client.todolists.get(p, list.id, { query: { exclude_todos: true } }));
    let todos = await collect(o.completed ? s.client.todos.completedInList(projectId, list.id) : s.client.todos.remainingInList(projectId, list.id));
    // Basecamp 2 has no such filters on this list, so they are applied to what it returns.
    if (wanted) todos = todos.filter((t) => t.assignee && "id" in t.assignee && wanted.has(String(t.assignee.id)));
    if (dueBefore) todos = todos.filter((t) => dueOf(t) !== "" && dueOf(t) < dueBefore);
    print(g, todos, todos.map(todoRow));
  });
}

/** The same options as Basecamp 4's `todos add` (those Basecamp 2 can't take are refused). */
export type Bc2TodoAddOptions = TodoAddOptions;

export async function bc2TodosAdd(todolist: string, content: string, o: Bc2TodoAddOptions, g: GlobalOptions): Promise<void> {
  const list = bc2Ref(todolist, "todolists", "to-do list");
  const project = projectOption(o.project);
  if (content.trim() === "") throw new UsageError("The to-do's title cannot be empty: say what is to be done.");
  if (o.startsOn !== undefined) throw new UsageError("Basecamp 2 to-dos have no start date: drop --starts-on (--due sets the due date).");
  if (o.notes !== undefined || o.description !== undefined || o.edit) throw new UsageError("Basecamp 2 to-dos have no notes: drop --notes/--edit, and add a comment on the to-do instead.");
  const due_at = dateArg(o.due, "--due");
  const people = o.assign === undefined && o.assignee === undefined ? undefined : [...(o.assign ?? []), ...(o.assignee ?? [])];
  await withBc2(g, [list, project], async (s) => {
    const ids = await resolveBc2People(s.client, people, "--assign");
    if (ids && ids.length > 1) throw new UsageError(`A Basecamp 2 to-do has one assignee; --assign named ${ids.length} people.`);
    const { projectId } = await findInProjects(s, list, project, "to-do list", (p) => s.client.todolists.get(p, list.id, { query: { exclude_todos: true } }));
    const t = await s.client.todos.create(projectId, list.id, { content, due_at: due_at ?? undefined, assignee: ids?.length ? { id: ids[0], type: "Person" } : undefined });
    const due = dueOf(t);
    printDone(g, t, `Added to-do ${t.id}: ${t.content}${due ? ` (due ${due})` : ""}${assigneeName(t) ? ` → ${assigneeName(t)}` : ""}\n${t.app_url}`);
  });
}

export async function bc2TodosComplete(todo: string, done: boolean, o: { project?: string }, g: GlobalOptions): Promise<void> {
  const ref = bc2Ref(todo, "todos", "to-do");
  const project = projectOption(o.project);
  await withBc2(g, [ref, project], async (s) => {
    const { projectId, item: before } = await findInProjects(s, ref, project, "to-do", (p) => s.client.todos.get(p, ref.id));
    if (before.completed === done) {
      printDone(g, before, `To-do ${before.id} was already ${done ? "completed" : "open"}: ${before.content}`);
      return;
    }
    // Basecamp 2 checks a to-do off by updating it with `completed`.
    const t = await s.client.todos.update(projectId, ref.id, { completed: done });
    printDone(g, t, `${done ? "Completed" : "Reopened"} to-do ${t.id}: ${t.content}`);
  });
}

// ---- messages -------------------------------------------------------------------------------

/** At most this many messages are read at once to fill in the list's author and comment counts. */
const MESSAGE_READS = 6;

export async function bc2MessagesList(target: string, o: { limit?: string }, g: GlobalOptions): Promise<void> {
  const limit = countArg(o.limit, "--limit");
  const given = bc2Ref(target, "projects", "project");
  await withBc2(g, [given], async (s) => {
    // Basecamp 2 lists messages as the project's topics of type Message (newest activity first).
    const ids: Id[] = [];
    for await (const topic of s.client.topics.list(given.id)) {
      if (topic.topicable.type !== "Message") continue;
      ids.push(topic.topicable.id);
      if (limit !== undefined && ids.length >= limit) break;
    }
    const messages = [];
    for (let i = 0; i < ids.length; i += MESSAGE_READS) {
      messages.push(...(await Promise.all(ids.slice(i, i + MESSAGE_READS).map((id) => s.client.messages.get(given.id, id)))));
    }
    print(g, messages, messages.map((m) => ({ id: m.id, subject: m.subject, author: m.creator?.name ?? "", posted: m.created_at, comments: m.comments?.length ?? 0 })));
  });
}

export async function bc2MessagesPost(target: string, subject: string, o: { body?: string; content?: string; edit?: boolean }, g: GlobalOptions): Promise<void> {
  const given = bc2Ref(target, "projects", "project");
  if (subject.trim() === "") throw new UsageError("The message's subject cannot be empty.");
  if (o.body !== undefined && o.content !== undefined) throw new UsageError("Give --body or --content (its other name), not both.");
  const content = await richTextOption(o.body ?? o.content, o.edit, "--body");
  await withBc2(g, [given], async (s) => {
    const m = await s.client.messages.create(given.id, { subject, content: content || undefined });
    const url = (m as { app_url?: string }).app_url;
    printDone(g, m, `Posted message ${m.id}: ${m.subject}${url ? `\n${url}` : ""}`);
  });
}
