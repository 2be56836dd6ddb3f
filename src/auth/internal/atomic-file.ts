// Durable, all-or-nothing file writes: a private temp file in the same folder, fsync, rename.
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import { basename, dirname, join } from "node:path";

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Create `path` (which must not exist) with `data`, mode 0600, and fsync it. */
export async function writeFileDurably(path: string, data: string | Buffer): Promise<void> {
  const handle = await fsp.open(path, "wx", FILE_MODE);
  try {
    await handle.writeFile(data);
    // The umask can only narrow the mode, but make it exact anyway.
    await handle.chmod(FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Make the rename that just happened in `dir` survive a crash (best effort: not every OS allows it). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, "r");
    await handle.sync();
  } catch {
    // Windows and some file systems cannot open or sync a folder; the rename still happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Create `dir` (and its parents) as 0700 when missing; an existing folder keeps its mode. */
export async function ensureDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** The temp-file name used while replacing `path`; it starts with a dot and ends in `.tmp`. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Replace `path` with `data` so readers see the old file or the new one, never a mix. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const tmp = tempPathFor(path);
  try {
    await writeFileDurably(tmp, data);
    await fsp.rename(tmp, path);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}
