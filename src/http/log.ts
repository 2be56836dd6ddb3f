// The logger slot. The library has no logging dependency: callers pass a `Logger`, or a
// `Logfile` path that gets a small file logger. Every line is redacted before it leaves.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { redact } from "./redact.js";

/** Verbosity: 1 a line per request (status, time), 2 adds retries and paging, 3 headers, 4 bodies, 5 transport detail. */
export type Verbosity = 0 | 1 | 2 | 3 | 4 | 5;

export interface Logger {
  /** One finished, already-redacted line of text. */
  write(line: string): void;
}

/** Appends lines to a file, creating its folder (0600, so a log is private like the tokens it never holds). */
export function fileLogger(path: string): Logger {
  mkdirSync(dirname(path), { recursive: true });
  return {
    write(line) {
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    },
  };
}

/** Writes to a stream such as process.stderr. */
export function streamLogger(stream: { write(s: string): unknown }): Logger {
  return { write: (line) => void stream.write(`${line}\n`) };
}

let processDefault: { logger: Logger; verbosity: Verbosity } | undefined;

/**
 * A logger for every road in the process that was given none (a test harness or an app's
 * entry point sets this once; the library never reads the environment for it).
 */
export function setDefaultLogging(logger: Logger | undefined, verbosity: Verbosity = 1): void {
  processDefault = logger ? { logger, verbosity } : undefined;
}

export function defaultLogging(): { logger: Logger; verbosity: Verbosity } | undefined {
  return processDefault;
}

/** The road's view of logging: a level gate in front of a logger, with redaction. */
export class LogGate {
  constructor(
    private readonly logger: Logger | undefined,
    readonly verbosity: Verbosity,
  ) {}

  enabled(level: number): boolean {
    return this.logger !== undefined && this.verbosity >= level;
  }

  /** Log at `level`; `text` is called only when the line will be written. */
  at(level: number, text: () => string): void {
    if (!this.enabled(level)) return;
    this.logger!.write(`${new Date().toISOString()} ${redact(text())}`);
  }
}

/** Longest body shown at verbosity 4 and up. */
export const MAX_LOGGED_BODY = 16_384;

export function clip(text: string): string {
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}… (${text.length - MAX_LOGGED_BODY} more characters)` : text;
}
