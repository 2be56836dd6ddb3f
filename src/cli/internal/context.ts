// What every command shares: the global options, turned into a connection when needed.
import { streamLogger } from "../../http/log.js";
import type { Connection } from "../../sql/index.js";

export interface GlobalOptions {
  connection?: string;
  profile?: string;
  sandbox?: boolean;
  json?: boolean;
  verbose: number;
  logFile?: string;
  color: boolean;
}

/** The connection string for this run: --connection, else BASECAMP_CONNECTION, plus the switches. */
export function connectionString(g: GlobalOptions, extra: string[] = []): string {
  const parts = [g.connection ?? process.env.BASECAMP_CONNECTION ?? ""];
  if (g.sandbox) parts.push("Sandbox=true");
  if (g.logFile) parts.push(`Logfile='${g.logFile.replace(/'/g, "''")}'`, `Verbosity=${Math.max(1, Math.min(5, g.verbose + 1))}`);
  parts.push(...extra);
  return parts.filter((p) => p.trim() !== "").join(";");
}

export async function openConnection(g: GlobalOptions, extra: string[] = []): Promise<Connection> {
  const { connect } = await import("../../sql/index.js");
  const logger = g.verbose > 0 && !g.logFile ? streamLogger(process.stderr) : undefined;
  return connect(connectionString(g, extra), { logger, profile: g.profile ?? process.env.BASECAMP_PROFILE });
}

export function colorEnabled(g: GlobalOptions): boolean {
  return g.color && !process.env.NO_COLOR && process.stdout.isTTY === true;
}
