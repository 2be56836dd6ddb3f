// Types of Basecamp 2 ("bcx") JSON, and per-operation maps the bc2 engine looks up by the
// operation names of BC2_ENDPOINTS (./operations.ts): what each answers (Bc2Results), the JSON
// body it takes (Bc2Bodies) and its documented query parameters (Bc2Queries).
// Records: snake_case as on the wire; IDs are `Id` (number, or bigint above 2^53); times and
// dates are ISO 8601 strings. Where a list answers a slimmer record than fetching one does,
// both exist: `Bc2XSummary` (in lists) and `Bc2X` (one record).
import type { BC2_ENDPOINTS } from "./operations.js";
import type { Bc2AttachmentToken, Bc2Comment } from "./types-common.js";
import type {
  Bc2Access,
  Bc2AccessGrant,
  Bc2Group,
  Bc2GroupChanges,
  Bc2GroupSummary,
  Bc2NewGroup,
  Bc2NewProject,
  Bc2NewProjectTemplate,
  Bc2NewSubgroup,
  Bc2Person,
  Bc2PersonSummary,
  Bc2Project,
  Bc2ProjectChanges,
  Bc2ProjectFromTemplate,
  Bc2ProjectSummary,
  Bc2ProjectTemplate,
  Bc2Star,
  Bc2Subgroup,
  Bc2SubgroupChanges,
} from "./types-people.js";
import type {
  Bc2AssignedTodolist,
  Bc2NewTodo,
  Bc2NewTodolist,
  Bc2Todo,
  Bc2TodoChanges,
  Bc2Todolist,
  Bc2TodolistChanges,
  Bc2TodolistSummary,
  Bc2TodoSummary,
} from "./types-todos.js";
import type {
  Bc2Attachment,
  Bc2AttachmentChanges,
  Bc2Document,
  Bc2DocumentChanges,
  Bc2DocumentSummary,
  Bc2Forward,
  Bc2ForwardSummary,
  Bc2Message,
  Bc2MessageChanges,
  Bc2NewComment,
  Bc2NewDocument,
  Bc2NewMessage,
  Bc2NewTag,
  Bc2NewUpload,
  Bc2TagChanges,
  Bc2Topic,
  Bc2Upload,
} from "./types-content.js";
import type {
  Bc2Calendar,
  Bc2CalendarChanges,
  Bc2CalendarEvent,
  Bc2CalendarEventChanges,
  Bc2CalendarEventListItem,
  Bc2CalendarEventSummary,
  Bc2CalendarSummary,
  Bc2Event,
  Bc2NewCalendar,
  Bc2NewCalendarEvent,
} from "./types-calendars.js";

export type * from "./types-common.js";
export type * from "./types-people.js";
export type * from "./types-todos.js";
export type * from "./types-content.js";
export type * from "./types-calendars.js";

/** What each operation answers (the parsed JSON body); `void` where it answers no body (204, or 201/200 with none). */
export interface Bc2Results {
  // projects
  ListProjects: Bc2ProjectSummary[];
  ListArchivedProjects: Bc2ProjectSummary[];
  ListDraftProjects: Bc2ProjectSummary[];
  GetProject: Bc2Project;
  CreateProject: Bc2Project;
  UpdateProject: Bc2Project;
  DeleteProject: void;
  PublishProject: Bc2Project;
  StarProject: void;
  UnstarProject: void;
  ListStars: Bc2Star[];
  // project templates
  ListProjectTemplates: Bc2ProjectTemplate[];
  CreateProjectTemplate: Bc2Project;
  CreateProjectFromTemplate: Bc2Project;
  // people and accesses
  ListPeople: Bc2PersonSummary[];
  ListTrashedPeople: Bc2PersonSummary[];
  GetPerson: Bc2Person;
  GetMe: Bc2Person;
  DeletePerson: void;
  ListPersonProjects: Bc2ProjectSummary[];
  ListPersonEvents: Bc2Event[];
  ListPersonAssignedTodos: Bc2AssignedTodolist[];
  ListProjectAccesses: Bc2Access[];
  GrantProjectAccess: void;
  GrantClientAccess: void;
  RevokeProjectAccess: void;
  ListCalendarAccesses: Bc2Access[];
  // groups
  ListGroups: Bc2GroupSummary[];
  GetGroup: Bc2Group;
  CreateGroup: Bc2Group;
  UpdateGroup: Bc2Group;
  DeleteGroup: void;
  RemoveGroupMember: void;
  GetSubgroup: Bc2Subgroup;
  CreateSubgroup: Bc2Subgroup;
  UpdateSubgroup: Bc2Subgroup;
  DeleteSubgroup: void;
  RemoveSubgroupMember: void;
  // to-do lists
  ListAllTodolists: Bc2TodolistSummary[];
  ListAllCompletedTodolists: Bc2TodolistSummary[];
  ListAllTrashedTodolists: Bc2TodolistSummary[];
  ListTodolists: Bc2TodolistSummary[];
  ListCompletedTodolists: Bc2TodolistSummary[];
  ListTrashedTodolists: Bc2TodolistSummary[];
  GetTodolist: Bc2Todolist;
  CreateTodolist: Bc2Todolist;
  UpdateTodolist: Bc2Todolist;
  DeleteTodolist: void;
  // to-dos
  ListTodos: Bc2TodoSummary[];
  ListCompletedTodos: Bc2TodoSummary[];
  ListRemainingTodos: Bc2TodoSummary[];
  ListTodolistTodos: Bc2TodoSummary[];
  ListTodolistCompletedTodos: Bc2TodoSummary[];
  ListTodolistRemainingTodos: Bc2TodoSummary[];
  ListTodolistTrashedTodos: Bc2TodoSummary[];
  GetTodo: Bc2Todo;
  CreateTodo: Bc2Todo;
  UpdateTodo: Bc2Todo;
  DeleteTodo: void;
  // messages and topics
  GetMessage: Bc2Message;
  CreateMessage: Bc2Message;
  UpdateMessage: Bc2Message;
  DeleteMessage: void;
  ListAllTopics: Bc2Topic[];
  ListAllArchivedTopics: Bc2Topic[];
  ListTopics: Bc2Topic[];
  ListArchivedTopics: Bc2Topic[];
  ArchiveTopic: void;
  ActivateTopic: void;
  // comments
  CreateComment: Bc2Comment;
  DeleteComment: void;
  // documents
  ListAllDocuments: Bc2DocumentSummary[];
  ListDocuments: Bc2DocumentSummary[];
  GetDocument: Bc2Document;
  CreateDocument: Bc2Document;
  UpdateDocument: Bc2Document;
  DeleteDocument: void;
  // attachments and uploads
  ListAllAttachments: Bc2Attachment[];
  ListAttachments: Bc2Attachment[];
  GetAttachment: Bc2Attachment;
  CreateAttachment: Bc2AttachmentToken;
  UpdateAttachment: Bc2Attachment;
  DeleteAttachment: void;
  GetUpload: Bc2Upload;
  CreateUpload: Bc2Upload;
  DeleteUpload: void;
  // tags
  ListTaggedAttachments: Bc2Attachment[];
  ListProjectTaggedAttachments: Bc2Attachment[];
  TagAttachment: void;
  UpdateAttachmentTag: void;
  UntagAttachment: void;
  RenameTag: void;
  DeleteTag: void;
  DeleteProjectTag: void;
  // calendars and calendar events
  ListCalendars: Bc2CalendarSummary[];
  GetCalendar: Bc2Calendar;
  CreateCalendar: Bc2Calendar;
  UpdateCalendar: Bc2Calendar;
  DeleteCalendar: void;
  ListAllCalendarEvents: Bc2CalendarEventListItem[];
  ListCalendarEvents: Bc2CalendarEventListItem[];
  ListPastCalendarEvents: Bc2CalendarEventSummary[];
  GetCalendarEvent: Bc2CalendarEvent;
  CreateCalendarEvent: Bc2CalendarEvent;
  UpdateCalendarEvent: Bc2CalendarEvent;
  ListProjectCalendarEvents: Bc2CalendarEventListItem[];
  ListProjectPastCalendarEvents: Bc2CalendarEventSummary[];
  GetProjectCalendarEvent: Bc2CalendarEvent;
  CreateProjectCalendarEvent: Bc2CalendarEvent;
  UpdateProjectCalendarEvent: Bc2CalendarEvent;
  DeleteProjectCalendarEvent: void;
  // forwards and events
  ListAllForwards: Bc2ForwardSummary[];
  ListForwards: Bc2ForwardSummary[];
  GetForward: Bc2Forward;
  ListEvents: Bc2Event[];
  ListProjectEvents: Bc2Event[];
}

/** The raw file CreateAttachment sends as its body (not JSON). */
export interface Bc2AttachmentUpload {
  bytes: Uint8Array;
  /** Sent as the Content-Type header. */
  contentType: string;
}

/** The body each POST/PUT operation takes (all JSON except CreateAttachment's raw bytes). */
export interface Bc2Bodies {
  CreateProject: Bc2NewProject;
  UpdateProject: Bc2ProjectChanges;
  CreateProjectTemplate: Bc2NewProjectTemplate;
  CreateProjectFromTemplate: Bc2ProjectFromTemplate;
  GrantProjectAccess: Bc2AccessGrant;
  GrantClientAccess: Bc2AccessGrant;
  CreateGroup: Bc2NewGroup;
  UpdateGroup: Bc2GroupChanges;
  CreateSubgroup: Bc2NewSubgroup;
  UpdateSubgroup: Bc2SubgroupChanges;
  CreateTodolist: Bc2NewTodolist;
  UpdateTodolist: Bc2TodolistChanges;
  CreateTodo: Bc2NewTodo;
  UpdateTodo: Bc2TodoChanges;
  CreateMessage: Bc2NewMessage;
  UpdateMessage: Bc2MessageChanges;
  CreateComment: Bc2NewComment;
  CreateDocument: Bc2NewDocument;
  UpdateDocument: Bc2DocumentChanges;
  CreateAttachment: Bc2AttachmentUpload;
  UpdateAttachment: Bc2AttachmentChanges;
  CreateUpload: Bc2NewUpload;
  TagAttachment: Bc2NewTag;
  UpdateAttachmentTag: Bc2TagChanges;
  RenameTag: Bc2TagChanges;
  CreateCalendar: Bc2NewCalendar;
  UpdateCalendar: Bc2CalendarChanges;
  CreateCalendarEvent: Bc2NewCalendarEvent;
  UpdateCalendarEvent: Bc2CalendarEventChanges;
  CreateProjectCalendarEvent: Bc2NewCalendarEvent;
  UpdateProjectCalendarEvent: Bc2CalendarEventChanges;
}

/** POST/PUT operations that send no body. */
export type Bc2BodilessWrite = "PublishProject" | "StarProject" | "ArchiveTopic" | "ActivateTopic";

/** Sort orders the docs give for documents and forwards (default newest). */
export type Bc2TitleSort = "az" | "za" | "newest" | "oldest";
/** Sort orders the docs give for attachments (name, size, age; default newest). */
export type Bc2AttachmentSort = "az" | "za" | "biggest" | "smallest" | "newest" | "oldest";
/** Calendar-event date window: six weeks from `start_date` (YYYY-MM-DD) unless `end_date`; includes repeats. */
export interface Bc2DateWindow {
  start_date?: string;
  end_date?: string;
}

/** Documented query parameters per operation (the engine adds `page` to List* itself). */
export interface Bc2Queries {
  /** `since`: ISO 8601 time; "+" in the offset must be sent escaped (%2B). */
  ListEvents: { since: string };
  ListProjectEvents: { since: string };
  ListPersonEvents: { since: string };
  /** Only to-dos due after this date (YYYY-MM-DD). */
  ListPersonAssignedTodos: { due_since?: string };
  ListTodos: { due_since?: string };
  /** Leave the to-dos out (advised for lists of 1000+ to-dos). */
  GetTodolist: { exclude_todos?: boolean };
  ListAllCalendarEvents: Bc2DateWindow;
  ListCalendarEvents: Bc2DateWindow;
  ListProjectCalendarEvents: Bc2DateWindow;
  ListAllDocuments: { sort?: Bc2TitleSort };
  ListDocuments: { sort?: Bc2TitleSort };
  ListAllForwards: { sort?: Bc2TitleSort };
  ListForwards: { sort?: Bc2TitleSort };
  ListAllAttachments: { sort?: Bc2AttachmentSort };
  ListAttachments: { sort?: Bc2AttachmentSort };
  ListAllTopics: { sort?: "newest" | "oldest" };
  ListAllArchivedTopics: { sort?: "newest" | "oldest" };
  ListTopics: { sort?: "newest" | "oldest" };
  ListArchivedTopics: { sort?: "newest" | "oldest" };
}

// ---- compile-time checks: the maps cover exactly the operations of BC2_ENDPOINTS ----

type Endpoints = typeof BC2_ENDPOINTS;
type Bc2Op = keyof Endpoints;
type OpsWithMethod<M extends string> = { [K in Bc2Op]: Endpoints[K] extends `${M} ${string}` ? K : never }[Bc2Op];
type Assert<X extends true> = X;
type IsNever<T> = [T] extends [never] ? true : false;

/** Every operation answers something (possibly void), and no stray names. */
type MissingResults = Exclude<Bc2Op, keyof Bc2Results>;
type ExtraResults = Exclude<keyof Bc2Results, Bc2Op>;
/** Every POST/PUT operation but the bodiless ones has a body, and only those. */
type MissingBodies = Exclude<OpsWithMethod<"POST" | "PUT">, Bc2BodilessWrite | keyof Bc2Bodies>;
type ExtraBodies = Exclude<keyof Bc2Bodies | Bc2BodilessWrite, OpsWithMethod<"POST" | "PUT">>;
type BodiedBodiless = Extract<keyof Bc2Bodies, Bc2BodilessWrite>;
/** Queries only on GET operations. */
type StrayQueries = Exclude<keyof Bc2Queries, OpsWithMethod<"GET">>;

export type Bc2TypeChecks = [
  Assert<IsNever<MissingResults>>,
  Assert<IsNever<ExtraResults>>,
  Assert<IsNever<MissingBodies>>,
  Assert<IsNever<ExtraBodies>>,
  Assert<IsNever<BodiedBodiless>>,
  Assert<IsNever<StrayQueries>>,
];
