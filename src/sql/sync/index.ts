// The sync engine: full and incremental sync of the replica from the API.
export { syncTables, SyncError, type SyncOptions, type SyncSummary } from "./engine.js";
export type { SyncProgress, TableSummary } from "./context.js";
export { getSyncState, listSyncStates, SAFETY_MARGIN_MS, scopeKey, type TableSyncState } from "./state.js";
export { EVENTS_PER_SYNC } from "./account.js";
