// Card tables (Kanban): the table, its columns, cards and steps.
import type { Color, Id, Person, Recording } from "./common.js";

export interface CardTableColumn extends Recording {
  /** "Kanban::Triage" | "Kanban::Column" | "Kanban::NotNowColumn" | "Kanban::DoneColumn" */
  type: string;
  position: number;
  description: string;
  subscribers: Person[];
  color: Color | null;
  cards_count: number;
  comment_count: number;
  cards_url: string;
  on_hold?: { id: Id; status: string; inherits_status: boolean; title: string; created_at: string; updated_at: string; cards_count: number; cards_url: string };
}

export interface CardTable extends Recording {
  subscribers: Person[];
  public_link_url: string | null;
  /** The columns, in order. */
  lists: CardTableColumn[];
}

export interface CardStep extends Recording {
  /** 0-based among the card's steps (as `repositionStep` takes it). */
  position: number;
  completed: boolean;
  due_on: string | null;
  assignees: Person[];
  completion_url: string;
}

export interface Card extends Recording {
  position: number;
  description: string;
  completed: boolean;
  content: string;
  due_on: string | null;
  assignees: Person[];
  completion_subscribers: Person[];
  completion_url: string;
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
