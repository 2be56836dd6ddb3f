// Exit codes by error kind, and errors printed as one or two lines (or JSON with --json).
import { CommanderError } from "commander";
import { constants } from "node:os";
import { ConfigError } from "../../config/errors.js";
import { AuthError, BasecampError, ConnectionError, ForbiddenError, NotFoundError, RateLimitError, RefusedUrlError, TimeoutError, ValidationError } from "../../http/errors.js";
import { redact } from "../../http/redact.js";

export const EXIT = { ok: 0, usage: 1, notFound: 2, auth: 3, forbidden: 4, rateLimited: 5, network: 6, api: 7, timeout: 8, validation: 9, interrupted: 130 } as const;

/** A mistake in how campctl was called. */
export class UsageError extends Error {
  override name = "UsageError";
}

function kindOf(e: unknown): keyof typeof EXIT {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof CommanderError || e instanceof RefusedUrlError) return "usage";
  if (e instanceof NotFoundError) return "notFound";
  if (e instanceof AuthError) return "auth";
  if (e instanceof ForbiddenError) return "forbidden";
  if (e instanceof RateLimitError) return "rateLimited";
  if (e instanceof ConnectionError || e instanceof TimeoutError) return "network";
  if (e instanceof ValidationError) return "validation";
  const name = (e as Error)?.name;
  if (name === "WriteFailedError") return "validation";
  if (name === "QueryTimeoutError") return "timeout";
  if (name === "QueryInterruptedError") return "interrupted";
  if (name === "SqlError" || name === "StatementRefusedError" || name === "ExecSyntaxError" || name === "WriteValueError") return "usage";
  if (name === "TokenStoreError") return "auth";
  if (e instanceof BasecampError) return "api";
  return "api";
}

export function exitCodeOf(e: unknown): number {
  // An interrupted statement exits the way its signal would: 130 for SIGINT, 143 for SIGTERM.
  const signal = (e as { signal?: unknown })?.signal;
  if (kindOf(e) === "interrupted" && typeof signal === "string" && signal in constants.signals) return 128 + constants.signals[signal as NodeJS.Signals];
  return EXIT[kindOf(e)];
}

/** Print an error the way a person (or, with --json, a program) wants it. */
export function reportError(e: unknown, o: { json: boolean; verbose: number }): number {
  const code = exitCodeOf(e);
  const message = redact((e as Error)?.message ?? String(e));
  if (o.json) {
    const body: Record<string, unknown> = { error: { kind: kindOf(e), message, exitCode: code } };
    if (e instanceof BasecampError) Object.assign(body.error as object, { status: e.status, requestId: e.requestId });
    if (e instanceof ValidationError) Object.assign(body.error as object, { fieldErrors: e.fieldErrors });
    process.stderr.write(`${JSON.stringify(body)}\n`);
  } else {
    process.stderr.write(`campctl: ${message}\n`);
    if (o.verbose >= 2 && e instanceof Error && e.stack) process.stderr.write(`${redact(e.stack)}\n`);
  }
  return code;
}
