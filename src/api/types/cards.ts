// Card tables (Kanban): the table, its columns, cards and steps, derived from the reference
// schemas CardTable, CardColumn, Card and CardStep (./schemas.ts; checked in reference-check.ts).
import type { Color, Id, ParentRef, Person, Recording } from "./common.js";
import type { Rest, RichTextAttachment, Schema } from "./schemas.js";

export interface CardTableColumn extends Recording, Rest<Schema<"CardColumn">, Recording> {
  /** "Kanban::Triage" | "Kanban::Column" | "Kanban::NotNowColumn" | "Kanban::DoneColumn" */
  type: string;
  parent: ParentRef;
  position: number;
  description: string;
  subscribers: Person[];
  /** A plain string in the reference: a column without a colour leaves it out. */
  color?: Color;
  cards_count: number;
  /** Comments on the column (the reference also has `comments_count`). */
  comment_count: number;
  cards_url: string;
  on_hold?: Schema<"CardColumnOnHold"> & { title: string };
}

export interface CardTable extends Recording, Rest<Schema<"CardTable">, Recording> {
  subscribers: Person[];
  public_link_url: string | null;
  /** The columns, in order. */
  lists: CardTableColumn[];
}

export interface CardStep extends Recording, Rest<Schema<"CardStep">, Recording> {
  parent: ParentRef;
  /** 0-based among the card's steps (as `repositionStep` takes it). */
  position: number;
  completed: boolean;
  /** YYYY-MM-DD; a plain string in the reference (unlike a card's): left out when none. */
  due_on?: string;
  assignees: Person[];
  completion_url: string;
}

export interface Card extends Recording, Rest<Schema<"Card">, Recording> {
  parent: ParentRef;
  position: number;
  description: string;
  description_attachments: RichTextAttachment[];
  completed: boolean;
  content: string;
  /** YYYY-MM-DD, or null for none. */
  due_on: string | null;
  assignees: Person[];
  completion_subscribers: Person[];
  completion_url: string;
  /** The same as `comments_count`, which the reference has. */
  comment_count: number;
  steps: CardStep[];
}

export interface NewColumn {
  title: string;
  description?: string;
}

export interface ColumnUpdate {
  title?: string;
  /** null clears it. */
  description?: string | null;
}

export interface NewCard {
  title: string;
  /** Rich text (HTML). */
  content?: string;
  due_on?: string | null;
  notify?: boolean;
}

export interface CardUpdate {
  title?: string;
  content?: string;
  due_on?: string | null;
  assignee_ids?: Id[];
}

export interface NewStep {
  title: string;
  due_on?: string | null;
  assignee_ids?: Id[];
}

export type StepUpdate = Partial<NewStep>;
