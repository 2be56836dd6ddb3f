// Automatic check-ins: questionnaires, questions (with their schedules) and answers.
import type { Sim, SimContext } from "../context.js";
import { badRequest, forbidden, noContent, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { baseRecording, recordingUrl, registerRenderer, renderPerson, type Json, type RenderCtx } from "../render.js";
import { bodyOf, findRecording, nested, optionalBool, optionalDate, renderCtx, requireWritable, requiredString, toId, statusQuery, type ApiRouter } from "../router.js";
import { isoDate } from "../seed.js";
import type { Id, Recording, ScheduleRule } from "../store/model.js";
import type { Store } from "../store/store.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { childrenWithStatus } from "./vaults-render.js";

export function renderQuestionnaire(ctx: RenderCtx, rec: Recording): Json {
  return {
    ...baseRecording(ctx, rec),
    name: rec.title,
    questions_count: childrenWithStatus(ctx.store, rec.id, ["Question"]).length,
    questions_url: recordingUrl(ctx, rec, "/questions"),
  };
}

export function renderQuestion(ctx: RenderCtx, rec: Recording): Json {
  const s = rec.schedule;
  return {
    ...baseRecording(ctx, rec),
    paused: rec.paused ?? false,
    schedule: s
      ? withoutNulls({ frequency: s.frequency, days: s.days, hour: s.hour, minute: s.minute, week_instance: s.week_instance, week_interval: s.week_interval, month_interval: s.month_interval, start_date: s.start_date, end_date: s.end_date })
      : null,
    answers_count: childrenWithStatus(ctx.store, rec.id, ["Question::Answer"]).length,
    answers_url: recordingUrl(ctx, rec, "/answers"),
  };
}

/** The reference types a schedule's fields as plain integers/strings: ones that do not apply are left out. */
function withoutNulls(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}

export function renderAnswer(ctx: RenderCtx, rec: Recording): Json {
  return { ...baseRecording(ctx, rec), content: rec.content ?? "", group_on: rec.groupOn ?? isoDate(rec.createdAt) };
}

registerRenderer("Questionnaire", renderQuestionnaire);
registerRenderer("Question", renderQuestion);
registerRenderer("Question::Answer", renderAnswer);

const FREQUENCIES = ["every_day", "every_week", "every_other_week", "every_month", "on_certain_days"];

function bad(field: string, msg: string): never {
  throw validationFailed({ [`schedule.${field}`]: [msg] });
}

/** "9:00am", "4:30 pm", "12pm" or 24-hour "16:30" → hour and minute. */
function parseTimeOfDay(v: unknown): { hour: number; minute: number } {
  if (typeof v !== "string") bad("time_of_day", "can't be blank");
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?$/i.exec(v.trim());
  if (!m) bad("time_of_day", 'must be a time like "9:00am" or "4:30pm"');
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (minute > 59 || (half ? hour < 1 || hour > 12 : hour > 23 || m[2] === undefined)) bad("time_of_day", 'must be a time like "9:00am" or "4:30pm"');
  if (half === "am" || half === "a") hour = hour === 12 ? 0 : hour;
  else if (half) hour = hour === 12 ? 12 : hour + 12;
  return { hour, minute };
}

/** A whole number in [min, max] from a number or digit string; undefined when absent. */
function wholeIn(s: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const v = s[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) bad(field, `must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * The time of day: the reference's `hour` (0–23) and `minute` (0–59), or the docs'
 * `time_of_day` ("9:00am"). Left out on an update, the current time is kept.
 */
function parseTime(s: Record<string, unknown>, prev: ScheduleRule | undefined): { hour: number; minute: number } {
  const hour = wholeIn(s, "hour", 0, 23);
  const minute = wholeIn(s, "minute", 0, 59);
  // A time_of_day sent beside hour/minute is still checked, but hour/minute win.
  const given = s.time_of_day !== undefined && s.time_of_day !== null ? parseTimeOfDay(s.time_of_day) : undefined;
  if (hour !== undefined || minute !== undefined) {
    if (hour === undefined && !prev) bad("hour", "can't be blank: give hour (0-23) with minute");
    return { hour: hour ?? prev!.hour, minute: minute ?? prev?.minute ?? 0 };
  }
  if (given) return given;
  if (prev) return { hour: prev.hour, minute: prev.minute };
  return bad("hour", 'can\'t be blank: give hour (0-23) and minute, or time_of_day ("9:00am")');
}

function parseDays(v: unknown): number[] {
  if (!Array.isArray(v) || v.length === 0) bad("days", 'can\'t be blank: list weekdays as "0".."6" (0 = Sunday)');
  const out = new Set<number>();
  for (const d of v) {
    const n = typeof d === "number" ? d : typeof d === "string" && /^\d$/.test(d.trim()) ? Number(d.trim()) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 6) bad("days", `has ${JSON.stringify(d)}; days are "0".."6" (0 = Sunday)`);
    out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/** A question's schedule from a request; `prev` fills fields left out (updates). */
function parseSchedule(raw: unknown, prev: ScheduleRule | undefined, today: string): ScheduleRule {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw validationFailed({ schedule: ["can't be blank"] });
  const s = raw as Record<string, unknown>;
  const has = (k: string) => s[k] !== undefined && s[k] !== null;
  let frequency = prev?.frequency;
  if (has("frequency") || !prev) {
    if (typeof s.frequency !== "string" || !FREQUENCIES.includes(s.frequency)) bad("frequency", `must be one of ${FREQUENCIES.join(", ")}`);
    frequency = s.frequency;
  }
  const time = parseTime(s, prev);
  // Asked every day, the days may be left out (all seven).
  const days = has("days") ? parseDays(s.days) : prev ? prev.days : frequency === "every_day" ? [0, 1, 2, 3, 4, 5, 6] : parseDays(s.days);
  let weekInstance = prev?.week_instance ?? null;
  if (has("week_instance")) {
    const n = Number(s.week_instance);
    if (!Number.isInteger(n) || n < 1 || n > 5) bad("week_instance", "must be 1 to 5");
    weekInstance = n;
  }
  const dates = { "schedule.start_date": s.start_date, "schedule.end_date": s.end_date };
  const start = optionalDate(dates, "schedule.start_date") ?? prev?.start_date ?? today;
  const endGiven = optionalDate(dates, "schedule.end_date");
  const end = endGiven === undefined ? prev?.end_date ?? null : endGiven;
  if (end !== null && end < start) bad("end_date", "must not be before start_date");
  return {
    frequency: frequency!,
    days,
    hour: time.hour,
    minute: time.minute,
    week_instance: frequency === "every_month" ? weekInstance : null,
    week_interval: frequency === "every_week" ? (wholeIn(s, "week_interval", 1, 52) ?? (prev?.frequency === frequency ? prev.week_interval : null) ?? 1) : frequency === "every_other_week" ? 2 : null,
    month_interval: frequency === "every_month" ? (wholeIn(s, "month_interval", 1, 12) ?? (prev?.frequency === frequency ? prev.month_interval : null) ?? 1) : null,
    start_date: start,
    end_date: end,
  };
}

/** Per-person "responding" setting of questions (not in the persisted model). */
const responding = new WeakMap<Store, Map<string, boolean>>();
function respondingMap(store: Store): Map<string, boolean> {
  let m = responding.get(store);
  if (!m) responding.set(store, (m = new Map()));
  return m;
}

function newestFirst(a: Recording, b: Recording): number {
  return b.createdAt - a.createdAt || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0);
}

function answersOf(store: Store, q: Recording): Recording[] {
  return childrenWithStatus(store, q.id, ["Question::Answer"]).sort(newestFirst);
}

function pause(c: SimContext, q: Recording, paused: boolean): void {
  if ((q.paused ?? false) !== paused) {
    q.paused = paused;
    const action = paused ? "paused" : "resumed";
    c.var.sim.store.touch(q, action, c.var.me.id, {}, action);
  }
}

function setPaused(c: SimContext, paused: boolean): Response {
  const q = findRecording(c, "id", ["Question"]);
  requireWritable(q);
  pause(c, q, paused);
  return sendJson(c, { paused });
}

function registerQuestions(r: ApiRouter): void {
  r.get("/questionnaires/:id", (c) => {
    const q = findRecording(c, "id", ["Questionnaire"]);
    return sendJson(c, renderQuestionnaire(renderCtx(c), q), { lastModified: q.updatedAt });
  });

  r.get("/questionnaires/:id/questions", (c) => {
    const qn = findRecording(c, "id", ["Questionnaire"]);
    const ctx = renderCtx(c);
    return paginate(c, childrenWithStatus(ctx.store, qn.id, ["Question"], statusQuery(c)), (q) => renderQuestion(ctx, q), (q) => q.updatedAt);
  });

  r.get("/questions/:id", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    return sendJson(c, renderQuestion(renderCtx(c), q), { lastModified: q.updatedAt });
  });

  r.post("/questionnaires/:id/questions", (c) => {
    const qn = findRecording(c, "id", ["Questionnaire"]);
    requireWritable(qn);
    const store = c.var.sim.store;
    const body = nested(bodyOf(c), "question");
    const title = requiredString(body, "title").trim();
    const schedule = parseSchedule(body.schedule, undefined, isoDate(store.now()));
    const q = store.insertRecording({ type: "Question", bucketId: qn.bucketId, parentId: qn.id, creatorId: c.var.me.id, title, paused: false, schedule, subscriberIds: [c.var.me.id] });
    return sendJson(c, renderQuestion(renderCtx(c), q), { status: 201 });
  });

  r.put("/questions/:id", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    requireWritable(q);
    const store = c.var.sim.store;
    const body = nested(bodyOf(c), "question");
    const title = body.title === undefined || body.title === null ? undefined : requiredString(body, "title").trim();
    const schedule = body.schedule === undefined ? undefined : parseSchedule(body.schedule, q.schedule, isoDate(store.now()));
    // oas: a PUT may also pause or resume the question.
    const paused = optionalBool(body, "paused");
    if (title !== undefined && title !== q.title) {
      const was = q.title;
      q.title = title;
      store.touch(q, "title_changed", c.var.me.id, { title_was: was }, "title_updated");
    }
    if (schedule !== undefined && JSON.stringify(schedule) !== JSON.stringify(q.schedule)) {
      q.schedule = schedule;
      store.touch(q, "content_changed", c.var.me.id, {}, "content_updated");
    }
    if (paused !== undefined) pause(c, q, paused);
    return sendJson(c, renderQuestion(renderCtx(c), q));
  });

  r.post("/questions/:id/pause", (c) => setPaused(c, true));
  r.delete("/questions/:id/pause", (c) => setPaused(c, false));

  r.put("/questions/:id/notification_settings", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    const body = bodyOf(c);
    const me = c.var.me.id;
    const store = c.var.sim.store;
    const key = `${q.id}:${me}`;
    const wantResponding = optionalBool(body, "responding");
    const wantSubscribed = optionalBool(body, "subscribed");
    if (wantResponding !== undefined) respondingMap(store).set(key, wantResponding);
    const subscribed = q.subscriberIds.includes(me);
    if (wantSubscribed !== undefined && wantSubscribed !== subscribed) {
      q.subscriberIds = wantSubscribed ? [...q.subscriberIds, me] : q.subscriberIds.filter((id) => id !== me);
      const details = wantSubscribed ? { added_person_ids: [me], removed_person_ids: [] } : { added_person_ids: [], removed_person_ids: [me] };
      store.touch(q, "subscribers_changed", me, details, "subscribers_changed");
    }
    return sendJson(c, { responding: respondingMap(store).get(key) ?? true, subscribed: q.subscriberIds.includes(me) });
  });
}

function registerAnswers(r: ApiRouter): void {
  r.get("/questions/:id/answers", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    const ctx = renderCtx(c);
    let answers = answersOf(ctx.store, q);
    const date = c.req.query("date");
    if (date !== undefined && date !== "") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw badRequest(`date must be YYYY-MM-DD (got ${JSON.stringify(date)})`);
      answers = answers.filter((a) => a.groupOn === date);
    }
    const creator = c.req.query("creator_id");
    if (creator !== undefined && creator !== "") {
      const id = toId(creator);
      if (id === undefined) throw badRequest(`creator_id must be a person ID (got ${JSON.stringify(creator)})`);
      answers = answers.filter((a) => a.creatorId === id);
    }
    return paginate(c, answers, (a) => renderAnswer(ctx, a), (a) => a.updatedAt);
  });

  r.get("/questions/:id/answers/by", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    const ctx = renderCtx(c);
    const ids: Id[] = [...new Set(answersOf(ctx.store, q).map((a) => a.creatorId))];
    const people = ids.map((id) => ctx.store.people.get(id)).filter((p) => p !== undefined);
    people.sort((a, b) => a.name.localeCompare(b.name));
    return sendJson(c, people.map((p) => renderPerson(ctx, p)));
  });

  r.get("/questions/:id/answers/by/:personId", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    const person = toId(c.req.param("personId"));
    if (person === undefined || !c.var.sim.store.people.has(person)) throw notFound();
    const ctx = renderCtx(c);
    const answers = answersOf(ctx.store, q).filter((a) => a.creatorId === person);
    return paginate(c, answers, (a) => renderAnswer(ctx, a), (a) => a.updatedAt);
  });

  r.get("/question_answers/:id", (c) => {
    const a = findRecording(c, "id", ["Question::Answer"]);
    return sendJson(c, renderAnswer(renderCtx(c), a), { lastModified: a.updatedAt });
  });

  r.post("/questions/:id/answers", (c) => {
    const q = findRecording(c, "id", ["Question"]);
    requireWritable(q);
    const store = c.var.sim.store;
    const body = nested(bodyOf(c), "question_answer");
    const content = richText(store, "content", requiredString(body, "content"));
    const groupOn = optionalDate(body, "group_on") ?? isoDate(store.now());
    const a = store.insertRecording({ type: "Question::Answer", bucketId: q.bucketId, parentId: q.id, creatorId: c.var.me.id, title: `Answer to ${q.title}`, content, groupOn, subscriberIds: [c.var.me.id] });
    claimAttachments(store, a);
    return sendJson(c, renderAnswer(renderCtx(c), a), { status: 201 });
  });

  r.put("/question_answers/:id", (c) => {
    const a = findRecording(c, "id", ["Question::Answer"]);
    requireWritable(a);
    const me = c.var.me;
    if (a.creatorId !== me.id && !me.admin && !me.owner) throw forbidden("Only the person who answered can change this answer.");
    const body = nested(bodyOf(c), "question_answer");
    const content = richText(c.var.sim.store, "content", requiredString(body, "content"), { owner: a });
    // oas: `group_on` (the day answered) may change too; left out, it is kept.
    const groupOn = optionalDate(body, "group_on") ?? undefined;
    if (content !== a.content || (groupOn !== undefined && groupOn !== a.groupOn)) {
      a.content = content;
      claimAttachments(c.var.sim.store, a);
      if (groupOn !== undefined) a.groupOn = groupOn;
      c.var.sim.store.touch(a, "content_changed", me.id, {}, "content_updated");
    }
    return noContent(c);
  });
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  registerQuestions(r);
  registerAnswers(r);
}
