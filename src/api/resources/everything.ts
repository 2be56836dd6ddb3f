// Account-wide views across every project: to-dos and cards by state, and all of a kind.
import { operationResource } from "../operation.js";

export class Everything extends operationResource({
  openTodos: "GetEverythingOpenTodos",
  overdueTodos: "GetEverythingOverdueTodos",
  completedTodos: "GetEverythingCompletedTodos",
  unassignedTodos: "GetEverythingUnassignedTodos",
  todosWithoutDueDate: "GetEverythingNoDueDateTodos",
  openCards: "GetEverythingOpenCards",
  overdueCards: "GetEverythingOverdueCards",
  completedCards: "GetEverythingCompletedCards",
  unassignedCards: "GetEverythingUnassignedCards",
  cardsWithoutDueDate: "GetEverythingNoDueDateCards",
  notNowCards: "GetEverythingNotNowCards",
  messages: "GetEverythingMessages",
  comments: "GetEverythingComments",
  files: "GetEverythingFiles",
  checkins: "GetEverythingCheckins",
  forwards: "GetEverythingForwards",
}) {}
