// How a replica runs users' statements: what a statement is (or that it is refused), which
// tables it reads, and running reads and writes with QueryTimeout, MaxRows and interrupt().
// The SQLite replica runs them in a killable child process (query-runner.ts); the PostgreSQL
// replica in the server, confined by a role (pg/engine.ts).
import type { IntegerMode } from "./integers.js";
import { explainSqlError, SqlError, tablesRead } from "./query.js";
import { QueryRunner } from "./query-runner.js";
import type { Db } from "./replica.js";
import { classify, type Params, type StatementKind } from "./statement-gate.js";

export interface ReadOptions {
  maxRows?: number;
  timeoutSeconds: number;
  integers: IntegerMode;
}

export interface ReplicaEngine {
  /** What the statement is: query mode takes reads only; anything not allowed throws StatementRefusedError. */
  classify(sql: string, mode: "query" | "execute", params: Params): StatementKind;
  /** The user tables a statement reads (so stale ones are synced first). */
  tablesRead(sql: string, params: Params): string[];
  read(sql: string, params: Params, opts: ReadOptions): Promise<Record<string, unknown>[]>;
  /** A write through the writable views: its capture triggers queue it in sys_outbox. */
  write(sql: string, params: Params, timeoutSeconds: number): Promise<void>;
  interrupt(signal?: NodeJS.Signals): boolean;
  close(): void;
}

/** The SQLite replica's engine: EXPLAIN-based checks, statements in a process that can be killed. */
export function sqliteEngine(db: Db, replicaPath: string): ReplicaEngine {
  // An in-memory replica is sent to the process as an image.
  const runner = new QueryRunner(replicaPath === ":memory:" ? { memory: db } : { path: replicaPath });
  const explained = (sql: string, e: unknown) => (e instanceof SqlError ? e : explainSqlError(db, sql, e));
  return {
    classify: (sql, mode, params) => classify(db, sql, mode, params),
    tablesRead: (sql, params) => tablesRead(db, sql, params),
    async read(sql, params, opts) {
      try {
        return await runner.run(sql, params, opts);
      } catch (e) {
        throw explained(sql, e);
      }
    },
    async write(sql, params, timeoutSeconds) {
      try {
        // In the query process too, so QueryTimeout and interrupt() stop a write's WHERE (an in-memory replica runs it here).
        if (runner.writes) await runner.run(sql, params, { write: true, timeoutSeconds });
        else db.prepare(sql).run(...(Array.isArray(params) ? params : [params]));
      } catch (e) {
        throw explained(sql, e);
      }
    },
    interrupt: (signal) => runner.interrupt(signal),
    close: () => runner.close(),
  };
}
