// Time and progress: timesheet entries, boosts, gauges and their needles, hill charts.
import { APP_URL, bucketOfUrl, col, CREATED_AT, CREATOR_ID, decimal, ID, id, idOfObj, json, num, objField, parentId, parentType, PROJECT_ID, RAW, RECORDING_HEAD, recordingHead, STATUS, str, bool, UPDATED_AT, type TableDef } from "./types.js";

export const TimesheetEntries: TableDef = {
  name: "TimesheetEntries",
  description:
    "Time logged on to-dos, messages, cards, documents, uploads and schedule entries: GET /projects/{id}/timesheet.json for each project in scope, each read replacing that project's rows (deleted entries disappear).",
  source: "list",
  list: { path: "/projects/{projectId}/timesheet.json", per: "project", parentColumn: "ProjectId" },
  writable: true,
  indexes: ["ProjectId", "RecordingId", "PersonId", "Date"],
  recording: { type: "'Timesheet::Entry'", title: "Description", parentId: "RecordingId" },
  columns: [
    ...RECORDING_HEAD,
    col("RecordingId", "INTEGER", "What the time was logged on (a to-do, message, card …). Required on INSERT.", { writable: true }),
    col("RecordingType", "TEXT", "Its type (Todo, Message, Kanban::Card, …)."),
    col("PersonId", "INTEGER", "Whose time it is (default: you).", { writable: true }),
    col("PersonName", "TEXT", "Their name."),
    col("Date", "TEXT", "The day worked (YYYY-MM-DD). Required on INSERT.", { writable: true }),
    col("Hours", "REAL", "Hours logged (1.5; on INSERT also '1:30'). Required on INSERT.", { writable: true }),
    col("Description", "TEXT", "What was done.", { writable: true }),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    RecordingId: parentId(r) ?? ctx.parentId ?? null,
    RecordingType: parentType(r),
    PersonId: idOfObj(r.person),
    PersonName: str(objField(r.person, "name")),
    Date: str(r.date),
    Hours: decimal(r.hours),
    Description: str(r.description),
  }),
};

/** Recording tables whose records carry boosts_count (what Basecamp lets people boost). */
const BOOSTABLE = ["ToDoLists", "ToDos", "Messages", "Documents", "Uploads", "CalendarEvents", "CardTableCards", "QuestionAnswers", "Comments", "CampfireLines", "GaugeNeedles"];

export const Boosts: TableDef = {
  name: "Boosts",
  description:
    "Boosts on recordings and on their events: GET /recordings/{id}/boosts.json (and …/events/{id}/boosts.json), read only for recordings and events whose boosts_count differs from the rows here, so a sync costs nothing when no count changed. A boost shows once its recording (or event) is read again with the new count.",
  source: "boosts",
  counted: { tables: BOOSTABLE, countField: "boosts_count", events: true, path: "/recordings/{recordingId}/boosts.json", eventPath: "/recordings/{recordingId}/events/{eventId}/boosts.json" },
  writable: true,
  indexes: ["RecordingId", "ProjectId", "CreatorId"],
  columns: [
    ID,
    PROJECT_ID,
    col("RecordingId", "INTEGER", "The boosted recording. Required on INSERT.", { writable: true }),
    col("RecordingType", "TEXT", "Its type (Todo, Message, …)."),
    col("EventId", "INTEGER", "The event boosted (a completion, a move …); NULL for a boost on the recording itself."),
    col("Content", "TEXT", "The boost (up to 16 characters, often an emoji). Required on INSERT.", { writable: true }),
    CREATED_AT,
    { ...CREATOR_ID, description: "Who boosted." },
    col("CreatorName", "TEXT", "Their name."),
    RAW,
  ],
  toRow: (r, ctx) => {
    const rec = r.recording;
    return {
      Id: id(r.id),
      ProjectId: idOfObj(objField(rec, "bucket")) ?? bucketOfUrl(objField(rec, "url")) ?? ctx.projectId ?? null,
      RecordingId: idOfObj(rec) ?? ctx.parentId ?? null,
      RecordingType: str(objField(rec, "type")),
      EventId: ctx.eventId ?? null,
      Content: str(r.content),
      CreatedAt: str(r.created_at),
      CreatorId: idOfObj(r.booster),
      CreatorName: str(objField(r.booster, "name")),
      Raw: json(r),
    };
  },
};

export const GaugeNeedles: TableDef = {
  name: "GaugeNeedles",
  description: "Progress updates on each project's gauge (position 0–100 and colour): GET /projects/{id}/gauge/needles.json per project in scope, each read replacing that project's rows.",
  source: "list",
  list: { path: "/projects/{projectId}/gauge/needles.json", per: "project", parentColumn: "ProjectId" },
  indexes: ["ProjectId", "GaugeId"],
  recording: { type: "'Gauge::Needle'", title: "Description", parentId: "GaugeId" },
  columns: [
    ...RECORDING_HEAD,
    col("GaugeId", "INTEGER", "The project's gauge (Gauges.Id)."),
    col("Position", "INTEGER", "How far along: 0 to 100."),
    col("Color", "TEXT", "green, yellow or red."),
    col("Description", "TEXT", "The note that came with it (rich text HTML)."),
    col("CommentsCount", "INTEGER", "Number of comments."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    GaugeId: parentId(r),
    Position: num(r.position),
    Color: str(r.color),
    Description: str(r.description),
    CommentsCount: num(r.comments_count ?? r.comment_count),
  }),
};

export const Gauges: TableDef = {
  name: "Gauges",
  description: "Each project's gauge with its latest needle (enabled gauges with at least one needle, active projects): GET /reports/gauges.json, one paged list replacing the table.",
  source: "list",
  list: { path: "/reports/gauges.json", per: "account" },
  indexes: ["ProjectId"],
  columns: [
    { ...ID, description: "The gauge's ID (GaugeNeedles.GaugeId)." },
    PROJECT_ID,
    STATUS,
    CREATED_AT,
    UPDATED_AT,
    APP_URL,
    col("Enabled", "INTEGER", "1 when the gauge is on."),
    col("LastNeedlePosition", "INTEGER", "Position of the latest needle (0–100)."),
    col("LastNeedleColor", "TEXT", "Colour of the latest needle."),
    col("PreviousNeedlePosition", "INTEGER", "Position of the needle before it."),
    col("Description", "TEXT", "The latest needle's note."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    Id: id(r.id),
    ProjectId: idOfObj(r.bucket) ?? ctx.projectId ?? null,
    Status: str(r.status),
    CreatedAt: str(r.created_at),
    UpdatedAt: str(r.updated_at),
    AppUrl: str(r.app_url),
    Enabled: bool(r.enabled),
    LastNeedlePosition: num(r.last_needle_position),
    LastNeedleColor: str(r.last_needle_color),
    PreviousNeedlePosition: num(r.previous_needle_position),
    Description: str(r.description),
    Raw: json(r),
  }),
};

export const HillCharts: TableDef = {
  name: "HillCharts",
  description: "The to-do lists tracked on each to-do set's hill chart, one row per list (its dot): dock todoset → GET /todosets/{id}/hill.json, each read replacing that to-do set's rows.",
  source: "list",
  list: { path: "/todosets/{toolId}/hill.json", per: "dock", dockName: "todoset", parentColumn: "ToDoSetId", items: (a) => (Array.isArray(a.dots) ? (a.dots as Array<Record<string, unknown>>).map((d) => ({ ...d, hill: { updated_at: a.updated_at, stale: a.stale } })) : []) },
  indexes: ["ProjectId", "ToDoSetId"],
  columns: [
    { ...ID, description: "The tracked to-do list (ToDoLists.Id)." },
    PROJECT_ID,
    col("ToDoSetId", "INTEGER", "The to-do set whose hill chart it is on."),
    col("Label", "TEXT", "The dot's label (the list's name)."),
    col("Color", "TEXT", "The dot's colour."),
    col("Position", "INTEGER", "Where the dot sits on the hill (0–100: uphill to 50, then downhill)."),
    col("ChartUpdatedAt", "TEXT", "When the hill chart last changed (ISO 8601)."),
    APP_URL,
    RAW,
  ],
  toRow: (r, ctx) => {
    const { hill, ...dot } = r;
    return {
      Id: id(r.id),
      ProjectId: ctx.projectId ?? null,
      ToDoSetId: ctx.parentId ?? null,
      Label: str(r.label),
      Color: str(r.color),
      Position: num(r.position),
      ChartUpdatedAt: str(objField(hill, "updated_at")),
      AppUrl: str(r.app_url),
      Raw: json(dot),
    };
  },
};
