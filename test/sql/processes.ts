// Child processes for the tests where several processes share a replica: a fixture script
// run under tsx whose output lines are followed, the replica they share (a SQLite file or a
// PostgreSQL schema), what it has committed so far, and whether it holds what a lone sync makes.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "vitest";
import { pgSchema } from "../../src/sql/pg/db.js";
import { openDatabase, tableExists, type Db } from "../../src/sql/replica.js";
import { SYNC_STATE_TABLE } from "../../src/sql/schema/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import type { ReplicaAt } from "./fixtures/replica-at.js";
import { newReplicaOf, openTestReplica, postgresUrl, reopenTestReplica, type ReplicaKind, type ReplicaOptions } from "./fixtures/replicas.js";
import { clientFor, replicaDump, tempDir, type SimLike } from "./sync-helpers.js";

export interface Child {
  /** Every stdout line so far. */
  lines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
  running: () => boolean;
  kill: (signal: NodeJS.Signals) => void;
  /** Call `fn` with every later line, as it comes. */
  onLine: (fn: (l: string) => void) => void;
  /** The first line (so far or later) that `match` accepts; rejects if the child exits first. */
  line: (match: (l: string) => boolean) => Promise<string>;
}

/** Run `test/sql/fixtures/<name>.ts` with `args` as its JSON argument. */
export function spawnFixture(name: string, args: unknown): Child {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", `${name}.ts`), JSON.stringify(args)], {
    cwd: join(import.meta.dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: Array<{ match: (l: string) => boolean; resolve: (l: string) => void }> = [];
  const listeners: Array<(l: string) => void> = [];
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  createInterface({ input: child.stdout }).on("line", (l) => {
    lines.push(l);
    for (const fn of listeners) fn(l);
    for (const w of waiters.filter((x) => x.match(l))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve((code = c))));
  return {
    lines,
    stderr: () => err,
    exited,
    running: () => code === undefined,
    kill: (signal) => child.kill(signal),
    onLine: (fn) => listeners.push(fn),
    line: (match) => {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((c) => reject(new Error(`${name} exited (${c}) before the line; stderr: ${err}`)));
      });
    },
  };
}

/** A replica the test shares with child processes. */
export interface SharedReplica {
  /** Where a child finds it (spread into the fixture's arguments). */
  at: ReplicaAt;
  /** `fn` on the replica as it is now: the file opened read-only (undefined before it exists), or the test's own connection to the schema. */
  peek<T>(fn: (db: Db) => T): T | undefined;
  /** Open it in this process, as another process would (see openTestReplica for `opts`). */
  open(opts?: Omit<ReplicaOptions, "path" | "pgSchema">): Db;
}

/**
 * A new shared replica: a file in a temp dir that the first process to open it makes, or a new schema on the test
 * file's PostgreSQL server (usePostgres()), made here with its (empty) tables and watched through one connection.
 */
export function sharedReplica(kind: ReplicaKind): SharedReplica {
  if (kind === "sqlite") {
    const dbPath = join(tempDir(), "shared.db");
    return {
      at: { dbPath },
      peek: (fn) => {
        if (!existsSync(dbPath)) return undefined;
        const db = openDatabase(dbPath, { readonly: true });
        try {
          return fn(db);
        } finally {
          db.close();
        }
      },
      open: (opts = {}) => openTestReplica("sqlite", { ...opts, path: dbPath }),
    };
  }
  const watch = openTestReplica("postgres");
  return { at: { pgUrl: postgresUrl(), pgSchema: pgSchema(watch) }, peek: (fn) => fn(watch), open: (opts = {}) => reopenTestReplica("postgres", watch, opts) };
}

/** Tables with committed sync state in the shared replica (0 before it exists). */
export function committedTables(r: SharedReplica): number {
  try {
    const n = r.peek((db) => (tableExists(db, SYNC_STATE_TABLE) ? Number((db.prepare(`SELECT count(*) AS n FROM ${SYNC_STATE_TABLE}`).get() as { n: bigint }).n) : 0));
    return n ?? 0;
  } catch {
    return 0;
  }
}

/** Every synced table of `a` holds what the same table of `b` holds (and `b` has to-dos). */
export function expectSameReplica(a: Db, b: Db): void {
  const got = replicaDump(a);
  const want = replicaDump(b);
  for (const t of Object.keys(want)) expect(got[t], t).toEqual(want[t]);
  expect(want.ToDos.length).toBeGreaterThan(100);
}

/** `db` holds what a lone, uninterrupted sync from `sim` makes in a fresh replica of the same kind. */
export async function expectLikeALoneSync(db: Db, sim: SimLike, kind: ReplicaKind = "sqlite"): Promise<void> {
  const alone = newReplicaOf(kind);
  try {
    await syncTables(alone, clientFor(sim));
    expectSameReplica(db, alone);
  } finally {
    alone.close();
  }
}
