// Incremental sync brings exactly the changes made since, with far fewer requests; injected
// 5xx and resets lose and duplicate nothing; projectIds narrows the sync to one project. Each
// on a SQLite replica and on a PostgreSQL one.
import { afterAll, describe, expect, it } from "vitest";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";
import { syncTables } from "../../src/sql/sync/index.js";
import { newReplicaOf, REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { cleanupDirs, clearFaults, clientFor, idsOf, replicaDump, requestCount, setFaults, tableDump } from "./sync-helpers.js";
import { expectedIds } from "./sync-store.js";

usePostgres();

const sims: InProcessSimulator[] = [];
function newSim(seed = 7): InProcessSimulator {
  const s = createSimulator({ scale: "small", rateLimit: "off", seed });
  sims.push(s);
  return s;
}
afterAll(async () => {
  for (const s of sims) await s.close();
  cleanupDirs();
});

const VIEW_COLS = "Id, ProjectId, Type, Title, Status, UpdatedAt, ParentId";

describe.each(REPLICAS)("incremental sync (%s)", (kind) => {
  it("brings exactly the changes made through the API, with far fewer requests than a full sync", async () => {
    const sim = newSim();
    const client = clientFor(sim);
    const db = newReplicaOf(kind);
    const before = await requestCount(sim);
    await syncTables(db, client);
    const fullRequests = (await requestCount(sim)) - before;

    const store = sim.store;
    const active = (type: Parameters<typeof store.ofType>[0]) => [...store.ofType(type)].filter((r) => r.status === "active" && store.getProject(r.bucketId)?.status === "active");
    const list = active("Todolist").find((l) => store.recordings.get(l.parentId!)?.type === "Todoset")!;
    const created = (await client.road.request<{ id: bigint | number }>("POST", `/buckets/${list.bucketId}/todolists/${list.id}/todos.json`, { body: { content: "Brand new to-do" } })).data;
    const todo = active("Todo").find((t) => !t.completed)!;
    await client.road.request("POST", `/buckets/${todo.bucketId}/todos/${todo.id}/completion.json`);
    const msg = active("Message")[0];
    await client.road.request("PUT", `/buckets/${msg.bucketId}/messages/${msg.id}.json`, { body: { subject: "Edited subject", content: "<div>edited</div>" } });
    const comment = active("Comment")[0];
    await client.road.request("PUT", `/recordings/${comment.id}/status/trashed.json`);
    const doc = active("Document")[0];
    await client.road.request("PUT", `/recordings/${doc.id}/status/archived.json`);
    const card = active("Kanban::Card")[0];
    await client.road.request("PUT", `/recordings/${card.id}/status/trashed.json`);
    const chat = [...store.ofType("Chat::Transcript")].find((c) => store.getProject(c.bucketId)?.status === "active")!;
    const line = (await client.road.request<{ id: bigint | number }>("POST", `/buckets/${chat.bucketId}/chats/${chat.id}/lines.json`, { body: { content: "hello from the test" } })).data;

    const mid = await requestCount(sim);
    const summary = await syncTables(db, client);
    const incRequests = (await requestCount(sim)) - mid;
    expect(incRequests).toBeLessThan(fullRequests / 2);
    expect(summary.ToDos.requests).toBeLessThanOrEqual(4);

    expect(db.prepare("SELECT Content, Status FROM ToDos WHERE Id = ?").get(created.id)).toEqual({ Content: "Brand new to-do", Status: "active" });
    expect(db.prepare("SELECT Completed FROM ToDos WHERE Id = ?").get(todo.id)).toEqual({ Completed: 1n });
    expect(db.prepare("SELECT Subject, Content FROM Messages WHERE Id = ?").get(msg.id)).toEqual({ Subject: "Edited subject", Content: "<div>edited</div>" });
    expect(db.prepare("SELECT Status FROM Comments WHERE Id = ?").get(comment.id)).toEqual({ Status: "trashed" });
    expect(db.prepare("SELECT Status FROM Documents WHERE Id = ?").get(doc.id)).toEqual({ Status: "archived" });
    expect(db.prepare("SELECT Status FROM CardTableCards WHERE Id = ?").get(card.id)).toEqual({ Status: "trashed" });
    expect(db.prepare("SELECT Content FROM CampfireLines WHERE Id = ?").get(line.id)).toEqual({ Content: "hello from the test" });
    expect(Number((db.prepare("SELECT count(*) AS n FROM Events WHERE RecordingId = ? AND Action = 'completed'").get(todo.id) as { n: bigint }).n)).toBe(1);

    // Nothing else differs from a fresh full replica, and nothing is duplicated. The fresh replica is SQLite on both
    // runs: the PostgreSQL one is compared with it (one full sync less on PostgreSQL, and a check across the two).
    const fresh = newReplicaOf("sqlite");
    await syncTables(fresh, clientFor(sim));
    expect(tableDump(db, "Recordings", VIEW_COLS)).toEqual(tableDump(fresh, "Recordings", VIEW_COLS));
    for (const t of ["ToDos", "Messages", "Comments", "Documents", "CardTableCards", "CampfireLines", "Projects", "People"]) expect(idsOf(db, t), t).toEqual(idsOf(fresh, t));
    db.close();
    fresh.close();
  });

  it("a full sync deletes rows whose records were purged; an incremental one keeps them", async () => {
    const sim = newSim(11);
    const client = clientFor(sim);
    const db = newReplicaOf(kind);
    await syncTables(db, client, { tables: ["ToDos"] });
    const victim = [...sim.store.ofType("Todo")].find((t) => t.status === "active" && sim.store.getProject(t.bucketId)?.status === "active")!;
    sim.store.purge(victim.id);
    const inc = await syncTables(db, client, { tables: ["ToDos"] });
    expect(inc.ToDos.deleted).toBe(0);
    expect(idsOf(db, "ToDos", `Id = ${victim.id}`)).toHaveLength(1);
    // A row that came into the replica after the full sync began (a write coming back meanwhile) is not the sync's to judge.
    const fresh = new Date(Date.now() + 600_000).toISOString();
    db.prepare("INSERT INTO bc_ToDos (Id, ProjectId, Status, Content, UpdatedAt) VALUES (?, ?, 'active', 'written during the sync', ?)").run(9_000_000_001n, victim.bucketId, fresh);
    const full = await syncTables(db, client, { tables: ["todos"], full: true });
    expect(full.ToDos.deleted).toBe(1);
    expect(idsOf(db, "ToDos", `Id = ${victim.id}`)).toHaveLength(0);
    expect(idsOf(db, "ToDos", "Id = 9000000001")).toHaveLength(1);
    db.prepare("DELETE FROM bc_ToDos WHERE Id = ?").run(9_000_000_001n);
    expect(db.prepare("SELECT count(*) AS n FROM ToDoAssignees WHERE ToDoId = ?").get(victim.id)).toEqual({ n: 0n });
    expect(idsOf(db, "ToDos")).toEqual(expectedIds(sim).ToDos);
    db.close();
  });
});

describe.each(REPLICAS)("sync under faults (%s)", (kind) => {
  it("with 10% injected 5xx and resets the replica still matches (nothing lost, nothing duplicated)", async () => {
    const sim = newSim(21);
    await setFaults(sim, { errors: { rate: 0.1, statuses: [502, 503, 504] }, resets: { rate: 0.1 } });
    const db = newReplicaOf(kind);
    await syncTables(db, clientFor(sim, { baseDelayMs: 1 }));
    const stats = (await (await sim.fetch(`${sim.apiUrl}/__sim/stats`, { headers: { Authorization: `Bearer ${sim.adminToken}` } })).json()) as { faults_injected: number };
    expect(stats.faults_injected).toBeGreaterThan(10);
    await clearFaults(sim);
    const clean = newReplicaOf(kind);
    await syncTables(clean, clientFor(sim));
    expect(replicaDump(db)).toEqual(replicaDump(clean));
    const expected = expectedIds(sim);
    for (const t of ["ToDos", "Comments", "CampfireLines", "CardTableColumns", "Questions"]) expect(idsOf(db, t), t).toEqual(expected[t]);
    db.close();
    clean.close();
  });
});

describe.each(REPLICAS)("narrowing to projects (%s)", (kind) => {
  it("projectIds syncs only that project's records", async () => {
    const sim = newSim(31);
    const project = [...sim.store.projects.values()].find((p) => p.status === "active" && p.id > 2n ** 53n) ?? [...sim.store.projects.values()][0];
    const db = newReplicaOf(kind);
    const summary = await syncTables(db, clientFor(sim), { projectIds: [project.id] });
    const expected = expectedIds(sim, [project.id]);
    for (const t of ["ToDos", "ToDoLists", "Messages", "Comments", "Documents", "CalendarEvents", "CardTableCards", "CampfireLines", "ToDoSets", "CardTableColumns", "Questions", "ProjectTools"]) {
      expect(idsOf(db, t), t).toEqual(expected[t]);
      expect(expected[t].length, t).toBeGreaterThan(0);
    }
    expect(db.prepare("SELECT count(*) AS n FROM Recordings WHERE ProjectId IS NOT ? ").get(project.id)).toEqual({ n: 0n });
    expect(summary.ToDos.upserted).toBe(expected.ToDos.length);
    // The account-wide watermark is untouched: a later full-account sync still reads everything.
    const all = await syncTables(db, clientFor(sim), { tables: ["ToDos"] });
    expect(idsOf(db, "ToDos")).toEqual(expectedIds(sim).ToDos);
    expect(all.ToDos.upserted).toBeGreaterThan(summary.ToDos.upserted);
    db.close();
  });
});
