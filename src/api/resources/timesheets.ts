// Timesheets: hours logged against recordings, and the account-wide report.
import { operationResource } from "../operation.js";

export class Timesheets extends operationResource({
  /** Entries of one project (`query: { from, to, person_id }`). */
  forProject: "GetProjectTimesheet",
  /** Entries logged against one recording (a to-do, a card …). */
  forRecording: "GetRecordingTimesheet",
  /** Every entry of the account in a period (`query: { from, to, person_id }`). */
  report: "GetTimesheetReport",
  get: "GetTimesheetEntry",
  /** Log time: `create(todoId, { date: "2026-12-01", hours: "1.5", description })`. */
  create: "CreateTimesheetEntry",
  update: "UpdateTimesheetEntry",
  delete: "DestroyTimesheetEntry",
}) {}
