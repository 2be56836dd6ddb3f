// Shapes shared by every record: people, buckets, parents and the recording base. Each derives
// from its reference schema (./schemas.ts) and narrows some of its fields; reference-check.ts
// makes sure every one stays assignable to the reference.
import type { Id } from "../../http/json.js";
import type { Schema } from "./schemas.js";

export type { Id };

/** `status` of every recording and project. */
export type Status = "active" | "archived" | "trashed";

/** The 11 colours Basecamp offers for to-do groups and card table columns. */
export type Color = "white" | "red" | "orange" | "yellow" | "green" | "blue" | "aqua" | "purple" | "gray" | "pink" | "brown";

export interface CompanyRef extends Schema<"PersonCompany"> {
  id: Id;
  name: string;
}

/** Reference `Person`, with the fields every real person (not a tombstone or chatbot) has made required. */
export interface Person extends Schema<"Person"> {
  id: Id;
  attachable_sgid: string;
  name: string;
  email_address: string;
  /** "User", "DummyUser", "Tombstone" (a former user) … */
  personable_type: string;
  /** Not in the reference's Person, but sent; null when the profile has none. */
  title: string | null;
  /** "" when the profile has none (a plain string in the reference, as on the wire). */
  bio: string;
  /** "" when the profile has none. */
  location: string;
  created_at: string;
  updated_at: string;
  admin: boolean;
  owner: boolean;
  client: boolean;
  employee: boolean;
  time_zone: string;
  avatar_url: string;
  company?: CompanyRef;
  can_ping: boolean;
  can_manage_projects: boolean;
  can_manage_people: boolean;
  can_access_timesheet: boolean;
  can_access_hill_charts: boolean;
  out_of_office?: { start_date: string; end_date: string } | null;
}

/** The project a recording lives in. */
export interface BucketRef extends Schema<"RecordingBucket"> {
  id: Id;
  name: string;
  type: "Project" | string;
}

/** The recording a recording belongs to (a to-do's list, a comment's subject). */
export interface ParentRef extends Schema<"RecordingParent"> {
  id: Id;
  title: string;
  type: string;
  url: string;
  app_url: string;
}

/**
 * Fields every recording carries (reference §3, "Recording base"; schema `Recording`). The
 * reference's optional fields of some types only (`content`, `subject`, `bubble_up_url`, the
 * rich-text `content_attachments` / `description_attachments` …) come with it; each record
 * type below makes its own required.
 */
export interface Recording extends Schema<"Recording"> {
  id: Id;
  status: Status;
  visible_to_clients: boolean;
  created_at: string;
  updated_at: string;
  title: string;
  inherits_status: boolean;
  /** "Todo", "Message", "Kanban::Card", "Chat::Lines::Text" … */
  type: string;
  /** API URL (legacy bucket form), e.g. …/buckets/1/todos/2.json. */
  url: string;
  /** Web URL, e.g. https://3.basecamp.com/1/buckets/1/todos/2. */
  app_url: string;
  bookmark_url: string;
  subscription_url?: string;
  comments_count?: number;
  comments_url?: string;
  boosts_count?: number;
  boosts_url?: string;
  position?: number;
  parent?: ParentRef;
  bucket: BucketRef;
  creator: Person;
}

/** Options every call takes: an AbortSignal to cancel it. */
export interface Signal {
  signal?: AbortSignal;
}

/** Options of a list call: cancel it, or stop after `maxItems`. */
export interface PageOptions extends Signal {
  maxItems?: number;
}

/** Lists that filter by status (default active). */
export interface StatusListOptions extends PageOptions {
  status?: Status;
}

/** Lists ordered by `sort` and `direction`. */
export interface SortOptions {
  sort?: "created_at" | "updated_at";
  direction?: "desc" | "asc";
}
