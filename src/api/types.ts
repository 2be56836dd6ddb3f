// The records the Basecamp API returns and the inputs it takes, snake_case as on the wire.
// IDs are `Id` (number, or bigint above 2^53).
export type * from "./types/common.js";
export type * from "./types/projects.js";
export type * from "./types/todos.js";
export type * from "./types/messages.js";
export type * from "./types/files.js";
export type * from "./types/schedules.js";
export type * from "./types/cards.js";
export type * from "./types/questionnaires.js";
export type * from "./types/misc.js";
