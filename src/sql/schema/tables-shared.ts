// What a project shares and receives (email forwards, the Clientside), and the account's
// templates and Lineup markers.
import { APP_URL, col, CREATED_AT, CREATOR_ID, ID, id, idOfObj, json, num, parentId, RAW, RECORDING_HEAD, recordingHead, STATUS, str, UPDATED_AT, type Json, type Row, type RowContext, type TableDef } from "./types.js";

export const InboxForwards: TableDef = {
  name: "InboxForwards",
  description: "Emails forwarded into each project's inbox: dock inbox → GET /inboxes/{id}/inbox_forwards.json, each read replacing that inbox's rows.",
  source: "list",
  list: { path: "/inboxes/{toolId}/inbox_forwards.json", per: "dock", dockName: "inbox", parentColumn: "InboxId" },
  indexes: ["ProjectId", "InboxId"],
  recording: { type: "'Inbox::Forward'", title: "Subject", parentId: "InboxId" },
  columns: [
    ...RECORDING_HEAD,
    col("InboxId", "INTEGER", "The project's inbox (email forwards tool)."),
    col("Subject", "TEXT", "The email's subject."),
    col("Content", "TEXT", "The email (rich text HTML)."),
    col("FromAddress", "TEXT", "Who sent the original email."),
    col("RepliesCount", "INTEGER", "Number of replies."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    InboxId: parentId(r) ?? ctx.parentId ?? null,
    Subject: str(r.subject),
    Content: str(r.content),
    FromAddress: str(r.from),
    RepliesCount: num(r.replies_count),
  }),
};

/** The columns the Clientside's approvals and correspondences share. */
const THREAD = [
  col("BoardId", "INTEGER", "The project's Clientside board."),
  col("Subject", "TEXT", "Subject."),
  col("Content", "TEXT", "Body (rich text HTML)."),
  col("RepliesCount", "INTEGER", "Number of replies."),
];

function threadRow(r: Json, ctx: RowContext): Row {
  return { ...recordingHead(r, ctx), BoardId: parentId(r), Subject: str(r.subject), Content: str(r.content), RepliesCount: num(r.replies_count) };
}

export const ClientApprovals: TableDef = {
  name: "ClientApprovals",
  description: "Approvals asked of clients on each project's Clientside: GET /buckets/{id}/client/approvals.json per project in scope, each read replacing that project's rows.",
  source: "list",
  list: { path: "/buckets/{projectId}/client/approvals.json", per: "project", parentColumn: "ProjectId" },
  indexes: ["ProjectId"],
  recording: { type: "'Client::Approval'", title: "Subject", parentId: "BoardId" },
  columns: [
    ...RECORDING_HEAD,
    ...THREAD,
    col("DueOn", "TEXT", "When an answer is due (YYYY-MM-DD)."),
    col("ApprovalStatus", "TEXT", "pending, approved or rejected."),
    col("ApproverId", "INTEGER", "The person asked to approve."),
    RAW,
  ],
  toRow: (r, ctx) => ({ ...threadRow(r, ctx), DueOn: str(r.due_on), ApprovalStatus: str(r.approval_status), ApproverId: idOfObj(r.approver) }),
};

export const ClientCorrespondences: TableDef = {
  name: "ClientCorrespondences",
  description: "Messages to clients on each project's Clientside: GET /buckets/{id}/client/correspondences.json per project in scope, each read replacing that project's rows.",
  source: "list",
  list: { path: "/buckets/{projectId}/client/correspondences.json", per: "project", parentColumn: "ProjectId" },
  indexes: ["ProjectId"],
  recording: { type: "'Client::Correspondence'", title: "Subject", parentId: "BoardId" },
  columns: [...RECORDING_HEAD, ...THREAD, RAW],
  toRow: threadRow,
};

export const Templates: TableDef = {
  name: "Templates",
  description: "Project templates of every status: GET /templates.json with status active, archived and trashed, replacing the table.",
  source: "list",
  list: { path: "/templates.json", per: "account", statuses: ["active", "archived", "trashed"] },
  columns: [
    ID,
    STATUS,
    CREATED_AT,
    UPDATED_AT,
    col("Name", "TEXT", "Template name."),
    col("Description", "TEXT", "Template description."),
    col("Dock", "TEXT", "The tools a project made from it gets (JSON array of {name, title, enabled, position})."),
    APP_URL,
    RAW,
  ],
  toRow: (r) => ({
    Id: id(r.id),
    Status: str(r.status),
    CreatedAt: str(r.created_at),
    UpdatedAt: str(r.updated_at),
    Name: str(r.name),
    Description: str(r.description),
    Dock: Array.isArray(r.dock) ? json((r.dock as Json[]).map((d) => ({ name: d.name, title: d.title, enabled: d.enabled, position: d.position }))) : null,
    AppUrl: str(r.app_url),
    Raw: json(r),
  }),
};

export const LineupMarkers: TableDef = {
  name: "LineupMarkers",
  description: "Named dates on the account's Lineup: GET /lineup/markers.json, replacing the table.",
  source: "list",
  list: { path: "/lineup/markers.json", per: "account" },
  columns: [ID, col("Name", "TEXT", "The marker's name."), col("Date", "TEXT", "Its date (YYYY-MM-DD)."), CREATED_AT, UPDATED_AT, { ...CREATOR_ID, description: "Who made it (when the API says)." }, RAW],
  toRow: (r) => ({ Id: id(r.id), Name: str(r.name), Date: str(r.date), CreatedAt: str(r.created_at), UpdatedAt: str(r.updated_at), CreatorId: idOfObj(r.creator), Raw: json(r) }),
};
