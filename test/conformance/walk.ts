// Walks the reference: calls every operation against a seeded simulator with real IDs of the
// right kind, and sorts each answer into served+valid, served+invalid, missing or failing.
import type { Store } from "../../src/simulator/store/store.js";
import type { Id, RecType, Recording } from "../../src/simulator/store/model.js";
import { bodyFor, type BodyContext, type PreparedBody } from "./bodies.js";
import { loadReference, resolveSchema, ResponseValidator, type Operation } from "./reference.js";

export type Outcome = "valid" | "invalid" | "missing" | "failing";

export interface OpResult {
  operationId: string;
  method: string;
  path: string;
  /** The concrete URL path called. */
  url: string;
  status: number;
  outcome: Outcome;
  /** Validation errors (invalid) or the error body (failing), shortened. */
  detail: string[];
}

export interface WalkTarget {
  /** Base of the API (`http://127.0.0.1:1234` or the in-process origin). */
  apiUrl: string;
  accountId: string;
  token: string;
  store: Store;
  /** The simulator app's route table (`app.routes`): tells a route miss from a record miss. */
  routes: readonly { method: string; path: string }[];
  fetch(url: string, init: RequestInit): Promise<Response>;
  /**
   * Sends one operation some other way than a raw fetch (the typed client's method for it);
   * answers undefined for operations it cannot send, which are then left out of the report.
   */
  send?(op: Operation, call: PreparedCall): Promise<Answer | undefined>;
}

/** One operation ready to send: its concrete path, path IDs, query and body. */
export interface PreparedCall {
  url: string;
  ids: Record<string, string>;
  query: URLSearchParams;
  body?: PreparedBody;
}

export interface Answer {
  status: number;
  json?: unknown;
  text: string;
  contentType?: string;
}

/** The body the simulator sends when no route matches (a route miss, not a record miss). */
const ROUTE_MISS = "Not found. Check the path against the Basecamp API reference.";

/** Does any API route of the table match this method and concrete path? */
export function routeMatcher(routes: readonly { method: string; path: string }[]): (method: string, path: string) => boolean {
  const table = routes
    .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
    .map((r) => ({ method: r.method, re: new RegExp(`^${r.path.replace(/:\w+(\{[^}]*\})?/g, (_, rx?: string) => (rx ? `(?:${rx.slice(1, -1)})` : "[^/]+"))}$`) }));
  return (method, path) => {
    const p = path.replace(/\.json$/, "");
    return table.some((r) => r.method === method && r.re.test(p));
  };
}

/** Which simulator record type each reference path parameter names. */
const PARAM_TYPES: Record<string, RecType[]> = {
  recordingId: ["Todo"],
  campfireId: ["Chat::Transcript"],
  vaultId: ["Vault"],
  columnId: ["Kanban::Column"],
  questionId: ["Question"],
  todosetId: ["Todoset"],
  toolId: ["Message::Board"],
  cardId: ["Kanban::Card"],
  todolistId: ["Todolist"],
  id: ["Todolist"],
  groupId: ["Todolist"],
  todoId: ["Todo"],
  cardTableId: ["Kanban::Board"],
  messageId: ["Message"],
  scheduleId: ["Schedule"],
  uploadId: ["Upload"],
  stepId: ["Kanban::Step"],
  lineId: ["Chat::Lines::Text", "Chat::Lines::RichText"],
  boardId: ["Message::Board"],
  questionnaireId: ["Questionnaire"],
  commentId: ["Comment"],
  documentId: ["Document"],
  answerId: ["Question::Answer"],
  inboxId: ["Inbox"],
  forwardId: ["Inbox::Forward"],
  replyId: ["Inbox::Reply"],
  cloudFileId: ["CloudFile"],
  googleDocumentId: ["GoogleDocument"],
  wormholeId: ["Kanban::Wormhole"],
  entryId: ["Schedule::Entry"],
  calendarId: ["Schedule"],
  approvalId: ["Client::Approval"],
  correspondenceId: ["Client::Correspondence"],
};

/** Parameters that name another kind on some operations (timesheet entries, the Clientside, …). */
function paramTypes(op: Operation, name: string): RecType[] | undefined {
  if (name === "entryId" && op.path.includes("/timesheet_entries/")) return ["Timesheet::Entry"];
  if (name === "recordingId" && op.path.includes("/client/recordings/")) return ["Client::Approval", "Client::Correspondence"];
  if (name === "replyId" && op.path.includes("/client/recordings/")) return ["Client::Reply"];
  // Only recordings that decide their own client visibility can change it.
  if (name === "recordingId" && op.operationId === "SetClientVisibility") return ["Message"];
  return PARAM_TYPES[name];
}

/** Event actions that take boosts. */
const BOOSTABLE_EVENT = /^(completed|adopted|column_changed)$/;

/** Operations that remove or hide what they name: run last, on records nothing else uses. */
function isDestructive(op: Operation): boolean {
  return op.method === "DELETE" || /^(Trash|Archive|Destroy|Delete)/.test(op.operationId);
}

function phase(op: Operation): number {
  if (op.operationId === "TrashProject") return 4;
  // Creates run first, so reads of kinds the seed lacks find the records they made.
  if (op.method === "POST" && /^Create/.test(op.operationId)) return 0;
  if (isDestructive(op)) return 3;
  return op.method === "GET" ? 1 : 2;
}

/** Reads first, then writes, then destructive operations (project trash at the very end). */
export function orderOperations(ops: Operation[]): Operation[] {
  return ops.map((op, i) => ({ op, i })).sort((a, b) => phase(a.op) - phase(b.op) || a.i - b.i).map((x) => x.op);
}

class Picker {
  constructor(private readonly store: Store) {}

  /** Active records of these types (in one bucket when given), in store order. */
  records(types: RecType[], bucket: Id | undefined): Recording[] {
    const out: Recording[] = [];
    for (const t of types) for (const r of this.store.byType.get(t) ?? []) if (r.status === "active" && (bucket === undefined || r.bucketId === bucket)) out.push(r);
    return out;
  }

  firstProject(): Id {
    for (const p of this.store.projects.values()) if (p.status === "active") return p.id;
    return 1n;
  }
}

interface Filled {
  url: string;
  ids: Record<string, string>;
  bucket: Id;
  lastRecording?: Recording;
}

/**
 * IDs that creates returned, by the path they were POSTed to (without `.json`): a parameter of
 * a kind the walk cannot pick from the store takes the ID made at the path before it
 * (`/lineup/markers/{markerId}` ← POST `/lineup/markers.json`).
 */
export type CreatedIds = Map<string, string>;

function fillPath(op: Operation, t: WalkTarget, pick: Picker, me: Id, created: CreatedIds): Filled {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const destructive = isDestructive(op);
  const ids: Record<string, string> = { accountId: t.accountId };
  let bucket: Id | undefined;
  let last: Recording | undefined;
  // Destructive operations take the newest record (often one the walk created), others the first.
  const choose = <T>(list: T[]): T | undefined => (destructive ? list[list.length - 1] : list[0]);
  // Deepest first (a line before its campfire), so parents come from the chosen child's chain.
  for (const name of [...names].reverse()) {
    const types = paramTypes(op, name);
    if (!types) continue;
    let rec: Recording | undefined;
    for (let up = last ? t.store.getRecording(last.parentId ?? 0n) : undefined; up && !rec; up = t.store.getRecording(up.parentId ?? 0n)) {
      if (types.includes(up.type)) rec = up;
    }
    const candidates = pick.records(types, bucket);
    if (!rec && name === "groupId") rec = candidates.find((r) => r.parentId !== null && t.store.getRecording(r.parentId)?.type === "Todolist");
    // Only its writer may edit a campfire line.
    if (!rec && op.operationId === "UpdateCampfireLine") rec = candidates.find((r) => r.creatorId === me);
    // Event boosts need a recording with a boostable event.
    if (!rec && op.path.includes("/events/{eventId}/boosts")) rec = candidates.find((r) => t.store.events.get(r.id)?.some((e) => BOOSTABLE_EVENT.test(e.action)));
    rec ??= choose(candidates);
    if (!rec) continue;
    ids[name] = String(rec.id);
    bucket ??= rec.bucketId;
    last ??= rec;
  }
  bucket ??= (op.operationId === "TrashProject" ? [...t.store.projects.keys()].pop() : undefined) ?? pick.firstProject();
  for (const name of names) {
    if (ids[name] !== undefined) continue;
    if (name === "bucketId" || name === "projectId") ids[name] = String(bucket);
    else if (name === "personId") ids[name] = String(me);
    else if (name === "date") ids[name] = new Date(last?.startsAt ?? Date.now()).toISOString().slice(0, 10).replaceAll("-", "");
    else if (name === "typeId") ids[name] = String([...t.store.messageTypes.values()].find((m) => m.bucketId === bucket)?.id ?? 1);
    else if (name === "webhookId") ids[name] = String([...t.store.webhooks.values()].find((w) => w.bucketId === bucket)?.id ?? [...t.store.webhooks.keys()][0] ?? 1);
    else if (name === "eventId") {
      const events = (last && t.store.events.get(last.id)) ?? [];
      const boostable = op.path.includes("/boosts") ? events.find((e) => BOOSTABLE_EVENT.test(e.action)) : undefined;
      ids[name] = String((boostable ?? events[0])?.id ?? 1);
    }
    else {
      // A kind the store does not hold as recordings: the ID a create made under this prefix, else any ID.
      const prefix = op.path.slice(0, op.path.indexOf(`/{${name}}`)).replace(/\{(\w+)\}/g, (_, n: string) => ids[n] ?? "1");
      // … or by the collection the prefix ends in ("*/integrations" for a chatbotId under another campfire).
      ids[name] = created.get(prefix) ?? created.get(`*/${name.replace(/Id$/, "").toLowerCase()}s`) ?? created.get(`*/${prefix.slice(prefix.lastIndexOf("/") + 1).replace(/_/g, "")}`) ?? "1";
    }
  }
  const url = op.path.replace(/\{(\w+)\}/g, (_, n: string) => ids[n]);
  return { url, ids, bucket: bucket!, lastRecording: last };
}

/** Values for the query parameters the reference marks required. */
const QUERY_VALUES: Record<string, string> = { name: "walk.txt", type: "Todo", q: "the" };

function requiredQuery(op: Operation): URLSearchParams {
  const q = new URLSearchParams();
  for (const p of op.parameters) {
    if (p.in !== "query" || !p.required) continue;
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    q.set(p.name, QUERY_VALUES[p.name] ?? (/starts_on$/.test(p.name) ? day(0) : /ends_on$/.test(p.name) ? day(30) : "1"));
  }
  return q;
}

async function readBody(res: Response): Promise<{ json?: unknown; text: string }> {
  const text = await res.text();
  if (!/json/i.test(res.headers.get("content-type") ?? "") || text === "") return { text };
  try {
    return { json: JSON.parse(text), text };
  } catch {
    return { text };
  }
}

function headers(t: WalkTarget, contentType?: string): Record<string, string> {
  const h: Record<string, string> = { Authorization: `Bearer ${t.token}`, "User-Agent": "basecamp-connector conformance walk (dev@example.com)", Accept: "application/json" };
  if (contentType) h["Content-Type"] = contentType;
  return h;
}

function needsAttachment(op: Operation, schemas: Record<string, Record<string, unknown>>): boolean {
  if (op.body?.contentType !== "application/json") return false;
  const props = resolveSchema(op.body.schema, schemas).properties as Record<string, unknown> | undefined;
  return props !== undefined && "attachable_sgid" in props;
}

/** A fresh attachment to attach (an sgid is good for one use). */
async function newAttachment(t: WalkTarget): Promise<string | undefined> {
  const bytes = new TextEncoder().encode("conformance walk\n");
  const up = await t.fetch(`${t.apiUrl}/${t.accountId}/attachments.json?name=walk.txt`, { method: "POST", headers: { ...headers(t, "text/plain"), "Content-Length": String(bytes.length) }, body: bytes });
  return ((await readBody(up)).json as { attachable_sgid?: string } | undefined)?.attachable_sgid;
}

/** Setup the reference cannot express as an order: a webhook to read. */
async function prepare(t: WalkTarget, bucket: Id): Promise<void> {
  const base = `${t.apiUrl}/${t.accountId}`;
  if (t.store.webhooks.size === 0) {
    await t.fetch(`${base}/buckets/${bucket}/webhooks.json`, {
      method: "POST",
      headers: headers(t, "application/json"),
      body: JSON.stringify({ payload_url: "https://example.com/conformance-hook", types: ["Todo"] }),
    }).then((r) => r.text());
  }
}

export interface WalkReport {
  results: OpResult[];
  counts: Record<Outcome, number>;
}

export async function walk(t: WalkTarget): Promise<WalkReport> {
  const ref = loadReference();
  const validator = new ResponseValidator(ref);
  const pick = new Picker(t.store);
  const me = t.store.auth.authenticate(t.token);
  const meId = "person" in me ? me.person.id : [...t.store.people.keys()][0];
  await prepare(t, pick.firstProject());
  const hasRoute = routeMatcher(t.routes);
  const results: OpResult[] = [];
  const created: CreatedIds = new Map();
  for (const op of orderOperations(ref.operations)) {
    const filled = fillPath(op, t, pick, meId, created);
    const ctx: BodyContext = {
      personId: String(meId),
      projectId: String(filled.bucket),
      recordingId: filled.lastRecording ? String(filled.lastRecording.id) : undefined,
      pathIds: filled.ids,
      sibling: (type) => pick.records([type as RecType], filled.bucket)[0]?.id.toString(),
      elsewhere: (type) => pick.records([type as RecType], undefined).find((r) => r.bucketId !== filled.bucket)?.id.toString(),
      attachableSgid: needsAttachment(op, ref.schemas) ? await newAttachment(t) : undefined,
      myAssignment: pick.records(["Todo"], undefined).find((r) => !r.completed && r.assigneeIds?.includes(meId) && t.store.getProject(r.bucketId)?.status === "active")?.id.toString(),
    };
    const prepared = bodyFor(op, ctx, ref.schemas);
    const query = requiredQuery(op);
    let answer: Answer | undefined;
    if (t.send) {
      answer = await t.send(op, { url: filled.url, ids: filled.ids, query, body: prepared });
      if (!answer) continue;
    } else {
      const h = headers(t, prepared?.contentType);
      if (prepared?.body instanceof Uint8Array) h["Content-Length"] = String(prepared.body.length);
      const qs = query.toString();
      const res = await t.fetch(`${t.apiUrl}${filled.url}${qs ? `?${qs}` : ""}`, { method: op.method, headers: h, body: prepared?.body });
      answer = { status: res.status, contentType: res.headers.get("content-type") ?? undefined, ...(await readBody(res)) };
    }
    const { json, text } = answer;
    const res = { status: answer.status, ok: answer.status >= 200 && answer.status < 300 };
    // From the text when it leads with the id: JSON.parse rounds IDs above 2^53.
    const madeId = op.method === "POST" && res.ok ? (/^\s*\{\s*"id"\s*:\s*(\d+)/.exec(text)?.[1] ?? (json as { id?: unknown } | undefined)?.id) : undefined;
    if (madeId !== undefined && madeId !== null) {
      const at = filled.url.replace(/\.json$/, "");
      created.set(at, String(madeId));
      created.set(`*/${at.slice(at.lastIndexOf("/") + 1).replace(/_/g, "")}`, String(madeId)); // by kind: "*/boosts"
    }
    const result: OpResult = { operationId: op.operationId, method: op.method, path: op.path, url: filled.url, status: res.status, outcome: "failing", detail: [] };
    const error = (json as { error?: unknown } | undefined)?.error;
    const served = res.status >= 200 && res.status < 300;
    if (!served && (!hasRoute(op.method, filled.url) || error === ROUTE_MISS || res.status === 405)) result.outcome = "missing";
    else if (served) {
      const declared = op.success.find((s) => s.status === res.status) ?? op.success.find((s) => s.schema !== null);
      if (!op.success.some((s) => s.status === res.status)) {
        result.outcome = "invalid";
        result.detail = [`status ${res.status} is not one the reference lists (${op.success.map((s) => s.status).join(", ")})`];
      } else if (declared?.schema && json === undefined) {
        result.outcome = "invalid";
        result.detail = [`expected a JSON body, got ${text === "" ? "none" : (answer.contentType ?? "no content type")}`];
      } else if (declared?.schema) {
        const check = validator.check(declared.schema, json);
        result.outcome = check.valid ? "valid" : "invalid";
        result.detail = check.errors;
      } else result.outcome = "valid";
    } else result.detail = [typeof error === "string" ? error.slice(0, 200) : text.slice(0, 200)];
    results.push(result);
  }
  const counts: Record<Outcome, number> = { valid: 0, invalid: 0, missing: 0, failing: 0 };
  for (const r of results) counts[r.outcome]++;
  results.sort((a, b) => a.operationId.localeCompare(b.operationId));
  return { results, counts };
}

/** One line per operation, for people. */
export function formatTable(report: WalkReport): string {
  const w = Math.max(...report.results.map((r) => r.operationId.length));
  const lines = report.results.map((r) => `${r.operationId.padEnd(w)}  ${r.outcome.padEnd(8)} ${String(r.status).padEnd(4)} ${r.method.padEnd(6)} ${r.path}${r.detail.length ? `  — ${r.detail[0]}` : ""}`);
  const c = report.counts;
  lines.push("", `served+valid ${c.valid} / served+invalid ${c.invalid} / missing ${c.missing} / failing ${c.failing} of ${report.results.length}`);
  return lines.join("\n");
}
