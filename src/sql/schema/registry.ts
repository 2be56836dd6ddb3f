// The table registry: every table in a stable order, and lookup by name.
import { Assignments, Events, People, Projects, ProjectTools, ToDoAssignees, Webhooks } from "./tables-core.js";
import { CalendarEvents, Comments, Documents, MessageBoards, Messages, Schedules, Uploads, Vaults } from "./tables-content.js";
import { ToDoListGroups, ToDoLists, ToDos, ToDoSets } from "./tables-todos.js";
import { CampfireLines, Campfires, CardTableCards, CardTableColumns, CardTables, CardTableSteps, QuestionAnswers, Questions, Recordings } from "./tables-tools.js";
import { ClientApprovals, ClientCorrespondences, InboxForwards, LineupMarkers, Templates } from "./tables-shared.js";
import { Boosts, GaugeNeedles, Gauges, HillCharts, TimesheetEntries } from "./tables-tracking.js";
import type { TableDef } from "./types.js";
import { BC2_TABLES } from "../bc2/tables.js";
import { replicaSchema, type Db } from "../replica.js";


/** Every table, in a stable order (the order sys_tables lists them). */
export const TABLES: readonly TableDef[] = [
  Projects,
  People,
  ProjectTools,
  ToDoSets,
  ToDoLists,
  ToDoListGroups,
  ToDos,
  ToDoAssignees,
  MessageBoards,
  Messages,
  Comments,
  Documents,
  Vaults,
  Uploads,
  Schedules,
  CalendarEvents,
  CardTables,
  CardTableColumns,
  CardTableCards,
  CardTableSteps,
  Campfires,
  CampfireLines,
  Questions,
  QuestionAnswers,
  TimesheetEntries,
  GaugeNeedles,
  Gauges,
  HillCharts,
  InboxForwards,
  ClientApprovals,
  ClientCorrespondences,
  Boosts,
  Templates,
  LineupMarkers,
  Events,
  Recordings,
  Assignments,
  Webhooks,
];

const byLower = new Map(TABLES.map((t) => [t.name.toLowerCase(), t]));

const bc2ByLower = new Map(BC2_TABLES.map((t) => [t.name.toLowerCase(), t]));

/** A table by name, any case ("todos", "ToDos", "bc_ToDos"); undefined when unknown. With a replica, among its tables (Basecamp 2's on a V2 replica). */
export function tableByName(name: string, db?: Db): TableDef | undefined {
  const n = name.trim().replace(/^\[|\]$|^"|"$/g, "").toLowerCase();
  const map = db && replicaSchema(db) === "V2" ? bc2ByLower : byLower;
  return map.get(n) ?? map.get(n.replace(/^bc_/, ""));
}

/** Every table of a replica (Basecamp 4's, or Basecamp 2's on a V2 replica); without one, Basecamp 4's. */
export function tablesOf(db?: Db): readonly TableDef[] {
  return db && replicaSchema(db) === "V2" ? BC2_TABLES : TABLES;
}

/** Tables that hold synced rows (everything but the Recordings view and the link table). */
export function syncableTables(db?: Db): TableDef[] {
  return tablesOf(db).filter((t) => t.source !== "view" && t.source !== "link");
}

