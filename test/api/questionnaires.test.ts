import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../src/http/errors.js";
import { setup, str, tool, walk } from "./helpers.js";

describe("questionnaires", () => {
  it("reads a questionnaire; creates, lists, updates, pauses and resumes questions", async () => {
    const { sim, client } = setup();
    const qn = await client.questionnaires.get(tool(sim, "Questionnaire").id);
    expect(qn.type).toBe("Questionnaire");
    const q = await client.questionnaires.createQuestion(qn.id, { title: "What did you do today?", schedule: { frequency: "every_day", time_of_day: "4:30pm", days: ["1", "2", "3", "4", "5"] } });
    expect(q).toMatchObject({ title: "What did you do today?", paused: false, type: "Question" });
    expect(q.schedule).toMatchObject({ frequency: "every_day", hour: 16, minute: 30, days: [1, 2, 3, 4, 5] });
    const all = await client.questionnaires.questions(qn.app_url).toArray();
    expect(all.map((x) => str(x.id))).toContain(str(q.id));
    const u = await client.questionnaires.updateQuestion(q.app_url, { title: "What did you ship?", schedule: { time_of_day: "9:00am" } });
    expect(u.title).toBe("What did you ship?");
    expect(u.schedule).toMatchObject({ frequency: "every_day", hour: 9, minute: 0 });

    expect(await client.questionnaires.pause(q.id)).toEqual({ paused: true });
    expect((await client.questionnaires.question(q.id)).paused).toBe(true);
    expect(await client.questionnaires.resume(q.url)).toEqual({ paused: false });
    expect((await client.questionnaires.question(q.id)).paused).toBe(false);
  });

  it("creates a question with the documented schedule (hour, minute, integer days) and changes its minute", async () => {
    const { sim, client } = setup();
    const qn = await client.questionnaires.get(tool(sim, "Questionnaire").id);
    const q = await client.questionnaires.createQuestion(qn.id, { title: "Blockers?", schedule: { frequency: "on_certain_days", days: [2, 4], hour: 11, minute: 20 } });
    expect(q.schedule).toMatchObject({ frequency: "on_certain_days", days: [2, 4], hour: 11, minute: 20 });
    const daily = await client.questionnaires.createQuestion(qn.id, { title: "Daily?", schedule: { frequency: "every_day", hour: 8 } });
    expect(daily.schedule).toMatchObject({ days: [0, 1, 2, 3, 4, 5, 6], hour: 8, minute: 0 });
    const u = await client.questionnaires.updateQuestion(q.id, { schedule: { minute: 50 } });
    expect(u.schedule).toMatchObject({ frequency: "on_certain_days", days: [2, 4], hour: 11, minute: 50 });
    // An unreadable time_of_day reaches the server as given, and its 422 names it.
    await expect(client.questionnaires.updateQuestion(q.id, { schedule: { time_of_day: "noonish" } })).rejects.toMatchObject({ status: 422 });
  });

  it("answers a question, filters answers, walks pages and edits an answer", async () => {
    const { sim, client } = setup();
    const qn = tool(sim, "Questionnaire");
    const q = await client.questionnaires.createQuestion(qn.id, { title: "Mood?", schedule: { frequency: "every_week", time_of_day: "9:00am", days: [1] } });
    for (let i = 0; i < 17; i++) {
      await client.questionnaires.createAnswer(q.id, { content: `<div>Fine ${i}</div>`, group_on: `2030-01-${String(i + 1).padStart(2, "0")}` });
    }
    const it = client.questionnaires.answers(q.id);
    const answers = await walk(it);
    expect(answers).toHaveLength(17);
    expect(it.totalCount).toBe(17);
    const onDay = await client.questionnaires.answers(q.id, { date: "2030-01-05" }).toArray();
    expect(onDay.map((a) => a.content)).toEqual(["<div>Fine 4</div>"]);
    const mine = await client.questionnaires.answers(q.id, { creator_id: sim.store.account.ownerId }).toArray();
    expect(mine).toHaveLength(17);

    const a = onDay[0];
    await client.questionnaires.updateAnswer(a.app_url, "<div>Great</div>");
    const reread = await client.questionnaires.answer(a.id);
    expect(reread).toMatchObject({ content: "<div>Great</div>", group_on: "2030-01-05", type: "Question::Answer" });

    await client.recordings.trash(q.id);
    await expect(client.questionnaires.createAnswer(q.id, { content: "late" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
