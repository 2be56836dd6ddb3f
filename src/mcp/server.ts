// The MCP server of `campctl mcp`: tools for the connection's API operations and basecamp_sql,
// resources for the replica's catalog, all served through one signed-in Connection (its rate
// limit, secrets masking and SQL allow-list apply to every call). Arguments are checked
// against each tool's schema before anything is sent; a tool's failure is a tool result the
// assistant can read (isError), and only a call the protocol cannot serve is a JSON-RPC error.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { PACKAGE } from "../config/internal/package-info.js";
import type { Connection } from "../sql/index.js";
import { Cursors, INVALID_PARAMS, protocolError, RESOURCE_NOT_FOUND, runOperationTool, type ToolResult } from "./run-tool.js";
import { chooseTools, type ToolChoice } from "./select.js";
import { DEFAULT_SQL_ROWS, readSqlResource, runSql, SQL_TOOL, sqlResources, sqlTool } from "./sql.js";
import type { OperationTool, Tool } from "./tools.js";

export interface McpServerOptions extends ToolChoice {
  /** Most rows basecamp_sql answers (default 500). */
  maxRows?: number;
}

type Check = (args: unknown) => { valid: boolean; errorMessage?: string };

/** A server over `conn`; connect it to a transport (stdio for campctl mcp) to serve. */
export function createMcpServer(conn: Connection, options: McpServerOptions = {}): Server {
  const api = conn.schema === "V2" ? "Basecamp 2" : "Basecamp 4";
  const chosen = chooseTools(conn.schema, options);
  const maxRows = options.maxRows ?? DEFAULT_SQL_ROWS;
  const byName = new Map<string, OperationTool>(chosen.operations.map((t) => [t.op, t]));
  const tools: Tool[] = [...(chosen.sql ? [sqlTool(maxRows)] : []), ...chosen.operations.map((t) => t.tool)];
  const schemas = new Map(tools.map((t) => [t.name, t.inputSchema]));
  const ajv = new AjvJsonSchemaValidator();
  const checks = new Map<string, Check>();
  const cursors = new Cursors();
  const road = conn.schema === "V2" ? conn.bc2.road : conn.client.road;

  const server = new Server(
    { name: "campctl", title: "Basecamp (campctl)", version: PACKAGE.version },
    {
      capabilities: { tools: {}, resources: {} },
      instructions:
        `Tools for one ${api} account: each is one API operation (names as in the API, grouped by domain in brackets), and ${chosen.sql ? `${SQL_TOOL} answers questions over many records with one SQL query (read basecamp://replica/sys_tables first)` : "no SQL tool (not among the chosen domains)"}. ` +
        `IDs may be given as numbers or as Basecamp URLs. Lists answer up to limit items and a nextCursor for more. Tools whose description says CHANGES BASECAMP write to the account.` +
        (options.readOnly ? " This server is read-only: no tool changes anything." : ""),
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));

  server.setRequestHandler(CallToolRequestSchema, async ({ params }, extra): Promise<ToolResult> => {
    const schema = schemas.get(params.name);
    if (!schema) throw protocolError(INVALID_PARAMS, unknownTool(params.name, options));
    const args = params.arguments ?? {};
    let check = checks.get(params.name);
    if (!check) checks.set(params.name, (check = ajv.getValidator(schema) as Check));
    const verdict = check(args);
    if (!verdict.valid) {
      return { isError: true, content: [{ type: "text", text: `InvalidArguments: ${params.name}: ${verdict.errorMessage ?? "the arguments do not match the tool's input schema"}. See the tool's inputSchema.` }] };
    }
    if (params.name === SQL_TOOL) return runSql(conn, args as { sql: string; params?: unknown[] }, maxRows);
    return runOperationTool(byName.get(params.name)!, road, args, cursors, extra.signal);
  });

  // The replica's catalog, for writing basecamp_sql's queries (none when SQL is left out).
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: chosen.sql ? sqlResources() : [] }));
  server.setRequestHandler(ReadResourceRequestSchema, async ({ params }) => {
    if (!chosen.sql) throw protocolError(RESOURCE_NOT_FOUND, `no resource ${JSON.stringify(params.uri)}: --domains left out sql, and the replica's catalog with it`);
    return readSqlResource(conn, params.uri);
  });
  return server;
}

function unknownTool(name: string, options: ToolChoice): string {
  const narrowed = [options.readOnly ? "--read-only" : "", options.domains ? "--domains" : ""].filter(Boolean).join(" and ");
  return `no tool named ${JSON.stringify(name)}${narrowed ? ` on this server (${narrowed} narrowed the tools; it may be one of those left out)` : ""}: tools/list shows the tools there are`;
}
