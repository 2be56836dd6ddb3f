// Calendars (a project's schedule tool under its newer name).
import { operationResource } from "../operation.js";

export class Calendars extends operationResource({
  get: "GetCalendar",
  update: "UpdateCalendar",
}) {}
