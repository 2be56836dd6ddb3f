import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";

describe("simulator core", () => {
  it("seeds the tiny scale and answers 400 without a User-Agent", async () => {
    const sim = newSim();
    expect(sim.store.projects.size).toBe(2);
    const res = await sim.fetch(`${sim.apiUrl}/${sim.accountId}/projects.json`, { headers: { Authorization: `Bearer ${sim.adminToken}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
  });

  it("answers 401 without a token", async () => {
    const sim = newSim();
    const r = await api(sim, "GET", "/projects.json", undefined, { Authorization: "" });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/access token/i);
  });
});
