// Basecamp 2's tools: every endpoint of BC2_ENDPOINTS, with its query and body read from the
// client's types at build time (generated/bc2-tool-inputs.ts), grouped as the docs' sections
// are. The upload of a file's bytes (CreateAttachment) is left out: a tool's arguments are JSON.
import { BC2_CATALOG } from "../api/bc2/catalog.js";
import { BC2_ENDPOINTS, type Bc2OperationId } from "../api/bc2/operations.js";
import { BC2_TOOL_INPUTS } from "../api/generated/bc2-tool-inputs.js";
import { operationTool, type OperationTool } from "./tools.js";

/** Each endpoint's domain (the docs' section); the compiler checks every endpoint has one. */
const DOMAINS = {
  projects: ["ListProjects", "ListArchivedProjects", "ListDraftProjects", "GetProject", "CreateProject", "UpdateProject", "DeleteProject", "PublishProject", "StarProject", "UnstarProject", "ListStars"],
  "project-templates": ["ListProjectTemplates", "CreateProjectTemplate", "CreateProjectFromTemplate"],
  people: ["ListPeople", "ListTrashedPeople", "GetPerson", "GetMe", "DeletePerson", "ListPersonProjects", "ListPersonEvents", "ListPersonAssignedTodos", "ListProjectAccesses", "GrantProjectAccess", "GrantClientAccess", "RevokeProjectAccess", "ListCalendarAccesses"],
  groups: ["ListGroups", "GetGroup", "CreateGroup", "UpdateGroup", "DeleteGroup", "RemoveGroupMember", "GetSubgroup", "CreateSubgroup", "UpdateSubgroup", "DeleteSubgroup", "RemoveSubgroupMember"],
  todolists: ["ListAllTodolists", "ListAllCompletedTodolists", "ListAllTrashedTodolists", "ListTodolists", "ListCompletedTodolists", "ListTrashedTodolists", "GetTodolist", "CreateTodolist", "UpdateTodolist", "DeleteTodolist"],
  todos: ["ListTodos", "ListCompletedTodos", "ListRemainingTodos", "ListTodolistTodos", "ListTodolistCompletedTodos", "ListTodolistRemainingTodos", "ListTodolistTrashedTodos", "GetTodo", "CreateTodo", "UpdateTodo", "DeleteTodo"],
  messages: ["GetMessage", "CreateMessage", "UpdateMessage", "DeleteMessage", "ListAllTopics", "ListAllArchivedTopics", "ListTopics", "ListArchivedTopics", "ArchiveTopic", "ActivateTopic"],
  comments: ["CreateComment", "DeleteComment"],
  documents: ["ListAllDocuments", "ListDocuments", "GetDocument", "CreateDocument", "UpdateDocument", "DeleteDocument"],
  files: ["ListAllAttachments", "ListAttachments", "GetAttachment", "CreateAttachment", "UpdateAttachment", "DeleteAttachment", "GetUpload", "CreateUpload", "DeleteUpload"],
  tags: ["ListTaggedAttachments", "ListProjectTaggedAttachments", "TagAttachment", "UpdateAttachmentTag", "UntagAttachment", "RenameTag", "DeleteTag", "DeleteProjectTag"],
  schedules: ["ListCalendars", "GetCalendar", "CreateCalendar", "UpdateCalendar", "DeleteCalendar", "ListAllCalendarEvents", "ListCalendarEvents", "ListPastCalendarEvents", "GetCalendarEvent", "CreateCalendarEvent", "UpdateCalendarEvent", "ListProjectCalendarEvents", "ListProjectPastCalendarEvents", "GetProjectCalendarEvent", "CreateProjectCalendarEvent", "UpdateProjectCalendarEvent", "DeleteProjectCalendarEvent"],
  events: ["ListAllForwards", "ListForwards", "GetForward", "ListEvents", "ListProjectEvents"],
} as const satisfies Record<string, readonly Bc2OperationId[]>;

type Listed = (typeof DOMAINS)[keyof typeof DOMAINS][number];
// A compile error here names an endpoint of BC2_ENDPOINTS that no domain lists.
const everyEndpointListed: Record<Exclude<Bc2OperationId, Listed>, never> = {};
void everyEndpointListed;

/** Basecamp 2 endpoints that send a file's bytes, which no tool offers. */
export const BC2_UPLOADS: readonly string[] = ["CreateAttachment"];

export function bc2Tools(): OperationTool[] {
  const domainOf = new Map<string, string>(Object.entries(DOMAINS).flatMap(([d, ops]) => ops.map((op) => [op, d] as const)));
  return Object.keys(BC2_ENDPOINTS)
    .filter((op) => !BC2_UPLOADS.includes(op))
    .map((op) => {
      const s = BC2_CATALOG.spec(op)!;
      const input = BC2_TOOL_INPUTS[op] ?? { query: {}, requiredQuery: [] };
      return operationTool(
        {
          op,
          domain: domainOf.get(op)!,
          method: s.method,
          path: s.path,
          pathParams: s.pathParams,
          query: input.query,
          requiredQuery: input.requiredQuery,
          body: s.body === "json" ? input.body : undefined,
          bodyRequired: s.body === "json" && input.body !== undefined,
          list: s.method === "GET" && s.returns === "list",
          words: BC2_CATALOG.words,
        },
        BC2_CATALOG,
      );
    });
}
