// An exclusive lock on a file path across processes (proper-lockfile: a `<path>.lock` folder
// whose mtime is refreshed while held), with a deadline instead of proper-lockfile's retry count.
import lockfile from "proper-lockfile";

export interface FileLockOptions {
  /** A lock not refreshed for this long is taken over (proper-lockfile's minimum is 2 s). */
  staleMs: number;
  /** Give up waiting after this long. */
  timeoutMs: number;
}

/** Waiting for the lock took longer than allowed. */
export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
  constructor(readonly lockFile: string, readonly waitedMs: number) {
    super(`timed out after ${waitedMs} ms waiting for ${lockFile}`);
  }
}

/** The lock could not be taken for a reason other than someone holding it. */
export class LockFailedError extends Error {
  override name = "LockFailedError";
  constructor(readonly lockFile: string, cause: unknown) {
    super(`cannot create ${lockFile}: ${(cause as Error).message}`, { cause });
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether process `pid` lives on this machine (EPERM: it does, but is not ours to signal). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFileFor(path: string): string {
  return `${path}.lock`;
}

/** Run `fn` while holding the lock on `path` (which need not exist; its folder must). */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, opts: FileLockOptions): Promise<T> {
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let release: () => Promise<void>;
  let compromised = false;
  for (;;) {
    try {
      release = await lockfile.lock(path, {
        realpath: false,
        stale: opts.staleMs,
        // The default throws from a timer and kills the process; losing the lock (for
        // instance after the machine slept) only weakens exclusion, so note it and go on.
        onCompromised: () => {
          compromised = true;
        },
      });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ELOCKED") throw new LockFailedError(lockFileFor(path), err);
      const left = deadline - Date.now();
      if (left <= 0) throw new LockTimeoutError(lockFileFor(path), Date.now() - started);
      await sleep(Math.min(left, 50 + Math.floor(Math.random() * 100)));
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch((err: unknown) => {
      // Releasing a lock someone else took over fails; that is expected once compromised.
      if (!compromised) throw err;
    });
  }
}
