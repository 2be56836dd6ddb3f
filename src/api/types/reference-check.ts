// Compile-time check that the hand-written record types (src/api/types/*.ts) still fit the
// reference (reference/basecamp-operations.json, generated into src/api/generated/openapi.ts).
// `npm run build` (tsconfig.build.json) and `npm run typecheck` compile this file, so a field
// the reference adds, drops or retypes that the hand-written type does not follow breaks the
// build here, naming the pair and the fields.
//
// For each pair, `Matches<Hand, Reference>` holds when:
//   - Hand is assignable to Reference (every required field there, every field's type within
//     the reference's: a union of known values, a required or non-null field, a richer nested
//     type are fine), and
//   - Hand has every field Reference names (optional ones included).
//
// Pairs checked (hand-written type → reference schema):
//   common.ts         Person → Person, CompanyRef → PersonCompany, BucketRef → RecordingBucket,
//                     ParentRef → RecordingParent, Recording → Recording
//   projects.ts       Account → Account, DockItem → DockItem*, Project → Project*,
//                     ProjectAccessResult → ProjectAccessResult
//   todos.ts          Todoset → Todoset, Todolist → Todolist, TodolistGroup → Todolist, Todo → Todo
//   cards.ts          CardTable → CardTable, CardTableColumn → CardColumn, Card → Card,
//                     CardStep → CardStep
//   files.ts          Vault → Vault, Document → Document, Upload → Upload,
//                     UploadVersion → UploadVersion, UploadVersionFile → UploadVersionFile,
//                     Attachment → CreateAttachmentResponseContent
//   messages.ts       Campfire → Campfire, CampfireLine → CampfireLine,
//                     CampfireLineAttachment → CampfireLineAttachment, MessageBoard → MessageBoard,
//                     MessageType → MessageType, Message → Message, Comment → Comment
//   misc.ts           RecordingEvent → Event, Subscription → Subscription, Webhook → Webhook,
//                     WebhookDelivery → WebhookDelivery, SearchResult → SearchResult,
//                     SearchMetadata → SearchMetadata, Assignment → MyAssignment,
//                     Assignments → GetMyAssignmentsResponseContent
//   questionnaires.ts Questionnaire → Questionnaire, Question → Question,
//                     QuestionSchedule → QuestionSchedule, QuestionAnswer → QuestionAnswer
//   schedules.ts      Schedule → Schedule, ScheduleEntry → ScheduleEntry
//
// * Known deviation: DockItem.position is `number | null` (a disabled tool has no position,
//   and null is sent for it: see DockItem in projects.ts), where the reference types a plain
//   integer; so DockItem and Project's dock are checked against the reference with that one
//   field also allowed to be null.
//
// Hand-written record types with no reference schema (not checked): RecurrenceSchedule (a
// schedule entry's `recurrence_schedule`, not in the reference's ScheduleEntry). Inputs and
// options (NewTodo, TodoChanges, PageOptions …) are request shapes, not records: not checked.
import type * as T from "../types.js";
import type { Schemas } from "./schemas.js";

/** Compiles only when X is `true`. */
type Assert<X extends true> = X;

/** `true`, or a tuple naming the fields of B that A lacks or types outside B's type. */
type Matches<A, B> = [A] extends [B]
  ? [Exclude<keyof B, keyof A>] extends [never]
    ? true
    : ["lacks the reference's fields", Exclude<keyof B, keyof A>]
  : ["does not fit the reference in", Misfits<A, B>];

type Misfits<A, B> = {
  [K in keyof B]-?: K extends keyof A ? ([A[K]] extends [B[K]] ? never : K) : {} extends Pick<B, K> ? never : K;
}[keyof B];

/** Schema S with fields K also allowed to be null (the known deviations above). */
type OrNull<S, K extends keyof S> = Omit<S, K> & { [P in K]?: S[P] | null };

type DockItemAsSent = OrNull<Schemas["DockItem"], "position">;

export type ReferenceChecks = [
  // common.ts
  Assert<Matches<T.Person, Schemas["Person"]>>,
  Assert<Matches<T.CompanyRef, Schemas["PersonCompany"]>>,
  Assert<Matches<T.BucketRef, Schemas["RecordingBucket"]>>,
  Assert<Matches<T.ParentRef, Schemas["RecordingParent"]>>,
  Assert<Matches<T.Recording, Schemas["Recording"]>>,
  // projects.ts
  Assert<Matches<T.Account, Schemas["Account"]>>,
  Assert<Matches<T.DockItem, DockItemAsSent>>,
  Assert<Matches<T.Project, Omit<Schemas["Project"], "dock"> & { dock?: DockItemAsSent[] }>>,
  Assert<Matches<T.ProjectAccessResult, Schemas["ProjectAccessResult"]>>,
  // todos.ts
  Assert<Matches<T.Todoset, Schemas["Todoset"]>>,
  Assert<Matches<T.Todolist, Schemas["Todolist"]>>,
  Assert<Matches<T.TodolistGroup, Schemas["Todolist"]>>,
  Assert<Matches<T.Todo, Schemas["Todo"]>>,
  // cards.ts
  Assert<Matches<T.CardTable, Schemas["CardTable"]>>,
  Assert<Matches<T.CardTableColumn, Schemas["CardColumn"]>>,
  Assert<Matches<T.Card, Schemas["Card"]>>,
  Assert<Matches<T.CardStep, Schemas["CardStep"]>>,
  // files.ts
  Assert<Matches<T.Vault, Schemas["Vault"]>>,
  Assert<Matches<T.Document, Schemas["Document"]>>,
  Assert<Matches<T.Upload, Schemas["Upload"]>>,
  Assert<Matches<T.UploadVersion, Schemas["UploadVersion"]>>,
  Assert<Matches<T.UploadVersionFile, Schemas["UploadVersionFile"]>>,
  Assert<Matches<T.Attachment, Schemas["CreateAttachmentResponseContent"]>>,
  // messages.ts
  Assert<Matches<T.Campfire, Schemas["Campfire"]>>,
  Assert<Matches<T.CampfireLine, Schemas["CampfireLine"]>>,
  Assert<Matches<T.CampfireLineAttachment, Schemas["CampfireLineAttachment"]>>,
  Assert<Matches<T.MessageBoard, Schemas["MessageBoard"]>>,
  Assert<Matches<T.MessageType, Schemas["MessageType"]>>,
  Assert<Matches<T.Message, Schemas["Message"]>>,
  Assert<Matches<T.Comment, Schemas["Comment"]>>,
  // misc.ts
  Assert<Matches<T.RecordingEvent, Schemas["Event"]>>,
  Assert<Matches<T.Subscription, Schemas["Subscription"]>>,
  Assert<Matches<T.Webhook, Schemas["Webhook"]>>,
  Assert<Matches<T.WebhookDelivery, Schemas["WebhookDelivery"]>>,
  Assert<Matches<T.SearchResult, Schemas["SearchResult"]>>,
  Assert<Matches<T.SearchMetadata, Schemas["SearchMetadata"]>>,
  Assert<Matches<T.Assignment, Schemas["MyAssignment"]>>,
  Assert<Matches<T.Assignments, Schemas["GetMyAssignmentsResponseContent"]>>,
  // questionnaires.ts
  Assert<Matches<T.Questionnaire, Schemas["Questionnaire"]>>,
  Assert<Matches<T.Question, Schemas["Question"]>>,
  Assert<Matches<T.QuestionSchedule, Schemas["QuestionSchedule"]>>,
  Assert<Matches<T.QuestionAnswer, Schemas["QuestionAnswer"]>>,
  // schedules.ts
  Assert<Matches<T.Schedule, Schemas["Schedule"]>>,
  Assert<Matches<T.ScheduleEntry, Schemas["ScheduleEntry"]>>,
];
