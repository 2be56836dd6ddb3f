// What every command shares: the global options, turned into a connection when needed.
import { loadConfigFile } from "../../config/files.js";
import { resolveSettings } from "../../config/resolve.js";
import { parseConnectionString } from "../../config/parse.js";
import type { ConnectionSettings } from "../../config/types.js";
import type { ClientSession, OpenClientOptions } from "../../api/open-client.js";
import type { Connection } from "../../sql/index.js";
import { UsageError } from "./errors.js";
import { cliLogger } from "./warnings.js";

export interface GlobalOptions {
  connection?: string;
  profile?: string;
  sandbox?: boolean;
  /** --schema V2|V3: Basecamp 2 or Basecamp 4/3 (Schema= in the connection string). */
  schema?: string;
  json?: boolean;
  /** --format: table, tsv, csv, json or markdown (default: table on a terminal, else tsv). */
  format?: string;
  verbose: number;
  logFile?: string;
  color: boolean;
}

/** The connection string for this run: --connection, else BASECAMP_CONNECTION, plus the switches. */
export function connectionString(g: GlobalOptions, extra: string[] = []): string {
  const parts = [g.connection ?? process.env.BASECAMP_CONNECTION ?? ""];
  const given = checkSwitchConflicts(g, parts[0]);
  if (g.sandbox) parts.push("Sandbox=true");
  if (g.schema) parts.push(`Schema=${schemaSwitch(g.schema)}`);
  if (g.logFile) parts.push(`Logfile='${g.logFile.replace(/'/g, "''")}'`);
  // A Verbosity in the connection string says how much --log-file writes; else -v's count does.
  if (g.logFile && given.Verbosity === undefined) parts.push(`Verbosity=${Math.max(1, Math.min(5, g.verbose + 1))}`);
  parts.push(...extra);
  return parts.filter((p) => p.trim() !== "").join(";");
}

/** --schema's value: V2 or V3 (any case). */
export function schemaSwitch(value: string): "V2" | "V3" {
  const s = value.trim().toUpperCase();
  if (s === "V2" || s === "V3") return s;
  throw new UsageError(`--schema takes V2 (Basecamp 2) or V3 (Basecamp 4/3); got ${JSON.stringify(value)}`);
}

/** Which Basecamp this run talks to (V2: Basecamp 2), from --schema or the resolved settings, without signing in. */
export function schemaOf(g: GlobalOptions): "V2" | "V3" {
  return g.schema ? schemaSwitch(g.schema) : resolveFor(g).schema;
}

/** A switch (--sandbox, --schema, --log-file) and the connection string setting the same key: the user must keep one. */
function checkSwitchConflicts(g: GlobalOptions, conn: string): Record<string, string> {
  if (!g.sandbox && !g.logFile && !g.schema) return {};
  const given = parseConnectionString(conn);
  const where = g.connection !== undefined ? "the connection string (-c)" : "BASECAMP_CONNECTION";
  if (g.sandbox && given.Sandbox !== undefined) {
    const said = `Sandbox=${given.Sandbox.trim()}`;
    throw new UsageError(`--sandbox and ${said} in ${where} both set Sandbox: keep one — drop --sandbox, or remove ${said} from ${where}`);
  }
  if (g.schema && given.Schema !== undefined) {
    const said = `Schema=${given.Schema.trim()}`;
    throw new UsageError(`--schema and ${said} in ${where} both set Schema: keep one — drop --schema, or remove ${said} from ${where}`);
  }
  if (g.logFile && given.Logfile !== undefined) {
    throw new UsageError(`--log-file and Logfile in ${where} both set the log file: keep one — drop --log-file, or remove Logfile from ${where}`);
  }
  return given;
}

/** The profile names campctl keeps `use` choices in for the sandbox. */
export const SANDBOX_PROFILE = "sandbox";

/**
 * The profile of this run: --profile, else BASECAMP_PROFILE; with --sandbox, the "sandbox"
 * profile when `campctl --sandbox use …` made one (so sandbox choices never touch real ones).
 */
export function profileFor(g: GlobalOptions): string | undefined {
  const named = g.profile || process.env.BASECAMP_PROFILE || undefined;
  if (named || !g.sandbox) return named;
  return Object.prototype.hasOwnProperty.call(loadConfigFile().profiles, SANDBOX_PROFILE) ? SANDBOX_PROFILE : undefined;
}

/** Which profile this run reads. The sandbox never takes the real connection's default profile. */
function profileOptions(g: GlobalOptions): { profile?: string; defaultProfile: boolean } {
  return { profile: profileFor(g), defaultProfile: !g.sandbox };
}

/** Settings passed to the library for this run: the logger and the profile. */
function libraryOptions(g: GlobalOptions) {
  const logger = g.verbose > 0 && !g.logFile ? cliLogger(process.stderr) : undefined;
  return { logger, ...profileOptions(g) };
}

/** This run's settings, resolved as openSession and openConnection do, without signing in. */
export function resolveFor(g: GlobalOptions, extra: string[] = []): ConnectionSettings {
  return resolveSettings({ connectionString: connectionString(g, extra), ...profileOptions(g) }).settings;
}

/** A signed-in client without the SQL replica (never loads SQLite). */
export async function openSession(g: GlobalOptions, extra: string[] = [], options: Omit<OpenClientOptions, "logger" | "profile"> = {}): Promise<ClientSession> {
  const { openClient } = await import("../../api/open-client.js");
  return openClient(connectionString(g, extra), { ...libraryOptions(g), ...options });
}

/**
 * A signed-in client and the SQL replica; `options.interactive: "never"` fails instead of asking
 * to sign in; `options.sandboxHost` makes a long-running --sandbox run serve the sandbox to others.
 */
export async function openConnection(g: GlobalOptions, extra: string[] = [], options: Pick<OpenClientOptions, "interactive" | "sandboxHost"> = {}): Promise<Connection> {
  const { connect } = await import("../../sql/index.js");
  return connect(connectionString(g, extra), { ...libraryOptions(g), ...options });
}

export function colorEnabled(g: GlobalOptions): boolean {
  return g.color && !process.env.NO_COLOR && process.stdout.isTTY === true;
}
