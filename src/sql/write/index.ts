// Writes to Basecamp through the replica: capture (INSTEAD OF triggers → sys_outbox),
// delivery, crash recovery, and EXEC / CALL procedures.
export { installWriteCapture, captureTriggersSql, OUTBOX_DDL } from "./capture.js";
export { WRITE_SPECS, specOf, specsOf, type WriteSpec, type DeleteMode } from "./tables.js";
export { deliverOutbox, HANDLERS, type DeliverOptions, type DeliveryReport, type EntryOutcome } from "./deliver.js";
export { reconcileOutbox, type ReconcileOptions } from "./reconcile.js";
export { LOOKUP_MARGIN_MS } from "./reconcile-lookup.js";
export { retryOutbox, discardOutbox, listEntries, getEntry, lastOutboxId, type OutboxEntry, type OutboxOp, type OutboxState } from "./outbox.js";
export { WriteValueError } from "./handler-kit.js";
export { execProcedure, proceduresOf, tableOfRecord, type ProcedureContext, type ProcedureRow } from "./procedures.js";
export { PROCEDURES, procedureByName, bindArgs, type ProcedureInfo, type ParamInfo, type ParamType } from "./procedures-def.js";
export { parseExec, isProcedureCall, ExecSyntaxError, type ParsedCall, type ParsedArg, type ExecValue } from "./exec-parse.js";
