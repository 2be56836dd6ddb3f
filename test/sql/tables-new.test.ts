// The tables for timesheets, boosts, gauges, hill charts, email forwards, the Clientside,
// templates and Lineup markers: they sync from the simulator, follow changes made through the
// API on an incremental sync, and their procedures write through the outbox exactly once —
// on a SQLite replica, then on a PostgreSQL one (each with its own simulator).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BasecampClient } from "../../src/api/index.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { connect } from "../../src/sql/index.js";
import type { Db } from "../../src/sql/replica.js";
import { refreshPgSystemTables } from "../../src/sql/pg/replica.js";
import { refreshSystemTables } from "../../src/sql/system-tables.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { deliverOutbox, execProcedure, listEntries, PROCEDURES, reconcileOutbox } from "../../src/sql/write/index.js";
import { cleanupDirs, clientFor, tempDir } from "./sync-helpers.js";
import { openReplica } from "./fixtures/write-setup.js";
import { openTestReplica, postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "./fixtures/replicas.js";

type Rec = ReturnType<InProcessSimulator["store"]["childrenOf"]>[number];

let sim: InProcessSimulator;
let client: BasecampClient;
let db: Db;
let todoset: Rec;
let tracked: Rec;
let marker: { id: unknown };

const NEW_TABLES = ["TimesheetEntries", "Boosts", "GaugeNeedles", "Gauges", "HillCharts", "InboxForwards", "ClientApprovals", "ClientCorrespondences", "Templates", "LineupMarkers"];
const s = (v: unknown) => String(v);
const ids = (table: string, where = "1 = 1") => (db.prepare(`SELECT Id FROM "${table}" WHERE ${where}`).all() as Array<{ Id: unknown }>).map((r) => s(r.Id)).sort();
const live = (r: Rec) => r.status === "active" && sim.store.projects.get(r.bucketId)?.status !== "trashed";
const simIds = (type: string) => [...sim.store.ofType(type as Rec["type"])].filter(live).map((r) => s(r.id)).sort();
const activeProject = () => [...sim.store.projects.values()].find((p) => p.status === "active")!;
const activeTodos = () => [...sim.store.ofType("Todo")].filter((t) => t.status === "active" && t.bucketId === activeProject().id);

/** A fresh replica with the write capture, as the SQLite variant has always had it. */
const newDb = (kind: ReplicaKind, name = "replica.db"): Db => (kind === "sqlite" ? openReplica(join(tempDir(), name)) : openTestReplica("postgres", { writes: true }));

usePostgres();
afterAll(() => cleanupDirs());

describe.each(REPLICAS)("on %s", (kind) => {
  beforeAll(async () => {
    sim = createSimulator({ scale: "small", rateLimit: "off" });
    client = clientFor(sim);
    db = newDb(kind);
    // Not seeded: a Lineup marker, and a to-do list tracked on a hill chart.
    marker = (await client.road.request<{ id: unknown }>("POST", "/lineup/markers.json", { body: { name: "Launch", date: "2030-01-15" } })).data;
    todoset = sim.store.dockTool(activeProject().id, "Todoset")!;
    tracked = sim.store.childrenOf(todoset.id, ["Todolist"]).find((l) => l.status === "active")!;
    await client.todosets.updateHillChartSettings(todoset.id, { tracked: [tracked.id] });
    // Email forwards are read through the inbox on the dock: switch one on (the seed leaves them off).
    await client.dockTools.enable(sim.store.dockTool(activeProject().id, "Inbox")!.id);
    await syncTables(db, client);
  }, 120_000);

  afterAll(async () => {
    db.close();
    await sim.close();
  });

  describe("new tables: a first sync brings the simulator's records", () => {
    it("timesheet entries, needles, forwards and the Clientside match the simulator", () => {
      expect(ids("TimesheetEntries")).toEqual(simIds("Timesheet::Entry"));
      expect(ids("TimesheetEntries").length).toBeGreaterThan(0);
      expect(ids("GaugeNeedles")).toEqual(simIds("Gauge::Needle"));
      // Forwards are read through each project's inbox on the dock (when it is switched on).
      const inDock = [...sim.store.ofType("Inbox::Forward")].filter((r) => live(r) && sim.store.recordings.get(r.parentId!)?.enabled !== false);
      expect(ids("InboxForwards")).toEqual(inDock.map((r) => s(r.id)).sort());
      expect(ids("InboxForwards").length).toBeGreaterThan(0);
      expect(ids("ClientApprovals")).toEqual(simIds("Client::Approval"));
      expect(ids("ClientCorrespondences")).toEqual(simIds("Client::Correspondence"));
      for (const t of ["GaugeNeedles", "ClientApprovals", "ClientCorrespondences"]) expect(ids(t).length, t).toBeGreaterThan(0);
    });

    it("rows carry the columns people join on", () => {
      const entry = db.prepare(`SELECT t.*, p.Name AS Project, d.Content AS ToDo FROM TimesheetEntries t JOIN Projects p ON p.Id = t.ProjectId JOIN ToDos d ON d.Id = t.RecordingId LIMIT 1`).get() as Record<string, unknown>;
      const rec = sim.store.recordings.get(BigInt(s(entry.Id)))!;
      expect(entry).toMatchObject({ Date: rec.data!.date, Hours: Number(rec.data!.hours), Description: rec.data!.description, RecordingType: "Todo", Status: "active" });
      expect(s(entry.PersonId)).toBe(s(rec.data!.personId));
      expect(entry.PersonName).toBe(sim.store.people.get(rec.data!.personId as bigint)!.name);
      expect(entry.Project).toBeTruthy();
      const needle = db.prepare("SELECT n.*, g.Id AS G FROM GaugeNeedles n LEFT JOIN Gauges g ON g.Id = n.GaugeId LIMIT 1").get() as Record<string, unknown>;
      expect(needle.Position).toBeTypeOf("bigint");
      expect(["green", "yellow", "red"]).toContain(needle.Color);
      expect(s(needle.G)).toBe(s(needle.GaugeId));
      const approval = db.prepare("SELECT * FROM ClientApprovals WHERE ApprovalStatus = 'approved' LIMIT 1").get() as Record<string, unknown>;
      expect(approval.Subject).toBeTruthy();
      expect(approval.ApproverId).not.toBeNull();
    });

    it("templates, Lineup markers and the hill chart", () => {
      expect(ids("Templates")).toEqual([...sim.store.collection("templates").keys()].map(s).sort());
      expect(db.prepare("SELECT Name FROM Templates ORDER BY Name").all()).toEqual([{ Name: "Client onboarding" }, { Name: "Product launch" }]);
      expect(db.prepare("SELECT Id, Name, Date FROM LineupMarkers").all()).toEqual([{ Id: BigInt(s(marker.id)), Name: "Launch", Date: "2030-01-15" }]);
      const dots = db.prepare("SELECT Id, ToDoSetId, ProjectId, Label FROM HillCharts").all() as Array<Record<string, unknown>>;
      expect(dots.map((d) => [s(d.Id), s(d.ToDoSetId), s(d.ProjectId), d.Label])).toEqual([[s(tracked.id), s(todoset.id), s(todoset.bucketId), tracked.title]]);
    });

    it("boosts on recordings (and on the events read) are there, with their recording and project", () => {
      const boosts = [...sim.store.collection("boosts").values()];
      const onRecordings = boosts.filter((b) => b.eventId === null && live(sim.store.recordings.get(b.recordingId as bigint)!));
      expect(onRecordings.length).toBeGreaterThan(0);
      const rows = ids("Boosts");
      for (const b of onRecordings) expect(rows).toContain(s(b.id));
      for (const id of rows) expect(sim.store.collection("boosts").has(BigInt(id))).toBe(true);
      const b = onRecordings[0];
      const row = db.prepare("SELECT * FROM Boosts WHERE Id = ?").get(b.id) as Record<string, unknown>;
      expect(row).toMatchObject({ Content: b.content, EventId: null });
      expect([s(row.RecordingId), s(row.ProjectId), s(row.CreatorId)]).toEqual([s(b.recordingId), s(b.bucketId), s(b.creatorId)]);
    });

    it("syncing Boosts alone brings the recordings whose counts it follows", async () => {
      const alone = newDb(kind, "boosts.db");
      const summary = await syncTables(alone, client, { tables: ["Boosts"] });
      expect(Object.keys(summary)).toEqual(expect.arrayContaining(["Boosts", "ToDos", "Messages"]));
      const n = (d: Db) => (d.prepare("SELECT count(*) AS n FROM Boosts WHERE EventId IS NULL").get() as { n: bigint }).n;
      expect(n(alone)).toBe(n(db));
      alone.close();
    });

    it("sys_tables and sys_tablecolumns describe every new table", () => {
      if (kind === "sqlite") refreshSystemTables(db, PROCEDURES);
      else refreshPgSystemTables(db, PROCEDURES);
      for (const t of NEW_TABLES) {
        const row = db.prepare("SELECT * FROM sys_tables WHERE TableName = ?").get(t) as Record<string, unknown>;
        expect(row?.Description, t).toBeTruthy();
        const cols = db.prepare("SELECT ColumnName, Description FROM sys_tablecolumns WHERE TableName = ?").all(t) as Array<{ ColumnName: string; Description: string }>;
        expect(cols.length, t).toBeGreaterThan(2);
        for (const c of cols) expect(c.Description, `${t}.${c.ColumnName}`).toBeTruthy();
      }
      expect(db.prepare("SELECT Writable FROM sys_tables WHERE TableName = 'TimesheetEntries'").get()).toEqual({ Writable: 1n });
      const procs = (db.prepare("SELECT ProcedureName FROM sys_procedures").all() as Array<{ ProcedureName: string }>).map((r) => r.ProcedureName);
      expect(procs).toEqual(expect.arrayContaining(["CreateTimesheetEntry", "UpdateTimesheetEntry", "DeleteTimesheetEntry", "Boost", "DeleteBoost"]));
    });
  });

  describe("new tables: changes made through the API show after an incremental sync", () => {
    it("adds, edits and removals reach every table", async () => {
      const project = activeProject();
      const [todo, other] = activeTodos();
      const oldEntry = db.prepare("SELECT Id FROM TimesheetEntries LIMIT 1").get() as { Id: bigint };
      const entry = await client.timesheets.create(todo.id, { date: "2026-11-20", hours: "2.5", description: "Added by API" } as { date: string; hours: string });
      await client.timesheets.delete(oldEntry.Id);
      const needle = await client.gauges.createNeedle(project.id, { gauge_needle: { position: 77, color: "yellow" } } as never);
      const tpl = (await client.road.request<{ id: unknown }>("POST", "/templates.json", { body: { name: "Quarterly review" } })).data;
      await client.road.request("PUT", `/lineup/markers/${s(marker.id)}.json`, { body: { name: "Launch day" } });
      await client.todosets.updateHillChartSettings(todoset.id, { untracked: [tracked.id] });
      // A boost on a new to-do: the to-do is read with boosts_count 1, so its boosts are read.
      const fresh = await client.todos.create(todo.parentId!, { content: "Boost me" });
      const boost = await client.boosts.boost(fresh.id, { content: "🚀" });
      void other;
      // An email arrives in the inbox (the simulator's stand-in for mail), a correspondence is trashed.
      const inbox = sim.store.dockTool(project.id, "Inbox")!;
      const res = await sim.fetch(`${sim.apiUrl}/__sim/inboxes/${inbox.id}/forwards`, { method: "POST", headers: { Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/json" }, body: JSON.stringify({ subject: "Fwd: hello", from: "a@b.example" }) });
      const forward = (await res.json()) as { id: string };
      const corr = db.prepare("SELECT Id FROM ClientCorrespondences LIMIT 1").get() as { Id: bigint };
      await client.recordings.trash(corr.Id);

      const summary = await syncTables(db, client);
      expect(db.prepare("SELECT Hours, Description FROM TimesheetEntries WHERE Id = ?").get(entry.id)).toEqual({ Hours: 2.5, Description: "Added by API" });
      expect(ids("TimesheetEntries")).not.toContain(s(oldEntry.Id));
      expect(ids("TimesheetEntries")).toEqual(simIds("Timesheet::Entry"));
      expect(db.prepare("SELECT Position, Color FROM GaugeNeedles WHERE Id = ?").get(needle.id)).toEqual({ Position: 77n, Color: "yellow" });
      expect(db.prepare("SELECT LastNeedlePosition FROM Gauges WHERE ProjectId = ?").get(project.id)).toEqual({ LastNeedlePosition: 77n });
      expect(ids("Templates")).toContain(s(tpl.id));
      expect(db.prepare("SELECT Name FROM LineupMarkers").all()).toEqual([{ Name: "Launch day" }]);
      expect(ids("HillCharts")).toEqual([]);
      expect(db.prepare("SELECT Subject, FromAddress, InboxId FROM InboxForwards WHERE Id = ?").get(BigInt(forward.id))).toEqual({ Subject: "Fwd: hello", FromAddress: "a@b.example", InboxId: inbox.id });
      expect(ids("ClientCorrespondences")).not.toContain(s(corr.Id));
      expect(db.prepare("SELECT Content, RecordingId FROM Boosts WHERE Id = ?").get(boost.id)).toEqual({ Content: "🚀", RecordingId: BigInt(s(fresh.id)) });
      // Boosts are read only where a count changed: the new to-do's.
      expect(summary.Boosts.requests).toBe(1);

      // A quiet resync reads no boosts at all.
      const again = await syncTables(db, client, { tables: ["Boosts"] });
      expect(again.Boosts.requests).toBe(0);
    });
  });

  describe("per-project lists follow the activity feed", () => {
    it("only projects the feed shows changes in are read again, until the trust window ends", async () => {
      const second = [...sim.store.projects.values()].filter((p) => p.status === "active")[1];
      const todo = [...sim.store.ofType("Todo")].find((t) => t.status === "active" && t.bucketId === second.id)!;
      // The feed is read back to the last sync less a 5-minute margin: leave out the changes made just before.
      const forgetRecent = () => db.prepare("UPDATE bc_sync_state SET LastSyncAt = ? WHERE TableName LIKE '_activity:%'").run(new Date(Date.now() + 5 * 60_000).toISOString());
      forgetRecent();
      const e = await client.timesheets.create(todo.id, { date: "2026-11-21", hours: "1", description: "Second project" } as { date: string; hours: string });
      const summary = await syncTables(db, client);
      expect(summary.TimesheetEntries.requests).toBe(1);
      expect(summary.GaugeNeedles.requests).toBe(1);
      expect(ids("TimesheetEntries")).toContain(s(e.id));

      // A deletion leaves nothing in the feed: it shows once the feed's hint is no longer trusted.
      forgetRecent();
      await client.timesheets.delete(e.id);
      await syncTables(db, client);
      expect(ids("TimesheetEntries")).toContain(s(e.id));
      db.prepare("UPDATE bc_sync_state SET LastFullSyncAt = '2000-01-01T00:00:00.000Z' WHERE TableName LIKE '_activity:%'").run();
      const all = await syncTables(db, client);
      expect(all.TimesheetEntries.requests).toBeGreaterThan(1);
      expect(ids("TimesheetEntries")).toEqual(simIds("Timesheet::Entry"));
    });
  });

  describe("new procedures write through the outbox, exactly once", () => {
    const timesheetOf = (recordingId: bigint) => sim.store.childrenOf(recordingId, ["Timesheet::Entry"]).filter((r) => r.status === "active");

    it("CreateTimesheetEntry / UpdateTimesheetEntry / DeleteTimesheetEntry", async () => {
      const todo = activeTodos()[2];
      const before = timesheetOf(todo.id).length;
      const hours = "1:30";
      const [made] = await execProcedure(db, client, `EXEC CreateTimesheetEntry(RecordingId => ${todo.id}, Date => '2026-11-30', Hours => '${hours}', Description => 'Pairing')`);
      expect(made.Success).toBe(true);
      const created = timesheetOf(todo.id).filter((r) => r.data?.description === "Pairing");
      expect(created).toHaveLength(1);
      expect(timesheetOf(todo.id)).toHaveLength(before + 1);
      expect(s(made.Id)).toBe(s(created[0].id));
      expect(db.prepare("SELECT Hours, Date, RecordingId FROM TimesheetEntries WHERE Id = ?").get(created[0].id)).toEqual({ Hours: 1.5, Date: "2026-11-30", RecordingId: todo.id });
      expect(listEntries(db).filter((e) => e.table === "TimesheetEntries").map((e) => [e.op, e.state])).toEqual([["insert", "done"]]);

      await execProcedure(db, client, { name: "UpdateTimesheetEntry", args: { Id: made.Id, Hours: "2.25" } });
      expect(created[0].data).toMatchObject({ hours: "2.25", description: "Pairing" });
      expect(db.prepare("SELECT Hours FROM TimesheetEntries WHERE Id = ?").get(created[0].id)).toEqual({ Hours: 2.25 });

      await execProcedure(db, client, { name: "DeleteTimesheetEntry", args: { Id: made.Id } });
      expect(timesheetOf(todo.id)).toHaveLength(before);
      expect(db.prepare("SELECT 1 FROM TimesheetEntries WHERE Id = ?").get(created[0].id)).toBeUndefined();
      expect(listEntries(db).filter((e) => e.table === "TimesheetEntries").map((e) => e.state)).toEqual(["done", "done", "done"]);
    });

    it("Boost / DeleteBoost, and SQL on the Boosts table", async () => {
      const msg = [...sim.store.ofType("Message")].find((m) => m.status === "active" && m.bucketId === activeProject().id)!;
      const boostsOn = () => [...sim.store.collection("boosts").values()].filter((b) => b.recordingId === msg.id && b.eventId === null);
      const before = boostsOn().length;
      const [b] = await execProcedure(db, client, `EXEC Boost(RecordingId => ${msg.id}, Content => 'Nice')`);
      expect(boostsOn().filter((x) => x.content === "Nice")).toHaveLength(1);
      expect(boostsOn()).toHaveLength(before + 1);
      expect(db.prepare("SELECT Content, RecordingId, ProjectId FROM Boosts WHERE Id = ?").get(b.Id)).toEqual({ Content: "Nice", RecordingId: msg.id, ProjectId: msg.bucketId });
      await execProcedure(db, client, `EXEC DeleteBoost(Id => ${s(b.Id)})`);
      expect(boostsOn()).toHaveLength(before);
      expect(db.prepare("SELECT 1 FROM Boosts WHERE Id = ?").get(b.Id)).toBeUndefined();

      db.prepare("INSERT INTO Boosts (RecordingId, Content) VALUES (?, ?)").run(msg.id, "👏");
      const [e] = await deliverOutbox(db, client);
      expect(e).toMatchObject({ state: "done", table: "Boosts", op: "insert" });
      expect(boostsOn().filter((x) => x.content === "👏")).toHaveLength(1);
      expect(() => db.prepare("UPDATE Boosts SET Content = 'x' WHERE Id = ?").run(e.resultId)).toThrow(/can't edit a boost/);
      expect(() => db.prepare("INSERT INTO TimesheetEntries (RecordingId, Date, Hours) VALUES (?, 'tomorrow', 1)").run(msg.id)).toThrow(/Date must be a date/);
    });

    it("a create whose first attempt reached Basecamp is adopted on reconcile, not sent again", async () => {
      const todo = activeTodos()[3];
      db.prepare("INSERT INTO TimesheetEntries (RecordingId, Date, Hours, Description) VALUES (?, '2026-11-29', 3, 'Landed once')").run(todo.id);
      const pending = listEntries(db, { state: "pending" }).at(-1)!;
      // As if a process sent it and died before settling it: the entry exists in Basecamp.
      await client.timesheets.create(todo.id, { date: "2026-11-29", hours: "3", description: "Landed once" } as { date: string; hours: string });
      const sentAt = new Date(Date.now() - 1000).toISOString();
      db.prepare("UPDATE sys_outbox SET state = 'in_flight', sent_at = ?, deadline_at = ?, attempts = 1 WHERE id = ?").run(sentAt, sentAt, pending.id);
      const [done] = await reconcileOutbox(db, client);
      expect(done).toMatchObject({ id: pending.id, state: "done" });
      const landed = timesheetOf(todo.id).filter((r) => r.data?.description === "Landed once");
      expect(landed).toHaveLength(1);
      expect(s(done.resultId)).toBe(s(landed[0].id));
    });
  });

  describe("through a connection", () => {
    it("a query syncs the new table it reads, and EXEC / INSERT write time through the outbox", async () => {
      const dir = mkdtempSync(join(tmpdir(), "connect-new-"));
      const replica = kind === "sqlite" ? `Replica='${join(dir, "replica.sqlite")}'` : `Replica='${postgresUrl()}';ReplicaSchema=basecamp_connect_new`;
      const conn = await connect(`Sandbox=true;${replica}`, { dataDir: dir, configDir: dir, env: {} });
      try {
        const perProject = await conn.query("SELECT p.Name, SUM(t.Hours) AS Hours FROM TimesheetEntries t JOIN Projects p ON p.Id = t.ProjectId GROUP BY p.Name");
        expect(perProject.length).toBeGreaterThan(0);
        const [todo] = (await conn.query("SELECT Id FROM ToDos WHERE Status = 'active' LIMIT 1")) as Array<{ Id: number }>;
        const [made] = (await conn.execute(`EXEC CreateTimesheetEntry(RecordingId => ${todo.Id}, Date => '2026-11-28', Hours => '0.5', Description => 'Via EXEC')`)).rows;
        expect(made.Success).toBe(true);
        const ins = await conn.execute("INSERT INTO TimesheetEntries (RecordingId, Date, Hours, Description) VALUES (?, '2026-11-27', 1.25, 'Via INSERT')", [todo.Id]);
        expect(ins.outbox.map((e) => e.state)).toEqual(["done"]);
        const mine = await conn.query("SELECT Description, Hours FROM TimesheetEntries WHERE RecordingId = ? AND Description LIKE 'Via %' ORDER BY Description", [todo.Id]);
        expect(mine).toEqual([{ Description: "Via EXEC", Hours: 0.5 }, { Description: "Via INSERT", Hours: 1.25 }]);
      } finally {
        await conn.close();
      }
    });
  });
});
