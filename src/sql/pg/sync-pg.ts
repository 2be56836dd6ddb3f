// A blocking PostgreSQL connection: statements are sent to a worker thread that runs them with
// node-postgres, and the caller waits on a shared flag until the answer is in. The replica's
// sync and write code is synchronous (it was written for SQLite), so this lets the same code
// drive a PostgreSQL replica; each call waits for one round trip, and bulk work is batched by
// the caller (pg/db.ts) so round trips stay few.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { createRequire } from "node:module";

export interface PgResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number;
  fields: string[];
}

/** A PostgreSQL error as the server reported it (code: SQLSTATE). */
export class PgError extends Error {
  override name = "PgError";
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
  }
}

// The worker: one pg.Client (a transaction needs one connection), integers as bigint like the
// SQLite replica's safe integers, answers posted on the port, then the flag raised.
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { shared, port, url } = workerData;
const flag = new Int32Array(shared);
for (const oid of [20, 21, 23]) pg.types.setTypeParser(oid, (v) => BigInt(v));
for (const oid of [114, 3802]) pg.types.setTypeParser(oid, (v) => v); // json and jsonb as their text, as SQLite gives Raw
const client = new pg.Client({ connectionString: url || undefined, application_name: "basecamp-connector" });
const ready = client.connect();
function done(msg) { port.postMessage(msg); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
parentPort.on("message", async (m) => {
  try {
    await ready;
    if (m.close) { await client.end(); done({ ok: true, rows: [], rowCount: 0, fields: [] }); return; }
    const values = (m.params || []).map((v) => typeof v === "bigint" ? v.toString() : v);
    const r = await client.query({ text: m.sql, values });
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    done({ ok: true, rows: last.rows || [], rowCount: last.rowCount || 0, fields: (last.fields || []).map((f) => f.name) });
  } catch (e) {
    done({ ok: false, message: String(e && e.message || e), code: e && e.code, detail: e && e.detail });
  }
});
`;

export class SyncPg {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private closed = false;

  constructor(
    readonly url: string,
    private readonly timeoutMs = 600_000,
  ) {
    const shared = new SharedArrayBuffer(4);
    this.flag = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve("pg");
    this.worker = new Worker(WORKER, { eval: true, workerData: { shared, port: port2, url, pgPath }, transferList: [port2] });
    // The worker never keeps the process alive on its own.
    this.worker.unref();
  }

  /** Run one statement (or several without parameters) and wait for its answer. */
  query(sql: string, params: readonly unknown[] = []): PgResult {
    if (this.closed) throw new PgError("This PostgreSQL connection is closed.", undefined, undefined);
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ sql, params });
    const waited = Atomics.wait(this.flag, 0, 0, this.timeoutMs);
    if (waited === "timed-out") throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s.`, undefined, undefined);
    const msg = receiveMessageOnPort(this.port)?.message as ({ ok: true } & PgResult) | { ok: false; message: string; code?: string; detail?: string } | undefined;
    if (!msg) throw new PgError("The PostgreSQL worker answered nothing.", undefined, undefined);
    if (!msg.ok) throw new PgError(msg.message, msg.code, msg.detail);
    return msg;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.query("", []);
    } catch {
      // an empty statement only waits for the connection; errors do not matter at close
    }
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ close: true });
    Atomics.wait(this.flag, 0, 0, 5_000);
    receiveMessageOnPort(this.port);
    this.closed = true;
    void this.worker.terminate();
  }
}
