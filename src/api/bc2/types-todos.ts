// Basecamp 2 to-do lists and to-dos.
import type { Id } from "../../http/json.js";
import type {
  Bc2AttachedFile,
  Bc2Assignee,
  Bc2AssigneeInput,
  Bc2Bucket,
  Bc2Discussion,
  Bc2NoAssignee,
  Bc2PersonRef,
  Bc2TokenAttachment,
} from "./types-common.js";

// ---- to-do lists ----

/** Fields a to-do list has in lists and when fetched alone. */
export interface Bc2TodolistBase {
  id: Id;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
  completed: boolean;
  /** 1-based order within the project. */
  position: number;
  private: boolean;
  trashed: boolean;
  completed_count: number;
  remaining_count: number;
  creator: Bc2PersonRef;
}

/**
 * A to-do list in a list (ListTodolists, ListAllTodolists and their completed/trashed
 * variants). `bucket` only when listed account-wide.
 */
export interface Bc2TodolistSummary extends Bc2TodolistBase {
  url: string;
  app_url: string;
  bucket?: Bc2Bucket;
}

/** A to-do as its to-do list embeds it (GetTodolist's `todos`). */
export interface Bc2TodolistItem {
  id: Id;
  content: string;
  /** Due date ("2012-03-24"), or null. */
  due_at: string | null;
  comments_count: number;
  created_at: string;
  updated_at: string;
  /** `{}` when nobody is assigned. */
  assignee: Bc2Assignee | Bc2NoAssignee;
  position: number;
  url: string;
  app_url: string;
  /** On completed (and trashed-after-completion) to-dos. */
  completed_at?: string;
  completer?: Bc2PersonRef;
}

/** One to-do list (GetTodolist, CreateTodolist, UpdateTodolist). */
export interface Bc2Todolist extends Bc2TodolistBase, Bc2Discussion {
  url?: string;
  app_url?: string;
  /** Absent when fetched with `?exclude_todos=true`. */
  todos?: {
    remaining: Bc2TodolistItem[];
    completed: Bc2TodolistItem[];
    trashed: Bc2TodolistItem[];
  };
}

/** A to-do as ListPersonAssignedTodos embeds it in its to-do list. */
export interface Bc2AssignedTodo {
  id: Id;
  content: string;
  due_at: string | null;
  comments_count: number;
  created_at: string;
  updated_at: string;
  url: string;
  app_url: string;
  position: number;
}

/** A to-do list with the to-dos assigned to one person (ListPersonAssignedTodos). */
export interface Bc2AssignedTodolist extends Bc2TodolistSummary {
  assigned_todos: Bc2AssignedTodo[];
}

/** CreateTodolist's body. */
export interface Bc2NewTodolist {
  name: string;
  description?: string;
  /** Hide from clients (client projects only). */
  private?: boolean;
}

/** UpdateTodolist's body; `position` reorders (1..n; out of range moves it last). */
export interface Bc2TodolistChanges {
  name?: string;
  description?: string;
  position?: number;
  private?: boolean;
}

// ---- to-dos ----

/** Fields a to-do has in lists and when fetched alone. */
export interface Bc2TodoBase {
  id: Id;
  todolist_id: Id;
  position: number;
  content: string;
  completed: boolean;
  /** Due date ("2012-03-27"), or null. */
  due_at: string | null;
  /** Same date as `due_at`, under its newer name. */
  due_on: string | null;
  created_at: string;
  updated_at: string;
  /** When it was checked off; the docs show `false` (not null) on an open to-do. */
  completed_at: string | false | null;
  completer?: Bc2PersonRef;
  comments_count: number;
  private: boolean;
  trashed: boolean;
  creator: Bc2PersonRef;
  /** Absent or null when nobody is assigned. */
  assignee?: Bc2Assignee | null;
  url: string;
  app_url: string;
}

/** The to-do list a listed to-do carries. */
export type Bc2TodoParentList = Omit<Bc2TodolistSummary, "updated_at" | "bucket">;

/** A to-do in a list (ListTodos, ListTodolistTodos and their completed/remaining/trashed variants). */
export interface Bc2TodoSummary extends Bc2TodoBase {
  todolist: Bc2TodoParentList;
}

/** One to-do with its comments, attachments and subscribers (GetTodo, CreateTodo, UpdateTodo). */
export interface Bc2Todo extends Bc2TodoBase, Bc2Discussion {
  attachments: Bc2AttachedFile[];
}

/** CreateTodo's body. */
export interface Bc2NewTodo {
  content: string;
  /** ISO 8601 date or time. */
  due_at?: string | null;
  assignee?: Bc2AssigneeInput | null;
  attachments?: Bc2TokenAttachment[];
}

/** UpdateTodo's body; `completed` checks/unchecks, null `assignee`/`due_at` clears them, `position` reorders. */
export interface Bc2TodoChanges {
  content?: string;
  due_at?: string | null;
  assignee?: Bc2AssigneeInput | null;
  completed?: boolean;
  position?: number;
}
