// Account-wide reports: progress, upcoming schedule, assignments, overdue work.
import { operationResource } from "../operation.js";

export class Reports extends operationResource({
  /** Latest activity across projects. */
  progress: "GetProgressReport",
  /** One person's activity. */
  personProgress: "GetPersonProgress",
  /** What is coming up (`query: { window_starts_on, window_ends_on }`). */
  upcoming: "GetUpcomingSchedule",
  /** People who have assignments. */
  assignable: "ListAssignablePeople",
  /** One person's assigned to-dos (`query: { group_by: "bucket" | "date" }`). */
  assigned: "GetAssignedTodos",
  overdue: "GetOverdueTodos",
}) {}
