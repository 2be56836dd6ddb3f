// `update(id, changes)` keeps what it does not change, and null clears — planning records:
// schedule entries, schedules, card table columns, cards, steps, questions, answers,
// projects, webhooks.
import { describe, expect, it } from "vitest";
import { firstProject, stored, str, strs, tool, watchedSetup } from "./helpers.js";

describe("schedule entries", () => {
  it("updateEntry(id, { summary }) keeps description, times, all_day and participants; description: null clears", async () => {
    const { sim, client } = watchedSetup();
    const mate = firstProject(sim).peopleIds[1];
    const e = await client.schedules.createEntry(tool(sim, "Schedule").id, { summary: "Kickoff", description: "<div>Agenda</div>", starts_at: new Date("2030-05-01T10:00:00Z"), ends_at: "2030-05-01T11:00:00Z", all_day: true, participant_ids: [mate] });
    await client.schedules.updateEntry(e.id, { summary: "Kickoff (moved)" });
    const r = stored(sim, e.id);
    expect(r).toMatchObject({ title: "Kickoff (moved)", description: "<div>Agenda</div>", allDay: true, startsAt: Date.parse("2030-05-01T10:00:00Z"), endsAt: Date.parse("2030-05-01T11:00:00Z") });
    expect(strs(r.participantIds)).toEqual([str(mate)]);

    await client.schedules.updateEntry(e.url, { description: null, ends_at: new Date("2030-05-01T12:00:00Z") });
    expect(stored(sim, e.id)).toMatchObject({ title: "Kickoff (moved)", description: "", allDay: true, endsAt: Date.parse("2030-05-01T12:00:00Z") });
  });
});

describe("schedules", () => {
  it("update(id, { include_due_assignments }) reads the schedule and sends the setting wrapped", async () => {
    const { sim, client, puts, sent } = watchedSetup();
    const s = tool(sim, "Schedule");
    await client.schedules.update(s.id, { include_due_assignments: false });
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /schedules/${s.id}.json`, `PUT /schedules/${s.id}.json`]);
    expect(puts()[0].body).toEqual({ schedule: { include_due_assignments: false } });
    expect(stored(sim, s.id).includeDueAssignments).toBe(false);
  });
});

describe("card tables", () => {
  it("updateColumn(id, { title }) sends the description back; description: null clears it", async () => {
    const { sim, client, puts } = watchedSetup();
    const col = await client.cardTables.createColumn(tool(sim, "Kanban::Board").id, { title: "Review", description: "Needs eyes" });
    await client.cardTables.updateColumn(col.id, { title: "In review" });
    expect(puts()[0].body).toEqual({ title: "In review", description: "Needs eyes" });
    expect(stored(sim, col.id)).toMatchObject({ title: "In review", description: "Needs eyes" });
    await client.cardTables.updateColumn(col.id, { description: null });
    expect(stored(sim, col.id)).toMatchObject({ title: "In review", description: "" });
  });

  it("updateCard(id, { title }) sends content, due date and assignees back; due_on: null clears the date", async () => {
    const { sim, client, puts } = watchedSetup();
    const mate = firstProject(sim).peopleIds[1];
    const col = await client.cardTables.createColumn(tool(sim, "Kanban::Board").id, { title: "Doing" });
    const card = await client.cardTables.createCard(col.id, { title: "Ship", content: "<div>Now</div>", due_on: "2030-06-01" });
    await client.cardTables.updateCard(card.id, { assignee_ids: [String(mate)] });
    await client.cardTables.updateCard(card.app_url, { title: "Ship it" });
    expect(puts()[1].body).toEqual({ title: "Ship it", content: "<div>Now</div>", due_on: "2030-06-01", assignee_ids: [Number(mate)] });
    expect(stored(sim, card.id)).toMatchObject({ title: "Ship it", content: "<div>Now</div>", dueOn: "2030-06-01" });
    expect(strs(stored(sim, card.id).assigneeIds)).toEqual([str(mate)]);
    await client.cardTables.updateCard(card.id, { due_on: null });
    expect(stored(sim, card.id)).toMatchObject({ title: "Ship it", content: "<div>Now</div>", dueOn: null });
    expect(strs(stored(sim, card.id).assigneeIds)).toEqual([str(mate)]);
  });

  it("updateStep(id, { title }) reads the step (GET /card_tables/steps/{id}) and keeps its date and assignees", async () => {
    const { sim, client, puts, sent } = watchedSetup();
    const mate = firstProject(sim).peopleIds[1];
    const col = await client.cardTables.createColumn(tool(sim, "Kanban::Board").id, { title: "Doing" });
    const card = await client.cardTables.createCard(col.id, { title: "With steps" });
    const step = await client.cardTables.createStep(card.id, { title: "One", due_on: "2030-01-01", assignee_ids: [mate] });
    expect((await client.cardTables.step(step.id)).title).toBe("One");
    await client.cardTables.updateStep(step.id, { title: "One, renamed" });
    expect(sent.filter((r) => r.path === `/card_tables/steps/${step.id}.json`).map((r) => r.method)).toEqual(["GET", "GET", "PUT"]);
    expect(puts()[0].body).toEqual({ title: "One, renamed", due_on: "2030-01-01", assignee_ids: [Number(mate)] });
    expect(stored(sim, step.id)).toMatchObject({ title: "One, renamed", dueOn: "2030-01-01" });
    expect(strs(stored(sim, step.id).assigneeIds)).toEqual([str(mate)]);
    await client.cardTables.updateStep(step.id, { due_on: null });
    expect(stored(sim, step.id)).toMatchObject({ title: "One, renamed", dueOn: null });
  });
});

describe("questionnaires", () => {
  it("updateQuestion keeps the schedule (field by field) and the pause; end_date: null clears", async () => {
    const { sim, client, puts } = watchedSetup();
    const q = await client.questionnaires.createQuestion(tool(sim, "Questionnaire").id, { title: "Mood?", schedule: { frequency: "every_week", time_of_day: "4:30pm", days: [1, 3], end_date: "2031-01-01" } });
    await client.questionnaires.pause(q.id);
    await client.questionnaires.updateQuestion(q.id, { title: "Mood today?" });
    // The schedule goes back in its documented shape: hour and minute, not time_of_day.
    expect(puts()[0].body.question).toMatchObject({ title: "Mood today?", paused: true, schedule: { frequency: "every_week", hour: 16, minute: 30, days: [1, 3], end_date: "2031-01-01" } });
    expect(puts()[0].body.question.schedule).not.toHaveProperty("time_of_day");
    const r = stored(sim, q.id);
    expect(r).toMatchObject({ title: "Mood today?", paused: true });
    expect(r.schedule).toMatchObject({ frequency: "every_week", hour: 16, minute: 30, days: [1, 3], end_date: "2031-01-01" });

    await client.questionnaires.updateQuestion(q.id, { schedule: { time_of_day: "12:15am", end_date: null } });
    expect(puts()[1].body.question.schedule).toMatchObject({ hour: 0, minute: 15, end_date: null });
    expect(puts()[1].body.question.schedule).not.toHaveProperty("time_of_day");
    expect(stored(sim, q.id).schedule).toMatchObject({ frequency: "every_week", hour: 0, minute: 15, days: [1, 3], end_date: null });
    await client.questionnaires.updateQuestion(q.id, { schedule: { hour: 18 } });
    expect(stored(sim, q.id).schedule).toMatchObject({ frequency: "every_week", hour: 18, minute: 15, days: [1, 3] });
    expect(stored(sim, q.id)).toMatchObject({ title: "Mood today?", paused: true });
  });

  it("updateAnswer keeps the day when the content changes, and the content when the day does", async () => {
    const { sim, client, puts } = watchedSetup();
    const q = await client.questionnaires.createQuestion(tool(sim, "Questionnaire").id, { title: "Wins?", schedule: { frequency: "every_day", time_of_day: "9:00am", days: [1] } });
    const a = await client.questionnaires.createAnswer(q.id, { content: "<div>Shipped</div>", group_on: "2030-01-05" });
    await client.questionnaires.updateAnswer(a.id, "<div>Shipped twice</div>");
    expect(stored(sim, a.id)).toMatchObject({ content: "<div>Shipped twice</div>", groupOn: "2030-01-05" });
    await client.questionnaires.updateAnswer(a.id, { group_on: "2030-01-06" });
    expect(puts()[1].body).toEqual({ question_answer: { content: "<div>Shipped twice</div>", group_on: "2030-01-06" } });
    expect(stored(sim, a.id)).toMatchObject({ content: "<div>Shipped twice</div>", groupOn: "2030-01-06" });
  });
});

describe("projects", () => {
  it("update(id, { description }) sends the name and dates back; one date merges with the other; null clears", async () => {
    const { sim, client, puts } = watchedSetup();
    const p = await client.projects.create({ name: "Moonshot", description: "First words" });
    await client.projects.update(p.id, { schedule_attributes: { start_date: "2030-01-01", end_date: "2030-12-31" } });
    await client.projects.update(p.id, { description: "New words" });
    expect(puts()[1].body).toEqual({ name: "Moonshot", description: "New words", schedule_attributes: { start_date: "2030-01-01", end_date: "2030-12-31" } });
    const stored = () => sim.store.projects.get(BigInt(str(p.id)))!;
    expect(stored()).toMatchObject({ name: "Moonshot", description: "New words", startDate: "2030-01-01", endDate: "2030-12-31" });
    await client.projects.update(p.url, { schedule_attributes: { end_date: "2031-06-30" } });
    expect(stored()).toMatchObject({ name: "Moonshot", startDate: "2030-01-01", endDate: "2031-06-30" });
    await client.projects.update(p.id, { description: null });
    expect(stored()).toMatchObject({ name: "Moonshot", description: "", startDate: "2030-01-01" });
  });
});

describe("webhooks", () => {
  it("update(id, { active }) sends only the change (a partial PUT), and the rest is kept", async () => {
    const { sim, client, puts } = watchedSetup();
    const hook = await client.webhooks.create(firstProject(sim).id, { payload_url: "https://example.com/hook", types: ["Todo", "Comment"] });
    await client.webhooks.update(hook.id, { active: false });
    expect(puts()[0].body).toEqual({ active: false });
    expect(sim.store.webhooks.get(BigInt(str(hook.id)))).toMatchObject({ payloadUrl: "https://example.com/hook", types: ["Todo", "Comment"], active: false });
  });
});
