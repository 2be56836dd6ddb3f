// `campctl mcp`: serve Basecamp to an AI assistant over MCP on stdio: every operation of the
// account's API as a tool, and basecamp_sql over the replica, signed in as every other command
// is. stdout carries the protocol, so everything campctl says goes to stderr.
import type { Connection } from "../../sql/index.js";
import { DEFAULT_SQL_ROWS } from "../../mcp/sql.js";
import { chooseTools, UnknownDomainError, type ChosenTools } from "../../mcp/select.js";
import { openConnection, resolveFor, schemaOf, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { wholeNumber } from "../internal/numbers.js";
import { connectionExtras } from "./sql.js";

export interface McpOptions {
  readOnly?: boolean;
  domains?: string;
  maxRows?: string;
  maxAge?: string;
  offline?: boolean;
  listTools?: boolean;
}

/** The tools this run serves, checked before signing in (a wrong --domains is a usage error). */
function choose(o: McpOptions, schema: "V2" | "V3"): ChosenTools {
  try {
    return chooseTools(schema, { readOnly: o.readOnly, domains: o.domains?.split(",") });
  } catch (e) {
    if (e instanceof UnknownDomainError) throw new UsageError(`--domains: ${e.message}`);
    throw e;
  }
}

/** basecamp_sql's row cap: --max-rows, else MaxRows from the settings, else 500. */
function rowCap(o: McpOptions, g: GlobalOptions): number {
  if (o.maxRows !== undefined) return wholeNumber("--max-rows", o.maxRows, 1, undefined, "rows basecamp_sql answers");
  const set = resolveFor(g).maxRows;
  return set !== undefined && set > 0 ? set : DEFAULT_SQL_ROWS;
}

export async function runMcp(o: McpOptions, g: GlobalOptions): Promise<void> {
  const schema = schemaOf(g);
  const chosen = choose(o, schema);
  const maxRows = rowCap(o, g);
  const extra = connectionExtras(o);
  if (o.listTools) {
    const lines = chosen.operations.map((t) => `${t.op}\t${t.domain}\t${t.readOnly ? "reads" : "changes"}`);
    if (chosen.sql) lines.unshift("basecamp_sql\tsql\treads");
    process.stdout.write(`${lines.join("\n")}\n`);
    return;
  }
  // Never ask to sign in: stdin is the protocol. Without a usable sign-in this fails with what to run.
  // With --sandbox it hosts the sandbox, so other campctl --sandbox commands share its simulator.
  const conn: Connection = await openConnection(g, extra, { interactive: "never", sandboxHost: true });
  const [{ createMcpServer }, { StdioServerTransport }] = await Promise.all([import("../../mcp/server.js"), import("@modelcontextprotocol/sdk/server/stdio.js")]);
  const server = createMcpServer(conn, { readOnly: o.readOnly, domains: o.domains?.split(","), maxRows });
  let done!: () => void;
  const stopped = new Promise<void>((resolve) => (done = resolve));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .catch(() => undefined)
      .finally(() => void conn.close().finally(done));
  };
  // The SDK's stdio transport does not notice its input ending: the client closing stdin ends the server.
  process.stdin.on("end", stop);
  process.on("SIGINT", stop).on("SIGTERM", stop);
  try {
    await server.connect(new StdioServerTransport());
    const count = chosen.operations.length + (chosen.sql ? 1 : 0);
    process.stderr.write(`campctl mcp: serving ${count} tools for ${schema === "V2" ? "Basecamp 2" : "Basecamp 4"}${o.readOnly ? " (read-only)" : ""} on stdio\n`);
    await stopped;
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
    process.stdin.off("end", stop);
  }
}
