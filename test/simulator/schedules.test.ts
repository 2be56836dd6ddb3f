import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { all, api, newSim } from "./helpers.js";

const big = (v: unknown): bigint => BigInt(v as number | bigint | string);

function setup(sim: InProcessSimulator) {
  const [p, other] = [...sim.store.projects.values()];
  const schedule = sim.store.dockTool(p.id, "Schedule")!;
  const seeded = sim.store.childrenOf(schedule.id, ["Schedule::Entry"])[0];
  return { p, other, schedule, seeded };
}

function eventActions(sim: InProcessSimulator, id: unknown): string[] {
  return (sim.store.events.get(big(id)) ?? []).map((e) => e.action);
}

describe("schedules", () => {
  it("shows a schedule and sets include_due_assignments top level or nested", async () => {
    const sim = newSim();
    const { p, other, schedule } = setup(sim);
    const got = await api(sim, "GET", `/schedules/${schedule.id}.json`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ type: "Schedule", include_due_assignments: true, entries_count: 1 });
    expect(got.body.entries_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p.id}/schedules/${schedule.id}/entries.json`);
    expect(got.body.position).toBeGreaterThan(0);

    const nested = await api(sim, "PUT", `/buckets/${p.id}/schedules/${schedule.id}.json`, { schedule: { include_due_assignments: false } });
    expect(nested.status).toBe(200);
    expect(nested.body.include_due_assignments).toBe(false);
    expect((await api(sim, "GET", `/schedules/${schedule.id}`)).body.include_due_assignments).toBe(false);
    const top = await api(sim, "PUT", `/schedules/${schedule.id}`, { include_due_assignments: true });
    expect(top.body.include_due_assignments).toBe(true);
    expect(eventActions(sim, schedule.id).filter((a) => a === "content_changed")).toHaveLength(2);

    const missing = await api(sim, "PUT", `/schedules/${schedule.id}.json`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.errors.include_due_assignments).toBeDefined();
    expect((await api(sim, "GET", `/buckets/${other.id}/schedules/${schedule.id}.json`)).status).toBe(404);
  });
});

describe("schedule entries", () => {
  it("validates new entries", async () => {
    const sim = newSim();
    const { schedule } = setup(sim);
    const path = `/schedules/${schedule.id}/entries.json`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ starts_at: "2030-01-01T09:00:00Z", ends_at: "2030-01-01T10:00:00Z" }, "summary"],
      [{ summary: "X", ends_at: "2030-01-01T10:00:00Z" }, "starts_at"],
      [{ summary: "X", starts_at: "2030-01-01T09:00:00Z" }, "ends_at"],
      [{ summary: "X", starts_at: "tomorrow", ends_at: "2030-01-01T10:00:00Z" }, "starts_at"],
      [{ summary: "X", starts_at: "2030-02-30T09:00:00Z", ends_at: "2030-03-01T10:00:00Z" }, "starts_at"],
      [{ summary: "X", starts_at: "2030-01-01T10:00:00Z", ends_at: "2030-01-01T09:00:00Z" }, "ends_at"],
      [{ summary: "X", starts_at: "2030-01-01T09:00:00Z", ends_at: "2030-01-01T10:00:00Z", participant_ids: [12345] }, "participant_ids"],
    ];
    for (const [body, field] of cases) {
      const r = await api(sim, "POST", path, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(r.body.errors)).toEqual([field]);
    }
    expect(sim.store.childrenOf(schedule.id)).toHaveLength(1);
  });

  it("creates, reads and updates an entry, keeping participants when omitted", async () => {
    const sim = newSim();
    const { p, other, schedule } = setup(sim);
    const [owner, second] = [...sim.store.people.values()];
    const created = await api(sim, "POST", `/buckets/${p.id}/schedules/${schedule.id}/entries`, {
      summary: "Launch review",
      description: "<div>Bring numbers</div>",
      starts_at: "2030-03-04T15:00:00+02:00",
      ends_at: "2030-03-04T16:30:00+02:00",
      participant_ids: [second.id],
      all_day: false,
      notify: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: "Schedule::Entry",
      title: "Launch review",
      summary: "Launch review",
      description: "<div>Bring numbers</div>",
      all_day: false,
      starts_at: "2030-03-04T13:00:00.000Z",
      ends_at: "2030-03-04T14:30:00.000Z",
      comments_count: 0,
    });
    expect(created.body.participants.map((x: { id: unknown }) => big(x.id))).toEqual([second.id]);
    const id = created.body.id;

    for (const path of [`/schedule_entries/${id}.json`, `/schedule_entries/${id}`, `/buckets/${p.id}/schedule_entries/${id}.json`]) {
      const r = await api(sim, "GET", path);
      expect(r.status, path).toBe(200);
      expect(big(r.body.id)).toBe(big(id));
    }
    expect((await api(sim, "GET", `/buckets/${other.id}/schedule_entries/${id}.json`)).status).toBe(404);

    // Full replace (oas): the client sends the whole entry.
    const whole = { summary: "Launch go/no-go", description: "<div>Bring numbers</div>", starts_at: "2030-03-04T13:00:00Z", ends_at: "2030-03-04T17:00:00Z" };
    const put = await api(sim, "PUT", `/schedule_entries/${id}.json`, whole);
    expect(put.status).toBe(200);
    const after = await api(sim, "GET", `/schedule_entries/${id}.json`);
    expect(after.body).toMatchObject({ summary: "Launch go/no-go", starts_at: "2030-03-04T13:00:00.000Z", ends_at: "2030-03-04T17:00:00.000Z", description: "<div>Bring numbers</div>" });
    expect(after.body.participants.map((x: { id: unknown }) => big(x.id))).toEqual([second.id]);
    expect(eventActions(sim, id)).toEqual(["created", "title_changed", "content_changed"]);

    const swap = await api(sim, "PUT", `/schedule_entries/${id}`, { ...whole, participant_ids: [owner.id, second.id], all_day: true });
    expect(swap.body.all_day).toBe(true);
    expect(swap.body.participants).toHaveLength(2);

    const backwards = await api(sim, "PUT", `/schedule_entries/${id}.json`, { ...whole, ends_at: "2030-03-01T00:00:00Z" });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors.ends_at).toBeDefined();
    expect((await api(sim, "PUT", `/schedule_entries/${id}.json`, { ...whole, summary: "" })).status).toBe(422);
  });

  it("PUT replaces an entry: description and all_day left out are cleared, participants left out are kept", async () => {
    const sim = newSim();
    const { schedule } = setup(sim);
    const [owner, second] = [...sim.store.people.values()];
    const times = { starts_at: "2030-05-01T09:00:00Z", ends_at: "2030-05-01T10:00:00Z" };
    const made = await api(sim, "POST", `/schedules/${schedule.id}/entries.json`, { summary: "Standup", description: "<div>Agenda</div>", all_day: true, participant_ids: [owner.id, second.id], ...times });
    const id = big(made.body.id);
    const bare = await api(sim, "PUT", `/schedule_entries/${id}.json`, { summary: "Standup v2", ...times });
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ summary: "Standup v2", description: "", all_day: false });
    const rec = sim.store.recordings.get(id)!;
    expect(rec).toMatchObject({ title: "Standup v2", description: "", allDay: false });
    expect(rec.participantIds).toEqual([owner.id, second.id]);

    // What a replace must carry: leaving one out is refused, not half-applied.
    for (const field of ["summary", "starts_at", "ends_at"]) {
      const body: Record<string, unknown> = { summary: "Changed", ...times };
      delete body[field];
      const r = await api(sim, "PUT", `/schedule_entries/${id}.json`, body);
      expect(r.status, field).toBe(422);
      expect(Object.keys(r.body.errors), field).toEqual([field]);
    }
    expect(rec.title).toBe("Standup v2");
  });

  it("lists entries by start time with paging and status filters", async () => {
    const sim = newSim();
    const { schedule, seeded } = setup(sim);
    for (let i = 0; i < 17; i++) {
      const day = String(28 - i).padStart(2, "0");
      const r = await api(sim, "POST", `/schedules/${schedule.id}/entries.json`, { summary: `E${i}`, starts_at: `2031-01-${day}T09:00:00Z`, ends_at: `2031-01-${day}T10:00:00Z` });
      expect(r.status).toBe(201);
    }
    const first = await api(sim, "GET", `/schedules/${schedule.id}/entries.json`);
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("x-total-count")).toBe("18");
    expect(first.headers.get("link")).toContain('rel="next"');
    const every = await all(sim, `/schedules/${schedule.id}/entries.json`);
    expect(every).toHaveLength(18);
    const starts = every.map((e) => e.starts_at as string);
    expect([...starts].sort()).toEqual(starts);
    expect(big(every[0].id)).toBe(seeded.id);

    sim.store.setStatus(seeded, "archived", sim.store.account.ownerId);
    expect((await api(sim, "GET", `/schedules/${schedule.id}/entries.json`)).headers.get("x-total-count")).toBe("17");
    const archived = await api(sim, "GET", `/schedules/${schedule.id}/entries.json?status=archived`);
    expect(archived.body.map((e: { id: unknown }) => big(e.id))).toEqual([seeded.id]);
  });

  it("answers an occurrence on the entry's start date only", async () => {
    const sim = newSim();
    const { p, schedule } = setup(sim);
    const e = await api(sim, "POST", `/schedules/${schedule.id}/entries.json`, { summary: "Day off", starts_at: "2030-07-04", ends_at: "2030-07-04", all_day: true });
    expect(e.status).toBe(201);
    const hit = await api(sim, "GET", `/schedule_entries/${e.body.id}/occurrences/20300704.json`);
    expect(hit.status).toBe(200);
    expect(big(hit.body.id)).toBe(big(e.body.id));
    expect(hit.body.all_day).toBe(true);
    expect((await api(sim, "GET", `/schedule_entries/${e.body.id}/occurrences/20300704`)).status).toBe(200);
    expect((await api(sim, "GET", `/schedule_entries/${e.body.id}/occurrences/20300705.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/schedule_entries/${e.body.id}/occurrences/2030-07-04.json`)).status).toBe(404);
    // Flat only.
    expect((await api(sim, "GET", `/buckets/${p.id}/schedule_entries/${e.body.id}/occurrences/20300704.json`)).status).toBe(404);
  });
});
