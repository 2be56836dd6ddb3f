// Basecamp 2 tables of the account: Projects, People, Accesses, Groups, Stars, ProjectTemplates,
// Calendars, Events, Tags. Column names follow the Basecamp 4 tables where the concept is the same.
import { bool, col, id, idList, idOfObj, json, str, type TableDef } from "../schema/types.js";
import { APP_URL, CREATED_AT, CREATOR_ID, head, ID, PROJECT_ID, projectOf, RAW, STATUS, UPDATED_AT } from "./tables-shared.js";

export const Projects: TableDef = {
  name: "Projects",
  description: "Projects (GET /projects.json, /projects/archived.json and /projects/drafts.json); trashed ones disappear.",
  source: "bc2",
  indexes: ["UpdatedAt"],
  columns: [
    ID,
    STATUS,
    CREATED_AT,
    UPDATED_AT,
    APP_URL,
    col("Name", "TEXT", "Project name."),
    col("Description", "TEXT", "Project description."),
    col("ClientsEnabled", "INTEGER", "1 for a client project (is_client_project)."),
    col("Bookmarked", "INTEGER", "1 when starred by you (starred)."),
    col("Draft", "INTEGER", "1 for a draft made from a template, not yet published."),
    col("Color", "TEXT", "Project color (hex)."),
    col("LastEventAt", "TEXT", "When something last happened in it."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    Name: str(r.name),
    Description: str(r.description),
    ClientsEnabled: bool(r.is_client_project),
    Bookmarked: bool(r.starred),
    Draft: bool(r.draft),
    Color: str(r.color),
    LastEventAt: str(r.last_event_at),
  }),
};

const PERSON_COLUMNS = [
  col("Name", "TEXT", "Full name."),
  col("EmailAddress", "TEXT", "Email address."),
  col("Admin", "INTEGER", "1 for account admins."),
  col("IdentityId", "INTEGER", "Launchpad identity ID."),
  col("AvatarUrl", "TEXT", "Avatar image URL."),
];

export const People: TableDef = {
  name: "People",
  description: "People of the account (GET /people.json; removed people from /people/trashed.json with Status trashed).",
  source: "bc2",
  indexes: ["UpdatedAt"],
  columns: [ID, STATUS, CREATED_AT, UPDATED_AT, APP_URL, ...PERSON_COLUMNS, RAW],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    Name: str(r.name),
    EmailAddress: str(r.email_address),
    Admin: bool(r.admin),
    IdentityId: id(r.identity_id),
    AvatarUrl: str(r.avatar_url),
  }),
};

export const Accesses: TableDef = {
  name: "Accesses",
  description: "Who can see each project: one row per project and person (GET /projects/{id}/accesses.json).",
  source: "bc2",
  primaryKey: ["ProjectId", "PersonId"],
  indexes: ["PersonId"],
  columns: [
    col("ProjectId", "INTEGER", "The project.", { serverFilter: true }),
    col("PersonId", "INTEGER", "A person with access to it."),
    col("Name", "TEXT", "The person's name."),
    col("EmailAddress", "TEXT", "The person's email address."),
    col("Admin", "INTEGER", "1 for account admins."),
    RAW,
  ],
  toRow: (r, ctx) => ({ ProjectId: ctx.projectId ?? null, PersonId: id(r.id), Name: str(r.name), EmailAddress: str(r.email_address), Admin: bool(r.admin), Raw: json(r) }),
};

export const Groups: TableDef = {
  name: "Groups",
  description: "Companies and their subgroups (departments): GET /groups.json and each group's GET.",
  source: "bc2",
  indexes: ["ParentId"],
  columns: [
    ID,
    CREATED_AT,
    UPDATED_AT,
    col("Name", "TEXT", "Group name."),
    col("ParentId", "INTEGER", "The group a subgroup is in (null for a group)."),
    col("MemberIds", "TEXT", "Members (JSON array of person IDs)."),
    col("Url", "TEXT", "API URL."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    Id: id(r.id),
    CreatedAt: str(r.created_at),
    UpdatedAt: str(r.updated_at),
    Name: str(r.name),
    ParentId: ctx.parentId ?? null,
    MemberIds: Array.isArray(r.memberships) ? idList(r.memberships) : null,
    Url: str(r.url),
    Raw: json(r),
  }),
};

export const Stars: TableDef = {
  name: "Stars",
  description: "Projects you starred (GET /stars.json).",
  source: "bc2",
  primaryKey: ["ProjectId"],
  columns: [col("ProjectId", "INTEGER", "The starred project."), CREATED_AT, col("Url", "TEXT", "API URL of the star."), APP_URL, RAW],
  toRow: (r) => ({ ProjectId: id(r.project_id), CreatedAt: str(r.created_at), Url: str(r.url), AppUrl: str(r.app_url), Raw: json(r) }),
};

export const ProjectTemplates: TableDef = {
  name: "ProjectTemplates",
  description: "Project templates (GET /project_templates.json).",
  source: "bc2",
  columns: [ID, STATUS, UPDATED_AT, APP_URL, col("Name", "TEXT", "Template name."), col("Description", "TEXT", "Template description."), RAW],
  toRow: (r, ctx) => ({ ...head(r, ctx), Name: str(r.name), Description: str(r.description) }),
};

export const Calendars: TableDef = {
  name: "Calendars",
  description: "Account calendars, not a project's (GET /calendars.json).",
  source: "bc2",
  columns: [ID, CREATED_AT, UPDATED_AT, APP_URL, col("Name", "TEXT", "Calendar name."), col("Url", "TEXT", "API URL."), RAW],
  toRow: (r) => ({ Id: id(r.id), CreatedAt: str(r.created_at), UpdatedAt: str(r.updated_at), AppUrl: str(r.app_url), Name: str(r.name), Url: str(r.url), Raw: json(r) }),
};

export const Events: TableDef = {
  name: "Events",
  description: "The account's change feed (GET /events.json?since=): what changed, newest first.",
  source: "bc2",
  indexes: ["ProjectId", "RecordingId", "CreatedAt"],
  columns: [
    ID,
    PROJECT_ID,
    CREATED_AT,
    CREATOR_ID,
    col("RecordingId", "INTEGER", "The record the event is about (eventable id)."),
    col("RecordingType", "TEXT", "Its kind: Todo, Todolist, Message, Document, Upload, CalendarEvent, …"),
    col("Action", "TEXT", "What happened, as Basecamp 2 says it (created a to-do, commented on a message, …)."),
    col("Summary", "TEXT", "One-line summary."),
    col("Target", "TEXT", "Title of the record."),
    col("RecordingUrl", "TEXT", "API URL of the record."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    Id: id(r.id),
    ProjectId: projectOf(r, ctx),
    CreatedAt: str(r.created_at),
    CreatorId: idOfObj(r.creator),
    RecordingId: idOfObj(r.eventable),
    RecordingType: str((r.eventable as Record<string, unknown> | undefined)?.type),
    Action: str(r.action),
    Summary: str(r.summary),
    Target: str(r.target),
    RecordingUrl: str((r.eventable as Record<string, unknown> | undefined)?.url),
    Raw: json(r),
  }),
};

export const Tags: TableDef = {
  name: "Tags",
  description: "File tags (labels): one row per attachment and tag, from the attachments' tags.",
  source: "bc2",
  primaryKey: ["AttachmentId", "Name"],
  indexes: ["ProjectId", "Name"],
  columns: [col("AttachmentId", "INTEGER", "The tagged attachment."), col("Name", "TEXT", "The tag."), PROJECT_ID],
  toRow: (r, ctx) => ({ AttachmentId: id(r.attachmentId), Name: str(r.name), ProjectId: ctx.projectId ?? null }),
};

