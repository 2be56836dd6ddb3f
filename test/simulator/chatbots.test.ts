import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";
import { parseJson } from "../../src/simulator/internal/json.js";
import type { Project } from "../../src/simulator/store/model.js";
import { api, newSim, UA } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const chat1 = sim.store.dockTool(p1.id, "Chat::Transcript")!;
  const chat2 = sim.store.dockTool(p2.id, "Chat::Transcript")!;
  return { sim, p1, p2, chat1, chat2, base1: `/buckets/${p1.id}/chats/${chat1.id}/integrations`, base2: `/buckets/${p2.id}/chats/${chat2.id}/integrations` };
}

function plainMember(sim: Sim, project: Project): Record<string, string> {
  const person = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
  if (!project.peopleIds.includes(person.id)) project.peopleIds.push(person.id);
  return { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` };
}

/** POST to a lines_url as a chatbot does: JSON, a User-Agent, and no token. */
async function postAsBot(sim: Sim, url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await sim.fetch(url.endsWith(".json") ? url : `${url}.json`, { method: "POST", headers: { "User-Agent": UA, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? parseJson(text) : undefined };
}

describe("chatbots", () => {
  it("creates, reads, updates and deletes an account-wide chatbot with a per-campfire lines_url", async () => {
    const { sim, p1, chat1, chat2, base1, base2 } = setup();
    const made = await api(sim, "POST", `${base1}.json`, { service_name: "tally", command_url: "https://example.com/tally" });
    expect(made.status).toBe(201);
    expect(made.body.service_name).toBe("tally");
    expect(made.body.command_url).toBe("https://example.com/tally");
    expect(made.body.url).toContain(`/buckets/${p1.id}/chats/${chat1.id}/integrations/${made.body.id}.json`);
    expect(made.body.lines_url).toMatch(new RegExp(`/integrations/[^/]+/buckets/${p1.id}/chats/${chat1.id}/lines$`));
    // The same chatbot through another project's campfire: its lines_url names that campfire.
    const there = await api(sim, "GET", `${base2}/${made.body.id}.json`);
    expect(there.status).toBe(200);
    expect(there.body.lines_url).toContain(`/chats/${chat2.id}/lines`);
    const list = await api(sim, "GET", `${base2}.json`);
    expect(list.body.map((b: any) => b.id)).toContain(made.body.id);
    const upd = await api(sim, "PUT", `${base1}/${made.body.id}.json`, { service_name: "uptime" });
    expect(upd.status).toBe(200);
    expect(upd.body.service_name).toBe("uptime");
    expect(upd.body.command_url).toBe("https://example.com/tally");
    expect((await api(sim, "DELETE", `${base1}/${made.body.id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `${base1}/${made.body.id}.json`)).status).toBe(404);
  });

  it("validates the service name and command URL", async () => {
    const { sim, base1 } = setup();
    expect((await api(sim, "POST", `${base1}.json`, {})).status).toBe(422);
    const spaced = await api(sim, "POST", `${base1}.json`, { service_name: "two words" });
    expect(spaced.status).toBe(422);
    expect(spaced.text).toContain("service_name");
    expect((await api(sim, "POST", `${base1}.json`, { service_name: "ok", command_url: "ftp://example.com" })).status).toBe(422);
  });

  it("lets only admins and the owner manage chatbots; members may read them", async () => {
    const { sim, p1, base1 } = setup();
    const member = plainMember(sim, p1);
    expect((await api(sim, "POST", `${base1}.json`, { service_name: "nope" }, member)).status).toBe(403);
    const [bot] = (await api(sim, "GET", `${base1}.json`, undefined, member)).body;
    expect(bot).toBeDefined();
    expect((await api(sim, "PUT", `${base1}/${bot.id}.json`, { service_name: "x" }, member)).status).toBe(403);
    expect((await api(sim, "DELETE", `${base1}/${bot.id}.json`, undefined, member)).status).toBe(403);
  });

  it("posts a line as the chatbot with only the key; a wrong key or campfire is not found", async () => {
    const { sim, p1, p2, chat1, base1 } = setup();
    const bot = (await api(sim, "POST", `${base1}.json`, { service_name: "deploy" })).body;
    const posted = await postAsBot(sim, bot.lines_url, { content: "<table><tr><td>Deployed</td></tr></table>" });
    expect(posted.status).toBe(201);
    expect(String(posted.body.creator.id)).toBe(String(bot.id));
    expect(posted.body.creator.name).toBe("deploy");
    expect(posted.body.content).toContain("<table>");
    const lines = await api(sim, "GET", `/buckets/${p1.id}/chats/${chat1.id}/lines.json`);
    const line = lines.body.find((l: any) => l.id === posted.body.id);
    expect(line.creator.name).toBe("deploy");
    expect(String(line.parent.id)).toBe(String(chat1.id));
    // A wrong key, a campfire of another bucket, or no content.
    expect((await postAsBot(sim, bot.lines_url.replace(/integrations\/[^/]+/, "integrations/not-a-key"), { content: "hi" })).status).toBe(404);
    expect((await postAsBot(sim, bot.lines_url.replace(`/buckets/${p1.id}/`, `/buckets/${p2.id}/`), { content: "hi" })).status).toBe(404);
    expect((await postAsBot(sim, bot.lines_url, {})).status).toBe(422);
    // The key opens only the lines route: other API routes still need a token.
    const res = await sim.fetch(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/chats/${chat1.id}/lines.json`, { method: "POST", headers: { "User-Agent": UA, "Content-Type": "application/json" }, body: JSON.stringify({ content: "x" }) });
    expect(res.status).toBe(401);
    // After the chatbot is deleted its key stops working.
    await api(sim, "DELETE", `${base1}/${bot.id}.json`);
    expect((await postAsBot(sim, bot.lines_url, { content: "hi" })).status).toBe(404);
  });

  it("keeps chatbots (and their keys) in the state file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sim-state-")), "state.json");
    const a = createSimulator({ scale: "tiny", rateLimit: "off", data: file, saveDelayMs: 10 });
    const p1 = [...a.store.projects.values()][0];
    const chat = a.store.dockTool(p1.id, "Chat::Transcript")!;
    const bot = (await api(a, "POST", `/buckets/${p1.id}/chats/${chat.id}/integrations.json`, { service_name: "keeper" })).body;
    const deadline = Date.now() + 5000;
    while (!readFileSync(file, "utf8").includes("keeper") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await a.close();
    const b = createSimulator({ scale: "tiny", rateLimit: "off", data: file });
    const again = await api(b, "GET", `/buckets/${p1.id}/chats/${chat.id}/integrations/${bot.id}.json`);
    expect(again.status).toBe(200);
    expect(again.body.lines_url).toBe(bot.lines_url);
    expect((await postAsBot(b, bot.lines_url, { content: "still here" })).status).toBe(201);
    await b.close();
  });
});
