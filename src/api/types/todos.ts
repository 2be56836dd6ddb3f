// To-do sets, lists, groups and to-dos, derived from the reference schemas Todoset, Todolist
// and Todo (./schemas.ts; checked in reference-check.ts).
import type { Color, Id, ParentRef, Person, Recording } from "./common.js";
import type { Rest, RichTextAttachment, Schema } from "./schemas.js";

export interface Todoset extends Recording, Rest<Schema<"Todoset">, Recording> {
  position: number;
  name: string;
  completed: boolean;
  /** "14/60" */
  completed_ratio: string;
  todolists_count: number;
  todolists_url: string;
  /** Web URL of the lists, spelled as the simulator sends it (the reference also names `app_todolists_url`). */
  app_todoslists_url: string;
}

export interface Todolist extends Recording, Rest<Schema<"Todolist">, Recording> {
  parent: ParentRef;
  position: number;
  description: string;
  description_attachments: RichTextAttachment[];
  completed: boolean;
  completed_ratio: string;
  name: string;
  todos_url: string;
  app_todos_url: string;
  bubble_up_url: string;
  /** Top-level lists: where their groups are. */
  groups_url?: string;
  /** Groups: where to reposition them. */
  group_position_url?: string;
  /** Groups: their colour; null on top-level lists. */
  color: Color | null;
  comments_app_url: string;
}

/** A to-do list group: a Todolist inside a Todolist (it has `group_position_url`). */
export type TodolistGroup = Todolist & { group_position_url: string };

export interface Todo extends Recording, Rest<Schema<"Todo">, Recording> {
  parent: ParentRef;
  position: number;
  description: string;
  description_attachments: RichTextAttachment[];
  completed: boolean;
  completion?: { created_at: string; creator: Person };
  content: string;
  starts_on: string | null;
  due_on: string | null;
  assignees: Person[];
  completion_subscribers: Person[];
  completion_url: string;
}

export interface NewTodolist {
  name: string;
  /** Rich text (HTML). */
  description?: string;
}

/** The whole list as `todolists.replace` sends it: a description left out is cleared. */
export type TodolistUpdate = NewTodolist;

/** What `todolists.update` may change; `description: null` clears it. */
export interface TodolistChanges {
  name?: string;
  description?: string | null;
}

export interface NewTodolistGroup {
  name: string;
  color?: Color;
}

export interface NewTodo {
  content: string;
  /** Rich text (HTML). */
  description?: string;
  assignee_ids?: Id[];
  completion_subscriber_ids?: Id[];
  /** Email the assignees now. */
  notify?: boolean;
  /** YYYY-MM-DD, or null for none. */
  due_on?: string | null;
  starts_on?: string | null;
}

/**
 * The whole to-do as `todos.replace` sends it: Basecamp's PUT is a full replace, so any
 * field left out is cleared (no `assignee_ids` unassigns everyone). `todos.update` changes
 * some fields and keeps the rest.
 */
export type TodoUpdate = NewTodo;

/**
 * Fields `todos.update` may change; the rest are read from the to-do and sent back. People
 * may be IDs or Basecamp URLs of people; `null` clears the list.
 */
export type TodoChanges = Partial<Omit<NewTodo, "notify" | "assignee_ids" | "completion_subscriber_ids">> & {
  notify?: boolean;
  assignee_ids?: Array<Id | string> | null;
  completion_subscriber_ids?: Array<Id | string> | null;
};
