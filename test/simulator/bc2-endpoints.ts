// The 124 documented Basecamp 2 endpoints (reference/basecamp2-endpoints.txt) and which of them
// the simulator serves, matched against the routes the BC2 sub-app registers.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BC2_ROUTES, type Bc2Route } from "../../src/simulator/bc2/router.js";
import { createSimulator } from "../../src/simulator/index.js";
import { parseJson } from "../../src/simulator/internal/json.js";
import { UA } from "./helpers.js";

export interface Bc2Endpoint {
  /** The line as written, e.g. "GET /projects/1/todolists/1.json?exclude_todos=true". */
  line: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path under the base, without `.json` or query: "/projects/1/todolists/1". */
  path: string;
  /** Query parameters of the example ({} when none). */
  query: Record<string, string>;
}

export const BC2_ENDPOINTS_FILE = fileURLToPath(new URL("../../reference/basecamp2-endpoints.txt", import.meta.url));

export function parseBc2Endpoints(text: string = readFileSync(BC2_ENDPOINTS_FILE, "utf8")): Bc2Endpoint[] {
  const out: Bc2Endpoint[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(GET|POST|PUT|DELETE) (\S+)$/.exec(line);
    if (!m) throw new Error(`basecamp2-endpoints.txt: cannot read line ${JSON.stringify(line)}`);
    const [pathPart, queryPart = ""] = m[2].split("?");
    if (!pathPart.endsWith(".json")) throw new Error(`basecamp2-endpoints.txt: ${line} has no .json`);
    out.push({ line, method: m[1] as Bc2Endpoint["method"], path: pathPart.slice(0, -5), query: Object.fromEntries(new URLSearchParams(queryPart)) });
  }
  return out;
}

/** A route pattern ("/projects/:projectId/todos/:id") as a regex over example paths. */
function routeRegex(path: string): RegExp {
  const body = path
    .split("/")
    .map((seg) => (seg === ":section" ? "(?:[a-z_]+|<section>)" : /^:(id|[a-z]+Id)$/.test(seg) ? "\\d+" : seg.startsWith(":") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${body}$`);
}

/** The simulator route that serves an endpoint, if any. */
export function routeFor(e: Bc2Endpoint, routes: readonly Bc2Route[] = bc2Routes()): Bc2Route | undefined {
  return routes.find((r) => r.method === e.method && routeRegex(r.path).test(e.path));
}

/** Routes of the BC2 sub-app (registered when a simulator is built). */
export function bc2Routes(): readonly Bc2Route[] {
  if (BC2_ROUTES.length === 0) void createSimulator({ scale: "empty", rateLimit: "off" }).close();
  return BC2_ROUTES;
}

/** Documented endpoints the simulator serves today, and those it does not yet. */
export function bc2Coverage(): { served: Bc2Endpoint[]; missing: Bc2Endpoint[] } {
  const all = parseBc2Endpoints();
  const routes = bc2Routes();
  return { served: all.filter((e) => routeFor(e, routes)), missing: all.filter((e) => !routeFor(e, routes)) };
}

/**
 * The core families (projects, people, accesses, to-do lists, to-dos, comments, events):
 * the lines test/simulator/bc2-core.test.ts walks. Other families add their own lists.
 */
export const BC2_CORE_LINES: readonly string[] = [
  "DELETE /people/1.json",
  "DELETE /projects/1.json",
  "DELETE /projects/1/accesses/1.json",
  "DELETE /projects/1/comments/1.json",
  "DELETE /projects/1/todolists/1.json",
  "DELETE /projects/1/todos/1.json",
  "GET /events.json?since=2012-03-24T11:00:00-06:00",
  "GET /people.json",
  "GET /people/1.json",
  "GET /people/1/assigned_todos.json",
  "GET /people/1/assigned_todos.json?due_since=2014-07-10",
  "GET /people/1/events.json?since=2012-03-24T11:00:00-06:00",
  "GET /people/1/projects.json",
  "GET /people/me.json",
  "GET /people/trashed.json",
  "GET /projects.json",
  "GET /projects/1.json",
  "GET /projects/1/accesses.json",
  "GET /projects/1/events.json?since=2012-03-24T11:00:00-06:00",
  "GET /projects/1/todolists.json",
  "GET /projects/1/todolists/1.json",
  "GET /projects/1/todolists/1.json?exclude_todos=true",
  "GET /projects/1/todolists/1/todos.json",
  "GET /projects/1/todolists/1/todos/completed.json",
  "GET /projects/1/todolists/1/todos/remaining.json",
  "GET /projects/1/todolists/1/todos/trashed.json",
  "GET /projects/1/todolists/completed.json",
  "GET /projects/1/todolists/trashed.json",
  "GET /projects/1/todos.json",
  "GET /projects/1/todos.json?due_since=2014-07-10",
  "GET /projects/1/todos/1.json",
  "GET /projects/1/todos/completed.json",
  "GET /projects/1/todos/remaining.json",
  "GET /projects/archived.json",
  "GET /projects/drafts.json",
  "GET /todolists.json",
  "GET /todolists/completed.json",
  "GET /todolists/trashed.json",
  "POST /projects.json",
  "POST /projects/1/<section>/1/comments.json",
  "POST /projects/1/accesses.json",
  "POST /projects/1/client_accesses.json",
  "POST /projects/1/todolists.json",
  "POST /projects/1/todolists/1/todos.json",
  "PUT /projects/1.json",
  "PUT /projects/1/todolists/1.json",
  "PUT /projects/1/todos/1.json",
];

/** Endpoint lines of the content families: messages, topics, documents, attachments, uploads, tags, forwards. */
export const BC2_CONTENT_LINES: readonly string[] = [
  "GET /projects/1/messages/1.json",
  "POST /projects/1/messages.json",
  "PUT /projects/1/messages/1.json",
  "DELETE /projects/1/messages/1.json",
  "GET /topics.json",
  "GET /topics/archived.json",
  "GET /projects/1/topics.json",
  "GET /projects/1/topics/archived.json",
  "PUT /projects/1/topics/1/archive.json",
  "PUT /projects/1/topics/1/activate.json",
  "GET /documents.json",
  "GET /projects/1/documents.json",
  "GET /projects/1/documents/1.json",
  "POST /projects/1/documents.json",
  "PUT /projects/1/documents/1.json",
  "DELETE /projects/1/documents/1.json",
  "GET /attachments.json",
  "GET /projects/1/attachments.json",
  "GET /projects/1/attachments/1.json",
  "POST /attachments.json",
  "PUT /projects/1/attachments/1.json",
  "DELETE /projects/1/attachments/1.json",
  "GET /projects/1/uploads/2.json",
  "POST /projects/1/uploads.json",
  "DELETE /projects/1/uploads/2.json",
  "GET /tags/logos/attachments.json",
  "GET /projects/1/tags/logos/attachments.json",
  "POST /projects/1/attachments/1/tags.json",
  "PUT /projects/1/attachments/1/tags/logos.json",
  "DELETE /projects/1/attachments/1/tags/logos.json",
  "PUT /tags/logos.json",
  "DELETE /tags/logos.json",
  "DELETE /projects/1/tags/logos.json",
  "GET /forwards.json",
  "GET /projects/1/forwards.json",
  "GET /projects/1/forwards/1.json",
];

// ---- requests for the BC2 tests ------------------------------------------------------------

export interface Bc2Res {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export function basicOf(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/** JSON with bigint IDs written exactly. */
function toJsonExact(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `__big__${x}` : x)).replace(/"__big__(\d+)"/g, "$1");
}

/**
 * One Basecamp 2 request to a simulator (its in-process fetch, or the network for a running
 * one): JSON bodies written exactly, raw bytes as given, the answer's JSON parsed exactly.
 */
export async function bc2Request(s: { bc2ApiUrl: string; fetch?: (url: string, init: RequestInit) => Promise<Response> }, auth: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Bc2Res> {
  const h: Record<string, string> = { "User-Agent": UA, Authorization: auth, ...headers };
  let payload: RequestInit["body"];
  if (body instanceof Uint8Array) payload = body;
  else if (body !== undefined) {
    h["Content-Type"] ??= "application/json";
    payload = typeof body === "string" ? body : toJsonExact(body);
  }
  const f = s.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const res = await f(path.startsWith("http") ? path : `${s.bc2ApiUrl}${path}`, { method, headers: h, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text && (res.headers.get("content-type") ?? "").includes("json") ? parseJson(text) : undefined };
}

/** The lines among `lines` whose route never answered with a success in this simulator's stats. */
export function uncalledLines(stats: { byRouteStatus: Map<string, unknown> }, lines: readonly string[]): string[] {
  const all = parseBc2Endpoints().filter((e) => lines.includes(e.line));
  return all
    .filter((e) => {
      const route = routeFor(e);
      if (!route) return true;
      const label = `BC2 ${route.method} ${route.path}`;
      return ![...stats.byRouteStatus.keys()].some((k) => k.startsWith(`${label} `) && /\s(200|201|204|304)$/.test(k));
    })
    .map((e) => e.line);
}
