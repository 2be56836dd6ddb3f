// Events, subscriptions, webhooks, search results and assignments.
import type { Id, Person, Recording } from "./common.js";

export interface RecordingEvent {
  id: Id;
  recording_id: Id;
  /** "created", "completed", "content_changed" … */
  action: string;
  details: Record<string, unknown> & { notified_recipient_ids?: Id[] };
  created_at: string;
  creator: Person;
  boosts_count?: number;
  boosts_url?: string;
}

export interface Subscription {
  subscribed: boolean;
  count: number;
  url: string;
  subscribers: Person[];
}

export interface SubscriptionChange {
  subscriptions?: Id[];
  unsubscriptions?: Id[];
}

export interface WebhookDelivery {
  id: Id;
  created_at: string;
  request: { headers: Record<string, string>; body: unknown };
  response: { headers: Record<string, string>; code: number; message: string; body: unknown };
}

export interface Webhook {
  id: Id;
  active: boolean;
  created_at: string;
  updated_at: string;
  payload_url: string;
  types: string[];
  url: string;
  app_url: string;
  /** On `webhooks.get` only: up to 25, newest first. */
  recent_deliveries?: WebhookDelivery[];
}

export interface NewWebhook {
  /** HTTPS URL that receives the POSTs. */
  payload_url: string;
  /** Recording types ("Todo", "Comment" …) or ["all"] (the default). */
  types?: string[];
}

/** Any of the fields; what is left out is kept. */
export interface WebhookUpdate {
  payload_url?: string;
  types?: string[];
  active?: boolean;
}

/** A search hit: the recording plus highlighted plain text (`<em>` marks matches). */
export type SearchResult = Recording & {
  plain_text_content: string | null;
  plain_text_description: string | null;
  [field: string]: unknown;
};

export interface SearchMetadata {
  recording_search_types: Array<{ key: string; value: string }>;
  file_search_types: Array<{ key: string; value: string }>;
  default_type_label?: string;
  default_file_type_label?: string;
}

export interface Assignment {
  id: Id;
  app_url: string;
  content: string;
  starts_on: string | null;
  due_on: string | null;
  bucket: { id: Id; name: string; app_url: string };
  completed: boolean;
  /** "todo", "kanban_card", "kanban_step" … */
  type: string;
  assignees: Array<{ id: Id; name: string }>;
  comments_count: number;
  has_description: boolean;
  priority_recording_id: Id | null;
  parent: { id: Id; title: string; app_url: string } | null;
  children: Assignment[];
}

export interface Assignments {
  priorities: Assignment[];
  non_priorities: Assignment[];
}

export type DueScope = "overdue" | "due_today" | "due_tomorrow" | "due_later_this_week" | "due_next_week" | "due_later";
