// Files that hold settings or secrets stay private (0600): one that group or others may read
// or write is narrowed to 0600 with a warning, or refused with the `chmod` command to run
// when it cannot be changed (another owner, a read-only or immutable file).
import fs from "node:fs";

/** The code of the process warning sent when no logger is given. */
export const INSECURE_FILE_WARNING = "BASECAMP_INSECURE_FILE";

/** Where a warning goes: a logger slot (one finished line), else `process.emitWarning`. */
export type WarningSink = { write(line: string): void } | undefined;

/** A file open to group or others that could not be made private. */
export class InsecureFileError extends Error {
  override name = "InsecureFileError";
  constructor(
    message: string,
    readonly path: string,
    /** The file's permission bits, e.g. 0o644. */
    readonly mode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Send one warning line to `sink`, or as a process warning coded BASECAMP_INSECURE_FILE. */
export function warnInsecure(message: string, sink: WarningSink): void {
  if (sink) sink.write(`warning: ${message}`);
  else process.emitWarning(message, { code: INSECURE_FILE_WARNING });
}

/**
 * Make sure `path` (described as `what`, e.g. "The config file") is not open to group or
 * others. A missing file, or one that cannot be looked at, is left to the caller's read.
 * Throws InsecureFileError, with the exact command to run, when the mode cannot be fixed.
 */
export function keepPrivate(path: string, what: string, sink?: WarningSink): void {
  if (process.platform === "win32") return; // no POSIX modes to speak of
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch {
    return;
  }
  const mode = st.mode & 0o777;
  if (!st.isFile() || (mode & 0o077) === 0) return;
  const shown = `0${mode.toString(8).padStart(3, "0")}`;
  const open = `${mode & 0o070 ? "group" : ""}${mode & 0o070 && mode & 0o007 ? " and " : ""}${mode & 0o007 ? "others" : ""}`;
  try {
    fs.chmodSync(path, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new InsecureFileError(`${what} ${path} is open to ${open} (mode ${shown}) and could not be made private (${code}). Run: chmod 600 ${shellQuote(path)}`, path, mode, { cause: e });
  }
  warnInsecure(`${what} ${path} was open to ${open} (mode ${shown}); it is now 0600.`, sink);
}

/** `path` as one shell word (quoted only when it needs to be). */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
