// A blocking PostgreSQL connection: statements are sent to a worker thread that runs them with
// node-postgres, and the caller waits on a shared flag until the answer is in. The replica's
// sync and write code is synchronous (it was written for SQLite), so this lets the same code
// drive a PostgreSQL replica; each query() waits for one round trip, and bulk work is batched
// by the caller (pg/db.ts) so round trips stay few. A statement whose answer nobody reads (a
// batch of the sync's rows) is send()-ed instead: the caller goes on (parsing the next page)
// while the server works, and a failure surfaces at the next query() — which waits for
// everything sent before it, the server running statements in the order they were sent.
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
    /** What failed, when it was a statement send() sent earlier (its label), not the one waited for. */
    readonly sent?: string,
  ) {
    super(message);
  }
}

/** A statement's first words, on one line (for messages). */
export function headOf(sql: string): string {
  const one = sql.replace(/\s+/g, " ").trim();
  return one.length > 100 ? `${one.slice(0, 97)}…` : one;
}

// The worker: one pg.Client (a transaction needs one connection; it runs statements in the
// order they came), integers as bigint like the SQLite replica's safe integers, answers posted
// on the port, then flag[0] raised. A sent statement answers only if asked to keep its result
// (posted with its seq before it counts as finished); flag[1] counts those finished, and the
// first one's failure is the answer of the next waited-for statement.
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { shared, port, url } = workerData;
const flag = new Int32Array(shared);
for (const oid of [20, 21, 23]) pg.types.setTypeParser(oid, (v) => BigInt(v));
for (const oid of [114, 3802]) pg.types.setTypeParser(oid, (v) => v); // json and jsonb as their text, as SQLite gives Raw
const client = new pg.Client({ connectionString: url || undefined, application_name: "basecamp-connector" });
let failed = null;
function done(msg) { port.postMessage(msg); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
const failure = (e, sent) => ({ ok: false, message: String(e && e.message || e), code: e && e.code, detail: e && e.detail, sent });
const valuesOf = (m) => (m.params || []).map((v) => typeof v === "bigint" ? v.toString() : v);
async function run(m) {
  if (m.sent !== undefined) {
    let kept = { seq: m.seq, ok: false };
    try {
      if (broken) throw new Error(broken.message);
      const r = await client.query({ text: m.sql, values: valuesOf(m) });
      kept = { seq: m.seq, ok: true, rowCount: r.rowCount || 0, rows: r.rows || [] };
    } catch (e) {
      failed = failed || (broken ? broken : failure(e, m.sent));
    } finally {
      if (m.keep) port.postMessage(kept);
      Atomics.add(flag, 1, 1);
      Atomics.notify(flag, 1);
    }
    return;
  }
  if (broken && !m.close) { done(broken); return; }
  let answer;
  try {
    if (m.close) { await client.end(); answer = { ok: true, rows: [], rowCount: 0, fields: [] }; }
    else {
      const r = await client.query({ text: m.sql, values: valuesOf(m) });
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      answer = { ok: true, rows: last.rows || [], rowCount: last.rowCount || 0, fields: (last.fields || []).map((f) => f.name) };
    }
  } catch (e) {
    answer = failure(e);
  }
  // A sent statement that failed before this one: its failure is what the caller hears (this
  // one then ran in an aborted transaction, or after a write that did not happen).
  if (failed) { answer = failed; failed = null; }
  done(answer);
}
// One statement at a time, in the order they came; a connection that could not be made (or was
// lost) is every later statement's answer.
let broken = null;
client.on("error", (e) => { broken = broken || failure(e); });
let tail = client.connect().catch((e) => { broken = failure(e); });
parentPort.on("message", (m) => { tail = tail.then(() => run(m)); });
`;

type Answer = ({ ok: true } & PgResult) | { ok: false; message: string; code?: string; detail?: string; sent?: string };
type Kept = { seq: number; ok: false } | { seq: number; ok: true; rowCount: number; rows: Array<Record<string, unknown>> };

export class SyncPg {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private closed = false;
  /** Sizes of the statements send() sent that may still be running, oldest first. */
  private readonly inFlight: number[] = [];
  private inFlightBytes = 0;
  /** Sent statements known to have finished (the worker counts them in flag[1]). */
  private finished = 0;
  /** Statements sent so far. */
  private sent = 0;
  /** Results of statements sent with `keep`, until asked for (undefined: not in yet). */
  private readonly kept = new Map<number, Kept | undefined>();

  constructor(
    readonly url: string,
    private readonly timeoutMs = 600_000,
    /**
     * At most this much statement text (and 64 statements) in flight: each is held twice
     * meanwhile (here and in the worker), so this bounds the memory sending without waiting takes.
     */
    private readonly maxInFlightBytes = 4 * 2 ** 20,
  ) {
    const shared = new SharedArrayBuffer(8);
    this.flag = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve("pg");
    this.worker = new Worker(WORKER, { eval: true, workerData: { shared, port: port2, url, pgPath }, transferList: [port2],
      // The worker's garbage is mostly statement text passing through: a small young generation
      // frees it at once instead of growing (a medium full sync peaks ~30 MB lower).
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
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
    const msg = this.nextAnswer();
    if (!msg) throw new PgError("The PostgreSQL worker answered nothing.", undefined, undefined);
    if (!msg.ok) throw new PgError(msg.message, msg.code, msg.detail, msg.sent);
    return msg;
  }

  /**
   * Send a statement without waiting for its answer (past maxInFlightBytes in flight, wait for
   * the oldest to finish first); returns its number. If it fails, the next query() throws its
   * error, with `label` as `sent`. `keep`: its result can be asked for with result().
   */
  send(sql: string, params: readonly unknown[], label: string, keep = false): number {
    if (this.closed) throw new PgError("This PostgreSQL connection is closed.", undefined, undefined);
    const size = sql.length + params.reduce<number>((n, p) => n + (typeof p === "string" ? p.length : 8), 0);
    this.waitFor(() => this.inFlight.length === 0 || (this.inFlight.length < 64 && this.inFlightBytes + size <= this.maxInFlightBytes));
    this.inFlight.push(size);
    this.inFlightBytes += size;
    const seq = ++this.sent;
    if (keep) this.kept.set(seq, undefined);
    this.worker.postMessage({ sql, params, sent: label, seq, keep });
    return seq;
  }

  /** What a statement sent with `keep` did (waits for it); throws its failure. */
  result(seq: number): { rowCount: number; rows: Array<Record<string, unknown>> } {
    if (!this.kept.has(seq)) throw new RangeError(`No result kept for statement ${seq}.`);
    this.waitFor(() => this.finished >= seq);
    this.nextAnswer(); // takes the kept results posted so far (no answer is waited for now)
    const r = this.kept.get(seq);
    this.kept.delete(seq);
    if (!r?.ok) {
      this.query(""); // throws the failure the worker holds for the next answer
      throw new PgError("A statement sent earlier failed.", undefined, undefined);
    }
    return r;
  }

  /** Nobody will ask for this statement's result. */
  forget(seq: number): void {
    this.kept.delete(seq);
  }

  /** Count sent statements finished, waiting (on flag[1]) until `ready` holds. */
  private waitFor(ready: () => boolean): void {
    const until = Date.now() + this.timeoutMs;
    for (;;) {
      const done = Atomics.load(this.flag, 1);
      for (; this.finished < done; this.finished++) this.inFlightBytes -= this.inFlight.shift() ?? 0;
      if (ready()) return;
      if (Date.now() >= until) throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s.`, undefined, undefined);
      Atomics.wait(this.flag, 1, done, Math.max(1, until - Date.now()));
    }
  }

  /** The next message that is not a kept result; kept results on the way are stored. */
  private nextAnswer(): Answer | undefined {
    for (;;) {
      const msg = receiveMessageOnPort(this.port)?.message as Answer | Kept | undefined;
      if (!msg || !("seq" in msg)) return msg;
      if (this.kept.has(msg.seq)) this.kept.set(msg.seq, msg);
    }
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
