// The request as the form sends it, and the checks made before anything goes to Basecamp.
import { createHash } from "node:crypto";
import type { Catalog } from "./catalog.js";

export const MAX_TITLE = 500;
export const MAX_NOTES = 20_000;

export interface RequestValues {
  project: string;
  list: string;
  title: string;
  notes: string;
  assignees: string[];
  /** YYYY-MM-DD or "". */
  due: string;
  start: string;
  notify: boolean;
  /** The idempotency key of this filling-in of the form. */
  key: string;
}

export type Field = "project" | "list" | "title" | "notes" | "assignees" | "due" | "start";
export type FieldErrors = Partial<Record<Field, string>>;

type Body = Record<string, string | File | (string | File)[]>;

function one(body: Body, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

function many(body: Body, name: string): string[] {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(list.filter((x): x is string => typeof x === "string" && x !== ""))];
}

export const KEY_FORMAT = /^[\w-]{16,64}$/;

/** The submitted fields (a parsed form body with `all: true`). */
export function readValues(body: Body): RequestValues {
  return {
    project: one(body, "project").trim(),
    list: one(body, "list").trim(),
    title: one(body, "title").replace(/\s+/g, " ").trim(),
    notes: one(body, "notes").replace(/\r\n?/g, "\n"),
    assignees: many(body, "assignees"),
    due: one(body, "due").trim(),
    start: one(body, "start").trim(),
    notify: one(body, "notify") !== "",
    key: one(body, "key"),
  };
}

/** Today as YYYY-MM-DD in `timeZone` (default: the server's). */
export function today(now: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(now));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** What is wrong with the request, field by field (empty when it may be sent). */
export function validate(v: RequestValues, catalog: Catalog, todayIs: string): FieldErrors {
  const e: FieldErrors = {};
  if (!v.project || !catalog.projects.some((p) => p.id === v.project)) e.project = "Choose a project.";
  else if (catalog.projectId !== v.project) e.project = "That project could not be loaded; choose it again.";
  if (!e.project) {
    if (catalog.noTodos) e.list = "This project has no to-do lists (its To-dos tool is off). Choose another project.";
    else if (!v.list) e.list = "Choose a to-do list.";
    else if (!catalog.lists.some((l) => l.id === v.list)) e.list = "That to-do list is not in this project; choose one of its lists.";
    const unknown = v.assignees.filter((id) => !catalog.people.some((p) => p.id === id));
    if (unknown.length) e.assignees = unknown.length === 1 ? "One of the chosen people is not on this project; choose from the list." : `${unknown.length} of the chosen people are not on this project; choose from the list.`;
  }
  if (!v.title) e.title = "Enter a title: what should be done?";
  else if (v.title.length > MAX_TITLE) e.title = `Keep the title under ${MAX_TITLE} characters (it has ${v.title.length}); put details in the notes.`;
  if (v.notes.length > MAX_NOTES) e.notes = `The notes are too long (${v.notes.length} characters; at most ${MAX_NOTES}).`;
  if (!v.due) e.due = "Choose a due date.";
  else if (!isDate(v.due)) e.due = "Enter the due date as YYYY-MM-DD.";
  else if (v.due < todayIs) e.due = `The due date is in the past; choose today (${todayIs}) or later.`;
  if (v.start) {
    if (!isDate(v.start)) e.start = "Enter the start date as YYYY-MM-DD, or leave it empty.";
    else if (isDate(v.due) && v.start > v.due) e.start = "The start date is after the due date; start on or before the due date.";
  }
  return e;
}

/** A digest of what was asked for (not the key), to notice a changed form sent with an old key. */
export function fingerprint(v: RequestValues): string {
  const { key: _key, ...rest } = v;
  return createHash("sha256").update(JSON.stringify({ ...rest, assignees: [...rest.assignees].sort() })).digest("base64url");
}
