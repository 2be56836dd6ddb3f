import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function tokenFor(sim: Sim, personId: bigint): Record<string, string> {
  return { Authorization: `Bearer ${sim.store.auth.issueTokens(personId, sim.clientId, 3600).access_token}` };
}

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

describe("my note", () => {
  it("is null-shaped before the first write, then keeps the content per person", async () => {
    const sim = newSim();
    const other = [...sim.store.people.values()].find((p) => !p.owner)!;
    const auth = tokenFor(sim, other.id);
    const empty = (await api(sim, "GET", "/my/notes.json", undefined, auth)).body;
    expect(empty).toMatchObject({ id: null, created_at: null, updated_at: null, content: "", content_attachments: [], type: "Notebook::Note" });
    expect(empty.url).toMatch(/\/my\/notes\.json$/);
    expect((await api(sim, "PUT", "/my/notes.json", { content: "no wrapper" }, auth)).status).toBe(422);
    expect((await api(sim, "PUT", "/my/notes.json", { note: { content: 5 } }, auth)).status).toBe(422);
    const w = await api(sim, "PUT", "/my/notes.json", { note: { content: "<div>Call Ada</div>" } }, auth);
    expect(w.status).toBe(200);
    expect(w.body.id).not.toBeNull();
    expect(w.body.content).toBe("<div>Call Ada</div>");
    const w2 = await api(sim, "PUT", "/my/notes.json", { note: { content: "<div>Done</div>" } }, auth);
    expect(String(w2.body.id)).toBe(String(w.body.id));
    expect((await api(sim, "GET", "/my/notes.json", undefined, auth)).body.content).toBe("<div>Done</div>");
    // The owner's (seeded) note is their own.
    expect((await api(sim, "GET", "/my/notes.json")).body.content).toContain("follow up");
  });
});

describe("my preferences", () => {
  it("reads defaults and updates time zone, week start and clock format", async () => {
    const sim = newSim();
    const me = sim.store.people.get(sim.store.account.ownerId)!;
    const r = (await api(sim, "GET", "/my/preferences.json")).body;
    expect(r).toMatchObject({ time_zone_name: me.timeZone, first_week_day: "Sunday", time_format: "twelve_hour" });
    const u = await api(sim, "PUT", "/my/preferences.json", { person: { time_zone_name: "Europe/Berlin", first_week_day: "Monday", time_format: "twenty_four_hour" } });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ time_zone_name: "Europe/Berlin", first_week_day: "Monday", time_format: "twenty_four_hour" });
    expect(me.timeZone).toBe("Europe/Berlin");
    expect((await api(sim, "GET", "/my/profile.json")).body.time_zone).toBe("Europe/Berlin");
    const bad = await api(sim, "PUT", "/my/preferences.json", { person: { time_zone_name: "Mars/Olympus", first_week_day: "Funday", time_format: "13h" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["first_week_day", "time_format", "time_zone_name"]);
    expect((await api(sim, "PUT", "/my/preferences.json", { time_format: "twelve_hour" })).status).toBe(422);
    expect((await api(sim, "GET", "/my/preferences.json")).body.time_format).toBe("twenty_four_hour");
  });
});

describe("out of office", () => {
  it("enables, shows and disables one's own out of office", async () => {
    const sim = newSim();
    const me = sim.store.account.ownerId;
    const off = (await api(sim, "GET", `/people/${me}/out_of_office.json`)).body;
    expect(off).toMatchObject({ enabled: false, ongoing: false, start_date: null, end_date: null });
    expect(off.person.name).toBe(sim.store.people.get(me)!.name);
    const on = await api(sim, "POST", `/people/${me}/out_of_office.json`, { out_of_office: { start_date: day(-1), end_date: day(3) } });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, ongoing: true, start_date: day(-1), end_date: day(3) });
    expect(on.body.back_on_date > day(3)).toBe(true);
    // PUT (as Basecamp's docs show) updates; a future stretch is not ongoing.
    const later = await api(sim, "PUT", `/people/${me}/out_of_office.json`, { out_of_office: { start_date: day(10), end_date: day(12) } });
    expect(later.body).toMatchObject({ enabled: true, ongoing: false, start_date: day(10) });
    expect((await api(sim, "DELETE", `/people/${me}/out_of_office.json`)).status).toBe(204);
    expect((await api(sim, "DELETE", `/people/${me}/out_of_office.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/people/${me}/out_of_office.json`)).body.enabled).toBe(false);
  });

  it("validates dates and ends by itself after the last day", async () => {
    const sim = newSim();
    const me = sim.store.account.ownerId;
    const path = `/people/${me}/out_of_office.json`;
    expect((await api(sim, "POST", path, { out_of_office: { start_date: day(1) } })).status).toBe(422);
    expect((await api(sim, "POST", path, { out_of_office: { start_date: "2026-02-30", end_date: day(3) } })).status).toBe(422);
    expect((await api(sim, "POST", path, { out_of_office: { start_date: day(5), end_date: day(2) } })).status).toBe(422);
    expect((await api(sim, "POST", path, { start_date: day(1), end_date: day(2) })).status).toBe(422);
    expect((await api(sim, "POST", path, { out_of_office: { start_date: day(0), end_date: day(1) } })).status).toBe(200);
    const now = Date.now();
    sim.store.clock = () => now + 3 * DAY;
    expect((await api(sim, "GET", path)).body).toMatchObject({ enabled: false, start_date: null });
  });

  it("lets only admins manage someone else's; anyone may read it", async () => {
    const sim = newSim();
    const [a, b] = [...sim.store.people.values()].filter((p) => !p.admin && !p.owner);
    const body = { out_of_office: { start_date: day(0), end_date: day(2) } };
    expect((await api(sim, "POST", `/people/${b.id}/out_of_office.json`, body, tokenFor(sim, a.id))).status).toBe(403);
    expect((await api(sim, "DELETE", `/people/${b.id}/out_of_office.json`, undefined, tokenFor(sim, a.id))).status).toBe(403);
    expect((await api(sim, "POST", `/people/${a.id}/out_of_office.json`, body, tokenFor(sim, a.id))).status).toBe(200);
    expect((await api(sim, "POST", `/people/${b.id}/out_of_office.json`, body)).status).toBe(200);
    expect((await api(sim, "GET", `/people/${b.id}/out_of_office.json`, undefined, tokenFor(sim, a.id))).body.enabled).toBe(true);
    expect((await api(sim, "GET", "/people/424242/out_of_office.json")).status).toBe(404);
  });

  it("seeds someone away", async () => {
    const sim = newSim();
    const away = [];
    for (const p of sim.store.people.values()) if ((await api(sim, "GET", `/people/${p.id}/out_of_office.json`)).body.enabled) away.push(p.id);
    expect(away.length).toBe(1);
  });
});
