import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";
import type { InProcessSimulator } from "../../src/simulator/index.js";

const s = (v: unknown) => String(v);
// A Wednesday, midday UTC.
const NOW = Date.parse("2030-06-05T12:00:00Z");

function setup() {
  const sim = newSim({ clock: () => NOW });
  const project = [...sim.store.projects.values()][0];
  const todoset = sim.store.dockTool(project.id, "Todoset")!;
  const list = sim.store.childrenOf(todoset.id, ["Todolist"])[0];
  const owner = sim.store.account.ownerId;
  return { sim, project, list, owner };
}

async function todo(sim: InProcessSimulator, listId: bigint, content: string, fields: Record<string, unknown>) {
  const r = await api(sim, "POST", `/todolists/${listId}/todos.json`, { content, ...fields });
  expect(r.status).toBe(201);
  return r.body;
}

const ids = (xs: any[]) => xs.map((x) => s(x.id));

describe("my assignments", () => {
  it("lists open assignments with the full shape, and completed ones separately", async () => {
    const { sim, project, list, owner } = setup();
    const t = await todo(sim, list.id, "Renew the domain", { assignee_ids: [owner], due_on: "2030-06-04", description: "<div>Before it lapses</div>" });
    const unassigned = await todo(sim, list.id, "Nobody's job", {});

    const r = await api(sim, "GET", "/my/assignments.json");
    expect(r.status).toBe(200);
    // Only what the person put "up next" (seeded ones, routes/priorities.ts) is under priorities.
    expect(ids(r.body.priorities)).not.toContain(s(t.id));
    expect(ids(r.body.non_priorities)).toContain(s(t.id));
    expect(ids(r.body.non_priorities)).not.toContain(s(unassigned.id));
    const a = r.body.non_priorities.find((x: any) => s(x.id) === s(t.id));
    expect(a).toMatchObject({ content: "Renew the domain", due_on: "2030-06-04", completed: false, type: "todo", has_description: true, children: [] });
    // Plain string/integer in the reference: absent when the assignment has none.
    expect(a).not.toHaveProperty("starts_on");
    expect(a).not.toHaveProperty("priority_recording_id");
    expect(a.bucket).toMatchObject({ name: project.name });
    expect(s(a.bucket.id)).toBe(s(project.id));
    expect(typeof a.bucket.app_url).toBe("string");
    expect(a.assignees.map((p: any) => s(p.id))).toEqual([s(owner)]);
    expect(Object.keys(a.assignees[0]).sort()).toEqual(["avatar_url", "id", "name"]); // reference MyAssignmentAssignee
    expect(s(a.parent.id)).toBe(s(list.id));
    expect(a.parent.title).toBe(list.title);
    expect(a.comments_count).toBe(0);
    expect(a.app_url).toContain(`/todos/${t.id}`);
    // Everything listed is assigned to the owner and open.
    for (const x of r.body.non_priorities) {
      expect(x.completed).toBe(false);
      expect(x.assignees.map((p: any) => s(p.id))).toContain(s(owner));
    }

    expect((await api(sim, "POST", `/todos/${t.id}/completion.json`)).status).toBe(204);
    const open = await api(sim, "GET", "/my/assignments");
    expect(ids(open.body.non_priorities)).not.toContain(s(t.id));
    const done = await api(sim, "GET", "/my/assignments/completed.json");
    expect(done.status).toBe(200);
    expect(ids(done.body)).toContain(s(t.id));
    expect(done.body.every((x: any) => x.completed === true)).toBe(true);

    // Trashed ones drop out of the completed list.
    expect((await api(sim, "PUT", `/recordings/${t.id}/status/trashed.json`)).status).toBe(204);
    expect(ids((await api(sim, "GET", "/my/assignments/completed.json")).body)).not.toContain(s(t.id));
    // Flat only.
    expect((await api(sim, "GET", `/buckets/${project.id}/my/assignments.json`)).status).toBe(404);
  });

  it("includes cards assigned to the person, typed kanban_card, with steps as children", async () => {
    const { sim, project, owner } = setup();
    const board = sim.store.dockTool(project.id, "Kanban::Board")!;
    const triage = sim.store.childrenOf(board.id)[0];
    const card = await api(sim, "POST", `/card_tables/lists/${triage.id}/cards.json`, { title: "Card for me", due_on: "2030-06-05" });
    expect((await api(sim, "PUT", `/card_tables/cards/${card.body.id}.json`, { assignee_ids: [owner] })).status).toBe(200);
    const step = await api(sim, "POST", `/card_tables/cards/${card.body.id}/steps.json`, { title: "A step" });
    const r = await api(sim, "GET", "/my/assignments.json");
    const a = r.body.non_priorities.find((x: any) => s(x.id) === s(card.body.id));
    expect(a.type).toBe("kanban_card");
    expect(ids(a.children)).toEqual([s(step.body.id)]);
    const today = await api(sim, "GET", "/my/assignments/due.json?scope=due_today");
    expect(ids(today.body)).toContain(s(card.body.id));
  });

  it("sorts due assignments into scopes relative to the simulator clock", async () => {
    const { sim, list, owner } = setup();
    const due: Record<string, string> = {
      overdue: "2030-06-04",
      due_today: "2030-06-05",
      due_tomorrow: "2030-06-06",
      due_later_this_week: "2030-06-09",
      due_next_week: "2030-06-10",
      due_later: "2030-06-17",
    };
    const made: Record<string, string> = {};
    for (const [scope, date] of Object.entries(due)) made[scope] = s((await todo(sim, list.id, `Due ${scope}`, { assignee_ids: [owner], due_on: date })).id);
    const bounds: Record<string, [string, string]> = {
      overdue: ["0000-00-00", "2030-06-04"],
      due_today: ["2030-06-05", "2030-06-05"],
      due_tomorrow: ["2030-06-06", "2030-06-06"],
      due_later_this_week: ["2030-06-07", "2030-06-09"],
      due_next_week: ["2030-06-10", "2030-06-16"],
      due_later: ["2030-06-17", "9999-12-31"],
    };
    for (const scope of Object.keys(due)) {
      const r = await api(sim, "GET", `/my/assignments/due.json?scope=${scope}`);
      expect(r.status).toBe(200);
      const got = ids(r.body);
      for (const [other, id] of Object.entries(made)) {
        if (other === scope) expect(got, scope).toContain(id);
        else expect(got, `${other} in ${scope}`).not.toContain(id);
      }
      for (const x of r.body) {
        expect(x.due_on >= bounds[scope][0] && x.due_on <= bounds[scope][1], `${x.due_on} in ${scope}`).toBe(true);
        expect(x.completed).toBe(false);
      }
    }
    // Default scope is overdue.
    const dflt = await api(sim, "GET", "/my/assignments/due");
    expect(ids(dflt.body)).toContain(made.overdue);
    expect(ids(dflt.body)).not.toContain(made.due_today);

    const bad = await api(sim, "GET", "/my/assignments/due.json?scope=someday");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("overdue");
  });
});
