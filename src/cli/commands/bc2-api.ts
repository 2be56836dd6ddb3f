// `campctl api <Endpoint> [name=value …]` and `campctl api --operations [filter]` on a Basecamp 2
// account: its 124 endpoints by name (src/api/bc2/operations.ts BC2_ENDPOINTS), path parameters
// as name=value (IDs or Basecamp 2 URLs; a nested URL also fills in its project), other
// name=value words as query parameters, lists read to the end (or one --page).
import { BC2_CATALOG } from "../../api/bc2/catalog.js";
import { BC2_ENDPOINTS, type Bc2OperationId } from "../../api/bc2/operations.js";
import type { OpSpec } from "../../api/internal/op-engine.js";
import { parseBasecampUrl } from "../../api/ids.js";
import type { QueryValue } from "../../http/road.js";
import type { Id } from "../../http/json.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { chooseFormat, toJson } from "../internal/output.js";
import { unknownOperation, type RunOperationOptions } from "./api-operations.js";
import { withBc2, type Bc2Ref } from "./bc2.js";
import { collect, print } from "./shared.js";

export const BC2_NAMES = Object.keys(BC2_ENDPOINTS) as Bc2OperationId[];

/** The endpoint's method, path and path parameters, as the client reads them. */
function specOf(op: Bc2OperationId): OpSpec {
  return BC2_CATALOG.spec(op)!;
}

/** The endpoint named `name` exactly, or in another case ("gettodo"); undefined if none. */
export function findBc2Operation(name: string): Bc2OperationId | undefined {
  if (Object.prototype.hasOwnProperty.call(BC2_ENDPOINTS, name)) return name as Bc2OperationId;
  const lower = name.toLowerCase();
  return BC2_NAMES.find((n) => n.toLowerCase() === lower);
}

/** `campctl api --operations [filter]` on Basecamp 2: name, method and path of each endpoint the words match. */
export function runBc2OperationsList(filter: string | undefined, g: GlobalOptions): void {
  const words = (filter ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const rows = BC2_NAMES.map((name) => ({ name, method: specOf(name).method, path: specOf(name).path }))
    .filter((r) => words.every((w) => `${r.name} ${r.method} ${r.path}`.toLowerCase().includes(w)))
    .map((r) => ({ name: r.name, method: r.method, path: r.path }));
  if (rows.length === 0) throw new UsageError(`No Basecamp 2 endpoint matches ${JSON.stringify(filter)}; campctl api --operations lists all ${BC2_NAMES.length}.`);
  const records = rows.map((r) => ({ ...r, pathParams: specOf(r.name as Bc2OperationId).pathParams }));
  print(g, chooseFormat(g) === "json" ? records : rows, rows);
}

/** The path word before an ID of each parameter in a Basecamp 2 URL. */
const URL_WORDS: Record<string, string> = {
  projectId: "projects",
  personId: "people",
  calendarId: "calendars",
  groupId: "groups",
  subgroupId: "subgroups",
  templateId: "project_templates",
  todolistId: "todolists",
  todoId: "todos",
  messageId: "messages",
  topicId: "topics",
  commentId: "comments",
  documentId: "documents",
  attachmentId: "attachments",
  uploadId: "uploads",
  eventId: "calendar_events",
  forwardId: "forwards",
};

/** The path word before the ID of a Basecamp 2 URL ("todos"); undefined for anything else. */
function urlWordOf(value: string): string | undefined {
  const url = parseBasecampUrl(value.trim().replace(/^(https?:\/\/[^/]+)(\/web)?\/bcx\//i, "$1$2/"));
  return url?.kind.split("/").pop();
}

/** Path parameters that are words, not IDs. */
const WORD_PARAMS = new Set(["tag", "section"]);

/** A path value: an ID or a Basecamp 2 URL of the right kind (whose project or calendar is kept too); tags and sections as text. */
function pathValue(op: string, name: string, value: string, refs: Bc2Ref[]): { id: Id | string; parent?: { name: string; id: Id } } {
  const text = value.trim();
  if (WORD_PARAMS.has(name)) {
    if (text === "") throw new UsageError(`${op} ${name} cannot be empty.`);
    return { id: text };
  }
  if (/^\d+$/.test(text)) return { id: text };
  const url = parseBasecampUrl(text.replace(/^(https?:\/\/[^/]+)(\/web)?\/bcx\//i, "$1$2/"));
  if (!url) throw new UsageError(`${op} ${name}: expected an ID or a Basecamp 2 URL; got ${JSON.stringify(value)}`);
  const words = url.kind.replace(/^api\/v1\/?/, "").split("/");
  const want = URL_WORDS[name];
  if (want !== undefined && words[words.length - 1] !== want) throw new UsageError(`${op} ${name}: that URL points to ${words.join("/") || "something else"}, not ${want}: ${JSON.stringify(value)}`);
  refs.push({ id: url.id, text, url });
  const parentWord = words.length > 1 ? words[words.length - 2] : undefined;
  const parentName = parentWord === "projects" ? "projectId" : parentWord === "calendars" ? "calendarId" : undefined;
  return { id: url.id, parent: parentName && url.parentId !== undefined ? { name: parentName, id: url.parentId } : undefined };
}

export async function runBc2Operation(name: string, params: readonly string[], o: RunOperationOptions, g: GlobalOptions): Promise<void> {
  const op = findBc2Operation(name);
  if (!op) throw unknownOperation(name, BC2_NAMES);
  const s = specOf(op);
  const usage = `campctl api ${op}${s.pathParams.map((p) => ` ${p}=<${WORD_PARAMS.has(p) ? p : "ID or URL"}>`).join("")}`;
  const path: Record<string, Id | string> = {};
  const fromUrls: Record<string, Id> = {};
  const query: Record<string, QueryValue> = {};
  const refs: Bc2Ref[] = [];
  const setPath = (p: string, value: string) => {
    const v = pathValue(op, p, value, refs);
    path[p] = v.id;
    if (v.parent && s.pathParams.includes(v.parent.name)) fromUrls[v.parent.name] = v.parent.id;
  };
  for (const word of params) {
    const eq = word.indexOf("=");
    if (eq <= 0) {
      // A bare URL fills the parameter of its kind (a to-do's URL: todoId, and its project); a bare ID the next one.
      const kindWord = urlWordOf(word);
      const next = s.pathParams.find((p) => path[p] === undefined && kindWord !== undefined && URL_WORDS[p] === kindWord) ?? s.pathParams.find((p) => path[p] === undefined);
      if (next === undefined) throw new UsageError(`${op} takes ${s.pathParams.length ? s.pathParams.join(", ") : "no path parameters"}; ${JSON.stringify(word)} is one value too many. Give query parameters as name=value: ${usage}`);
      setPath(next, word);
      continue;
    }
    const key = word.slice(0, eq);
    // Basecamp 2's query parameters (page, since, due_since, exclude_todos …) pass as they are.
    if (s.pathParams.includes(key)) setPath(key, word.slice(eq + 1));
    else query[key] = word.slice(eq + 1);
  }
  for (const pair of o.query ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--query takes name=value; got ${JSON.stringify(pair)}`);
    query[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  // A to-do's URL names its project too: `campctl api GetTodo <url>` needs nothing else.
  for (const [p, id] of Object.entries(fromUrls)) path[p] ??= id;
  const missing = s.pathParams.filter((p) => path[p] === undefined);
  if (missing.length) throw new UsageError(`${op} needs ${missing.join(" and ")}: ${usage}`);
  const list = op.startsWith("List");
  let page: number | undefined;
  if (o.page !== undefined) {
    if (!list) throw new UsageError(`--page is for lists; ${op} answers one record.`);
    if (!/^\d+$/.test(o.page) || Number(o.page) < 1) throw new UsageError(`--page takes a page number (1, 2 …); got ${JSON.stringify(o.page)}`);
    page = Number(o.page);
  }
  const writes = s.method === "POST" || s.method === "PUT";
  const bodiless = ["PublishProject", "StarProject", "ArchiveTopic", "ActivateTopic"].includes(op);
  if (o.body !== undefined && (!writes || bodiless)) throw new UsageError(`${op} (${s.method} ${s.path}) takes no body; drop --data.`);
  if (op === "CreateAttachment") throw new UsageError(`${op} uploads a file, which campctl api cannot send; use the library's Basecamp2Client: client.attachments.create({ bytes, contentType }).`);
  if (o.body === undefined && writes && !bodiless) throw new UsageError(`${op} needs a JSON body: --data '{…}' or --data @file.json`);
  await withBc2(g, refs, async (session) => {
    const client = session.client;
    let data: unknown;
    if (list && page === undefined) data = await collect(client.paginateOperation(op, { path, query }));
    else data = await client.operation(op, { path, query: page === undefined ? query : { ...query, page }, body: o.body });
    if (data !== undefined && data !== null && data !== "") process.stdout.write(`${toJson(data)}\n`);
  });
}
