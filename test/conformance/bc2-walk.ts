// Issue 15's measuring stick: every line of reference/basecamp2-endpoints.txt is called
// through Basecamp2Client's method for it against the simulator, with IDs of the right kind
// (seeded records, or the ones the walk's own creates made), and each answer checked.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Basecamp2Client } from "../../src/api/bc2/client.js";
import { BC2_ENDPOINTS, type Bc2OperationId } from "../../src/api/bc2/operations.js";
import { BasecampError } from "../../src/http/errors.js";
import type { Store } from "../../src/simulator/store/store.js";
import type { RecType } from "../../src/simulator/store/model.js";
import { tableMethods } from "./client-walk.js";

export const BC2_ENDPOINTS_PATH = fileURLToPath(new URL("../../reference/basecamp2-endpoints.txt", import.meta.url));

export interface EndpointLine {
  /** As the file writes it: `GET /projects/1/todos.json?due_since=2014-07-10`. */
  line: string;
  method: string;
  path: string;
  query: URLSearchParams;
  op: Bc2OperationId;
}

/** Each documented line and the operation it is (literal segments beat parameters). */
export function endpointLines(): EndpointLine[] {
  const table = Object.entries(BC2_ENDPOINTS).map(([op, spec]) => {
    const [method, path] = spec.split(" ");
    const literal = path.split("/").filter((s) => !s.includes("{")).length;
    const re = new RegExp(`^${path.replace(/\./g, "\\.").replace(/\{(tag|section)\}/g, "[^/]+").replace(/\{\w+\}/g, "\\d+")}$`);
    return { op: op as Bc2OperationId, method, re, literal };
  });
  const out: EndpointLine[] = [];
  for (const line of readFileSync(BC2_ENDPOINTS_PATH, "utf8").split("\n")) {
    const m = /^(GET|POST|PUT|DELETE) (\S+)$/.exec(line.trim());
    if (!m) continue;
    const [path, qs = ""] = m[2].split("?");
    const hits = table.filter((t) => t.method === m[1] && t.re.test(path.replace("<section>", "todos"))).sort((a, b) => b.literal - a.literal);
    if (!hits.length) throw new Error(`no operation for ${line}`);
    out.push({ line: line.trim(), method: m[1], path, query: new URLSearchParams(qs), op: hits[0].op });
  }
  return out;
}

/** Creates first (later lines use what they made), reads, changes, then deletes (project last). */
function phase(e: EndpointLine): number {
  if (e.op === "DeleteProject") return 5;
  // Deeper paths first: a membership or subgroup before its group, a tag before its attachment.
  if (e.method === "DELETE") return 4 + 1 / e.path.split("/").length;
  if (e.method === "PUT") return 3;
  return e.method === "POST" ? 1 : 2;
}

export interface Bc2WalkResult {
  line: string;
  op: Bc2OperationId;
  ok: boolean;
  detail: string;
}


const first = (store: Store, type: RecType, bucket: bigint) => [...store.ofType(type)].find((r) => r.bucketId === bucket && r.status === "active");

/** Bodies for the writes (the fields the docs name as required, and a few more). */
function bodyFor(op: Bc2OperationId, ids: Record<string, string>): unknown {
  const tag = { name: "logos" };
  const bodies: Partial<Record<Bc2OperationId, unknown>> = {
    CreateProject: { name: "BC2 walk project", description: "made by the walk" },
    UpdateProject: { name: "BC2 walk project (renamed)" },
    CreateProjectTemplate: { name: "BC2 walk template" },
    CreateProjectFromTemplate: { name: "From the walk's template" },
    GrantProjectAccess: { ids: [ids.otherPersonId] },
    GrantClientAccess: { email_addresses: [ids.clientEmail] },
    CreateGroup: { name: "BC2 walk group", memberships: [{ person_id: Number(ids.otherPersonId) }] },
    UpdateGroup: { name: "BC2 walk group (renamed)" },
    CreateSubgroup: { name: "BC2 walk subgroup", memberships: [{ person_id: Number(ids.otherPersonId) }] },
    UpdateSubgroup: { name: "BC2 walk subgroup (renamed)" },
    CreateTodolist: { name: "BC2 walk list", description: "" },
    UpdateTodolist: { name: "BC2 walk list (renamed)" },
    CreateTodo: { content: "BC2 walk to-do", due_at: "2026-12-24" },
    UpdateTodo: { completed: true },
    CreateMessage: { subject: "BC2 walk message", content: "<div>Hello</div>" },
    UpdateMessage: { subject: "BC2 walk message (edited)" },
    CreateComment: { content: "BC2 walk comment" },
    CreateDocument: { title: "BC2 walk document", content: "<div>Doc</div>" },
    UpdateDocument: { title: "BC2 walk document (edited)" },
    CreateAttachment: { bytes: new TextEncoder().encode("bc2 walk\n"), contentType: "text/plain" },
    UpdateAttachment: { name: "walk.txt" },
    CreateUpload: { content: "A file", attachments: [{ token: ids.attachmentToken, name: "walk.txt" }] },
    TagAttachment: tag,
    // Renames keep the name, so every later tag line still finds "logos".
    UpdateAttachmentTag: { name: "logos" },
    RenameTag: { name: "Logos" },
    CreateCalendar: { name: "BC2 walk calendar" },
    UpdateCalendar: { name: "BC2 walk calendar (renamed)" },
    CreateCalendarEvent: { summary: "BC2 walk event", starts_at: "2026-12-24", all_day: true },
    UpdateCalendarEvent: { summary: "BC2 walk event (moved)" },
    CreateProjectCalendarEvent: { summary: "BC2 walk project event", starts_at: "2026-12-24", all_day: true },
    UpdateProjectCalendarEvent: { summary: "BC2 walk project event (moved)" },
  };
  return bodies[op] ?? {};
}

/** Walk every endpoint line through the client; `store` supplies seeded IDs. */
export async function walkBc2(client: Basecamp2Client, store: Store): Promise<Bc2WalkResult[]> {
  const methods = tableMethods(client);
  const project = [...store.projects.values()].find((p) => p.status === "active")!;
  const owner = store.account.ownerId;
  const others = [...store.people.values()].filter((p) => p.id !== owner && !p.owner);
  const other = others[0].id;
  const spare = others[others.length - 1];
  const clientPerson = others[others.length - 2];
  const ids: Record<string, string> = {
    projectId: String(project.id),
    personId: String(owner),
    otherPersonId: String(other),
    sparePersonId: String(spare.id),
    clientEmail: clientPerson.emailAddress,
    todolistId: String(first(store, "Todolist", project.id)?.id),
    todoId: String(first(store, "Todo", project.id)?.id),
    messageId: String(first(store, "Message", project.id)?.id),
    topicId: String(first(store, "Message", project.id)?.id),
    documentId: String(first(store, "Document", project.id)?.id),
    uploadId: String(first(store, "Upload", project.id)?.id),
    attachmentId: String(first(store, "Upload", project.id)?.id),
    eventId: String(first(store, "Schedule::Entry", project.id)?.id),
    forwardId: String(first(store, "Inbox::Forward" as RecType, project.id)?.id),
    recordingId: String(first(store, "Todo", project.id)?.id),
    section: "todos",
    tag: "logos",
  };
  await prepareTags(client, store, ids);
  const results: Bc2WalkResult[] = [];
  // Within deletes, deeper paths first: a membership goes before its group, a tag before its attachment.
  const depth = (e: EndpointLine) => (e.method === "DELETE" ? -e.path.split("/").length : 0);
  const lines = endpointLines().map((e, i) => ({ e, i })).sort((a, b) => phase(a.e) - phase(b.e) || depth(a.e) - depth(b.e) || a.i - b.i).map((x) => x.e);
  for (const e of lines) {
    const where = methods.get(e.op);
    if (!where) {
      results.push({ line: e.line, op: e.op, ok: false, detail: "no client method" });
      continue;
    }
    const params = [...BC2_ENDPOINTS[e.op].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const args: unknown[] = params.map((p) => {
      if (p === "eventId" && BC2_ENDPOINTS[e.op].includes(" /calendars/")) return ids.calendarEventId;
      if (p === "personId" && e.op === "DeletePerson") return ids.sparePersonId; // nobody the other lines use
      if (p === "personId" && e.method === "DELETE") return ids.otherPersonId; // never remove the walk's own person
      return ids[p];
    });
    const fn = (client as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[where.resource][where.method];
    const opts = { query: Object.fromEntries(e.query) };
    try {
      let data: unknown;
      if (e.op.startsWith("List")) {
        const items: unknown[] = [];
        for await (const item of fn(...args, { ...opts, maxPages: 3 }) as AsyncIterable<unknown>) items.push(item);
        data = items;
      } else {
        const body = e.method === "POST" || e.method === "PUT" ? bodyFor(e.op, ids) : undefined;
        data = await (body === undefined || ["PublishProject", "StarProject", "ArchiveTopic", "ActivateTopic"].includes(e.op) ? fn(...args, opts) : fn(...args, body, opts));
      }
      remember(e.op, data, ids);
      results.push({ line: e.line, op: e.op, ok: true, detail: Array.isArray(data) ? `${data.length} items` : typeof data });
    } catch (err) {
      const status = err instanceof BasecampError ? err.status : undefined;
      results.push({ line: e.line, op: e.op, ok: false, detail: `${status ?? ""} ${(err as Error).message}`.trim().slice(0, 200) });
    }
  }
  return results;
}

/**
 * Setup the lines cannot express as an order: "logos" on two attachments of the first project
 * and one of another, so the three tag deletes (attachment, project, account) each find one.
 */
async function prepareTags(client: Basecamp2Client, store: Store, ids: Record<string, string>): Promise<void> {
  const projects = [...store.projects.values()].filter((p) => p.status === "active").slice(0, 2);
  for (const [i, p] of projects.entries()) {
    const attachments = await client.attachments.list(p.id, { maxPages: 1 }).toArray();
    for (const a of attachments.slice(0, i === 0 ? 2 : 1)) await client.tags.tag(p.id, a.id, { name: "logos" });
    if (i === 0 && attachments.length) ids.attachmentId = String(attachments[0].id); // the lines' attachment
  }
}

/** Keep what creates made, for the lines after them. */
function remember(op: Bc2OperationId, data: unknown, ids: Record<string, string>): void {
  const made = data as { id?: unknown; token?: unknown } | undefined;
  if (!made || typeof made !== "object") return;
  const key: Partial<Record<Bc2OperationId, string>> = {
    CreateProjectTemplate: "templateId",
    CreateGroup: "groupId",
    CreateSubgroup: "subgroupId",
    CreateCalendar: "calendarId",
    CreateComment: "commentId",
    CreateCalendarEvent: "calendarEventId",
  };
  if (op === "CreateAttachment" && made.token !== undefined) ids.attachmentToken = String(made.token);
  const name = key[op];
  if (name && made.id !== undefined) ids[name] = String(made.id);
  // Calendar routes name their event `eventId` too: the calendar's own event once one is made.
  if (op === "CreateCalendarEvent" && made.id !== undefined) ids.calendarEventId = String(made.id);
}
