// Questions take the documented schedule (reference QuestionSchedule: frequency, days as
// integers, hour, minute, …) at the top level of the body, as well as the docs' wrapped
// `question{…}` form with `time_of_day`.
import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { api, newSim } from "./helpers.js";

/** Property names of the reference's Question and QuestionSchedule schemas. */
const QUESTION_KEYS = [
  "id", "status", "visible_to_clients", "created_at", "updated_at", "title", "inherits_status", "type", "url", "app_url",
  "bookmark_url", "subscription_url", "parent", "bucket", "creator", "paused", "schedule", "answers_count", "answers_url",
];
const SCHEDULE_KEYS = ["frequency", "days", "hour", "minute", "week_instance", "week_interval", "month_interval", "start_date", "end_date"];

function questionnaireOf(sim: InProcessSimulator) {
  const p = [...sim.store.projects.values()][0];
  return sim.store.dockTool(p.id, "Questionnaire")!;
}

const actions = (sim: InProcessSimulator, id: unknown): string[] => (sim.store.events.get(BigInt(id as string)) ?? []).map((e) => e.action);

describe("question schedule (frequency, days, hour, minute)", () => {
  it("creates a question from a top-level body with hour and minute; the answer has the reference's keys", async () => {
    const sim = newSim();
    const qn = questionnaireOf(sim);
    const r = await api(sim, "POST", `/questionnaires/${qn.id}/questions.json`, {
      title: "What are you working on?",
      schedule: { frequency: "on_certain_days", days: [1, 3, 5], hour: 9, minute: 45 },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "Question", title: "What are you working on?", paused: false, schedule: { frequency: "on_certain_days", days: [1, 3, 5], hour: 9, minute: 45 } });
    expect(Object.keys(r.body).filter((k) => !QUESTION_KEYS.includes(k))).toEqual([]);
    // Integers/strings in the reference: the fields that do not apply are left out.
    expect(Object.keys(r.body.schedule).sort()).toEqual(SCHEDULE_KEYS.filter((k) => !["week_instance", "week_interval", "month_interval", "end_date"].includes(k)).sort());
    const got = await api(sim, "GET", `/questions/${r.body.id}.json`);
    expect(got.body.schedule).toEqual(r.body.schedule);
  });

  it("takes hour alone (minute 0), every_day without days (all seven), and week/month intervals", async () => {
    const sim = newSim();
    const qn = questionnaireOf(sim);
    const path = `/questionnaires/${qn.id}/questions.json`;
    const daily = await api(sim, "POST", path, { title: "Daily", schedule: { frequency: "every_day", hour: 17 } });
    expect(daily.status).toBe(201);
    expect(daily.body.schedule).toMatchObject({ frequency: "every_day", days: [0, 1, 2, 3, 4, 5, 6], hour: 17, minute: 0 });
    const weekly = await api(sim, "POST", path, { title: "Every 3 weeks", schedule: { frequency: "every_week", days: [2], hour: 8, minute: 5, week_interval: 3 } });
    expect(weekly.body.schedule).toMatchObject({ week_interval: 3 });
    expect(weekly.body.schedule).not.toHaveProperty("month_interval");
    const monthly = await api(sim, "POST", path, { title: "Monthly", schedule: { frequency: "every_month", days: [1], hour: 10, minute: 0, week_instance: 2, month_interval: 2 } });
    expect(monthly.body.schedule).toMatchObject({ week_instance: 2, month_interval: 2 });
    expect(monthly.body.schedule).not.toHaveProperty("week_interval");
  });

  it("refuses a bad hour or minute with 422 naming the field, and a schedule without any time", async () => {
    const sim = newSim();
    const qn = questionnaireOf(sim);
    const path = `/questionnaires/${qn.id}/questions.json`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ frequency: "every_week", days: [1], hour: 24, minute: 0 }, "schedule.hour"],
      [{ frequency: "every_week", days: [1], hour: 9, minute: 60 }, "schedule.minute"],
      [{ frequency: "every_week", days: [1], hour: "nine" }, "schedule.hour"],
      [{ frequency: "every_week", days: [1], minute: 30 }, "schedule.hour"],
      [{ frequency: "every_week", days: [1] }, "schedule.hour"],
      [{ frequency: "every_week", hour: 9 }, "schedule.days"],
    ];
    for (const [schedule, field] of cases) {
      const r = await api(sim, "POST", path, { title: "Q", schedule });
      expect(r.status, JSON.stringify(schedule)).toBe(422);
      expect(Object.keys(r.body.errors)).toEqual([field]);
    }
  });

  it("updates with a partial schedule (kept fields stay), records the change and can pause", async () => {
    const sim = newSim();
    const qn = questionnaireOf(sim);
    const made = await api(sim, "POST", `/questionnaires/${qn.id}/questions.json`, { title: "Mood?", schedule: { frequency: "every_week", days: [1, 4], hour: 16, minute: 30 } });
    const id = made.body.id;
    const put = await api(sim, "PUT", `/questions/${id}.json`, { schedule: { hour: 7 } });
    expect(put.status).toBe(200);
    expect(put.body.schedule).toMatchObject({ frequency: "every_week", days: [1, 4], hour: 7, minute: 30 });
    expect(actions(sim, id)).toEqual(["created", "content_changed"]);
    const same = await api(sim, "PUT", `/questions/${id}.json`, { schedule: { hour: 7, minute: 30 } });
    expect(same.status).toBe(200);
    expect(actions(sim, id)).toEqual(["created", "content_changed"]);
    const paused = await api(sim, "PUT", `/questions/${id}.json`, { paused: true });
    expect(paused.body.paused).toBe(true);
    expect(actions(sim, id)).toEqual(["created", "content_changed", "paused"]);
    // hour/minute win over a time_of_day sent beside them, which must still be readable.
    const both = await api(sim, "PUT", `/questions/${id}.json`, { schedule: { hour: 6, minute: 0, time_of_day: "9:00am" } });
    expect(both.body.schedule).toMatchObject({ hour: 6, minute: 0 });
    expect((await api(sim, "PUT", `/questions/${id}.json`, { schedule: { hour: 6, time_of_day: "noonish" } })).status).toBe(422);
  });
});
