// Child processes for the tests where several processes share a replica: a fixture script
// run under tsx whose output lines are followed, what a replica has committed so far, and
// whether it holds what a lone sync makes.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "vitest";
import { openDatabase, type Db } from "../../src/sql/replica.js";
import { SYNC_STATE_TABLE } from "../../src/sql/schema/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { clientFor, newReplica, replicaDump, type SimLike } from "./sync-helpers.js";

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

/** Tables with committed sync state in the replica at `dbPath` (0 before it exists). */
export function committedTables(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(SYNC_STATE_TABLE);
    return has ? Number((db.prepare(`SELECT count(*) AS n FROM ${SYNC_STATE_TABLE}`).get() as { n: bigint }).n) : 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** Every synced table of `a` holds what the same table of `b` holds (and `b` has to-dos). */
export function expectSameReplica(a: Db, b: Db): void {
  const got = replicaDump(a);
  const want = replicaDump(b);
  for (const t of Object.keys(want)) expect(got[t], t).toEqual(want[t]);
  expect(want.ToDos.length).toBeGreaterThan(100);
}

/** `db` holds what a lone, uninterrupted sync from `sim` makes in a fresh replica. */
export async function expectLikeALoneSync(db: Db, sim: SimLike): Promise<void> {
  const alone = newReplica();
  try {
    await syncTables(alone, clientFor(sim));
    expectSameReplica(db, alone);
  } finally {
    alone.close();
  }
}
