import { afterEach, describe, expect, it } from "vitest";
import { deliverOutbox } from "../../src/sql/write/index.js";
import { REPLICAS, usePostgres } from "./fixtures/replicas.js";
import { children, dock, firstProject, outbox, row, s, seed, setupWrites, simByTitle, type WriteFixture } from "./fixtures/write-setup.js";

usePostgres();

let f: WriteFixture;
afterEach(() => f?.db.open && f.db.close());

async function run(sql: string, ...params: unknown[]) {
  f.db.prepare(sql).run(...params);
  return deliverOutbox(f.db, f.client);
}

describe.each(REPLICAS)("INSERT / UPDATE / DELETE reach Basecamp and come back into the replica (%s)", (kind) => {
  it("ToDos: insert with assignees and due date, update (patch keeps the rest), complete, trash", async () => {
    f = setupWrites(kind);
    const { sim, db, client } = f;
    const list = children(sim, dock(sim, "Todoset").id, ["Todolist"])[0];
    const mate = firstProject(sim).peopleIds[1];
    const [e] = await run("INSERT INTO ToDos (ToDoListId, Content, Description, DueOn, AssigneeIds) VALUES (?, ?, ?, ?, ?)", list.id, "Ship the SQL", "<div>Notes</div>", "2030-01-31", `[${mate}]`);
    expect(e).toMatchObject({ state: "done", table: "ToDos", op: "insert" });
    const id = e.resultId!;
    const rec = sim.store.recordings.get(BigInt(s(id)))!;
    expect(rec).toMatchObject({ title: "Ship the SQL", dueOn: "2030-01-31", description: "<div>Notes</div>" });
    expect(rec.assigneeIds!.map(s)).toEqual([s(mate)]);
    expect(row(db, "ToDos", id)).toMatchObject({ Content: "Ship the SQL", DueOn: "2030-01-31", AssigneeIds: `[${mate}]` });

    // Full-replace safety: changing DueOn keeps the description and the assignees.
    const [u] = await run("UPDATE ToDos SET DueOn = '2031-02-02' WHERE Id = ?", id);
    expect(u.state).toBe("done");
    expect(u.payload).toEqual({ DueOn: "2031-02-02" });
    expect(rec).toMatchObject({ dueOn: "2031-02-02", description: "<div>Notes</div>" });
    expect(rec.assigneeIds!.map(s)).toEqual([s(mate)]);
    expect(row(db, "ToDos", id)).toMatchObject({ DueOn: "2031-02-02", Description: "<div>Notes</div>", AssigneeIds: `[${mate}]` });

    await run("UPDATE ToDos SET Completed = 1 WHERE Id = ?", id);
    expect(rec.completed).toBe(true);
    expect(row(db, "ToDos", id)!.Completed).toBe(1n);
    await run("UPDATE ToDos SET Completed = 0, Content = 'Ship it again' WHERE Id = ?", id);
    expect(rec).toMatchObject({ completed: false, title: "Ship it again", dueOn: "2031-02-02" });

    const [d] = await run("DELETE FROM ToDos WHERE Id = ?", id);
    expect(d).toMatchObject({ state: "done", op: "delete" });
    expect(rec.status).toBe("trashed");
    expect(row(db, "ToDos", id)!.Status).toBe("trashed");
    void client;
  });

  it("ToDos: moving to another list and an UPDATE that changes nothing queues nothing", async () => {
    f = setupWrites(kind);
    const { sim, db, client } = f;
    const a = children(sim, dock(sim, "Todoset").id, ["Todolist"])[0];
    const b = await client.todolists.create(dock(sim, "Todoset").id, { name: "Second" });
    const t = await client.todos.create(a.id, { content: "Mover" });
    seed(db, "ToDos", [t]);
    f.db.prepare("UPDATE ToDos SET Content = Content WHERE Id = ?").run(t.id);
    expect(outbox(db)).toHaveLength(0);
    await run("UPDATE ToDos SET ToDoListId = ? WHERE Id = ?", b.id, t.id);
    expect(s(sim.store.recordings.get(BigInt(s(t.id)))!.parentId)).toBe(s(b.id));
    expect(s(row(db, "ToDos", t.id)!.ToDoListId)).toBe(s(b.id));
  });

  it("ToDoLists: insert by ProjectId (the dock's to-do set), rename keeps the description, trash", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const project = firstProject(sim);
    const [e] = await run("INSERT INTO ToDoLists (ProjectId, Name, Description) VALUES (?, 'Launch', '<div>Plan</div>')", project.id);
    expect(e.state).toBe("done");
    const rec = sim.store.recordings.get(BigInt(s(e.resultId)))!;
    expect(s(rec.parentId)).toBe(s(dock(sim, "Todoset").id));
    await run("UPDATE ToDoLists SET Name = 'Launch v2' WHERE Id = ?", e.resultId);
    expect(rec).toMatchObject({ title: "Launch v2", description: "<div>Plan</div>" });
    expect(row(db, "ToDoLists", e.resultId)).toMatchObject({ Name: "Launch v2", Description: "<div>Plan</div>" });
    await run("UPDATE ToDoLists SET Status = 'archived' WHERE Id = ?", e.resultId);
    expect(rec.status).toBe("archived");
    await run("DELETE FROM ToDoLists WHERE Id = ?", e.resultId);
    expect(rec.status).toBe("trashed");
    expect(row(db, "ToDoLists", e.resultId)!.Status).toBe("trashed");
  });

  it("Messages and Comments", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const board = dock(sim, "Message::Board");
    const [m] = await run("INSERT INTO Messages (MessageBoardId, Subject, Content) VALUES (?, 'Hello', '<div>Body</div>')", board.id);
    expect(m.state).toBe("done");
    const msg = sim.store.recordings.get(BigInt(s(m.resultId)))!;
    expect(msg).toMatchObject({ title: "Hello", content: "<div>Body</div>" });
    await run("UPDATE Messages SET Subject = 'Hello all' WHERE Id = ?", m.resultId);
    expect(msg).toMatchObject({ title: "Hello all", content: "<div>Body</div>" });
    expect(row(db, "Messages", m.resultId)!.Subject).toBe("Hello all");

    const [c] = await run("INSERT INTO Comments (ParentId, Content) VALUES (?, 'First!')", m.resultId);
    const com = sim.store.recordings.get(BigInt(s(c.resultId)))!;
    expect(com.content).toBe("First!");
    expect(s(row(db, "Comments", c.resultId)!.ParentId)).toBe(s(m.resultId));
    await run("UPDATE Comments SET Content = 'Second' WHERE Id = ?", c.resultId);
    expect(com.content).toBe("Second");
    await run("DELETE FROM Comments WHERE Id = ?", c.resultId);
    expect(com.status).toBe("trashed");
    await run("DELETE FROM Messages WHERE Id = ?", m.resultId);
    expect(msg.status).toBe("trashed");
  });

  it("Documents: update of Content alone keeps the title", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const [d] = await run("INSERT INTO Documents (ProjectId, Title, Content) VALUES (?, 'Spec', '<div>v1</div>')", firstProject(sim).id);
    const doc = sim.store.recordings.get(BigInt(s(d.resultId)))!;
    expect(s(doc.parentId)).toBe(s(dock(sim, "Vault").id));
    await run("UPDATE Documents SET Content = '<div>v2</div>' WHERE Id = ?", d.resultId);
    expect(doc).toMatchObject({ title: "Spec", content: "<div>v2</div>" });
    expect(row(db, "Documents", d.resultId)).toMatchObject({ Title: "Spec", Content: "<div>v2</div>" });
    await run("DELETE FROM Documents WHERE Id = ?", d.resultId);
    expect(doc.status).toBe("trashed");
  });

  it("CampfireLines: insert and a real DELETE (removed from Basecamp and the replica)", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const chat = dock(sim, "Chat::Transcript");
    const [l] = await run("INSERT INTO CampfireLines (CampfireId, Content) VALUES (?, 'hi all')", chat.id);
    expect(l.state).toBe("done");
    expect(sim.store.getRecording(BigInt(s(l.resultId)))!.content).toBe("hi all");
    expect(row(db, "CampfireLines", l.resultId)).toMatchObject({ Content: "hi all" });
    expect(s(row(db, "CampfireLines", l.resultId)!.CampfireId)).toBe(s(chat.id));
    const [d] = await run("DELETE FROM CampfireLines WHERE Id = ?", l.resultId);
    expect(d.state).toBe("done");
    const gone = sim.store.getRecording(BigInt(s(l.resultId)));
    expect(gone === undefined || gone.status !== "active").toBe(true);
    expect(row(db, "CampfireLines", l.resultId)).toBeUndefined();
  });

  it("CalendarEvents: insert (EndsAt defaults to StartsAt), update keeps the summary, trash", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const [e] = await run("INSERT INTO CalendarEvents (ProjectId, Summary, StartsAt, AllDay) VALUES (?, 'Offsite', '2030-05-01T09:00:00Z', 0)", firstProject(sim).id);
    expect(e.state).toBe("done");
    const ev = sim.store.recordings.get(BigInt(s(e.resultId)))!;
    expect(ev.title).toBe("Offsite");
    await run("UPDATE CalendarEvents SET Description = '<div>Bring snacks</div>' WHERE Id = ?", e.resultId);
    expect(ev).toMatchObject({ title: "Offsite", description: "<div>Bring snacks</div>" });
    expect(row(db, "CalendarEvents", e.resultId)).toMatchObject({ Summary: "Offsite", Description: "<div>Bring snacks</div>" });
    await run("DELETE FROM CalendarEvents WHERE Id = ?", e.resultId);
    expect(ev.status).toBe("trashed");
  });

  it("Projects: insert, update Description keeps the name, archive, DELETE trashes", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const [p] = await run("INSERT INTO Projects (Name, Description) VALUES ('Apollo', 'Moon')");
    expect(p.state).toBe("done");
    const proj = sim.store.projects.get(BigInt(s(p.resultId)))!;
    expect(proj).toMatchObject({ name: "Apollo", description: "Moon" });
    await run("UPDATE Projects SET Description = 'Moon, again' WHERE Id = ?", p.resultId);
    expect(proj).toMatchObject({ name: "Apollo", description: "Moon, again" });
    expect(row(db, "Projects", p.resultId)).toMatchObject({ Name: "Apollo", Description: "Moon, again" });
    await run("UPDATE Projects SET Status = 'archived' WHERE Id = ?", p.resultId);
    expect(proj.status).toBe("archived");
    await run("UPDATE Projects SET Status = 'active' WHERE Id = ?", p.resultId);
    await run("DELETE FROM Projects WHERE Id = ?", p.resultId);
    expect(proj.status).toBe("trashed");
    expect(row(db, "Projects", p.resultId)!.Status).toBe("trashed");
  });

  it("CardTableCards and CardTableColumns", async () => {
    f = setupWrites(kind);
    const { sim, db } = f;
    const board = dock(sim, "Kanban::Board");
    const cols = children(sim, board.id, ["Kanban::Column"]);
    const mate = firstProject(sim).peopleIds[1];
    const [c] = await run("INSERT INTO CardTableCards (ColumnId, Title, Content, AssigneeIds) VALUES (?, 'Card A', '<div>x</div>', ?)", cols[0].id, `[${mate}]`);
    expect(c.state).toBe("done");
    const card = sim.store.recordings.get(BigInt(s(c.resultId)))!;
    expect(card.title).toBe("Card A");
    expect(card.assigneeIds!.map(s)).toEqual([s(mate)]);
    await run("UPDATE CardTableCards SET DueOn = '2030-03-03' WHERE Id = ?", c.resultId);
    expect(card).toMatchObject({ title: "Card A", content: "<div>x</div>", dueOn: "2030-03-03" });
    expect(card.assigneeIds!.map(s)).toEqual([s(mate)]);

    const [col] = await run("INSERT INTO CardTableColumns (CardTableId, Title, Color) VALUES (?, 'Review', 'green')", board.id);
    expect(col.state).toBe("done");
    const column = sim.store.recordings.get(BigInt(s(col.resultId)))!;
    expect(column).toMatchObject({ title: "Review", color: "green" });
    expect(row(db, "CardTableColumns", col.resultId)).toMatchObject({ Title: "Review", Color: "green" });
    await run("UPDATE CardTableCards SET ColumnId = ? WHERE Id = ?", col.resultId, c.resultId);
    expect(s(card.parentId)).toBe(s(col.resultId));
    expect(s(row(db, "CardTableCards", c.resultId)!.ColumnId)).toBe(s(col.resultId));
    await run("UPDATE CardTableColumns SET Title = 'In review', Color = 'blue' WHERE Id = ?", col.resultId);
    expect(column).toMatchObject({ title: "In review", color: "blue" });
    await run("DELETE FROM CardTableCards WHERE Id = ?", c.resultId);
    expect(card.status).toBe("trashed");
    await run("DELETE FROM CardTableColumns WHERE Id = ?", col.resultId);
    expect(column.status).toBe("trashed");
    expect(simByTitle(sim, "Kanban::Card", "Card A")).toHaveLength(1);
  });
});
