import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { all, api, newSim } from "./helpers.js";

const big = (v: unknown): bigint => BigInt(v as number | bigint | string);
const ids = (xs: Array<{ id: unknown }>): bigint[] => xs.map((x) => big(x.id));

function setup(sim: InProcessSimulator) {
  const [p, other] = [...sim.store.projects.values()];
  const questionnaire = sim.store.dockTool(p.id, "Questionnaire")!;
  const question = sim.store.childrenOf(questionnaire.id, ["Question"])[0];
  return { p, other, questionnaire, question };
}

function eventActions(sim: InProcessSimulator, id: unknown): string[] {
  return (sim.store.events.get(big(id)) ?? []).map((e) => e.action);
}

const goodSchedule = { frequency: "every_week", time_of_day: "4:30pm", days: ["1", "3", "5"] };

describe("questionnaires and questions", () => {
  it("shows the questionnaire and lists its questions", async () => {
    const sim = newSim();
    const { p, other, questionnaire, question } = setup(sim);
    const q = await api(sim, "GET", `/questionnaires/${questionnaire.id}.json`);
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ type: "Questionnaire", name: questionnaire.title, questions_count: 1 });
    expect(q.body.questions_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p.id}/questionnaires/${questionnaire.id}/questions.json`);
    const list = await api(sim, "GET", `/buckets/${p.id}/questionnaires/${questionnaire.id}/questions`);
    expect(ids(list.body)).toEqual([question.id]);
    expect(list.body[0]).toMatchObject({ type: "Question", paused: false, answers_count: 1, schedule: { frequency: "every_day", hour: 16, minute: 0, days: [1, 2, 3, 4, 5] } });
    expect((await api(sim, "GET", `/buckets/${other.id}/questionnaires/${questionnaire.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/questions/${questionnaire.id}.json`)).status).toBe(404);
  });

  it("validates the schedule of a new question, naming the field", async () => {
    const sim = newSim();
    const { questionnaire } = setup(sim);
    const path = `/questionnaires/${questionnaire.id}/questions.json`;
    const cases: Array<[unknown, string]> = [
      [{ question: { schedule: goodSchedule } }, "title"],
      [{ question: { title: "Q" } }, "schedule"],
      [{ question: { title: "Q", schedule: { ...goodSchedule, frequency: "hourly" } } }, "schedule.frequency"],
      [{ question: { title: "Q", schedule: { ...goodSchedule, time_of_day: undefined } } }, "schedule.hour"],
      [{ question: { title: "Q", schedule: { ...goodSchedule, time_of_day: "13:00pm" } } }, "schedule.time_of_day"],
      [{ question: { title: "Q", schedule: { ...goodSchedule, time_of_day: "noonish" } } }, "schedule.time_of_day"],
      [{ question: { title: "Q", schedule: { ...goodSchedule, days: [] } } }, "schedule.days"],
      [{ question: { title: "Q", schedule: { ...goodSchedule, days: ["7"] } } }, "schedule.days"],
    ];
    for (const [body, field] of cases) {
      const r = await api(sim, "POST", path, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(r.body.errors)).toEqual([field]);
      expect(r.body.error).toContain(field);
    }
    expect(sim.store.childrenOf(questionnaire.id)).toHaveLength(1);
  });

  it("creates and updates a question", async () => {
    const sim = newSim();
    const { p, questionnaire } = setup(sim);
    const created = await api(sim, "POST", `/buckets/${p.id}/questionnaires/${questionnaire.id}/questions.json`, { question: { title: "Any wins this week?", schedule: goodSchedule } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "Any wins this week?",
      paused: false,
      answers_count: 0,
      schedule: { frequency: "every_week", days: [1, 3, 5], hour: 16, minute: 30, week_interval: 1 },
    });
    expect(created.body.schedule.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const id = created.body.id;

    const put = await api(sim, "PUT", `/questions/${id}`, { question: { title: "Any wins?", schedule: { frequency: "every_other_week", time_of_day: "9:00am", days: ["0"] } } });
    expect(put.status).toBe(200);
    const got = await api(sim, "GET", `/questions/${id}.json`);
    expect(got.body).toMatchObject({ title: "Any wins?", schedule: { frequency: "every_other_week", days: [0], hour: 9, minute: 0, week_interval: 2 } });
    expect(eventActions(sim, id)).toEqual(["created", "title_changed", "content_changed"]);

    const noon = await api(sim, "PUT", `/questions/${id}.json`, { question: { schedule: { time_of_day: "12:15am" } } });
    expect(noon.body.schedule).toMatchObject({ hour: 0, minute: 15, frequency: "every_other_week" });
    const bad = await api(sim, "PUT", `/questions/${id}.json`, { question: { schedule: { frequency: "yearly" } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors["schedule.frequency"]).toBeDefined();
  });

  it("pauses and resumes a question, recording events", async () => {
    const sim = newSim();
    const { p, question } = setup(sim);
    const paused = await api(sim, "POST", `/questions/${question.id}/pause.json`);
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ paused: true });
    expect((await api(sim, "GET", `/questions/${question.id}.json`)).body.paused).toBe(true);
    const resumed = await api(sim, "DELETE", `/buckets/${p.id}/questions/${question.id}/pause`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toEqual({ paused: false });
    expect((await api(sim, "GET", `/questions/${question.id}.json`)).body.paused).toBe(false);
    expect(eventActions(sim, question.id).slice(-2)).toEqual(["paused", "resumed"]);
  });

  it("changes notification settings", async () => {
    const sim = newSim();
    const { question } = setup(sim);
    const off = await api(sim, "PUT", `/questions/${question.id}/notification_settings.json`, { responding: false, subscribed: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ responding: false, subscribed: false });
    const on = await api(sim, "PUT", `/questions/${question.id}/notification_settings.json`, { subscribed: true });
    expect(on.body).toEqual({ responding: false, subscribed: true });
    expect(question.subscriberIds).toContain(sim.store.account.ownerId);
    expect(eventActions(sim, question.id)).toContain("subscribers_changed");
    expect((await api(sim, "PUT", `/questions/${question.id}/notification_settings.json`, { responding: "maybe" })).status).toBe(422);
  });
});

describe("question answers", () => {
  it("creates, reads, filters and updates answers", async () => {
    const sim = newSim();
    const { p, other, question } = setup(sim);
    const seeded = sim.store.childrenOf(question.id, ["Question::Answer"])[0];
    const owner = sim.store.account.ownerId;

    const blank = await api(sim, "POST", `/questions/${question.id}/answers.json`, { question_answer: { content: "" } });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.content).toBeDefined();
    const badDate = await api(sim, "POST", `/questions/${question.id}/answers.json`, { question_answer: { content: "x", group_on: "2030-13-01" } });
    expect(badDate.status).toBe(422);

    const created = await api(sim, "POST", `/buckets/${p.id}/questions/${question.id}/answers.json`, { question_answer: { content: "<div>Shipped it</div>", group_on: "2030-01-15" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: "Question::Answer", content: "<div>Shipped it</div>", group_on: "2030-01-15" });
    expect(big(created.body.parent.id)).toBe(question.id);
    const id = big(created.body.id);
    expect(eventActions(sim, id)).toEqual(["created"]);

    const byDate = await api(sim, "GET", `/questions/${question.id}/answers.json?date=2030-01-15`);
    expect(ids(byDate.body)).toEqual([id]);
    const byCreator = await api(sim, "GET", `/questions/${question.id}/answers.json?creator_id=${owner}`);
    expect(ids(byCreator.body)).toContain(id);
    expect(byCreator.body.every((a: { creator: { id: unknown } }) => big(a.creator.id) === owner)).toBe(true);
    const everyone = await api(sim, "GET", `/questions/${question.id}/answers`);
    expect(ids(everyone.body)).toEqual(expect.arrayContaining([id, seeded.id]));
    expect(everyone.headers.get("x-total-count")).toBe("2");
    expect((await api(sim, "GET", `/questions/${question.id}/answers.json?date=yesterday`)).status).toBe(400);

    const by = await api(sim, "GET", `/questions/${question.id}/answers/by.json`);
    expect(by.status).toBe(200);
    const answerers = ids(by.body);
    expect(answerers).toContain(owner);
    expect(answerers).toContain(seeded.creatorId);
    expect(by.body[0].email_address).toBeDefined();
    const mine = await api(sim, "GET", `/questions/${question.id}/answers/by/${owner}.json`);
    expect(ids(mine.body)).toContain(id);
    expect((await api(sim, "GET", `/questions/${question.id}/answers/by/999.json`)).status).toBe(404);

    const put = await api(sim, "PUT", `/question_answers/${id}.json`, { question_answer: { content: "<div>Shipped it twice</div>" } });
    expect(put.status).toBe(204);
    expect(put.text).toBe("");
    const got = await api(sim, "GET", `/buckets/${p.id}/question_answers/${id}`);
    expect(got.body.content).toBe("<div>Shipped it twice</div>");
    expect(eventActions(sim, id)).toEqual(["created", "content_changed"]);
    expect((await api(sim, "PUT", `/question_answers/${id}.json`, { question_answer: {} })).status).toBe(422);
    expect((await api(sim, "GET", `/buckets/${other.id}/question_answers/${id}.json`)).status).toBe(404);
  });

  it("pages a long list of answers", async () => {
    const sim = newSim();
    const { question } = setup(sim);
    for (let i = 0; i < 16; i++) {
      const r = await api(sim, "POST", `/questions/${question.id}/answers.json`, { question_answer: { content: `<div>${i}</div>` } });
      expect(r.status).toBe(201);
    }
    const first = await api(sim, "GET", `/questions/${question.id}/answers.json`);
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("x-total-count")).toBe("17");
    expect(first.headers.get("link")).toContain('rel="next"');
    expect(await all(sim, `/questions/${question.id}/answers.json`)).toHaveLength(17);
    expect((await api(sim, "GET", `/questions/${question.id}.json`)).body.answers_count).toBe(17);
  });
});
