// Sync of a Basecamp 2 replica (Schema=V2) against the in-process simulator: a first sync
// reads everything, a resync follows events.json?since= and fetches only what changed. On a
// SQLite replica and on a PostgreSQL one (a schema set up for Basecamp 2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Basecamp2Client } from "../../src/api/bc2/client.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import type { Db } from "../../src/sql/replica.js";
import { SyncError, syncTables, type SyncSummary } from "../../src/sql/sync/engine.js";
import { getSyncState } from "../../src/sql/sync/state.js";
import { openTestReplica, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

type Row = Record<string, unknown>;

interface Counted {
  client: Basecamp2Client;
  urls: string[];
}

/** A client on the simulator whose every request is recorded (method and URL). */
function bc2(sim: InProcessSimulator): Counted {
  const urls: string[] = [];
  const client = new Basecamp2Client({
    accountId: sim.bc2AccountId,
    apiBaseUrl: sim.bc2ApiUrl.replace(/\/\d+\/api\/v1$/, ""),
    user: sim.bc2User,
    password: sim.bc2Password,
    rateLimit: null,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      urls.push(`${init?.method ?? "GET"} ${url}`);
      return sim.fetch(url, init ?? {});
    }) as typeof fetch,
  });
  return { client, urls };
}

usePostgres();

/** An empty Basecamp 2 replica: in memory on SQLite, a new schema on PostgreSQL. */
function replica(kind: ReplicaKind): Db {
  return openTestReplica(kind, { basecamp: "V2", path: kind === "sqlite" ? ":memory:" : undefined });
}

const all = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
const one = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as Row | undefined;
const count = (db: Db, table: string) => Number(one(db, `SELECT COUNT(*) AS n FROM ${table}`)!.n);
const sorted = (xs: unknown[]) => xs.map(String).sort();
const totalRequests = (s: SyncSummary) => Object.values(s).reduce((n, t) => n + t.requests, 0);

describe.each(REPLICAS)("Basecamp 2 replica sync (%s)", (kind) => {
  let sim: InProcessSimulator;
  let api: Counted;
  let db: Db;
  let first: SyncSummary;
  let firstRequests = 0;

  beforeAll(async () => {
    sim = createSimulator({ scale: "small", rateLimit: "off" });
    api = bc2(sim);
    db = replica(kind);
    first = await syncTables(db, api.client);
    firstRequests = api.urls.length;
  });
  afterAll(async () => {
    db.close();
    await sim.close();
  });

  it("reads projects and people as the API lists them", async () => {
    const active = await api.client.paginateOperation("ListProjects").toArray();
    const archived = await api.client.paginateOperation("ListArchivedProjects").toArray();
    expect(sorted(all(db, "SELECT Id FROM Projects").map((r) => r.Id))).toEqual(sorted([...active, ...archived].map((p) => p.id)));
    const p = active[0];
    expect(one(db, "SELECT Name, Status, Description FROM Projects WHERE Id = ?", p.id)).toEqual({ Name: p.name, Status: "active", Description: p.description });
    const people = await api.client.paginateOperation("ListPeople").toArray();
    expect(count(db, "People")).toBeGreaterThanOrEqual(people.length);
    const person = people[0];
    expect(one(db, "SELECT Name, EmailAddress FROM People WHERE Id = ?", person.id)).toEqual({ Name: person.name, EmailAddress: person.email_address });
    expect(first.Projects.requests).toBe(3);
    expect(first.ToDos.upserted).toBeGreaterThan(0);
  });

  it("holds every to-do of a project with its assignee, and ToDoAssignees joins to People", async () => {
    const project = (await api.client.paginateOperation("ListProjects").toArray())[0];
    const todos = await api.client.paginateOperation("ListTodos", { path: { projectId: project.id } }).toArray();
    expect(todos.length).toBeGreaterThan(0);
    const rows = all(db, "SELECT t.Id, t.Content, t.AssigneeIds, t.Completed, t.ToDoListId FROM ToDos t JOIN ToDoLists l ON l.Id = t.ToDoListId WHERE t.ProjectId = ? AND t.Status = 'active' AND l.Status = 'active'", project.id);
    expect(sorted(rows.map((r) => r.Id))).toEqual(sorted(todos.map((t) => t.id)));
    const assigned = todos.filter((t) => (t as { assignee?: { id: number } }).assignee);
    expect(assigned.length).toBeGreaterThan(0);
    for (const t of assigned) {
      const a = (t as unknown as { assignee: { id: number; name: string } }).assignee;
      const row = rows.find((r) => String(r.Id) === String(t.id))!;
      expect(String(row.AssigneeIds)).toBe(`[${String(a.id)}]`);
      expect(row.Content).toBe(t.content);
      expect(one(db, "SELECT p.Name FROM ToDos t JOIN ToDoAssignees a ON a.ToDoId = t.Id JOIN People p ON p.Id = a.PersonId WHERE t.Id = ?", t.id)).toEqual({ Name: a.name });
    }
    const joined = all(db, "SELECT t.Content, p.Name FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId");
    expect(joined.length).toBe(count(db, "ToDos"));
    expect(joined.every((r) => typeof r.Name === "string")).toBe(true);
  });

  it("reads each message with its comments, and comments of to-dos", async () => {
    const project = (await api.client.paginateOperation("ListProjects").toArray())[0];
    const topics = await api.client.paginateOperation("ListTopics", { path: { projectId: project.id } }).toArray();
    const messageTopics = topics.filter((t) => (t as unknown as { topicable: { type: string } }).topicable.type === "Message");
    expect(messageTopics.length).toBeGreaterThan(0);
    const ref = (messageTopics[0] as unknown as { topicable: { id: number } }).topicable;
    const msg = (await api.client.operation("GetMessage", { path: { projectId: project.id, messageId: ref.id } })) as unknown as { subject: string; content: string; comments: Array<{ id: number; content: string }> };
    expect(one(db, "SELECT Subject, Content, CAST(CommentsCount AS TEXT) AS n FROM Messages WHERE Id = ?", ref.id)).toEqual({ Subject: msg.subject, Content: msg.content, n: String(msg.comments.length) });
    const comments = all(db, "SELECT Id, Content FROM Comments WHERE ParentId = ? AND ParentType = 'Message' ORDER BY Id", ref.id);
    expect(sorted(comments.map((c) => c.Id))).toEqual(sorted(msg.comments.map((c) => c.id)));
    expect(count(db, "Topics")).toBeGreaterThan(0);
    const withComments = one(db, "SELECT Id, ProjectId, CommentsCount FROM ToDos WHERE CommentsCount > 0 LIMIT 1");
    if (withComments) expect(Number(one(db, "SELECT COUNT(*) AS n FROM Comments WHERE ParentType = 'Todo' AND ParentId = ?", withComments.Id)!.n)).toBe(Number(withComments.CommentsCount));
  });

  it("reads calendar events of projects and of account calendars", async () => {
    const cals = await api.client.paginateOperation("ListCalendars").toArray();
    expect(count(db, "Calendars")).toBe(cals.length);
    type Ev = { id: number; summary: string; starts_at: string };
    const calEvents = [
      ...(await api.client.paginateOperation("ListCalendarEvents", { path: { calendarId: cals[0].id } }).toArray()),
      ...(await api.client.paginateOperation("ListPastCalendarEvents", { path: { calendarId: cals[0].id } }).toArray()),
    ] as unknown as Ev[];
    expect(sorted(all(db, "SELECT Id FROM CalendarEvents WHERE CalendarId = ?", cals[0].id).map((r) => r.Id))).toEqual(sorted(calEvents.map((e) => e.id)));
    const project = (await api.client.paginateOperation("ListProjects").toArray())[0];
    const upcoming = (await api.client.paginateOperation("ListProjectCalendarEvents", { path: { projectId: project.id } }).toArray()) as unknown as Ev[];
    const past = (await api.client.paginateOperation("ListProjectPastCalendarEvents", { path: { projectId: project.id } }).toArray()) as unknown as Ev[];
    const rows = all(db, "SELECT Id, Summary, StartsAt, CalendarId FROM CalendarEvents WHERE ProjectId = ? AND Status = 'active'", project.id);
    expect(sorted(rows.map((r) => r.Id))).toEqual(sorted([...upcoming, ...past].map((e) => e.id)));
    for (const r of rows) expect(r.CalendarId).toBeNull();
    expect(count(db, "CalendarEvents WHERE ProjectId IS NOT NULL AND CalendarId IS NULL")).toBeGreaterThan(0);
    const e = [...upcoming, ...past][0];
    if (e) expect(rows.find((r) => String(r.Id) === String(e.id))).toMatchObject({ Summary: e.summary, StartsAt: e.starts_at });
  });

  it("reads documents whole, uploads and attachments with their tags", async () => {
    const project = (await api.client.paginateOperation("ListProjects").toArray())[0];
    const docs = await api.client.paginateOperation("ListDocuments", { path: { projectId: project.id } }).toArray();
    expect(docs.length).toBeGreaterThan(0);
    const doc = (await api.client.operation("GetDocument", { path: { projectId: project.id, documentId: docs[0].id } })) as unknown as { title: string; content: string };
    expect(one(db, "SELECT Title, Content FROM Documents WHERE Id = ?", docs[0].id)).toEqual({ Title: doc.title, Content: doc.content });
    const atts = (await api.client.paginateOperation("ListAllAttachments").toArray()) as unknown as Array<{ id: number; attachable: { id: number; type: string } }>;
    expect(count(db, "Attachments")).toBeGreaterThanOrEqual(atts.length);
    const uploads = atts.filter((a) => a.attachable.type === "Upload");
    expect(uploads.length).toBeGreaterThan(0);
    for (const a of uploads) expect(one(db, "SELECT CAST(Id AS TEXT) AS Id FROM Uploads WHERE Id = ?", a.attachable.id)).toEqual({ Id: String(a.attachable.id) });
  });

  it("records sync state for every table", () => {
    for (const t of Object.keys(first)) expect(getSyncState(db, t).lastSyncAt, t).toBeTruthy();
    expect(getSyncState(db, "ToDos").watermark).toBeTruthy();
  });

  it("resyncs with no change in a handful of requests", async () => {
    api.urls.length = 0;
    const again = await syncTables(db, api.client);
    expect(totalRequests(again)).toBe(api.urls.length);
    expect(api.urls.length).toBeLessThan(firstRequests / 10);
  });

  it("follows the change feed: a changed to-do, a new comment and a trashed to-do cost a few requests", async () => {
    const project = (await api.client.paginateOperation("ListProjects").toArray())[0];
    const [todo, other] = (await api.client.paginateOperation("ListRemainingTodos", { path: { projectId: project.id } }).toArray()).slice(0, 2);
    const people = await api.client.paginateOperation("ListPeople").toArray();
    const assignee = people[people.length - 1];
    await api.client.operation("UpdateTodo", { path: { projectId: project.id, todoId: todo.id }, body: { content: "Renamed through BC2", assignee: { id: assignee.id, type: "Person" }, completed: true } });
    await api.client.operation("CreateComment", { path: { projectId: project.id, section: "todos", recordingId: todo.id }, body: { content: "<div>A new comment</div>" } });
    await api.client.operation("DeleteTodo", { path: { projectId: project.id, todoId: other.id } });
    const listBefore = one(db, "SELECT CAST(CompletedCount AS TEXT) AS n FROM ToDoLists WHERE Id = ?", todo.todolist_id)!.n;
    api.urls.length = 0;
    const summary = await syncTables(db, api.client);
    const changed = api.urls.length;
    expect(totalRequests(summary)).toBe(changed);
    // 12 account and feed reads, then the to-dos, their list, the project's topics (2) and attachments.
    expect(changed).toBeLessThanOrEqual(20);
    expect(changed).toBeLessThan(firstRequests / 8);
    expect(one(db, "SELECT Content, CAST(Completed AS TEXT) AS Completed, AssigneeIds FROM ToDos WHERE Id = ?", todo.id)).toEqual({ Content: "Renamed through BC2", Completed: "1", AssigneeIds: `[${String(assignee.id)}]` });
    expect(all(db, "SELECT PersonId FROM ToDoAssignees WHERE ToDoId = ?", todo.id).map((r) => String(r.PersonId))).toEqual([String(assignee.id)]);
    expect(all(db, "SELECT Content FROM Comments WHERE ParentType = 'Todo' AND ParentId = ?", todo.id).map((r) => r.Content)).toContain("<div>A new comment</div>");
    expect(one(db, "SELECT Status FROM ToDos WHERE Id = ?", other.id)).toEqual({ Status: "trashed" });
    expect(Number(one(db, "SELECT CompletedCount AS n FROM ToDoLists WHERE Id = ?", todo.todolist_id)!.n)).toBe(Number(listBefore) + 1);
    expect(summary.Events.upserted).toBeGreaterThanOrEqual(3);
  });

  it("reads a new message with its comment, and drops the rows of a deleted project", async () => {
    const [project, doomed] = await api.client.paginateOperation("ListProjects").toArray();
    const msg = (await api.client.operation("CreateMessage", { path: { projectId: project.id }, body: { subject: "Fresh news", content: "<div>Hello</div>" } })) as unknown as { id: number };
    await api.client.operation("CreateComment", { path: { projectId: project.id, section: "messages", recordingId: msg.id }, body: { content: "<div>First!</div>" } });
    await api.client.operation("DeleteProject", { path: { projectId: doomed.id } });
    expect(count(db, `ToDos WHERE ProjectId = ${String(doomed.id)}`)).toBeGreaterThan(0);
    await syncTables(db, api.client);
    expect(one(db, "SELECT Subject, Content FROM Messages WHERE Id = ?", msg.id)).toEqual({ Subject: "Fresh news", Content: "<div>Hello</div>" });
    expect(all(db, "SELECT Content FROM Comments WHERE ParentType = 'Message' AND ParentId = ?", msg.id).map((r) => r.Content)).toEqual(["<div>First!</div>"]);
    expect(one(db, "SELECT TopicableType FROM Topics WHERE TopicableId = ?", msg.id)).toEqual({ TopicableType: "Message" });
    expect(count(db, `Projects WHERE Id = ${String(doomed.id)}`)).toBe(0);
    for (const t of ["ToDos", "ToDoLists", "Comments", "Topics", "Accesses"]) expect(count(db, `${t} WHERE ProjectId = ${String(doomed.id)}`), t).toBe(0);
  });

  it("a full resync reads everything again and agrees with the incremental replica", async () => {
    const tables = ["Projects", "People", "ToDoLists", "ToDos", "ToDoAssignees", "Messages", "Comments", "Documents", "Uploads", "Attachments", "CalendarEvents", "Topics", "Accesses"];
    const before = Object.fromEntries(tables.map((t) => [t, count(db, t)]));
    const summary = await syncTables(db, api.client, { full: true });
    expect(Object.fromEntries(tables.map((t) => [t, count(db, t)]))).toEqual(before);
    expect(summary.ToDos.upserted).toBeGreaterThan(0);
    expect(getSyncState(db, "ToDos").lastFullSyncAt).toBeTruthy();
  });
});

describe.each(REPLICAS)("Basecamp 2 sync failures (%s)", (kind) => {
  it("throws SyncError naming the failed table and keeps the tables that succeeded", async () => {
    const sim = createSimulator({ scale: "tiny", rateLimit: "off" });
    const db = replica(kind);
    // The account's groups list answers 404 (the simulator's own answer for an unknown path).
    const client = new Basecamp2Client({
      accountId: sim.bc2AccountId,
      apiBaseUrl: sim.bc2ApiUrl.replace(/\/\d+\/api\/v1$/, ""),
      user: sim.bc2User,
      password: sim.bc2Password,
      rateLimit: null,
      fetch: (async (input: string | URL | Request, init?: RequestInit) => sim.fetch(String(input instanceof Request ? input.url : input).replace("/groups.json", "/no-such-list.json"), init ?? {})) as typeof fetch,
    });
    const err = (await syncTables(db, client).catch((e: unknown) => e)) as SyncError;
    expect(err).toBeInstanceOf(SyncError);
    expect(Object.keys(err.errors)).toEqual(["Groups"]);
    expect(count(db, "ToDos")).toBeGreaterThan(0);
    expect(getSyncState(db, "ToDos").lastSyncAt).toBeTruthy();
    expect(getSyncState(db, "Groups").lastSyncAt).toBeNull();
    db.close();
    await sim.close();
  });
});

describe.each(REPLICAS)("Basecamp 2 sync narrowed to projects (%s)", (kind) => {
  it("reads only the projects asked for and records the scope's state", async () => {
    const sim = createSimulator({ scale: "tiny", rateLimit: "off" });
    const api = bc2(sim);
    const db = replica(kind);
    const [project] = await api.client.paginateOperation("ListProjects").toArray();
    api.urls.length = 0;
    await syncTables(db, api.client, { projectIds: [project.id], tables: ["Projects", "ToDos", "ToDoLists", "Comments"] });
    expect(all(db, "SELECT DISTINCT ProjectId FROM ToDos").map((r) => String(r.ProjectId))).toEqual([String(project.id)]);
    expect(all(db, "SELECT Id FROM Projects").map((r) => String(r.Id))).toEqual([String(project.id)]);
    expect(api.urls.some((u) => /\/projects\/\d+\/todolists/.test(u) && !u.includes(`/projects/${String(project.id)}/`))).toBe(false);
    expect(getSyncState(db, "ToDos", [project.id]).lastSyncAt).toBeTruthy();
    expect(getSyncState(db, "ToDos").lastSyncAt).toBeNull();
    expect(count(db, "People")).toBe(0);
    db.close();
    await sim.close();
  });
});
