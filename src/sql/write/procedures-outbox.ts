// Procedures that write through the outbox: a call becomes the same INSERT / UPDATE / DELETE on
// a writable view (so the capture triggers check it and queue it in sys_outbox, as SQL writes
// are), and that entry alone is delivered. It is sent exactly once like any write: a crash
// leaves it in flight for reconcileOutbox, a failure waits in sys_outbox for a retry.
import type { BasecampClient } from "../../api/index.js";
import type { Id } from "../../http/json.js";
import { SqlError } from "../query.js";
import type { Db } from "../replica.js";
import { deliverOutbox } from "./deliver.js";
import { applyChange, refetched, replicaRow } from "./replica-sync.js";

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type ProcedureWrite = { op: "insert"; values: Record<string, unknown> } | { op: "update"; id: Id; values: Record<string, unknown> } | { op: "delete"; id: Id };

/** Queue one write on `table`'s view and deliver it; the result row names the record. */
export async function writeThroughOutbox(db: Db, client: BasecampClient, proc: string, table: string, w: ProcedureWrite, signal?: AbortSignal): Promise<Array<Record<string, unknown>>> {
  // UPDATE and DELETE on a view reach only the rows it has: a record not synced yet is read first.
  if (w.op !== "insert" && !replicaRow(db, table, w.id)) applyChange(db, { upserts: await refetched(client, table, w.id, signal), deletes: [] });
  const values = w.op === "delete" ? {} : Object.fromEntries(Object.entries(w.values).filter(([, v]) => v !== undefined));
  const cols = Object.keys(values);
  let sql: string;
  const params: unknown[] = cols.map((c) => values[c]);
  if (w.op === "insert") sql = `INSERT INTO ${q(table)} (${cols.map(q).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`;
  else if (w.op === "update") {
    if (!cols.length) return [{ Success: true, Id: w.id }];
    sql = `UPDATE ${q(table)} SET ${cols.map((c) => `${q(c)} = ?`).join(", ")} WHERE Id = ?`;
    params.push(w.id);
  } else {
    sql = `DELETE FROM ${q(table)} WHERE Id = ?`;
    params.push(w.id);
  }
  // The write lock taken by the statement is held to the end of the transaction, so the
  // entries above `before` are this call's own.
  const ids = db.transaction(() => {
    const before = Number((db.prepare("SELECT coalesce(max(id), 0) AS m FROM sys_outbox").get() as { m: number | bigint }).m);
    db.prepare(sql).run(...params);
    return (db.prepare("SELECT id FROM sys_outbox WHERE id > ? ORDER BY id").all(before) as Array<{ id: number | bigint }>).map((r) => Number(r.id));
  })();
  const rowId = w.op === "insert" ? null : w.id;
  if (!ids.length) {
    if (w.op === "delete") throw new SqlError(`${proc}: there is no ${table} row ${String(rowId)}.`);
    return [{ Success: true, Id: rowId }]; // nothing changed
  }
  const [e] = await deliverOutbox(db, client, { ids, signal });
  if (e?.state !== "done") {
    const why = e?.state === "failed" ? e.error : "it was not sent (the call was aborted)";
    throw new SqlError(`${proc} failed: ${why}. It waits in sys_outbox as entry #${ids[0]}: fix what the error names and EXEC RetryOutboxEntry(Id => ${ids[0]}), or EXEC DiscardOutboxEntry(Id => ${ids[0]}).`);
  }
  return [{ Success: true, Id: e.resultId ?? rowId }];
}
