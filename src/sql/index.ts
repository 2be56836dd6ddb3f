export { connect, Connection, dataDirectory, WriteFailedError } from "./connect.js";
export { retryOutbox, discardOutbox, listEntries as outboxEntries } from "./write/index.js";
export type { ConnectOptions, ExecuteResult } from "./connect.js";
export type { IntegerMode } from "./integers.js";
export { SqlError } from "./query.js";
export { openDatabase } from "./replica.js";
export { QueryInterruptedError, QueryTimeoutError } from "./query-runner.js";
export { StatementRefusedError } from "./statement-gate.js";
export type { AppliedChange, CheckResult, WatchHandle, WatchOptions } from "./watch/watcher.js";
