// EXEC / CALL: run a procedure through the client and bring the records it changed into the
// replica (each is read again after the action, since most actions answer 204).
import type { BasecampClient } from "../../api/index.js";
import type { Basecamp2Client } from "../../api/bc2/client.js";
import type { Color } from "../../api/types.js";
import { getOAuthAccessToken, getOAuthAuthorizationURL, refreshOAuthAccessToken, type WebOAuthApp } from "../../auth/flows/web.js";
import type { Id } from "../../http/json.js";
import { isPg } from "../pg/db.js";
import { replicaSchema, type Db } from "../replica.js";
import { TABLES } from "../schema/index.js";
import { deliverOutbox } from "./deliver.js";
import { ExecSyntaxError, parseExec, type ExecValue, type ParsedArg } from "./exec-parse.js";
import { discardOutbox, getEntry, retryOutbox } from "./outbox.js";
import { bindArgs, PROCEDURES, procedureByName, type ProcedureInfo } from "./procedures-def.js";
import { applyChange, REFETCH, refetched, type Upsert } from "./replica-sync.js";
import { writeThroughOutbox } from "./procedures-outbox.js";

export interface ProcedureContext {
  /** The OAuth app, for GetOAuthAuthorizationURL / GetOAuthAccessToken / RefreshOAuthAccessToken. */
  oauth?: WebOAuthApp;
  /** Values for `?`, `:name` or `@name` placeholders in the call text. */
  params?: readonly unknown[] | Record<string, unknown>;
  signal?: AbortSignal;
}

export type ProcedureRow = Record<string, unknown>;

type Args = Record<string, ExecValue>;
type Impl = (db: Db, client: BasecampClient, a: Args, ctx: ProcedureContext) => Promise<ProcedureRow[]>;

const idArg = (v: ExecValue): Id => v as Id;
const success = (id: Id): ProcedureRow[] => [{ Success: true, Id: id }];
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function app(ctx: ProcedureContext, proc: string): WebOAuthApp {
  if (!ctx.oauth) {
    throw new ExecSyntaxError(`${proc} needs an OAuth app: connect with OAuthClientId and OAuthClientSecret (or Sandbox=true) so the connection knows which app to use.`);
  }
  return ctx.oauth;
}

/** The replica table holding a record with this Id (writable and other recording tables). */
export function tableOfRecord(db: Db, id: Id): string | undefined {
  for (const t of TABLES) {
    if (t.source === "view" || t.source === "link" || !t.columns.some((c) => c.name === "Status")) continue;
    try {
      if (db.prepare(`SELECT 1 FROM ${q(`bc_${t.name}`)} WHERE Id = ?`).get(id)) return t.name;
    } catch {
      // table not created in this replica
    }
  }
  return undefined;
}

async function upsertRead(db: Db, client: BasecampClient, table: string, id: Id, ctx: ProcedureContext): Promise<void> {
  applyChange(db, { upserts: await refetched(client, table, id, ctx.signal), deletes: [] });
}

/** A procedure that acts on one record (its Id), then reads it again into `table`. */
function actThenRead(table: string, act: (client: BasecampClient, id: Id, a: Args, opts: { signal?: AbortSignal }) => Promise<unknown>): Impl {
  return async (db, client, a, ctx) => {
    const id = idArg(a.Id);
    await act(client, id, a, { signal: ctx.signal });
    await upsertRead(db, client, table, id, ctx);
    return success(id);
  };
}

function statusProc(status: "trashed" | "archived" | "active"): Impl {
  return async (db, client, a, ctx) => {
    const id = idArg(a.Id);
    const table = tableOfRecord(db, id);
    const opts = { signal: ctx.signal };
    if (table === "Projects") {
      if (status === "trashed") await client.projects.trash(id, opts);
      else if (status === "archived") await client.projects.archive(id, opts);
      else await client.projects.unarchive(id, opts);
    } else if (status === "trashed") await client.recordings.trash(id, opts);
    else if (status === "archived") await client.recordings.archive(id, opts);
    else await client.recordings.unarchive(id, opts);
    if (table && REFETCH[table]) await upsertRead(db, client, table, id, ctx);
    else if (table) db.prepare(`UPDATE ${q(`bc_${table}`)} SET Status = ? WHERE Id = ?`).run(status, id);
    return success(id);
  };
}

const IMPLS: Record<string, Impl> = {
  async GetOAuthAuthorizationURL(_db, _c, a, ctx) {
    return [getOAuthAuthorizationURL(app(ctx, "GetOAuthAuthorizationURL"), { CallbackURL: String(a.CallbackURL), State: a.State == null ? undefined : String(a.State) })];
  },
  async GetOAuthAccessToken(_db, _c, a, ctx) {
    const t = await getOAuthAccessToken(app(ctx, "GetOAuthAccessToken"), { Verifier: String(a.Verifier), CallbackURL: String(a.CallbackURL), State: a.State == null ? undefined : String(a.State) });
    return [{ ...t }];
  },
  async RefreshOAuthAccessToken(_db, _c, a, ctx) {
    return [{ ...(await refreshOAuthAccessToken(app(ctx, "RefreshOAuthAccessToken"), { OAuthRefreshToken: String(a.OAuthRefreshToken) })) }];
  },
  CompleteToDo: actThenRead("ToDos", (c, id, _a, o) => c.todos.complete(id, o)),
  UncompleteToDo: actThenRead("ToDos", (c, id, _a, o) => c.todos.uncomplete(id, o)),
  MoveCard: actThenRead("CardTableCards", (c, id, a, o) => c.cardTables.moveCard(id, idArg(a.ColumnId), a.Position == null ? 1 : Number(a.Position), o)),
  async MoveColumn(db, client, a, ctx) {
    const table = idArg(a.CardTableId);
    await client.cardTables.moveColumn(table, idArg(a.Id), a.Position == null ? 1 : Number(a.Position), { signal: ctx.signal });
    // Every column's position may have changed: read the table's columns again.
    const t = await client.cardTables.get(table, { signal: ctx.signal });
    const up: Upsert = { table: "CardTableColumns", records: t.lists, ctx: { parentId: table, projectId: t.bucket?.id } };
    applyChange(db, { upserts: [up], deletes: [] });
    return success(idArg(a.Id));
  },
  async ChangeColumnColor(db, client, a, ctx) {
    const col = await client.cardTables.setColumnColor(idArg(a.Id), String(a.Color).toLowerCase() as Color, { signal: ctx.signal });
    applyChange(db, { upserts: [{ table: "CardTableColumns", records: [col] }], deletes: [] });
    return success(idArg(a.Id));
  },
  WatchColumn: actThenRead("CardTableColumns", (c, id, _a, o) => c.cardTables.watchColumn(id, o)),
  UnWatchColumn: actThenRead("CardTableColumns", (c, id, _a, o) => c.cardTables.unwatchColumn(id, o)),
  CreateOnHoldSectionColumn: actThenRead("CardTableColumns", (c, id, _a, o) => c.cardTables.setOnHold(id, true, o)),
  RemoveOnHoldSectionColumn: actThenRead("CardTableColumns", (c, id, _a, o) => c.cardTables.setOnHold(id, false, o)),
  TrashRecording: statusProc("trashed"),
  ArchiveRecording: statusProc("archived"),
  UnarchiveRecording: statusProc("active"),
  CreateTimesheetEntry: (db, client, a, ctx) =>
    writeThroughOutbox(db, client, "CreateTimesheetEntry", "TimesheetEntries", { op: "insert", values: { RecordingId: a.RecordingId, Date: a.Date, Hours: hoursFor(db, a.Hours), Description: a.Description, PersonId: a.PersonId } }, ctx.signal),
  UpdateTimesheetEntry: (db, client, a, ctx) =>
    writeThroughOutbox(db, client, "UpdateTimesheetEntry", "TimesheetEntries", { op: "update", id: idArg(a.Id), values: { Date: a.Date, Hours: hoursFor(db, a.Hours), Description: a.Description, PersonId: a.PersonId } }, ctx.signal),
  DeleteTimesheetEntry: (db, client, a, ctx) => writeThroughOutbox(db, client, "DeleteTimesheetEntry", "TimesheetEntries", { op: "delete", id: idArg(a.Id) }, ctx.signal),
  Boost: (db, client, a, ctx) => writeThroughOutbox(db, client, "Boost", "Boosts", { op: "insert", values: { RecordingId: a.RecordingId, Content: a.Content } }, ctx.signal),
  DeleteBoost: (db, client, a, ctx) => writeThroughOutbox(db, client, "DeleteBoost", "Boosts", { op: "delete", id: idArg(a.Id) }, ctx.signal),
  async RetryOutboxEntry(db, client, a, ctx) {
    const id = Number(a.Id);
    const state = getEntry(db, id)?.state;
    if (!retryOutbox(db, id)) throw new ExecSyntaxError(`RetryOutboxEntry: ${state ? `entry ${id} is ${state}, not failed` : `there is no outbox entry ${id}`}. SELECT * FROM sys_outbox WHERE state = 'failed' lists the ones to retry.`);
    const [e] = await deliverOutbox(db, client, { ids: [id], signal: ctx.signal });
    return [{ Success: e?.state === "done", Id: id, State: e?.state ?? "pending", Error: e?.error ?? null }];
  },
  async DiscardOutboxEntry(db, _client, a) {
    const id = Number(a.Id);
    if (!discardOutbox(db, id)) throw new ExecSyntaxError(`DiscardOutboxEntry: there is no outbox entry ${id}. SELECT * FROM sys_outbox lists them.`);
    return success(id);
  },
};

/**
 * Hours as the view takes them: on PostgreSQL its Hours column is a number, so '1:30' becomes
 * 1.5 there (SQLite keeps the text, and delivery sends it as given).
 */
function hoursFor(db: Db, v: ExecValue): ExecValue {
  const m = typeof v === "string" && isPg(db) ? /^\s*(\d+):([0-5]\d)\s*$/.exec(v) : null;
  return m ? Number(m[1]) + Number(m[2]) / 60 : v;
}

/** Procedures that are not about Basecamp 4's records: the OAuth web flow and the outbox. They serve a Basecamp 2 replica too. */
const ANY_SCHEMA = new Set(["GetOAuthAuthorizationURL", "GetOAuthAccessToken", "RefreshOAuthAccessToken", "RetryOutboxEntry", "DiscardOutboxEntry"]);

/** The procedures a replica offers (sys_procedures): all of them on Basecamp 4, those of ANY_SCHEMA on Basecamp 2. */
export function proceduresOf(db: Db): readonly ProcedureInfo[] {
  return replicaSchema(db) === "V2" ? PROCEDURES.filter((p) => ANY_SCHEMA.has(p.name)) : PROCEDURES;
}

/**
 * Run `EXEC Name(arg => value, …)` / `CALL Name(…)` text, or `{ name, args }` (args by
 * name, or a list of positional / named arguments). Returns the result rows.
 */
export async function execProcedure(
  db: Db,
  client: BasecampClient | Basecamp2Client,
  call: string | { name: string; args?: Record<string, unknown> | ParsedArg[] },
  ctx: ProcedureContext = {},
): Promise<ProcedureRow[]> {
  const parsed = typeof call === "string" ? parseExec(call, ctx.params) : { name: call.name, args: call.args ?? {} };
  const proc = procedureByName(parsed.name);
  if (replicaSchema(db) === "V2" && !ANY_SCHEMA.has(proc.name)) {
    throw new ExecSyntaxError(`${proc.name} is a Basecamp 4 procedure; this replica is Basecamp 2 (Schema=V2), which offers ${[...ANY_SCHEMA].join(", ")}. Write with INSERT, UPDATE and DELETE instead (e.g. UPDATE ToDos SET Completed = 1 WHERE Id = …).`);
  }
  const args = bindArgs(proc, parsed.args);
  // Every procedure that V2 offers is schema-neutral (ANY_SCHEMA); the others only ever see Basecamp 4's client.
  return IMPLS[proc.name](db, client as BasecampClient, args, ctx);
}
