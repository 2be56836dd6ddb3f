import { describe, expect, it } from "vitest";
import type { Project } from "../../src/simulator/store/model.js";
import { restoreStore, serializeStore } from "../../src/simulator/persist.js";
import { Store } from "../../src/simulator/store/store.js";
import { api, newSim } from "./helpers.js";

const str = (v: unknown) => String(v);

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const member = p1.peopleIds.map((id) => sim.store.people.get(id)!).find((p) => !p.admin && !p.owner && p.id !== p1.creatorId)!;
  const auth = { Authorization: `Bearer ${sim.store.auth.issueTokens(member.id, sim.clientId, 3600).access_token}` };
  return { sim, p1, p2, auth };
}

describe("gauges", () => {
  it("moves the needle: 201, green by default, listed newest first, gauge follows", async () => {
    const { sim, p1 } = setup();
    const r = await api(sim, "POST", `/projects/${p1.id}/gauge/needles.json`, { gauge_needle: { position: 64, description: "<div>Going well</div>" } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "Gauge::Needle", position: 64, color: "green", description: "<div>Going well</div>", boosts_count: 0, comments_count: 0 });
    expect(r.body.parent.type).toBe("Gauge");
    expect(r.body.parent.url).toBe(`${sim.apiUrl}/${sim.accountId}/projects/${p1.id}/gauge.json`);
    expect((await api(sim, "GET", r.body.url)).status).toBe(200);
    const list = await api(sim, "GET", `/projects/${p1.id}/gauge/needles.json`);
    expect(str(list.body[0].id)).toBe(str(r.body.id));
    const times = list.body.map((n: any) => n.created_at);
    expect(times).toEqual([...times].sort().reverse());
    const gauge = await api(sim, "GET", `/projects/${p1.id}/gauge.json`);
    expect(gauge.body).toMatchObject({ type: "Gauge", enabled: true, last_needle_position: 64, last_needle_color: "green" });
    expect(gauge.body.previous_needle_position).toBe(list.body[1]?.position ?? null);
    expect(sim.store.events.get(BigInt(r.body.id))!.map((e) => e.action)).toEqual(["created"]);
    // The project shows its reading too.
    const project = await api(sim, "GET", `/projects/${p1.id}.json`);
    expect(project.body).toMatchObject({ last_needle_color: "green", last_needle_position: 64, previous_needle_position: gauge.body.previous_needle_position });
  });

  it("keeps needles and the gauge switch across a save and restore", async () => {
    const { sim, p1 } = setup();
    await api(sim, "POST", `/projects/${p1.id}/gauge/needles.json`, { gauge_needle: { position: 77, color: "yellow" } });
    await api(sim, "PUT", `/projects/${p1.id}/gauge.json`, { gauge: { enabled: false } });
    const copy = new Store(() => sim.store.now());
    restoreStore(copy, serializeStore(sim.store), "state.json");
    const gauge = [...copy.ofType("Gauge")].find((g) => g.bucketId === p1.id)!;
    expect(gauge.enabled).toBe(false);
    const needles = copy.childrenOf(gauge.id, ["Gauge::Needle"]);
    expect(needles.some((n) => n.data?.position === 77 && n.data?.color === "yellow")).toBe(true);
    expect(copy.projects.get(p1.id)!.dock).not.toContain(gauge.id);
  });

  it("validates position and color; only the description changes later", async () => {
    const { sim, p1 } = setup();
    const post = (gauge_needle: unknown, extra: object = {}) => api(sim, "POST", `/projects/${p1.id}/gauge/needles.json`, { gauge_needle, ...extra });
    expect((await post({ color: "red" })).body.errors).toHaveProperty("position");
    expect((await post({ position: 101 })).status).toBe(422);
    expect((await post({ position: -1 })).status).toBe(422);
    expect((await post({ position: 10, color: "blue" })).body.errors).toHaveProperty("color");
    expect((await post({ position: 10 }, { notify: "sometimes" })).status).toBe(422);
    const made = await post({ position: 30, color: "red" }, { notify: "everyone" });
    expect(made.status).toBe(201);
    expect(sim.store.getRecording(BigInt(made.body.id))!.subscriberIds.map(str).sort()).toEqual(p1.peopleIds.map(str).sort());
    const up = await api(sim, "PUT", `/gauge_needles/${made.body.id}.json`, { gauge_needle: { position: 90, color: "green", description: "<div>Later note</div>" } });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ position: 30, color: "red", description: "<div>Later note</div>" });
    expect((await api(sim, "DELETE", `/gauge_needles/${made.body.id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/gauge_needles/${made.body.id}.json`)).status).toBe(404);
  });

  it("turns a gauge off and on (admins only); a gauge that is off takes no needles and leaves the report", async () => {
    const { sim, p1, auth } = setup();
    expect((await api(sim, "PUT", `/projects/${p1.id}/gauge.json`, { gauge: { enabled: false } }, auth)).status).toBe(403);
    expect((await api(sim, "PUT", `/projects/${p1.id}/gauge.json`, { enabled: false })).status).toBe(400);
    const off = await api(sim, "PUT", `/projects/${p1.id}/gauge.json`, { gauge: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.text).toBe("");
    expect((await api(sim, "GET", `/projects/${p1.id}/gauge.json`)).body.enabled).toBe(false);
    expect((await api(sim, "POST", `/projects/${p1.id}/gauge/needles.json`, { gauge_needle: { position: 5 } })).status).toBe(403);
    const report = await api(sim, "GET", "/reports/gauges.json");
    expect(report.body.map((g: any) => str(g.bucket.id))).not.toContain(str(p1.id));
    expect((await api(sim, "PUT", `/projects/${p1.id}/gauge.json`, { gauge: { enabled: true } })).status).toBe(200);
    expect((await api(sim, "POST", `/projects/${p1.id}/gauge/needles.json`, { gauge_needle: { position: 5 } })).status).toBe(201);
  });

  it("reports gauges by risk (red, yellow, green), or in the order of bucket_ids", async () => {
    const { sim, p1, p2 } = setup();
    await api(sim, "POST", `/projects/${p1.id}/gauge/needles.json`, { gauge_needle: { position: 50, color: "green" } });
    await api(sim, "POST", `/projects/${p2.id}/gauge/needles.json`, { gauge_needle: { position: 20, color: "red" } });
    const report = await api(sim, "GET", "/reports/gauges.json");
    expect(report.status).toBe(200);
    expect(report.body.map((g: any) => [str(g.bucket.id), g.last_needle_color])).toEqual([
      [str(p2.id), "red"],
      [str(p1.id), "green"],
    ]);
    const ordered = await api(sim, "GET", `/reports/gauges.json?bucket_ids=${p1.id},${p2.id}`);
    expect(ordered.body.map((g: any) => str(g.bucket.id))).toEqual([str(p1.id), str(p2.id)]);
    expect((await api(sim, "GET", "/reports/gauges.json?bucket_ids=1,x")).status).toBe(400);
  });
});
