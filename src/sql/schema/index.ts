// The replica's tables: the single source of names, columns, metadata, row extraction and
// DDL. Every user-facing table T is a physical table bc_T behind a view T; Recordings is a
// view only.
import { Assignments, Events, People, Projects, ProjectTools, ToDoAssignees, Webhooks } from "./tables-core.js";
import { CalendarEvents, Comments, Documents, MessageBoards, Messages, Schedules, Uploads, Vaults } from "./tables-content.js";
import { ToDoListGroups, ToDoLists, ToDos, ToDoSets } from "./tables-todos.js";
import { CampfireLines, Campfires, CardTableCards, CardTableColumns, CardTables, CardTableSteps, QuestionAnswers, Questions, Recordings } from "./tables-tools.js";
import { ClientApprovals, ClientCorrespondences, InboxForwards, LineupMarkers, Templates } from "./tables-shared.js";
import { Boosts, GaugeNeedles, Gauges, HillCharts, TimesheetEntries } from "./tables-tracking.js";


export * from "./types.js";
export { TABLES, tableByName, syncableTables, tablesOf } from "./registry.js";
export { assigneeIdsOf } from "./tables-todos.js";
export { createSchema, setPgSchemaCreator, physicalName, PENDING_EVENTS_TABLE, SYNC_STATE_TABLE } from "./ddl.js";
export { upsertRecords, upsertRows, deleteRecord, replaceAssignees, type UpsertResult } from "./upsert.js";

export {
  Assignments,
  Boosts,
  ClientApprovals,
  ClientCorrespondences,
  GaugeNeedles,
  Gauges,
  HillCharts,
  InboxForwards,
  LineupMarkers,
  Templates,
  TimesheetEntries,
  CalendarEvents,
  CampfireLines,
  Campfires,
  CardTableCards,
  CardTableColumns,
  CardTables,
  CardTableSteps,
  Comments,
  Documents,
  Events,
  MessageBoards,
  Messages,
  People,
  Projects,
  ProjectTools,
  QuestionAnswers,
  Questions,
  Recordings,
  Schedules,
  ToDoAssignees,
  ToDoListGroups,
  ToDoLists,
  ToDos,
  ToDoSets,
  Uploads,
  Vaults,
  Webhooks,
};
