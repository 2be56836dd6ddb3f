// SQL on a Basecamp 2 account (Schema=V2) end to end: connect() with Basic against the
// simulator, queries over its tables, and INSERT / UPDATE / DELETE on to-dos, lists, messages,
// comments, documents and calendar events going to Basecamp 2 once and coming back into the
// replica; writes it can't do are refused with what to do instead; a create whose answer was
// lost is adopted, not sent twice. On a SQLite replica and on a PostgreSQL one (a schema
// set up for Basecamp 2, as connect() makes it from Replica=postgresql://…).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Basecamp2Client } from "../../src/api/bc2/client.js";
import { connect, type Connection } from "../../src/sql/index.js";
import { pgSchema } from "../../src/sql/pg/db.js";
import type { Db } from "../../src/sql/replica.js";
import { deliverOutbox, listEntries, reconcileOutbox } from "../../src/sql/write/index.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { openTestReplica, postgresUrl, reopenTestReplica, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

usePostgres();

const s = (v: unknown) => String(v);
let schemas = 0;
let conn: Connection | undefined;
let sim: InProcessSimulator | undefined;
afterEach(async () => {
  await conn?.close();
  await sim?.close();
  conn = sim = undefined;
});

/** Where the replica goes: a file in `dir`, or a new schema on the file's PostgreSQL server. */
function replicaOf(kind: ReplicaKind, dir: string): string {
  return kind === "sqlite" ? `Replica='${join(dir, "replica.sqlite")}'` : `Replica='${postgresUrl()}';ReplicaSchema=basecamp_bcx_t${process.pid}_${++schemas}`;
}

async function open(kind: ReplicaKind, extra = ""): Promise<{ conn: Connection; sim: InProcessSimulator }> {
  sim = createSimulator({ scale: "tiny", rateLimit: "off" });
  const dir = mkdtempSync(join(tmpdir(), "bc2-sql-"));
  const cs = `Schema=V2;User=${sim.bc2User};Password='${sim.bc2Password}';AccountId=${sim.bc2AccountId};ApiBaseURL=${sim.apiUrl};RateLimit=off;${replicaOf(kind, dir)}${extra}`;
  conn = await connect(cs, { fetch: sim.fetch as typeof fetch, dataDir: dir, configDir: dir, env: {} });
  return { conn, sim };
}

const rec = (id: unknown) => sim!.store.recordings.get(BigInt(s(id)))!;

async function one(c: Connection, sql: string, ...params: unknown[]) {
  const r = await c.execute(sql, params);
  expect(r.outbox).toHaveLength(1);
  expect(r.outbox[0]).toMatchObject({ state: "done" });
  return r.outbox[0];
}

describe.each(REPLICAS)("SQL on Basecamp 2 (Schema=V2) on %s", (kind) => {
  it("connects with Basic, describes its own tables, and runs the same JOIN as on Basecamp 4", async () => {
    const { conn } = await open(kind);
    expect(conn.schema).toBe("V2");
    expect(conn.bc2).toBeInstanceOf(Basecamp2Client);
    expect(() => conn.client).toThrow(/Basecamp 2 account .*conn\.bc2/);
    const tables = (await conn.query("SELECT TableName FROM sys_tables")).map((r) => r.TableName);
    for (const t of ["Projects", "People", "Accesses", "Groups", "ToDoLists", "ToDos", "Topics", "Messages", "Comments", "Documents", "Uploads", "Attachments", "Calendars", "CalendarEvents", "Events", "Stars", "Tags", "ProjectTemplates"]) expect(tables).toContain(t);
    expect(tables).not.toContain("CardTables");
    const writable = (await conn.query("SELECT TableName FROM sys_tables WHERE Writable = 1 ORDER BY TableName")).map((r) => r.TableName);
    expect(writable).toEqual(["CalendarEvents", "Comments", "Documents", "Messages", "ToDoLists", "ToDos"]);
    const procs = (await conn.query("SELECT ProcedureName FROM sys_procedures")).map((r) => r.ProcedureName);
    expect(procs).toContain("RetryOutboxEntry");
    expect(procs).not.toContain("CompleteToDo");

    const rows = await conn.query("SELECT t.Id, t.Content, p.Name AS Project FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Status = 'active'");
    let api = 0;
    for await (const p of conn.bc2.projects.list()) for await (const _t of conn.bc2.todos.list((p as { id: number }).id)) api++;
    expect(rows.length).toBe(api);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => typeof r.Project === "string" && (r.Project as string).length > 0)).toBe(true);
  });

  it("ToDos: insert with a due date and an assignee, complete, change, delete — each reaches Basecamp 2 once", async () => {
    const { conn, sim } = await open(kind);
    const [list] = await conn.query("SELECT Id, ProjectId FROM ToDoLists WHERE Status = 'active' LIMIT 1");
    const [mate] = await conn.query("SELECT PersonId FROM Accesses WHERE ProjectId = ? LIMIT 1", [list.ProjectId]);
    const ins = await one(conn, "INSERT INTO ToDos (ToDoListId, Content, DueOn, AssigneeIds) VALUES (?, 'Ship the V2 SQL', '2030-01-31', ?)", list.Id, `[${mate.PersonId}]`);
    const id = ins.resultId!;
    expect(rec(id)).toMatchObject({ type: "Todo", title: "Ship the V2 SQL", dueOn: "2030-01-31" });
    expect(rec(id).assigneeIds!.map(s)).toEqual([s(mate.PersonId)]);
    const [row] = await conn.query("SELECT * FROM ToDos WHERE Id = ?", [id]);
    expect(row).toMatchObject({ Content: "Ship the V2 SQL", DueOn: "2030-01-31", Completed: 0 });
    expect(s(row.ToDoListId)).toBe(s(list.Id));
    const links = await conn.query("SELECT PersonId FROM ToDoAssignees WHERE ToDoId = ?", [id]);
    expect(links.map((l) => s(l.PersonId))).toEqual([s(mate.PersonId)]);

    await one(conn, "UPDATE ToDos SET Completed = 1 WHERE Id = ?", id);
    expect(rec(id).completed).toBe(true);
    await one(conn, "UPDATE ToDos SET Content = 'Ship it again', Completed = 0 WHERE Id = ?", id);
    expect(rec(id)).toMatchObject({ title: "Ship it again", completed: false, dueOn: "2030-01-31" });
    expect((await conn.query("SELECT Content, Completed FROM ToDos WHERE Id = ?", [id]))[0]).toMatchObject({ Content: "Ship it again", Completed: 0 });

    await one(conn, "DELETE FROM ToDos WHERE Id = ?", id);
    expect(rec(id).status).toBe("trashed");
    const after = await conn.query("SELECT Status FROM ToDos WHERE Id = ?", [id]);
    expect(after.length === 0 || after[0].Status === "trashed").toBe(true);
    // Three writes, one record: nothing was created twice.
    expect([...sim.store.recordings.values()].filter((r) => r.title === "Ship it again" || r.title === "Ship the V2 SQL")).toHaveLength(1);
  });

  it("lists, messages, comments, documents and calendar events; INSERT without ProjectId goes to the first project", async () => {
    const { conn, sim } = await open(kind);
    let first: number | undefined;
    for await (const p of conn.bc2.projects.list()) {
      first = (p as { id: number }).id;
      break;
    }
    const l = await one(conn, "INSERT INTO ToDoLists (Name, Description) VALUES ('Launch', 'Everything for launch')");
    expect(rec(l.resultId)).toMatchObject({ type: "Todolist", title: "Launch" });
    expect(s(rec(l.resultId).bucketId)).toBe(s(first));
    await one(conn, "UPDATE ToDoLists SET Name = 'Launch day' WHERE Id = ?", l.resultId);
    expect(rec(l.resultId).title).toBe("Launch day");

    const m = await one(conn, "INSERT INTO Messages (ProjectId, Subject, Content) VALUES (?, 'Kickoff', '<p>Monday</p>')", first);
    expect(rec(m.resultId)).toMatchObject({ type: "Message", title: "Kickoff" });
    await one(conn, "UPDATE Messages SET Subject = 'Kickoff moved' WHERE Id = ?", m.resultId);
    expect(rec(m.resultId).title).toBe("Kickoff moved");

    // A comment finds its parent's kind in the replica (no ParentType needed).
    const c = await one(conn, "INSERT INTO Comments (ParentId, Content) VALUES (?, 'Works for me')", m.resultId);
    const comment = rec(c.resultId);
    expect(comment).toMatchObject({ type: "Comment" });
    expect(s(comment.parentId)).toBe(s(m.resultId));
    expect((await conn.query("SELECT ParentType, CommentsCount FROM Comments c JOIN Messages m ON m.Id = c.ParentId WHERE c.Id = ?", [c.resultId]))[0]).toMatchObject({ ParentType: "Message", CommentsCount: 1 });
    await expect(conn.execute("UPDATE Comments SET Content = 'edited' WHERE Id = ?", [c.resultId])).rejects.toThrow(/can't edit a comment/);
    await one(conn, "DELETE FROM Comments WHERE Id = ?", c.resultId);
    expect(rec(c.resultId).status).toBe("trashed");
    expect(await conn.query("SELECT Id FROM Comments WHERE Id = ?", [c.resultId])).toHaveLength(0);

    const d = await one(conn, "INSERT INTO Documents (ProjectId, Title, Content) VALUES (?, 'Plan', '<p>v1</p>')", first);
    await one(conn, "UPDATE Documents SET Content = '<p>v2</p>' WHERE Id = ?", d.resultId);
    expect(rec(d.resultId)).toMatchObject({ type: "Document", title: "Plan" });
    expect(rec(d.resultId).content).toContain("v2");

    const e = await one(conn, "INSERT INTO CalendarEvents (ProjectId, Summary, StartsAt, EndsAt) VALUES (?, 'Launch party', '2030-03-01T18:00:00Z', '2030-03-01T21:00:00Z')", first);
    const ev = rec(e.resultId);
    expect(ev.title).toBe("Launch party");
    await one(conn, "UPDATE CalendarEvents SET Summary = 'Launch party!' WHERE Id = ?", e.resultId);
    expect(ev.title).toBe("Launch party!");
    await one(conn, "DELETE FROM CalendarEvents WHERE Id = ?", e.resultId);
    expect(ev.status).toBe("trashed");
    void sim;
  });

  it("refuses what Basecamp 2 can't do, saying what to do instead, and sends nothing", async () => {
    const { conn } = await open(kind);
    const [t] = await conn.query("SELECT Id FROM ToDos WHERE Status = 'active' LIMIT 1");
    await expect(conn.execute("UPDATE ToDos SET Status = 'archived' WHERE Id = ?", [t.Id])).rejects.toThrow(/DELETE moves a record to the trash/);
    await expect(conn.execute("EXEC CompleteToDo(Id => ?)", [t.Id])).rejects.toThrow(/Basecamp 2 .*UPDATE ToDos SET Completed = 1/);
    await expect(conn.execute("INSERT INTO ToDos (Content) VALUES ('x')")).rejects.toThrow(/ToDoListId is required/);
    const [p1, p2] = await conn.query("SELECT Id FROM People LIMIT 2");
    await expect(conn.execute("UPDATE ToDos SET AssigneeIds = ? WHERE Id = ?", [`[${p1.Id},${p2.Id}]`, t.Id])).rejects.toThrow(/one assignee/);
    // The refused value waits in sys_outbox, failed, for a fix or a discard; it was never sent.
    const failed = listEntries(conn.db, { state: "failed" });
    expect(failed).toHaveLength(1);
    expect(failed[0].attempts).toBeLessThanOrEqual(1);
  });

  it("Sandbox=true;Schema=V2 runs against the embedded simulator's Basecamp 2 account, in its own replica", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bc2-sandbox-"));
    // No ReplicaSchema on PostgreSQL: the account's default schema, basecamp_bcx_<AccountId>.
    const where = kind === "sqlite" ? "" : `;Replica='${postgresUrl()}'`;
    conn = await connect(`Sandbox=true;Schema=V2${where}`, { dataDir: dir, configDir: dir, env: { BASECAMP_OAUTH_KEY: "b".repeat(64) } });
    expect(conn.schema).toBe("V2");
    if (kind === "sqlite") expect(conn.replicaPath).toMatch(/replica-bcx-\d+\.sqlite$/);
    else expect(pgSchema(conn.db)).toMatch(/^basecamp_bcx_\d+$/);
    const [me] = [await conn.bc2.people.me()];
    const people = await conn.query("SELECT Name FROM People WHERE Id = ?", [me.id]);
    expect(people).toEqual([{ Name: me.name }]);
    const projects = await conn.query("SELECT COUNT(*) AS n FROM Projects WHERE Status = 'active'");
    let api = 0;
    for await (const _p of conn.bc2.projects.list()) api++;
    expect(projects[0].n).toBe(api);
  });

  it("a create whose answer was lost is found and adopted after a crash, not created twice", async () => {
    sim = createSimulator({ scale: "tiny", rateLimit: "off" });
    const s2 = sim;
    const mk = (f: typeof fetch) => new Basecamp2Client({ accountId: s2.bc2AccountId, apiBaseUrl: s2.apiUrl, user: s2.bc2User, password: s2.bc2Password, rateLimit: null, fetch: f, baseDelayMs: 1, maxDelayMs: 5 });
    let db = openTestReplica(kind, { basecamp: "V2", writes: true });
    // The restarted process opens the same file, or the same PostgreSQL schema.
    const first = db;
    const openDb = (): Db => reopenTestReplica(kind, first, { basecamp: "V2", writes: true });
    const project = [...s2.store.projects.values()].find((p) => p.status === "active")!;
    // Basecamp 2 applies the POST, then the process dies before the answer is recorded.
    const dying = (async (input: Request | string | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      if (req.method === "POST") {
        await s2.fetch(req);
        db.close();
        throw new Error("process killed before the answer was recorded");
      }
      return s2.fetch(req);
    }) as typeof fetch;
    db.prepare("INSERT INTO Messages (ProjectId, Subject, Content) VALUES (?, 'Exactly once', 'hi')").run(project.id);
    await expect(deliverOutbox(db, mk(dying))).rejects.toThrow();
    db = openDb();
    expect(listEntries(db, {})[0].state).toBe("in_flight");
    // Past the entry's deadline, recovery looks for the record before sending again.
    db.prepare("UPDATE sys_outbox SET deadline_at = '2000-01-01T00:00:00Z'").run();
    await reconcileOutbox(db, mk(s2.fetch as typeof fetch));
    const [entry] = listEntries(db, {});
    expect(entry.state).toBe("done");
    const made = [...s2.store.recordings.values()].filter((r) => r.type === "Message" && r.title === "Exactly once");
    expect(made).toHaveLength(1);
    expect(s(entry.resultId)).toBe(s(made[0].id));
    expect(db.prepare("SELECT Subject FROM bc_Messages WHERE Id = ?").get(made[0].id)).toEqual({ Subject: "Exactly once" });
    db.close();
  });
});
