// Lineup markers: the smallest resource served from a crud.ts spec (src/simulator/routes/lineup.ts).
import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";

describe("lineup markers", () => {
  it("creates, lists in order, renames and deletes markers", async () => {
    const sim = newSim();
    const a = await api(sim, "POST", "/lineup/markers.json", { name: "Launch", date: "2026-12-24" });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: "Launch", date: "2026-12-24" });
    const b = await api(sim, "POST", "/lineup/markers.json", { name: "Retro", date: "2027-01-08" });
    expect((await api(sim, "GET", "/lineup/markers.json")).body.map((m: { name: string }) => m.name)).toEqual(["Launch", "Retro"]);
    const renamed = await api(sim, "PUT", `/lineup/markers/${a.body.id}.json`, { name: "Go live" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Go live", date: "2026-12-24" });
    expect((await api(sim, "DELETE", `/lineup/markers/${b.body.id}.json`)).status).toBe(204);
    expect((await api(sim, "DELETE", `/lineup/markers/${b.body.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", "/lineup/markers.json")).body.map((m: { name: string }) => m.name)).toEqual(["Go live"]);
  });

  it("refuses a missing name and dates that are not real days with 422", async () => {
    const sim = newSim();
    const blank = await api(sim, "POST", "/lineup/markers.json", { date: "2026-12-24" });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual({ name: ["can't be blank"] });
    for (const date of ["2024-13-45", "2023-02-29", "24/12/2026"]) {
      const r = await api(sim, "POST", "/lineup/markers.json", { name: "X", date });
      expect(r.status, date).toBe(422);
      expect(r.body.errors.date[0]).toMatch(/YYYY-MM-DD/);
    }
    expect(sim.store.collection("lineupMarkers").size).toBe(0);
  });
});
