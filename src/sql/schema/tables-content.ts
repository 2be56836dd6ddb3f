// Messages, comments, docs & files, schedules.
import { bool, col, idList, idOfObj, num, parentId, parentType, RAW, RECORDING_HEAD, recordingHead, str, type TableDef } from "./types.js";

export const MessageBoards: TableDef = {
  name: "MessageBoards",
  description: "The message board of each project: dock message_board → GET /message_boards/{id}.json.",
  source: "dock",
  dockName: "message_board",
  indexes: ["ProjectId"],
  recording: { type: "'Message::Board'", title: "Title", parentId: "NULL" },
  columns: [...RECORDING_HEAD, col("Title", "TEXT", "Board title."), col("MessagesCount", "INTEGER", "Number of messages."), RAW],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), Title: str(r.title), MessagesCount: num(r.messages_count) }),
};

export const Messages: TableDef = {
  name: "Messages",
  description: "Messages on message boards (recordings of type Message), all statuses.",
  source: "recordings",
  recordingType: "Message",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "MessageBoardId"],
  recording: { type: "'Message'", title: "Subject", parentId: "MessageBoardId" },
  columns: [
    ...RECORDING_HEAD,
    col("MessageBoardId", "INTEGER", "The board it is on. Required on INSERT.", { writable: true }),
    col("Subject", "TEXT", "Subject line.", { writable: true }),
    col("Content", "TEXT", "Body (rich text HTML).", { writable: true }),
    col("CategoryId", "INTEGER", "Message type (category) ID.", { writable: true }),
    col("CommentsCount", "INTEGER", "Number of comments."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    MessageBoardId: parentId(r),
    Subject: str(r.subject ?? r.title),
    Content: str(r.content),
    CategoryId: idOfObj(r.category),
    CommentsCount: num(r.comments_count),
  }),
};

export const Comments: TableDef = {
  name: "Comments",
  description: "Comments on any recording (recordings of type Comment), all statuses.",
  source: "recordings",
  recordingType: "Comment",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "ParentId"],
  recording: { type: "'Comment'", title: "Content", parentId: "ParentId" },
  columns: [
    ...RECORDING_HEAD,
    col("ParentId", "INTEGER", "The recording commented on. Required on INSERT.", { writable: true }),
    col("ParentType", "TEXT", "Its type (Todo, Message, Document, …)."),
    col("Content", "TEXT", "Comment (rich text HTML).", { writable: true }),
    RAW,
  ],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), ParentId: parentId(r), ParentType: parentType(r), Content: str(r.content) }),
};

export const Documents: TableDef = {
  name: "Documents",
  description: "Documents in Docs & Files (recordings of type Document), all statuses.",
  source: "recordings",
  recordingType: "Document",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "VaultId"],
  recording: { type: "'Document'", title: "Title", parentId: "VaultId" },
  columns: [
    ...RECORDING_HEAD,
    col("VaultId", "INTEGER", "The folder (vault) it is in. Required on INSERT.", { writable: true }),
    col("Title", "TEXT", "Title.", { writable: true }),
    col("Content", "TEXT", "Body (rich text HTML).", { writable: true }),
    col("CommentsCount", "INTEGER", "Number of comments."),
    RAW,
  ],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), VaultId: parentId(r), Title: str(r.title), Content: str(r.content), CommentsCount: num(r.comments_count) }),
};

export const Vaults: TableDef = {
  name: "Vaults",
  description: "Folders of Docs & Files (recordings of type Vault), all statuses; the dock's root vault has no parent.",
  source: "recordings",
  recordingType: "Vault",
  indexes: ["ProjectId", "UpdatedAt", "ParentVaultId"],
  recording: { type: "'Vault'", title: "Title", parentId: "ParentVaultId" },
  columns: [
    ...RECORDING_HEAD,
    col("ParentVaultId", "INTEGER", "Enclosing folder (null for the dock root)."),
    col("Title", "TEXT", "Folder name."),
    col("DocumentsCount", "INTEGER", "Number of documents."),
    col("UploadsCount", "INTEGER", "Number of uploads."),
    col("VaultsCount", "INTEGER", "Number of subfolders."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    ParentVaultId: parentId(r),
    Title: str(r.title),
    DocumentsCount: num(r.documents_count),
    UploadsCount: num(r.uploads_count),
    VaultsCount: num(r.vaults_count),
  }),
};

export const Uploads: TableDef = {
  name: "Uploads",
  description: "Uploaded files (recordings of type Upload), all statuses.",
  source: "recordings",
  recordingType: "Upload",
  indexes: ["ProjectId", "UpdatedAt", "VaultId"],
  recording: { type: "'Upload'", title: "Filename", parentId: "VaultId" },
  columns: [
    ...RECORDING_HEAD,
    col("VaultId", "INTEGER", "The folder it is in."),
    col("Filename", "TEXT", "File name."),
    col("ContentType", "TEXT", "MIME type."),
    col("ByteSize", "INTEGER", "Size in bytes."),
    col("Description", "TEXT", "Notes (rich text HTML)."),
    col("DownloadUrl", "TEXT", "Download URL (needs the token)."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    VaultId: parentId(r),
    Filename: str(r.filename ?? r.title),
    ContentType: str(r.content_type),
    ByteSize: num(r.byte_size),
    Description: str(r.description),
    DownloadUrl: str(r.download_url),
  }),
};

export const Schedules: TableDef = {
  name: "Schedules",
  description: "The schedule of each project: dock schedule → GET /schedules/{id}.json.",
  source: "dock",
  dockName: "schedule",
  indexes: ["ProjectId"],
  recording: { type: "'Schedule'", title: "Title", parentId: "NULL" },
  columns: [...RECORDING_HEAD, col("Title", "TEXT", "Schedule title."), col("EntriesCount", "INTEGER", "Number of entries."), RAW],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), Title: str(r.title), EntriesCount: num(r.entries_count) }),
};

export const CalendarEvents: TableDef = {
  name: "CalendarEvents",
  description: "Schedule entries (recordings of type Schedule::Entry), all statuses.",
  source: "recordings",
  recordingType: "Schedule::Entry",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "ScheduleId"],
  recording: { type: "'Schedule::Entry'", title: "Summary", parentId: "ScheduleId" },
  columns: [
    ...RECORDING_HEAD,
    col("ScheduleId", "INTEGER", "The schedule it is on. Required on INSERT.", { writable: true }),
    col("Summary", "TEXT", "What it is.", { writable: true }),
    col("Description", "TEXT", "Details (rich text HTML).", { writable: true }),
    col("StartsAt", "TEXT", "Start (ISO 8601).", { writable: true }),
    col("EndsAt", "TEXT", "End (ISO 8601).", { writable: true }),
    col("AllDay", "INTEGER", "1 for all-day events.", { writable: true }),
    col("ParticipantIds", "TEXT", "People taking part (JSON array of IDs).", { writable: true }),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    ScheduleId: parentId(r),
    Summary: str(r.summary ?? r.title),
    Description: str(r.description),
    StartsAt: str(r.starts_at),
    EndsAt: str(r.ends_at),
    AllDay: bool(r.all_day),
    ParticipantIds: idList(r.participants ?? []),
  }),
};

