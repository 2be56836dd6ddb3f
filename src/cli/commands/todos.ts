// `campctl todos list|show|add|complete|uncomplete|update`. Everything that can be checked
// here (titles, dates, people's IDs, notes files) is, before any request is sent.
import type { BasecampClient } from "../../api/client.js";
import { KIND } from "../../api/internal/kinds.js";
import { richTextToText } from "../../api/rich-text/to-text.js";
import type { Todo, TodoChanges } from "../../api/types.js";
import type { Id } from "../../http/json.js";
import { schemaOf, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { chooseFormat } from "../internal/output.js";
import { editText, richTextOption, toRichText } from "../internal/notes.js";
import { resolvePeople, type PersonArg } from "../internal/people.js";
import { collect, dateArg, idArg, names, openedOnWeb, peopleArg, print, printDone, printFields, type Row, withClient } from "./shared.js";

const row = (t: Todo): Row => ({ id: t.id, done: t.completed ? "✓" : "", content: t.content, due: t.due_on ?? "", assignees: names(t.assignees) });

export interface TodoListOptions {
  completed?: boolean;
  assignee?: string[];
  dueBefore?: string;
  /** Basecamp 2 only: the project the list is in. */
  project?: string;
}

/** --project names a Basecamp 2 list's or to-do's project; Basecamp 4 finds them by ID alone. */
function noProjectOnV3(o: { project?: string }): void {
  if (o.project !== undefined) throw new UsageError("--project is for Basecamp 2 (Schema=V2), where lists and to-dos live in a project; on Basecamp 4/3 the ID alone finds them, so drop --project.");
}

export async function runTodosList(todolist: string, o: TodoListOptions, g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2TodosList(todolist, o, g);
  noProjectOnV3(o);
  const listId = idArg(todolist, KIND.todolist, "to-do list");
  const dueBefore = dateArg(o.dueBefore, "--due-before") ?? undefined;
  const people = peopleArg(o.assignee);
  await withClient(g, async (conn) => {
    const wanted = people && new Set((await resolvePeople(conn.client, people, "--assignee")).map(String));
    let todos = await collect(conn.client.todos.list(listId, o.completed ? { completed: true } : {}));
    // Basecamp has no such filters on this list, so they are applied to what it returns.
    if (wanted) todos = todos.filter((t) => t.assignees.some((p) => wanted.has(String(p.id))));
    if (dueBefore) todos = todos.filter((t) => t.due_on !== null && t.due_on < dueBefore);
    print(g, todos, todos.map(row));
  });
}

export async function runTodosShow(todo: string, g: GlobalOptions, o: { web?: boolean } = {}): Promise<void> {
  const id = idArg(todo, KIND.todo, "to-do");
  await withClient(g, async (conn) => {
    const t = await conn.client.todos.get(id);
    if (await openedOnWeb(g, o, t.app_url)) return;
    const fields: Row = {
      id: t.id,
      content: t.content,
      completed: t.completed,
      due: t.due_on ?? "",
      starts: t.starts_on ?? "",
      assignees: names(t.assignees),
      list: t.parent?.title ?? "",
      project: t.bucket?.name ?? "",
      creator: t.creator?.name ?? "",
      url: t.app_url,
    };
    // The notes as text a person reads (the rich text itself is in --json): below a table,
    // else one more field (tsv, csv and markdown quote its line breaks).
    const notes = richTextToText(t.description);
    const table = chooseFormat(g) === "table";
    if (!table && notes !== "") fields.notes = notes;
    printFields(g, t, fields);
    if (table && notes !== "") process.stdout.write(`\nnotes:\n${notes.replace(/^/gm, "  ").replace(/^ +$/gm, "")}\n`);
  });
}

/** What add and update share: people, dates and notes under their names and old aliases. */
interface TodoFields {
  assign?: string[];
  assignee?: string[];
  due?: string;
  startsOn?: string;
  notes?: string;
  description?: string;
  edit?: boolean;
}

export interface TodoAddOptions extends TodoFields {
  /** Basecamp 2 only: the project the list is in. */
  project?: string;
}

export interface TodoUpdateOptions extends TodoFields {
  content?: string;
}

function titleArg(content: string, option: string): string {
  if (content.trim() === "") throw new UsageError(`${option} cannot be empty: say what is to be done.`);
  return content;
}

/** `--notes` or its old name `--description` (one of them). */
function notesValue(o: TodoFields): string | undefined {
  if (o.notes !== undefined && o.description !== undefined) throw new UsageError("Give --notes or --description (its other name), not both.");
  return o.notes ?? o.description;
}

/** `--assign` and its old name `--assignee`, together. */
function assignValues(o: TodoFields): PersonArg[] | undefined {
  if (o.assign === undefined && o.assignee === undefined) return undefined;
  return peopleArg([...(o.assign ?? []), ...(o.assignee ?? [])]);
}

/** A start after the due date is refused when both are known. */
function checkDates(starts: string | null | undefined, due: string | null | undefined): void {
  if (starts && due && starts > due) throw new UsageError(`--starts-on ${starts} is after --due ${due}; a to-do starts on or before its due date.`);
}

function dueText(t: Todo): string {
  if (t.starts_on && t.due_on) return ` (${t.starts_on} → ${t.due_on})`;
  return t.due_on ? ` (due ${t.due_on})` : t.starts_on ? ` (starts ${t.starts_on})` : "";
}

async function ids(client: BasecampClient, people: PersonArg[] | undefined): Promise<Id[] | undefined> {
  return people === undefined ? undefined : resolvePeople(client, people, "--assign");
}

export async function runTodosAdd(todolist: string, content: string, o: TodoAddOptions, g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2TodosAdd(todolist, content, o, g);
  noProjectOnV3(o);
  const listId = idArg(todolist, KIND.todolist, "to-do list");
  titleArg(content, "The to-do's title");
  const due_on = dateArg(o.due, "--due");
  const starts_on = dateArg(o.startsOn, "--starts-on");
  checkDates(starts_on, due_on);
  const people = assignValues(o);
  const description = await richTextOption(notesValue(o), o.edit, "--notes");
  await withClient(g, async (conn) => {
    const assignee_ids = await ids(conn.client, people);
    const t = await conn.client.todos.create(listId, { content, description: description || undefined, due_on, starts_on, assignee_ids });
    printDone(g, t, `Added to-do ${t.id}: ${t.content}${dueText(t)}${t.assignees.length ? ` → ${names(t.assignees)}` : ""}\n${t.app_url}`);
  });
}

export async function runTodosComplete(todo: string, done: boolean, g: GlobalOptions, o: { project?: string } = {}): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2TodosComplete(todo, done, o, g);
  noProjectOnV3(o);
  const id = idArg(todo, KIND.todo, "to-do");
  await withClient(g, async (conn) => {
    const before = await conn.client.todos.get(id);
    // Nothing to send when it already is the way asked: say so, and succeed.
    if (before.completed === done) {
      printDone(g, before, `To-do ${before.id} was already ${done ? "completed" : "open"}: ${before.content}`);
      return;
    }
    if (done) await conn.client.todos.complete(id);
    else await conn.client.todos.uncomplete(id);
    const t = await conn.client.todos.get(id);
    printDone(g, t, `${done ? "Completed" : "Reopened"} to-do ${t.id}: ${t.content}`);
  });
}

export async function runTodosUpdate(todo: string, o: TodoUpdateOptions, g: GlobalOptions): Promise<void> {
  const id = idArg(todo, KIND.todo, "to-do");
  const changes: TodoChanges = {};
  if (o.content !== undefined) changes.content = titleArg(o.content, "--content");
  const due = dateArg(o.due, "--due", true);
  if (due !== undefined) changes.due_on = due;
  const starts = dateArg(o.startsOn, "--starts-on", true);
  if (starts !== undefined) changes.starts_on = starts;
  checkDates(starts, due);
  const people = assignValues(o);
  const notes = notesValue(o);
  if (o.edit && notes !== undefined) throw new UsageError("Give either --notes or --edit, not both.");
  if (notes !== undefined) changes.description = (await richTextOption(notes, false, "--notes")) ?? "";
  if (Object.keys(changes).length === 0 && people === undefined && !o.edit) {
    throw new UsageError("Nothing to change: give --content, --due, --starts-on, --assign, --notes or --edit.");
  }
  await withClient(g, async (conn) => {
    if (people !== undefined) changes.assignee_ids = await ids(conn.client, people);
    if (o.edit) {
      // The editor starts from the notes as readable text; saved unchanged, they are kept.
      const current = richTextToText((await conn.client.todos.get(id)).description);
      const edited = editText(current === "" ? "" : `${current}\n`, "notes");
      if (edited.trim() !== current.trim()) changes.description = toRichText(edited);
    }
    if (Object.keys(changes).length === 0) {
      const t = await conn.client.todos.get(id);
      printDone(g, t, `Nothing changed in to-do ${t.id}: ${t.content}`);
      return;
    }
    const t = await conn.client.todos.update(id, changes);
    printDone(g, t, `Updated to-do ${t.id}: ${t.content}${dueText(t)}${t.assignees.length ? ` → ${names(t.assignees)}` : ""}`);
  });
}
