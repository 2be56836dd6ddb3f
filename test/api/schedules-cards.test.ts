import { describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError } from "../../src/http/errors.js";
import { firstProject, setup, str, tool, walk } from "./helpers.js";

describe("schedules", () => {
  it("reads and updates a schedule; creates, lists, reads and updates entries; finds an occurrence", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const schedule = await client.schedules.get(tool(sim, "Schedule").id);
    expect(schedule.type).toBe("Schedule");
    const flipped = await client.schedules.update(schedule.id, { include_due_assignments: !schedule.include_due_assignments });
    expect(flipped.include_due_assignments).toBe(!schedule.include_due_assignments);

    for (let i = 0; i < 16; i++) {
      await client.schedules.createEntry(schedule.id, { summary: `Standup ${i}`, starts_at: `2030-03-${String(i + 1).padStart(2, "0")}T09:00:00Z`, ends_at: `2030-03-${String(i + 1).padStart(2, "0")}T09:15:00Z` });
    }
    const e = await client.schedules.createEntry(schedule.app_url, {
      summary: "Kickoff",
      starts_at: new Date("2030-05-01T10:00:00Z"),
      ends_at: new Date("2030-05-01T11:00:00Z"),
      participant_ids: [project.peopleIds[1]],
      description: "<div>Agenda</div>",
    });
    expect(e).toMatchObject({ summary: "Kickoff", starts_at: "2030-05-01T10:00:00.000Z", description: "<div>Agenda</div>", type: "Schedule::Entry" });
    expect(e.participants.map((p) => str(p.id))).toEqual([str(project.peopleIds[1])]);

    const it = client.schedules.entries(schedule.id);
    const all = await walk(it);
    expect(all.length).toBe(schedule.entries_count + 17);
    expect(it.totalCount).toBe(all.length);

    const moved = await client.schedules.updateEntry(e.url, { summary: "Kickoff (moved)", starts_at: "2030-05-02T10:00:00Z", ends_at: "2030-05-02T11:00:00Z" });
    expect(moved).toMatchObject({ summary: "Kickoff (moved)", description: "<div>Agenda</div>" });
    expect(moved.participants).toHaveLength(1);
    expect((await client.schedules.entry(e.app_url)).summary).toBe("Kickoff (moved)");
    expect(str((await client.schedules.occurrence(e.id, "2030-05-02")).id)).toBe(str(e.id));
    await expect(client.schedules.occurrence(e.id, new Date("2030-05-03T00:00:00Z"))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("card tables", () => {
  it("reads a table, creates, updates, colours and moves columns", async () => {
    const { sim, client } = setup();
    const table = await client.cardTables.get(tool(sim, "Kanban::Board").id);
    expect(table.lists.length).toBeGreaterThan(0);
    const col = await client.cardTables.createColumn(table.id, { title: "Review", description: "Needs eyes" });
    expect(col).toMatchObject({ title: "Review", description: "Needs eyes", type: "Kanban::Column" });
    expect((await client.cardTables.updateColumn(col.app_url, { title: "In review" })).title).toBe("In review");
    expect((await client.cardTables.setColumnColor(col.id, "blue")).color).toBe("blue");
    await client.cardTables.moveColumn(table.id, col.id, 1);
    const after = await client.cardTables.get(table.url);
    const normal = after.lists.filter((l) => l.type === "Kanban::Column");
    expect(str(normal[0].id)).toBe(str(col.id));
    expect((await client.cardTables.column(col.url)).title).toBe("In review");
    await client.cardTables.watchColumn(col.id);
    expect((await client.cardTables.column(col.id)).subscribers.map((p) => str(p.id))).toContain(str(sim.store.account.ownerId));
    expect((await client.cardTables.setOnHold(col.id, true)).on_hold).toBeDefined();
  });

  it("creates, lists across pages, updates and moves cards; a move into Done completes", async () => {
    const { sim, client } = setup();
    const table = await client.cardTables.get(tool(sim, "Kanban::Board").id);
    const normal = table.lists.find((l) => l.type === "Kanban::Column")!;
    const done = table.lists.find((l) => l.type === "Kanban::DoneColumn")!;
    const before = normal.cards_count;
    for (let i = 0; i < 16; i++) await client.cardTables.createCard(normal.id, { title: `Card ${i}` });
    const card = await client.cardTables.createCard(normal.id, { title: "Ship", content: "<div>Now</div>", due_on: "2030-06-01" });
    expect(card).toMatchObject({ title: "Ship", content: "<div>Now</div>", due_on: "2030-06-01", completed: false, type: "Kanban::Card" });
    const it = client.cardTables.cards(normal.id);
    expect((await walk(it)).length).toBe(before + 17);
    expect(it.totalCount).toBe(before + 17);

    const mate = firstProject(sim).peopleIds[1];
    const upd = await client.cardTables.updateCard(card.app_url, { title: "Ship it", assignee_ids: [mate] });
    expect(upd.title).toBe("Ship it");
    expect(upd.assignees.map((p) => str(p.id))).toEqual([str(mate)]);
    expect(upd.content).toBe("<div>Now</div>");

    await client.cardTables.moveCard(card.id, done.id);
    const movedCard = await client.cardTables.card(card.url);
    expect(str(movedCard.parent?.id)).toBe(str(done.id));
    expect(movedCard.completed).toBe(true);
    await client.cardTables.moveCard(card.id, normal.app_url, 2);
    const back = await client.cardTables.card(card.id);
    expect(back.completed).toBe(false);
    expect(back.position).toBe(2);
    await expect(client.cardTables.moveCard(card.id, normal.id, 0)).rejects.toBeInstanceOf(BadRequestError);
    await expect(client.cardTables.card(normal.app_url)).rejects.toThrow(/points to card_tables\/columns, not a card/);
  });

  it("adds, edits, completes, uncompletes and repositions steps", async () => {
    const { sim, client } = setup();
    const table = await client.cardTables.get(tool(sim, "Kanban::Board").id);
    const col = table.lists.find((l) => l.type === "Kanban::Column")!;
    const card = await client.cardTables.createCard(col.id, { title: "With steps" });
    const s1 = await client.cardTables.createStep(card.id, { title: "One", due_on: "2030-01-01" });
    const s2 = await client.cardTables.createStep(card.app_url, { title: "Two" });
    expect(s1).toMatchObject({ title: "One", due_on: "2030-01-01", completed: false, type: "Kanban::Step" });
    expect((await client.cardTables.updateStep(s2.url, { title: "Two!" })).title).toBe("Two!");
    expect((await client.cardTables.completeStep(s1.id)).completed).toBe(true);
    expect((await client.cardTables.uncompleteStep(s1.app_url)).completed).toBe(false);
    await client.cardTables.repositionStep(card.id, s2.id, 0);
    const steps = (await client.cardTables.card(card.id)).steps;
    expect(steps.map((s) => s.title)).toEqual(["Two!", "One"]);
    expect(steps.map((s) => s.position)).toEqual([0, 1]);
    expect((await client.cardTables.step(s1.id)).position).toBe(1);
  });
});
