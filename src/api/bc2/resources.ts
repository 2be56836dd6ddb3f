// Basecamp 2's families as tables: method name → endpoint name (src/api/bc2/operations.ts).
// Every method takes the endpoint's path IDs in order, then its body (if any), then options;
// lists come back as `for await` iterators over every page.
import { bc2Resource } from "./catalog.js";

export class Bc2Projects extends bc2Resource({
  list: "ListProjects",
  archived: "ListArchivedProjects",
  drafts: "ListDraftProjects",
  get: "GetProject",
  create: "CreateProject",
  update: "UpdateProject",
  delete: "DeleteProject",
  publish: "PublishProject",
  star: "StarProject",
  unstar: "UnstarProject",
  stars: "ListStars",
  accesses: "ListProjectAccesses",
  grantAccess: "GrantProjectAccess",
  grantClientAccess: "GrantClientAccess",
  revokeAccess: "RevokeProjectAccess",
  events: "ListProjectEvents",
}) {}

export class Bc2ProjectTemplates extends bc2Resource({
  list: "ListProjectTemplates",
  create: "CreateProjectTemplate",
  createProject: "CreateProjectFromTemplate",
}) {}

export class Bc2People extends bc2Resource({
  list: "ListPeople",
  trashed: "ListTrashedPeople",
  get: "GetPerson",
  me: "GetMe",
  delete: "DeletePerson",
  projects: "ListPersonProjects",
  events: "ListPersonEvents",
  assignedTodos: "ListPersonAssignedTodos",
}) {}

export class Bc2Groups extends bc2Resource({
  list: "ListGroups",
  get: "GetGroup",
  create: "CreateGroup",
  update: "UpdateGroup",
  delete: "DeleteGroup",
  removeMember: "RemoveGroupMember",
  subgroup: "GetSubgroup",
  createSubgroup: "CreateSubgroup",
  updateSubgroup: "UpdateSubgroup",
  deleteSubgroup: "DeleteSubgroup",
  removeSubgroupMember: "RemoveSubgroupMember",
}) {}

export class Bc2Todolists extends bc2Resource({
  all: "ListAllTodolists",
  allCompleted: "ListAllCompletedTodolists",
  allTrashed: "ListAllTrashedTodolists",
  list: "ListTodolists",
  completed: "ListCompletedTodolists",
  trashed: "ListTrashedTodolists",
  get: "GetTodolist",
  create: "CreateTodolist",
  update: "UpdateTodolist",
  delete: "DeleteTodolist",
}) {}

export class Bc2Todos extends bc2Resource({
  list: "ListTodos",
  completed: "ListCompletedTodos",
  remaining: "ListRemainingTodos",
  inList: "ListTodolistTodos",
  completedInList: "ListTodolistCompletedTodos",
  remainingInList: "ListTodolistRemainingTodos",
  trashedInList: "ListTodolistTrashedTodos",
  get: "GetTodo",
  create: "CreateTodo",
  update: "UpdateTodo",
  delete: "DeleteTodo",
}) {}

export class Bc2Messages extends bc2Resource({
  get: "GetMessage",
  create: "CreateMessage",
  update: "UpdateMessage",
  delete: "DeleteMessage",
}) {}

export class Bc2Topics extends bc2Resource({
  all: "ListAllTopics",
  allArchived: "ListAllArchivedTopics",
  list: "ListTopics",
  archived: "ListArchivedTopics",
  archive: "ArchiveTopic",
  activate: "ActivateTopic",
}) {}

export class Bc2Comments extends bc2Resource({
  /** `create(projectId, "todos", todoId, { content })`: the section is the kind commented on. */
  create: "CreateComment",
  delete: "DeleteComment",
}) {}

export class Bc2Documents extends bc2Resource({
  all: "ListAllDocuments",
  list: "ListDocuments",
  get: "GetDocument",
  create: "CreateDocument",
  update: "UpdateDocument",
  delete: "DeleteDocument",
}) {}

export class Bc2Attachments extends bc2Resource({
  all: "ListAllAttachments",
  list: "ListAttachments",
  get: "GetAttachment",
  /** Upload bytes first (`{ bytes, contentType }`), then attach the token to a message, upload … */
  create: "CreateAttachment",
  update: "UpdateAttachment",
  delete: "DeleteAttachment",
  upload: "GetUpload",
  createUpload: "CreateUpload",
  deleteUpload: "DeleteUpload",
}) {}

export class Bc2Tags extends bc2Resource({
  attachments: "ListTaggedAttachments",
  projectAttachments: "ListProjectTaggedAttachments",
  tag: "TagAttachment",
  update: "UpdateAttachmentTag",
  untag: "UntagAttachment",
  rename: "RenameTag",
  delete: "DeleteTag",
  deleteInProject: "DeleteProjectTag",
}) {}

export class Bc2Calendars extends bc2Resource({
  list: "ListCalendars",
  get: "GetCalendar",
  create: "CreateCalendar",
  update: "UpdateCalendar",
  delete: "DeleteCalendar",
  accesses: "ListCalendarAccesses",
  allEvents: "ListAllCalendarEvents",
  events: "ListCalendarEvents",
  pastEvents: "ListPastCalendarEvents",
  event: "GetCalendarEvent",
  createEvent: "CreateCalendarEvent",
  updateEvent: "UpdateCalendarEvent",
  projectEvents: "ListProjectCalendarEvents",
  projectPastEvents: "ListProjectPastCalendarEvents",
  projectEvent: "GetProjectCalendarEvent",
  createProjectEvent: "CreateProjectCalendarEvent",
  updateProjectEvent: "UpdateProjectCalendarEvent",
  deleteProjectEvent: "DeleteProjectCalendarEvent",
}) {}

export class Bc2Forwards extends bc2Resource({
  all: "ListAllForwards",
  list: "ListForwards",
  get: "GetForward",
}) {}

export class Bc2Events extends bc2Resource({
  /** The account's change feed: `list({ query: { since: "2026-12-01T00:00:00Z" } })`. */
  list: "ListEvents",
}) {}
