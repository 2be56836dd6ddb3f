// Helpers the Basecamp 2 table definitions share: status from BC2's flags, the project of a
// record (its bucket, its URL, or the caller's context) and the common leading columns.
import { col, id, idOfObj, json, str, type Json, type Row, type RowContext } from "../schema/types.js";
import type { Id } from "../../http/json.js";

export const ID = col("Id", "INTEGER", "Basecamp 2 ID (exact 64-bit).");
export const PROJECT_ID = col("ProjectId", "INTEGER", "The project it belongs to. Filtering on it narrows the sync to that project.", { serverFilter: true });
export const STATUS = col("Status", "TEXT", "active, archived or trashed (from Basecamp 2's archived/trashed flags).");
export const CREATED_AT = col("CreatedAt", "TEXT", "When it was created (ISO 8601).");
export const UPDATED_AT = col("UpdatedAt", "TEXT", "When it last changed (ISO 8601).");
export const CREATOR_ID = col("CreatorId", "INTEGER", "Person who created it.");
export const APP_URL = col("AppUrl", "TEXT", "Where it opens in Basecamp 2's web app.");
export const PRIVATE = col("Private", "INTEGER", "1 when hidden from clients.");
export const RAW = col("Raw", "TEXT", "The whole record as the API returned it (JSON; use ->>).");

/** Id, ProjectId, Status, CreatedAt, UpdatedAt, CreatorId, AppUrl: the head of every BC2 record table. */
export const HEAD = [ID, PROJECT_ID, STATUS, CREATED_AT, UPDATED_AT, CREATOR_ID, APP_URL];

/** 'trashed', 'archived' or 'active' from a record's flags. */
export function bc2Status(r: Json): string {
  return r.trashed === true ? "trashed" : r.archived === true ? "archived" : "active";
}

/** The project of `…/projects/{id}/…` in a URL. */
export function projectOfUrl(v: unknown): Id | null {
  const m = typeof v === "string" ? /\/projects\/(\d+)(?:\/|\.json)/.exec(v) : null;
  return m ? id(m[1]) : null;
}

/** A record's project: its bucket (when a project), the caller's context, else its URL. */
export function projectOf(r: Json, ctx: RowContext): Id | null {
  const b = r.bucket as Json | undefined;
  if (b && typeof b === "object" && (b.type === undefined || b.type === "Project")) {
    const v = idOfObj(b);
    if (v !== null) return v;
  }
  return ctx.projectId ?? projectOfUrl(r.url);
}

/** Values of HEAD (+ Raw). */
export function head(r: Json, ctx: RowContext): Row {
  return {
    Id: id(r.id),
    ProjectId: projectOf(r, ctx),
    Status: bc2Status(r),
    CreatedAt: str(r.created_at),
    UpdatedAt: str(r.updated_at),
    CreatorId: idOfObj(r.creator),
    AppUrl: str(r.app_url),
    Private: r.private === undefined ? null : r.private ? 1 : 0,
    Raw: json(r),
  };
}
