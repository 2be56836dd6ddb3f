// What campctl mcp serves, as data: one tool per operation of the connection's API (Basecamp 4
// from the generated reference tables, Basecamp 2 from its endpoint list), each with a JSON
// Schema for its input, a description saying what it reads or changes, and the hints MCP
// clients use to ask before a change. tools-bc4.ts and tools-bc2.ts describe their API;
// everything else here is shared.
import type { Catalog } from "../api/internal/op-engine.js";

export type JsonSchema = Record<string, unknown>;

/** An MCP tool as tools/list shows it. */
export interface Tool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema & { type: "object" };
  annotations: { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
  _meta: { "campctl/domain": string };
}

/** A tool and how its arguments become a call of one operation. */
export interface OperationTool {
  tool: Tool;
  domain: string;
  op: string;
  catalog: Catalog;
  pathParams: readonly string[];
  queryParams: readonly string[];
  /** Whether the input has a `body` (a JSON object sent as the request's body). */
  hasBody: boolean;
  /** Lists answer pages: the input has `limit` and `cursor`. */
  list: boolean;
  readOnly: boolean;
}

/** What an operation is, as the two APIs' tables describe it. */
export interface OperationFacts {
  op: string;
  domain: string;
  method: string;
  /** The path below the account, with `{name}` parameters. */
  path: string;
  pathParams: readonly string[];
  query: Record<string, JsonSchema>;
  requiredQuery: readonly string[];
  body?: JsonSchema;
  bodyRequired: boolean;
  list: boolean;
  /** What a path parameter is when it is not a Basecamp ID (Basecamp 2's tags and sections). */
  words?: readonly string[];
}

/** Items a list tool answers when `limit` is not given, and the most it answers at once. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** A kebab-case domain name: "Card Tables" → "card-tables", "MyNotes" → "my-notes". */
export function slug(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[\s_]+/g, "-")
    .toLowerCase();
}

/** "CreateTodoListGroup" → "Create todo list group". */
export function words(op: string): string {
  const w = op.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return w[0].toUpperCase() + w.slice(1);
}

const DESTRUCTIVE = /^(Delete|Destroy|Trash|Archive|Remove|Revoke|Replace|Disable|Unpublish|Untag)/;

function pathSchema(name: string, words: readonly string[] | undefined): JsonSchema {
  if (name === "date") return { type: "string", pattern: "^\\d{4}-?\\d{2}-?\\d{2}$", description: "a date, YYYY-MM-DD" };
  if (words?.includes(name)) return { type: "string", pattern: "^[\\w.-]+$", description: `the ${name}'s name (a plain word)` };
  const what = name.replace(/Id$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return { type: ["integer", "string"], description: `the ${what}'s ID, or its Basecamp URL (a string keeps IDs above 2^53 exact)` };
}

/** The input schema: path parameters, query parameters, `body`, and `limit`/`cursor` for lists. */
function inputSchema(f: OperationFacts): Tool["inputSchema"] {
  const properties: JsonSchema = {};
  for (const p of f.pathParams) properties[p] = pathSchema(p, f.words);
  Object.assign(properties, f.query);
  if (f.body) properties.body = { ...f.body, description: f.bodyRequired ? "the request's JSON body" : "the request's JSON body (optional)" };
  if (f.list) {
    properties.limit = { type: "integer", minimum: 1, maximum: MAX_LIMIT, description: `most items to answer (default ${DEFAULT_LIMIT}, or the limit the cursor's list was asked with); the answer's nextCursor fetches the rest` };
    properties.cursor = { type: "string", description: "nextCursor from this tool's previous answer, to go on where it stopped (give the same other arguments with it)" };
  }
  const required = [...f.pathParams, ...f.requiredQuery, ...(f.body && f.bodyRequired ? ["body"] : [])];
  return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** What a write does to what its path names, by the operation's first word. */
const EFFECTS: Record<string, string> = {
  Create: "adds a new record",
  Update: "changes fields of the record",
  Replace: "replaces the record's content",
  Delete: "deletes the record",
  Destroy: "deletes the record",
  Remove: "removes it",
  Revoke: "takes access away",
  Grant: "gives access",
  Trash: "moves the record to the trash",
  Archive: "archives the record",
  Unarchive: "brings the record back from the archive",
  Complete: "marks the to-do done",
  Uncomplete: "marks the to-do not done",
  Move: "moves it",
  Reposition: "changes its position",
  Subscribe: "subscribes the signed-in person",
  Unsubscribe: "unsubscribes the signed-in person",
};

/** What the tool does in one line: what it reads, or that it changes Basecamp and how. */
function describe(f: OperationFacts): string {
  const call = `${f.method} ${f.path}`;
  if (f.method === "GET") return `[${f.domain}] ${words(f.op)} (${call}). Reads only.${f.list ? " Answers up to limit items, and nextCursor for more." : ""}`;
  const verb = /^[A-Z][a-z]+/.exec(f.op)?.[0] ?? "";
  const where = f.pathParams.length ? ` named by ${f.pathParams.join(" and ")}` : "";
  const effect = `${EFFECTS[verb] ?? "acts on the record"}${where}`;
  return `[${f.domain}] ${words(f.op)}. CHANGES BASECAMP: ${effect} (${call}).${f.body ? " body holds the fields to send." : ""}`;
}

/** One operation as a tool. */
export function operationTool(f: OperationFacts, catalog: Catalog): OperationTool {
  const readOnly = f.method === "GET";
  const title = words(f.op);
  return {
    tool: {
      name: f.op,
      title,
      description: describe(f),
      inputSchema: inputSchema(f),
      annotations: {
        title,
        readOnlyHint: readOnly,
        destructiveHint: !readOnly && (f.method === "DELETE" || DESTRUCTIVE.test(f.op)),
        idempotentHint: f.method !== "POST",
        openWorldHint: true,
      },
      _meta: { "campctl/domain": f.domain },
    },
    domain: f.domain,
    op: f.op,
    catalog,
    pathParams: f.pathParams,
    queryParams: Object.keys(f.query),
    hasBody: f.body !== undefined,
    list: f.list,
    readOnly,
  };
}
