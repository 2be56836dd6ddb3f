// Events, subscriptions, webhooks, search results and assignments, derived from the reference
// schemas Event, Subscription, Webhook(Delivery), SearchResult, SearchMetadata, MyAssignment and
// GetMyAssignmentsResponseContent (./schemas.ts; checked in reference-check.ts).
import type { Id, Person, Recording } from "./common.js";
import type { Rest, Schema } from "./schemas.js";

/** Reference `Event`: an item of a recording's events. */
export interface RecordingEvent extends Schema<"Event"> {
  id: Id;
  recording_id: Id;
  /** "created", "completed", "content_changed" … */
  action: string;
  /** The reference's `EventDetails` (person ids added, removed, notified) and any the action adds. */
  details: Schema<"EventDetails"> & Record<string, unknown>;
  created_at: string;
  creator: Person;
  boosts_count?: number;
  boosts_url?: string;
}

export interface Subscription extends Schema<"Subscription"> {
  subscribed: boolean;
  count: number;
  url: string;
  subscribers: Person[];
}

export interface SubscriptionChange {
  subscriptions?: Id[];
  unsubscriptions?: Id[];
}

export interface WebhookDelivery extends Schema<"WebhookDelivery"> {
  id: Id;
  created_at: string;
  /** The POST made: its headers and the event it carried. */
  request: { headers: Record<string, string>; body: Schema<"WebhookEvent"> };
  response: { headers: Record<string, string>; code: number; message: string; body: unknown };
}

export interface Webhook extends Schema<"Webhook"> {
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

/**
 * A search hit: the recording plus highlighted plain text (`<em>` marks matches); reference
 * `SearchResult`, whose other fields (those of each recording type) are all optional.
 */
export type SearchResult = Omit<Recording, "content"> &
  Rest<Schema<"SearchResult">, Recording> & {
    /** Rich text (HTML), or null for a record without content. */
    content: string | null;
    /** Plain strings in the reference: left out when the record has no such field. */
    plain_text_content?: string;
    plain_text_description?: string;
    [field: string]: unknown;
  };

export interface SearchMetadata extends Schema<"SearchMetadata"> {
  /** `key` is a recording type ("Todo" …); null for the "any type" choice. */
  recording_search_types: Array<Schema<"SearchType">>;
  file_search_types: Array<Schema<"SearchType">>;
  default_type_label: string;
  default_file_type_label: string;
}

/** Reference `MyAssignment`: a to-do, card or step assigned to the signed-in person. */
export interface Assignment extends Schema<"MyAssignment"> {
  id: Id;
  app_url: string;
  content: string;
  /** YYYY-MM-DD; plain strings in the reference: left out when the assignment has none. */
  starts_on?: string;
  due_on?: string;
  bucket: Required<Schema<"MyAssignmentBucket">>;
  completed: boolean;
  /** "todo", "kanban_card", "kanban_step" … */
  type: string;
  assignees: Array<Schema<"MyAssignmentAssignee">>;
  comments_count: number;
  has_description: boolean;
  /** A plain integer in the reference: left out when there is none. */
  priority_recording_id?: Id;
  /** The list, card table column or card it belongs to. */
  parent?: { id: Id; title: string; app_url: string };
  children: Assignment[];
}

export interface Assignments extends Schema<"GetMyAssignmentsResponseContent"> {
  priorities: Assignment[];
  non_priorities: Assignment[];
}

export type DueScope = "overdue" | "due_today" | "due_tomorrow" | "due_later_this_week" | "due_next_week" | "due_later";
