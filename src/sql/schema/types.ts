// Shapes of a table definition, and the small helpers every definition uses to pull typed
// values out of the API's JSON. IDs stay exactly as parsed (number, or bigint above 2^53).
import { stringifyJsonExact, type Id } from "../../http/json.js";

export type SqlType = "INTEGER" | "TEXT" | "REAL";
export type Json = Record<string, unknown>;
export type SqlValue = string | number | bigint | null;
export type Row = Record<string, SqlValue>;

export interface ColumnDef {
  name: string;
  type: SqlType;
  description: string;
  /** Filtering on it is pushed to the server (narrows the sync), not only applied locally. */
  serverFilter: boolean;
  /** INSERT/UPDATE may set it; the writes helper sends it to Basecamp. */
  writable: boolean;
}

/** Where a table's records come from; the sync engine dispatches on it. */
export type SourceKind =
  | "projects"
  | "people"
  | "recordings"
  | "dock"
  | "campfires"
  | "campfire-lines"
  | "events"
  | "assignments"
  | "webhooks"
  | "link"
  | "list"
  | "boosts"
  | "view"
  /** A Basecamp 2 table: src/sql/bc2/sync.ts reads it. */
  | "bc2";

/**
 * A list read whole for each parent (the account, each project in scope, or each enabled dock
 * tool): every read replaces that parent's rows, so records removed in Basecamp disappear.
 */
export interface ListSpec {
  /** API path; `{projectId}` and `{toolId}` are filled in per parent. */
  path: string;
  per: "account" | "project" | "dock";
  /** per "dock": the dock tool name (inbox, todoset, …). */
  dockName?: string;
  /** Read once per `status` value (lists that take one). */
  statuses?: string[];
  /** The answer is one object holding the records (a hill chart's dots). */
  items?: (answer: Json) => Json[];
  /** The column holding the parent's ID (per "project": ProjectId); its rows are replaced by each read. */
  parentColumn?: string;
}

/** Children read per recording, only where the recording's count of them differs from the replica's rows. */
export interface CountedSpec {
  /** Tables whose rows (in the replica) may have children, and the count field of their JSON. */
  tables: string[];
  countField: string;
  /** Also children of events (Events rows) with the same count field. */
  events: boolean;
  /** `{recordingId}` / `{eventId}` are filled in. */
  path: string;
  eventPath: string;
}

/** What the caller knows about a record beyond its JSON (its project, its container). */
export interface RowContext {
  projectId?: Id | null;
  /** The container it was read from (campfire, card table, questionnaire; on Basecamp 2 the record a comment is on). */
  parentId?: Id | null;
  /** Basecamp 2 comments: the kind of record they are on (Todo, Message, Document, Upload, CalendarEvent). */
  parentType?: string | null;
  /** Assignments: whether it came from `priorities`. */
  priority?: boolean;
  /** Boosts: the event it was read from (boosts on an event). */
  eventId?: Id | null;
}

export interface TableDef {
  name: string;
  description: string;
  columns: ColumnDef[];
  source: SourceKind;
  /** Recordings tables: the `type` parameter of /projects/recordings.json. */
  recordingType?: string;
  /** Dock tables: the dock tool `name` (todoset, message_board, …). */
  dockName?: string;
  /** To-dos: the people assigned, kept in step in the ToDoAssignees link table with every row written. */
  assignees?: (record: Json) => Id[];
  /** A primary key of several columns instead of Id (a table of pairs, e.g. Basecamp 2's Accesses). */
  primaryKey?: string[];
  /** Columns to index besides the primary key. */
  indexes?: string[];
  /** Part of the Recordings view: SQL expressions for Type, Title and ParentId over bc_T. */
  recording?: { type: string; title: string; parentId: string };
  /** Extract one row (column name → value) from an API record; null skips the record. */
  toRow?: (record: Json, ctx: RowContext) => Row | null;
  /** Writable tables (INSERT/UPDATE/DELETE through the view). */
  writable?: boolean;
  /** source "list": what to read. */
  list?: ListSpec;
  /** source "boosts": which recordings' children to read. */
  counted?: CountedSpec;
}

export function col(name: string, type: SqlType, description: string, flags: { serverFilter?: boolean; writable?: boolean } = {}): ColumnDef {
  return { name, type, description, serverFilter: flags.serverFilter ?? false, writable: flags.writable ?? false };
}

/** An id as given (number | bigint), or null. Strings of digits become bigint. */
export function id(v: unknown): Id | null {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v);
  return null;
}

export function idOfObj(v: unknown): Id | null {
  return v && typeof v === "object" ? id((v as Json).id) : null;
}

export function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : typeof v === "object" ? stringifyJsonExact(v) : String(v);
}

export function num(v: unknown): number | bigint | null {
  return typeof v === "number" || typeof v === "bigint" ? v : null;
}

export function bool(v: unknown): number | null {
  return v === undefined || v === null ? null : v ? 1 : 0;
}

/** JSON array text of the ids of a list of people (or of ids), exact for 64-bit. */
export function idList(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  return stringifyJsonExact(v.map((x) => (x && typeof x === "object" ? (x as Json).id : x)));
}

// A bigint is written by the native writer as a marked string, then unquoted. The mark
// starts with a NUL and a per-process random nonce, so no record's text can forge one.
const BIG_NONCE = Math.random().toString(36).slice(2, 10);
const BIG_QUOTED = new RegExp(`"\\\\u0000${BIG_NONCE}:(-?\\d+)"`, "g");
const markBig = (_k: string, x: unknown) => (typeof x === "bigint" ? `\u0000${BIG_NONCE}:${x}` : x);

const isBig = (o: unknown, key: string) => typeof objField(o, key) === "bigint";
/** A bigint id in the places a record usually has one (so the plain attempt is not wasted). */
const bigIds = (v: unknown) => isBig(v, "id") || isBig(objField(v, "bucket"), "id") || isBig(objField(v, "creator"), "id") || isBig(objField(v, "parent"), "id");

/** JSON text of `v` (as stringifyJsonExact writes it, bigint exact), by the native writer. */
export function json(v: unknown): string | null {
  if (v === undefined) return null;
  if (!bigIds(v)) {
    try {
      return JSON.stringify(v);
    } catch {
      // a bigint elsewhere: marked below
    }
  }
  return JSON.stringify(v, markBig).replace(BIG_QUOTED, "$1");
}

export function objField(v: unknown, key: string): unknown {
  return v && typeof v === "object" ? (v as Json)[key] : undefined;
}

// ---- common column sets ----

export const ID = col("Id", "INTEGER", "Basecamp ID (exact 64-bit).");
export const PROJECT_ID = col("ProjectId", "INTEGER", "The project (bucket) it belongs to. Filtering on it narrows the sync to that project.", { serverFilter: true });
export const STATUS = col("Status", "TEXT", "active, archived or trashed.", { serverFilter: true });
export const CREATED_AT = col("CreatedAt", "TEXT", "When it was created (ISO 8601).");
export const UPDATED_AT = col("UpdatedAt", "TEXT", "When it last changed (ISO 8601).");
export const CREATOR_ID = col("CreatorId", "INTEGER", "Person who created it.");
export const APP_URL = col("AppUrl", "TEXT", "Where it opens in Basecamp's web app.");
export const RAW = col("Raw", "TEXT", "The whole record as the API returned it (JSON; use ->>).");

/** Columns every recording has, before its own. */
export const RECORDING_HEAD = [ID, PROJECT_ID, STATUS, CREATED_AT, UPDATED_AT, CREATOR_ID, APP_URL];

/** Values of RECORDING_HEAD (+ Raw) from a recording. */
export function recordingHead(r: Json, ctx: RowContext): Row {
  return {
    Id: id(r.id),
    ProjectId: idOfObj(r.bucket) ?? ctx.projectId ?? null,
    Status: str(r.status),
    CreatedAt: str(r.created_at),
    UpdatedAt: str(r.updated_at),
    CreatorId: idOfObj(r.creator),
    AppUrl: str(r.app_url),
    Raw: json(r),
  };
}

/** The project of a record that names it only in a URL (`…/buckets/{id}/…`). */
export function bucketOfUrl(v: unknown): Id | null {
  const m = typeof v === "string" ? /\/buckets\/(\d+)\//.exec(v) : null;
  return m ? id(m[1]) : null;
}

/** A decimal given as text ("1.5") or number, as a number. */
export function decimal(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function parentId(r: Json): Id | null {
  return idOfObj(r.parent);
}

export function parentType(r: Json): string | null {
  return str(objField(r.parent, "type"));
}
