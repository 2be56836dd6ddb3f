// A write killed in flight is delivered exactly once: the process "dies" (its replica
// connection closes and the request throws) either before the request reached Basecamp or
// after Basecamp applied it; a fresh connection reconciles and delivers. Until the entry's
// deadline nothing is sent again (the request might still land); only a record found is adopted.
// On a SQLite replica and on a PostgreSQL one.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/sql/replica.js";
import { deliverOutbox, listEntries, reconcileOutbox } from "../../src/sql/write/index.js";
import { REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { children, dock, firstProject, makeClient, row, s, setupWrites, simByTitle, type WriteFixture } from "./fixtures/write-setup.js";

usePostgres();

let f: WriteFixture;
const open: Db[] = [];
afterEach(() => {
  for (const d of [f?.db, ...open]) if (d?.open) d.close();
  open.length = 0;
});

type Point = "before" | "after";

/** A client whose first write request (`method`) kills the process at `point`. */
function dyingClient(point: Point, method = "POST") {
  let armed = true;
  return makeClient(f.sim, (async (input: Request | string | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (armed && req.method === method) {
      armed = false;
      if (point === "before") {
        f.db.close();
        throw new Error("process killed before the request left");
      }
      await f.sim.fetch(req);
      f.db.close();
      throw new Error("process killed before the answer was recorded");
    }
    return f.sim.fetch(req);
  }) as typeof fetch);
}

async function crashThenRecover(point: Point, insert: (db: Db) => void, method = "POST") {
  insert(f.db);
  await expect(deliverOutbox(f.db, dyingClient(point, method))).rejects.toThrow();
  const db2 = f.reopen(); // the restarted process
  open.push(db2);
  const left = listEntries(db2);
  expect(left).toHaveLength(1);
  expect(left[0].state).toBe("in_flight");
  expect(left[0].sentAt).toBeTruthy();
  expect(Date.parse(left[0].deadlineAt!)).toBeGreaterThan(Date.parse(left[0].sentAt!));
  const client = makeClient(f.sim);
  const writes = () => [...f.sim.sim.stats.byRoute].filter(([route]) => !route.startsWith("GET")).reduce((n, [, c]) => n + c, 0);
  const sent = writes();
  // A restart before the deadline sends nothing again; it adopts the record only if it is there.
  const early = await reconcileOutbox(db2, client);
  expect(writes()).toBe(sent);
  expect(early).toHaveLength(1);
  const adopted = point === "after" && method === "POST";
  expect(early[0].state).toBe(adopted ? "done" : "in_flight");
  if (!adopted) expect(early[0].error).toMatch(/may still reach Basecamp until/);
  const rec = adopted ? early : await reconcileOutbox(db2, client, { now: Date.parse(left[0].deadlineAt!) + 1 });
  await deliverOutbox(db2, client);
  const [done] = listEntries(db2);
  expect(done.state).toBe("done");
  expect(rec).toHaveLength(1);
  return { db2, done };
}

describe.each(REPLICAS)("exactly-once delivery across a crash (%s)", (kind) => {
  for (const point of ["before", "after"] as const) {
    it(`ToDos insert, crash ${point} the request reached Basecamp`, async () => {
      f = setupWrites(kind);
      const list = children(f.sim, dock(f.sim, "Todoset").id, ["Todolist"])[0];
      const { db2, done } = await crashThenRecover(point, (db) => db.prepare("INSERT INTO ToDos (ToDoListId, Content) VALUES (?, 'Exactly once')").run(list.id));
      const made = simByTitle(f.sim, "Todo", "Exactly once");
      expect(made).toHaveLength(1);
      expect(s(done.resultId)).toBe(s(made[0].id));
      expect(row(db2, "ToDos", done.resultId)!.Content).toBe("Exactly once");
    });
  }

  const others: Array<[string, (db: Db) => void, string, string]> = [
    ["CampfireLines", (db) => db.prepare("INSERT INTO CampfireLines (CampfireId, Content) VALUES (?, 'once only')").run(dock(f.sim, "Chat::Transcript").id), "Chat::Lines::Text", "once only"],
    ["CardTableColumns", (db) => db.prepare("INSERT INTO CardTableColumns (CardTableId, Title) VALUES (?, 'Once col')").run(dock(f.sim, "Kanban::Board").id), "Kanban::Column", "Once col"],
    ["Comments", (db) => db.prepare("INSERT INTO Comments (ParentId, Content) VALUES (?, 'Once comment')").run(children(f.sim, dock(f.sim, "Todoset").id, ["Todolist"])[0].id), "Comment", "Once comment"],
  ];
  for (const [table, insert, type, title] of others) {
    it(`${table} insert, crash after Basecamp applied it: adopted, not duplicated`, async () => {
      f = setupWrites(kind);
      const { db2, done } = await crashThenRecover("after", insert);
      const made = [...f.sim.store.ofType(type as never)].filter((r: { title: string; content?: string }) => r.title === title || r.content === title);
      expect(made).toHaveLength(1);
      expect(s(done.resultId)).toBe(s((made[0] as { id: bigint }).id));
      expect(row(db2, table, done.resultId)).toBeDefined();
    });
  }

  it("Projects insert, crash after: adopted", async () => {
    f = setupWrites(kind);
    const before = f.sim.store.projects.size;
    const { done } = await crashThenRecover("after", (db) => db.prepare("INSERT INTO Projects (Name) VALUES ('Once project')").run());
    expect(f.sim.store.projects.size).toBe(before + 1);
    expect([...f.sim.store.projects.values()].filter((p) => p.name === "Once project").map((p) => s(p.id))).toEqual([s(done.resultId)]);
  });

  it("an update killed in flight is sent again (idempotent)", async () => {
    f = setupWrites(kind);
    const list = children(f.sim, dock(f.sim, "Todoset").id, ["Todolist"])[0];
    const t = await f.client.todos.create(list.id, { content: "Edit me", description: "<div>keep</div>", assignee_ids: [firstProject(f.sim).peopleIds[0]] });
    f.db.prepare("INSERT INTO bc_ToDos (Id, ToDoListId, Content, Status) VALUES (?, ?, 'Edit me', 'active')").run(t.id, list.id);
    await crashThenRecover("after", (db) => db.prepare("UPDATE ToDos SET DueOn = '2032-01-01' WHERE Id = ?").run(t.id), "PUT");
    const rec = f.sim.store.recordings.get(BigInt(s(t.id)))!;
    expect(rec).toMatchObject({ dueOn: "2032-01-01", description: "<div>keep</div>" });
    expect(rec.assigneeIds).toHaveLength(1);
  });
});
