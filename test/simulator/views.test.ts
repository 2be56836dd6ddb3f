import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { restoreStore, serializeStore } from "../../src/simulator/persist.js";
import { Store } from "../../src/simulator/store/store.js";
import type { Person, Project } from "../../src/simulator/store/model.js";
import { api, newSim } from "./helpers.js";

const s = (v: unknown) => String(v);
const ids = (xs: any[]) => xs.map((x) => s(x.id));
const DAY = 86_400_000;
// A Wednesday, midday UTC.
const START = Date.parse("2030-06-05T12:00:00Z");
const daysAgo = (n: number) => new Date(START - n * DAY).toISOString().slice(0, 10);

/** A simulator whose clock only moves when `tick` is called. */
function setup() {
  let now = START;
  const sim = newSim({ clock: () => now });
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const list1 = sim.store.childrenOf(sim.store.dockTool(p1.id, "Todoset")!.id, ["Todolist"])[0];
  const list2 = sim.store.childrenOf(sim.store.dockTool(p2.id, "Todoset")!.id, ["Todolist"])[0];
  const owner = sim.store.account.ownerId;
  const tick = (ms = 1000) => (now += ms);
  return { sim, p1, p2, list1, list2, owner, tick };
}

/** A plain member (not admin/owner) on project `on` only, with request headers. */
function member(sim: InProcessSimulator, on: Project, off: Project): { person: Person; auth: Record<string, string> } {
  const person = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
  if (!on.peopleIds.includes(person.id)) on.peopleIds.push(person.id);
  off.peopleIds = off.peopleIds.filter((id) => id !== person.id);
  return { person, auth: { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` } };
}

async function todo(sim: InProcessSimulator, listId: bigint, content: string, fields: Record<string, unknown> = {}) {
  const r = await api(sim, "POST", `/todolists/${listId}/todos.json`, { content, ...fields });
  expect(r.status).toBe(201);
  return r.body;
}

/** All to-dos of a bucket-grouped answer, flattened. */
const flat = (groups: any[], key = "todos") => groups.flatMap((g) => g[key]);

describe("everything: to-dos and cards", () => {
  it("overdue to-dos are only open ones due before today", async () => {
    const { sim, list1, list2 } = setup();
    const late = await todo(sim, list1.id, "Late", { due_on: daysAgo(1) });
    const lateElsewhere = await todo(sim, list2.id, "Late too", { due_on: daysAgo(20) });
    const today = await todo(sim, list1.id, "Due today", { due_on: daysAgo(0) });
    const future = await todo(sim, list1.id, "Later", { due_on: daysAgo(-3) });
    const doneLate = await todo(sim, list1.id, "Done late", { due_on: daysAgo(2) });
    expect((await api(sim, "POST", `/todos/${doneLate.id}/completion.json`)).status).toBe(204);

    const r = await api(sim, "GET", "/todos/overdue.json");
    expect(r.status).toBe(200);
    const got = ids(r.body);
    expect(got).toEqual(expect.arrayContaining([s(late.id), s(lateElsewhere.id)]));
    for (const t of [today, future, doneLate]) expect(got).not.toContain(s(t.id));
    for (const t of r.body) {
      expect(t.completed).toBe(false);
      expect(t.due_on < daysAgo(0)).toBe(true);
    }
    // Most overdue first.
    expect(got.indexOf(s(lateElsewhere.id))).toBeLessThan(got.indexOf(s(late.id)));
  });

  it("open, completed, unassigned and no-due-date lists group to-dos by project", async () => {
    const { sim, p1, list1, owner } = setup();
    const assigned = await todo(sim, list1.id, "Mine", { assignee_ids: [owner], due_on: daysAgo(-1) });
    const loose = await todo(sim, list1.id, "Nobody's");
    const done = await todo(sim, list1.id, "Finished", { assignee_ids: [owner] });
    await api(sim, "POST", `/todos/${done.id}/completion.json`);

    const open = await api(sim, "GET", "/todos/open.json");
    expect(open.status).toBe(200);
    expect(Number(open.headers.get("x-total-count"))).toBe(open.body.length);
    const group = open.body.find((g: any) => s(g.bucket.id) === s(p1.id));
    expect(group.bucket).toMatchObject({ name: p1.name, type: "Project" });
    expect(ids(group.todos)).toEqual(expect.arrayContaining([s(assigned.id), s(loose.id)]));
    expect(ids(flat(open.body))).not.toContain(s(done.id));
    for (const g of open.body) for (const t of g.todos) expect(s(t.bucket.id)).toBe(s(g.bucket.id));

    const completed = flat((await api(sim, "GET", "/todos/completed.json")).body);
    expect(ids(completed)).toContain(s(done.id));
    expect(completed.every((t: any) => t.completed)).toBe(true);

    const unassigned = flat((await api(sim, "GET", "/todos/unassigned.json")).body);
    expect(ids(unassigned)).toContain(s(loose.id));
    expect(ids(unassigned)).not.toContain(s(assigned.id));
    expect(unassigned.every((t: any) => t.assignees.length === 0 && !t.completed)).toBe(true);

    const undated = flat((await api(sim, "GET", "/todos/no_due_date.json")).body);
    expect(ids(undated)).toContain(s(loose.id));
    expect(ids(undated)).not.toContain(s(assigned.id));

    // assignee_ids[] and due narrow any of them.
    const mine = flat((await api(sim, "GET", `/todos/open.json?assignee_ids[]=${owner}`)).body);
    expect(ids(mine)).toContain(s(assigned.id));
    expect(ids(mine)).not.toContain(s(loose.id));
    const dated = flat((await api(sim, "GET", "/todos/open.json?due=with")).body);
    expect(dated.every((t: any) => t.due_on)).toBe(true);
  });

  it("cards: not-now cards are apart from open ones, overdue cards are a flat list", async () => {
    const { sim, p1 } = setup();
    const board = sim.store.dockTool(p1.id, "Kanban::Board")!;
    const cols = sim.store.childrenOf(board.id);
    const column = cols.find((c) => c.type === "Kanban::Column")!;
    const notNow = cols.find((c) => c.type === "Kanban::NotNowColumn")!;
    const a = await api(sim, "POST", `/card_tables/lists/${column.id}/cards.json`, { title: "Ship it", due_on: daysAgo(2) });
    const b = await api(sim, "POST", `/card_tables/lists/${notNow.id}/cards.json`, { title: "Someday", due_on: daysAgo(2) });
    expect([a.status, b.status]).toEqual([201, 201]);

    const open = flat((await api(sim, "GET", "/cards/open.json")).body, "cards");
    expect(ids(open)).toContain(s(a.body.id));
    expect(ids(open)).not.toContain(s(b.body.id));
    const later = flat((await api(sim, "GET", "/cards/not_now.json")).body, "cards");
    expect(ids(later)).toEqual(expect.arrayContaining([s(b.body.id)]));
    expect(ids(later)).not.toContain(s(a.body.id));
    const overdue = await api(sim, "GET", "/cards/overdue.json");
    expect(overdue.status).toBe(200);
    expect(ids(overdue.body)).toContain(s(a.body.id));
    expect(ids(overdue.body)).not.toContain(s(b.body.id));
  });

  it("a person who can't see a project doesn't see its items", async () => {
    const { sim, p1, p2, list1, list2 } = setup();
    const { auth } = member(sim, p1, p2);
    const seen = await todo(sim, list1.id, "Visible", { due_on: daysAgo(1) });
    const hidden = await todo(sim, list2.id, "Hidden", { due_on: daysAgo(1) });

    const open = await api(sim, "GET", "/todos/open.json", undefined, auth);
    expect(open.body.map((g: any) => s(g.bucket.id))).toEqual([s(p1.id)]);
    const overdue = ids((await api(sim, "GET", "/todos/overdue.json", undefined, auth)).body);
    expect(overdue).toContain(s(seen.id));
    expect(overdue).not.toContain(s(hidden.id));
    for (const path of ["/messages.json", "/comments.json", "/files.json", "/checkins.json"]) {
      const r = await api(sim, "GET", path, undefined, auth);
      expect(r.status).toBe(200);
      expect(r.body.every((x: any) => s(x.bucket.id) === s(p1.id))).toBe(true);
    }
    // The owner sees both.
    const all = await api(sim, "GET", "/messages.json");
    expect(new Set(all.body.map((m: any) => s(m.bucket.id)))).toEqual(new Set([s(p1.id), s(p2.id)]));
    const report = await api(sim, "GET", "/reports/todos/overdue.json", undefined, auth);
    expect(ids(report.body.under_a_week_late)).not.toContain(s(hidden.id));
  });
});

describe("everything: recency lists", () => {
  it("messages come newest first; files filter by kind and creator; forwards list stored forwards", async () => {
    const { sim, p1, tick } = setup();
    const board = sim.store.dockTool(p1.id, "Message::Board")!;
    tick(60_000);
    const m = await api(sim, "POST", `/message_boards/${board.id}/messages.json`, { subject: "Fresh news", content: "<div>Hi</div>" });
    expect(m.status).toBe(201);
    const msgs = await api(sim, "GET", "/messages.json");
    expect(s(msgs.body[0].id)).toBe(s(m.body.id));
    const times = msgs.body.map((x: any) => x.created_at);
    expect([...times].sort().reverse()).toEqual(times);

    const docs = await api(sim, "GET", "/files.json?kind=documents");
    expect(docs.body.length).toBeGreaterThan(0);
    expect(docs.body.every((f: any) => f.type === "Document")).toBe(true);
    expect((await api(sim, "GET", "/files.json?kind=images")).body).toEqual([]);
    const someone = docs.body[0].creator.id;
    const byThem = await api(sim, "GET", `/files.json?people_ids[]=${someone}`);
    expect(byThem.body.every((f: any) => s(f.creator.id) === s(someone))).toBe(true);

    // Forwards are whatever Inbox::Forward records the store holds.
    const fwd = await api(sim, "GET", "/forwards.json");
    expect(fwd.status).toBe(200);
    const stored = [...(sim.store.byType.get("Inbox::Forward" as never) ?? [])].filter((r) => r.status === "active");
    expect(fwd.body.length).toBe(Math.min(stored.length, 15));
    expect(fwd.body.every((f: any) => f.type === "Inbox::Forward")).toBe(true);
  });
});

describe("reports", () => {
  it("overdue report sorts late to-dos by how late they are", async () => {
    const { sim, list1 } = setup();
    const t3 = await todo(sim, list1.id, "3 days", { due_on: daysAgo(3) });
    const t10 = await todo(sim, list1.id, "10 days", { due_on: daysAgo(10) });
    const t40 = await todo(sim, list1.id, "40 days", { due_on: daysAgo(40) });
    const t100 = await todo(sim, list1.id, "100 days", { due_on: daysAgo(100) });
    const r = await api(sim, "GET", "/reports/todos/overdue.json");
    expect(r.status).toBe(200);
    expect(ids(r.body.under_a_week_late)).toContain(s(t3.id));
    expect(ids(r.body.over_a_week_late)).toContain(s(t10.id));
    expect(ids(r.body.over_a_month_late)).toContain(s(t40.id));
    expect(ids(r.body.over_three_months_late)).toContain(s(t100.id));
    expect(ids(r.body.under_a_week_late)).not.toContain(s(t10.id));
  });

  it("assigned to-dos of a person, assignable people, and 404 for nobody", async () => {
    const { sim, list1, owner } = setup();
    const mine = await todo(sim, list1.id, "Owner's", { assignee_ids: [owner] });
    const r = await api(sim, "GET", `/reports/todos/assigned/${owner}.json?group_by=date`);
    expect(r.status).toBe(200);
    expect(r.body.grouped_by).toBe("date");
    expect(s(r.body.person.id)).toBe(s(owner));
    expect(ids(r.body.todos)).toContain(s(mine.id));
    expect(r.body.todos.every((t: any) => !t.completed && t.assignees.some((a: any) => s(a.id) === s(owner)))).toBe(true);
    expect((await api(sim, "GET", `/reports/todos/assigned/${owner}.json`)).body.grouped_by).toBe("bucket");
    expect((await api(sim, "GET", "/reports/todos/assigned/999999.json")).status).toBe(404);
    const people = await api(sim, "GET", "/reports/todos/assigned.json");
    expect(ids(people.body)).toContain(s(owner));
  });

  it("upcoming schedule needs a window and lists what falls in it", async () => {
    const { sim, list1 } = setup();
    expect((await api(sim, "GET", "/reports/schedules/upcoming.json")).status).toBe(400);
    expect((await api(sim, "GET", `/reports/schedules/upcoming.json?window_starts_on=${daysAgo(0)}&window_ends_on=${daysAgo(2)}`)).status).toBe(400);
    const inside = await todo(sim, list1.id, "Inside", { due_on: daysAgo(-2) });
    const outside = await todo(sim, list1.id, "Outside", { due_on: daysAgo(-20) });
    const r = await api(sim, "GET", `/reports/schedules/upcoming.json?window_starts_on=${daysAgo(0)}&window_ends_on=${daysAgo(-7)}`);
    expect(r.status).toBe(200);
    expect(ids(r.body.assignables)).toContain(s(inside.id));
    expect(ids(r.body.assignables)).not.toContain(s(outside.id));
    expect(r.body.recurring_schedule_entry_occurrences).toEqual([]);
    for (const e of r.body.schedule_entries) expect(e.type).toBe("ScheduleEntry");
  });

  it("a person's progress holds only their own events", async () => {
    const { sim, p1, p2, list1 } = setup();
    const { person, auth } = member(sim, p1, p2);
    const made = await api(sim, "POST", `/todolists/${list1.id}/todos.json`, { content: "By the member" }, auth);
    expect(made.status).toBe(201);
    const r = await api(sim, "GET", `/reports/users/progress/${person.id}.json`);
    expect(r.status).toBe(200);
    expect(s(r.body.person.id)).toBe(s(person.id));
    expect(r.body.events.length).toBeGreaterThan(0);
    expect(r.body.events.every((e: any) => s(e.creator.id) === s(person.id))).toBe(true);
    expect(r.body.events.some((e: any) => e.url.includes(`/todos/${made.body.id}`))).toBe(true);
  });

  it("question reminders list the next ask of unpaused questions", async () => {
    const { sim } = setup();
    const r = await api(sim, "GET", "/my/question_reminders.json");
    expect(r.status).toBe(200);
    const active = [...sim.store.byType.get("Question")!].filter((q) => !q.paused && q.status === "active");
    expect(r.body.length).toBe(active.length);
    for (const rem of r.body) expect(Date.parse(rem.remind_at)).toBeGreaterThanOrEqual(START);
    const q = r.body[0].question;
    expect((await api(sim, "POST", `/questions/${q.id}/pause.json`)).status).toBeLessThan(300);
    const after = await api(sim, "GET", "/my/question_reminders.json");
    expect(ids(after.body.map((x: any) => x.question))).not.toContain(s(q.id));
  });
});

describe("my notifications", () => {
  it("a comment by someone else is unread until marked read, and then unread again on news", async () => {
    const { sim, p1, p2, tick } = setup();
    const { person, auth } = member(sim, p1, p2);
    const board = sim.store.dockTool(p1.id, "Message::Board")!;
    const msg = (await api(sim, "POST", `/message_boards/${board.id}/messages.json`, { subject: "Read me", content: "<div>x</div>", subscriptions: [person.id] })).body;
    const rec = sim.store.recordings.get(BigInt(msg.id))!;
    if (!rec.subscriberIds.includes(person.id)) rec.subscriberIds.push(person.id);
    tick();

    const before = await api(sim, "GET", "/my/readings.json", undefined, auth);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ bubble_ups_count: 0, scheduled_bubble_ups_count: 0, memories: [] });
    const note = before.body.unreads.find((n: any) => s(n.id) === s(msg.id));
    expect(note).toMatchObject({ title: "Read me", unread_count: 1, bucket_name: p1.name, section: "inbox" });
    expect(note).not.toHaveProperty("read_at");

    const marked = await api(sim, "PUT", "/my/unreads.json", { readables: [note.readable_sgid] }, auth);
    expect(marked.status).toBe(200);
    expect(marked.text).toBe("");
    const after = await api(sim, "GET", "/my/readings.json", undefined, auth);
    expect(ids(after.body.unreads)).not.toContain(s(msg.id));
    const read = after.body.reads.find((n: any) => s(n.id) === s(msg.id));
    expect(read.unread_count).toBe(0);
    expect(typeof read.read_at).toBe("string");

    // Marking is per person: the owner's view is untouched by the member's reading.
    tick();
    expect((await api(sim, "POST", `/recordings/${msg.id}/comments.json`, { content: "<div>news</div>" })).status).toBe(201);
    const again = await api(sim, "GET", "/my/readings.json", undefined, auth);
    expect(again.body.unreads.find((n: any) => s(n.id) === s(msg.id))?.unread_count).toBe(1);

    expect((await api(sim, "PUT", "/my/unreads.json", {}, auth)).status).toBe(422);
    expect((await api(sim, "GET", "/my/readings/bubble_ups.json", undefined, auth)).body).toEqual([]);
    expect((await api(sim, "GET", "/my/drafts.json", undefined, auth)).body).toEqual([]);
  });

  it("read state survives a save and restore", async () => {
    const { sim, owner, p1 } = setup();
    const rec = [...sim.store.byType.get("Message")!].find((m) => m.bucketId === p1.id)!;
    sim.store.readAt.set(`${owner}:${rec.id}`, START);
    const copy = new Store(() => START);
    restoreStore(copy, serializeStore(sim.store), "state.json");
    expect(copy.readAt.get(`${owner}:${rec.id}`)).toBe(START);
  });
});

describe("hill charts, to-do list order, calendars and campfire lines", () => {
  it("tracking lists turns the hill chart on, untracking the last turns it off", async () => {
    const { sim, p1, p2, list1, list2 } = setup();
    const todoset = sim.store.dockTool(p1.id, "Todoset")!;
    const empty = await api(sim, "GET", `/todosets/${todoset.id}/hill.json`);
    expect(empty.body).toMatchObject({ enabled: false, stale: false, dots: [] });

    const on = await api(sim, "PUT", `/todosets/${todoset.id}/hills/settings.json`, { tracked: [list1.id] });
    expect(on.status).toBe(200);
    expect(on.body.enabled).toBe(true);
    expect(on.body.dots.map((d: any) => [s(d.id), d.label])).toEqual([[s(list1.id), list1.title]]);
    expect((await api(sim, "GET", `/todosets/${todoset.id}/hill.json`)).body.dots).toHaveLength(1);

    const off = await api(sim, "PUT", `/todosets/${todoset.id}/hills/settings.json`, { untracked: [list1.id] });
    expect(off.body).toMatchObject({ enabled: false, dots: [] });
    // A list of another project's to-do set is refused.
    expect((await api(sim, "PUT", `/todosets/${todoset.id}/hills/settings.json`, { tracked: [list2.id] })).status).toBe(422);
    void p2;
  });

  it("repositioning a to-do list changes its order in the to-do set", async () => {
    const { sim, p1 } = setup();
    const todoset = sim.store.dockTool(p1.id, "Todoset")!;
    const made = await api(sim, "POST", `/todosets/${todoset.id}/todolists.json`, { name: "Goes first" });
    expect(made.status).toBe(201);
    const order = async () => ids((await api(sim, "GET", `/todosets/${todoset.id}/todolists.json`)).body);
    expect((await order()).at(-1)).toBe(s(made.body.id));
    const r = await api(sim, "PUT", `/todosets/todolists/${made.body.id}/position.json`, { position: 1 });
    expect(r.status).toBe(204);
    expect((await order())[0]).toBe(s(made.body.id));
    expect((await api(sim, "PUT", `/todosets/todolists/${made.body.id}/position.json`, { position: 0 })).status).toBe(422);
  });

  it("a calendar is the project's schedule; its colour can be changed", async () => {
    const { sim, p1 } = setup();
    const schedule = sim.store.dockTool(p1.id, "Schedule")!;
    const r = await api(sim, "GET", `/calendars/${schedule.id}.json`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: "Calendar", name: schedule.title, color: "blue" });
    expect(r.body.schedule_url).toContain(`/schedules/${schedule.id}.json`);
    const u = await api(sim, "PUT", `/calendars/${schedule.id}.json`, { calendar: { color: "green" } });
    expect([u.status, u.body.color]).toEqual([200, "green"]);
    expect((await api(sim, "GET", `/calendars/${schedule.id}`)).body.color).toBe("green");
    expect((await api(sim, "PUT", `/calendars/${schedule.id}.json`, { calendar: { color: "plaid" } })).status).toBe(422);
    expect((await api(sim, "GET", `/calendars/${p1.dock[0]}.json`)).status).toBe(404);
  });

  it("only a line's writer may edit it", async () => {
    const { sim, p1, p2 } = setup();
    const chat = sim.store.dockTool(p1.id, "Chat::Transcript")!;
    const { auth } = member(sim, p1, p2);
    const line = await api(sim, "POST", `/chats/${chat.id}/lines.json`, { content: "Typo hree" });
    expect(line.status).toBe(201);
    const path = `/chats/${chat.id}/lines/${line.body.id}.json`;
    expect((await api(sim, "PUT", path, { content: "Sneaky" }, auth)).status).toBe(403);
    expect((await api(sim, "PUT", path, {})).status).toBe(422);
    expect((await api(sim, "PUT", path, { content: "Typo here" })).status).toBe(204);
    expect((await api(sim, "GET", path)).body.content).toBe("Typo here");
  });
});
