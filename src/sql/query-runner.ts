// Where reads run: a long-lived child process (internal/query-process.ts) with its own read-only
// connection. A synchronous SQLite call can't be stopped from JavaScript, but a process can be
// killed: a statement past QueryTimeout, or interrupted, ends at once, and the next query starts
// a new process. An in-memory replica has no file to share: the child gets an image of it
// (db.serialize()), sent again only when the replica changed.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { QueryReply, QueryRequest } from "./internal/query-process.js";
import type { IntegerMode } from "./integers.js";
import { SqlError } from "./query.js";
import type { Db } from "./replica.js";

/** A statement ran longer than QueryTimeout and was stopped. */
export class QueryTimeoutError extends SqlError {
  override name = "QueryTimeoutError";
  constructor(readonly seconds: number) {
    super(`The statement ran longer than QueryTimeout (${seconds} s) and was stopped. Narrow it (WHERE, LIMIT), or raise QueryTimeout in the connection string (0: no limit).`);
  }
}

/** A statement was stopped by interrupt() (Ctrl-C, SIGTERM). */
export class QueryInterruptedError extends SqlError {
  override name = "QueryInterruptedError";
  constructor(readonly signal: NodeJS.Signals = "SIGINT") {
    super(`The statement was interrupted (${signal}) and stopped.`);
  }
}

export type ReplicaSource = { path: string } | { memory: Db };

export interface RunOptions {
  /** Most rows to return (0 or undefined: all); the statement stops there. */
  maxRows?: number;
  /** Seconds before the statement is stopped with QueryTimeoutError (0 or undefined: never). */
  timeoutSeconds?: number;
  /** A write through the views (file replicas only): run on a writable connection; no rows. */
  write?: boolean;
  /** How integers come back (default "bigint": as the replica reads them). */
  integers?: IntegerMode;
}

type Rows = Record<string, unknown>[];

const TS = import.meta.url.endsWith(".ts");
const SCRIPT = fileURLToPath(new URL(`./internal/query-process.${TS ? "ts" : "js"}`, import.meta.url));

export class QueryRunner {
  private child?: ChildProcess;
  /** Settles once the child has started (its startup does not count against QueryTimeout). */
  private ready?: Promise<void>;
  /** What the child has open: "file", or the version of the in-memory image it holds. */
  private opened?: string;
  private nextId = 1;
  private current?: { id: number; resolve: (rows: Rows) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly source: ReplicaSource) {}

  /** Whether writes can run here too (they can on a replica file). */
  get writes(): boolean {
    return "path" in this.source;
  }

  /** Run a statement (one at a time; later calls wait their turn). */
  run(sql: string, params: unknown[] | Record<string, unknown>, o: RunOptions = {}): Promise<Rows> {
    const p = this.queue.then(() => this.start(sql, params, o));
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Stop the statement running now: its run() rejects with QueryInterruptedError. False when none runs. */
  interrupt(signal: NodeJS.Signals = "SIGINT"): boolean {
    if (!this.current) return false;
    this.stop(new QueryInterruptedError(signal));
    return true;
  }

  close(): void {
    this.stop(new SqlError("This connection is closed; connect() again."));
  }

  private spawn(): void {
    const child = fork(SCRIPT, [], { serialization: "advanced", execArgv: TS ? ["--import", "tsx"] : [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child = child;
    let started!: () => void;
    this.ready = new Promise<void>((resolve) => (started = resolve));
    child.on("message", (m: QueryReply | "ready") => (m === "ready" ? started() : this.answer(m)));
    // We end it with SIGKILL; a SIGINT or SIGTERM came from elsewhere (Ctrl-C reaches the whole process group).
    const gone = (e: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.opened = undefined;
      this.settle(e);
    };
    const unexpected = (why: string) => new SqlError(`The query process ended unexpectedly (${why}); the next query starts a new one.`);
    child.on("exit", (code, signal) => {
      started();
      gone(signal === "SIGINT" || signal === "SIGTERM" ? new QueryInterruptedError(signal) : unexpected(signal ?? `exit code ${code}`));
    });
    child.on("error", (e) => {
      started();
      gone(unexpected(e.message));
    });
  }

  /** The version of an in-memory replica: it changes with every write and schema change. */
  private memoryVersion(db: Db): string {
    return `${(db.prepare("SELECT total_changes() AS n").get() as { n: bigint }).n}:${db.pragma("schema_version", { simple: true })}`;
  }

  /** The statement is "running" (interrupt() stops it) from here on, while the child starts too. */
  private start(sql: string, params: unknown[] | Record<string, unknown>, o: RunOptions): Promise<Rows> {
    if (!this.child) this.spawn();
    const id = this.nextId++;
    const done = new Promise<Rows>((resolve, reject) => (this.current = { id, resolve, reject }));
    void this.ready!.then(() => {
      if (this.current?.id === id) this.send(id, sql, params, o);
    });
    return done;
  }

  private send(id: number, sql: string, params: unknown[] | Record<string, unknown>, o: RunOptions): void {
    const child = this.child;
    const cur = this.current!;
    if (!child) return this.settle(new SqlError("The query process ended before it started; try again."));
    const req: QueryRequest = { id, sql, params, maxRows: o.maxRows ?? 0, write: o.write, integers: o.integers ?? "bigint" };
    if ("path" in this.source) {
      if (this.opened !== "file") req.path = this.source.path;
      this.opened = "file";
    } else {
      const version = this.memoryVersion(this.source.memory);
      if (this.opened !== version) req.image = this.source.memory.serialize();
      this.opened = version;
    }
    const seconds = o.timeoutSeconds ?? 0;
    if (seconds > 0) cur.timer = setTimeout(() => this.stop(new QueryTimeoutError(seconds)), seconds * 1000);
    hold(child, true);
    child.send(req, (e) => e && this.settle(e));
  }

  private answer(m: QueryReply): void {
    if (m.id !== this.current?.id) return;
    if ("rows" in m) {
      // The column names ride along (not enumerable), so even an empty result can print its header.
      const rows = Object.defineProperty(m.rows.map((values) => objectOf(m.columns, values)), "columns", { value: m.columns });
      return this.finish()?.resolve(rows);
    }
    this.opened = undefined; // open again next time, in case opening was what failed
    this.settle(Object.assign(new Error(m.error.message), { code: m.error.code }));
  }

  /** The statement is over: no timer, no hold on the program; hands back its callbacks. */
  private finish(): QueryRunner["current"] {
    const cur = this.current;
    this.current = undefined;
    if (this.child) hold(this.child, false);
    clearTimeout(cur?.timer);
    return cur;
  }

  private settle(e: Error): void {
    this.finish()?.reject(e);
  }

  private stop(e: Error): void {
    const child = this.child;
    this.child = undefined;
    this.opened = undefined;
    this.settle(e);
    child?.kill("SIGKILL");
  }
}

/** A row as an object; a name that repeats keeps its last value, as better-sqlite3 does. */
function objectOf(columns: string[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
  return row;
}

/** An idle query process must not keep the program running; a busy one does. */
function hold(child: ChildProcess, busy: boolean): void {
  const refs = [child, child.channel].filter(Boolean) as Array<{ ref(): void; unref(): void }>;
  for (const r of refs) {
    if (busy) r.ref();
    else r.unref();
  }
}
