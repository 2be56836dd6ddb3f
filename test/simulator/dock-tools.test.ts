import { describe, expect, it } from "vitest";
import type { Change } from "../../src/simulator/store/store.js";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

/** An ID as the JSON parser gives it back (a number, or a bigint above 2^53). */
const jid = (id: bigint): number | bigint => (id > 2n ** 53n ? id : Number(id));
const same = (a: unknown, b: unknown): boolean => String(a) === String(b);

function firstProject(sim: Sim) {
  return [...sim.store.projects.values()].find((p) => p.status === "active")!;
}

async function dock(sim: Sim, projectId: bigint): Promise<any[]> {
  return (await api(sim, "GET", `/projects/${projectId}.json`)).body.dock;
}

function tokenFor(sim: Sim, personId: bigint): Record<string, string> {
  return { Authorization: `Bearer ${sim.store.auth.issueTokens(personId, sim.clientId, 3600).access_token}` };
}

describe("dock tools", () => {
  it("gets a tool in flat and bucket form with its position and dock name", async () => {
    const sim = newSim();
    const p = firstProject(sim);
    const chat = sim.store.dockTool(p.id, "Chat::Transcript")!;
    const r = await api(sim, "GET", `/dock/tools/${chat.id}.json`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: jid(chat.id), type: "Chat::Transcript", title: "Campfire", name: "chat", enabled: true, position: 4 });
    expect(r.body.url).toContain(`/buckets/${p.id}/chats/${chat.id}.json`);
    expect((await api(sim, "GET", `/buckets/${p.id}/dock/tools/${chat.id}.json`)).status).toBe(200);
    // Not a tool: a to-do, or a tool of another bucket.
    const todo = [...sim.store.ofType("Todo")][0];
    expect((await api(sim, "GET", `/dock/tools/${todo.id}.json`)).status).toBe(404);
    const other = [...sim.store.projects.values()].find((x) => x.id !== p.id)!;
    expect((await api(sim, "GET", `/buckets/${other.id}/dock/tools/${chat.id}.json`)).status).toBe(404);
  });

  it("clones a tool at the end of the dock, with an event and a webhook-visible change", async () => {
    const sim = newSim();
    const p = firstProject(sim);
    const chat = sim.store.dockTool(p.id, "Chat::Transcript")!;
    const changes: Change[] = [];
    sim.store.onChange((ch) => changes.push(ch));
    const before = (await dock(sim, p.id)).filter((d) => d.enabled).length;
    const r = await api(sim, "POST", `/buckets/${p.id}/dock/tools.json`, { source_recording_id: chat.id, title: "Q&A Chat" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "Chat::Transcript", title: "Q&A Chat", enabled: true, position: before + 1 });
    const d = await dock(sim, p.id);
    expect(d.find((x) => same(x.id, r.body.id))).toMatchObject({ name: "chat", title: "Q&A Chat", position: before + 1 });
    expect(changes.some((ch) => same(ch.recording.id, r.body.id) && ch.webhookEvent === "created")).toBe(true);
    // The clone is a working campfire.
    expect((await api(sim, "POST", `/buckets/${p.id}/chats/${r.body.id}/lines.json`, { content: "hello" })).status).toBe(201);
    // By tool type (the reference's body), a card table comes with its columns.
    const kb = await api(sim, "POST", `/buckets/${p.id}/dock/tools.json`, { tool_type: "kanban_board" });
    expect(kb.status).toBe(201);
    expect(kb.body.type).toBe("Kanban::Board");
    expect(sim.store.childrenOf(BigInt(kb.body.id)).length).toBe(4);
    // Bad sources.
    expect((await api(sim, "POST", `/buckets/${p.id}/dock/tools.json`, { title: "x" })).status).toBe(422);
    expect((await api(sim, "POST", `/buckets/${p.id}/dock/tools.json`, { tool_type: "spreadsheet" })).status).toBe(422);
    const other = [...sim.store.projects.values()].find((x) => x.id !== p.id && x.status === "active")!;
    expect((await api(sim, "POST", `/buckets/${other.id}/dock/tools.json`, { source_recording_id: chat.id })).status).toBe(422);
  });

  it("renames (title required) and trashes a tool", async () => {
    const sim = newSim();
    const p = firstProject(sim);
    const board = sim.store.dockTool(p.id, "Message::Board")!;
    expect((await api(sim, "PUT", `/dock/tools/${board.id}.json`, { title: " " })).status).toBe(422);
    const r = await api(sim, "PUT", `/dock/tools/${board.id}.json`, { title: "Announcements" });
    expect(r.status).toBe(200);
    expect(r.body.title).toBe("Announcements");
    const events = (await api(sim, "GET", `/recordings/${board.id}/events.json`)).body;
    expect(events.some((e: any) => e.action === "title_changed" && e.details.title_was === "Message Board")).toBe(true);
    expect((await api(sim, "DELETE", `/dock/tools/${board.id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/dock/tools/${board.id}.json`)).status).toBe(404);
    const d = await dock(sim, p.id);
    expect(d.find((x) => same(x.id, board.id))).toBeUndefined();
    expect(d.filter((x) => x.enabled).map((x) => x.position)).toEqual(d.filter((x) => x.enabled).map((_, i) => i + 1));
  });

  it("disables, enables (at the end) and repositions tools", async () => {
    const sim = newSim();
    const p = firstProject(sim);
    const todos = sim.store.dockTool(p.id, "Todoset")!;
    const schedule = sim.store.dockTool(p.id, "Schedule")!;
    expect((await api(sim, "DELETE", `/recordings/${todos.id}/position.json`)).status).toBe(204);
    let d = await dock(sim, p.id);
    expect(d.find((x) => same(x.id, todos.id))).toMatchObject({ enabled: false, position: null });
    expect((await api(sim, "GET", `/dock/tools/${todos.id}.json`)).body.position).toBeUndefined();
    // A disabled tool cannot be moved.
    expect((await api(sim, "PUT", `/recordings/${todos.id}/position.json`, { position: 1 })).status).toBe(422);
    expect((await api(sim, "POST", `/buckets/${p.id}/recordings/${todos.id}/position.json`)).status).toBe(201);
    d = await dock(sim, p.id);
    const enabled = d.filter((x) => x.enabled);
    expect(same(enabled[enabled.length - 1].id, todos.id)).toBe(true);
    expect((await api(sim, "PUT", `/recordings/${schedule.id}/position.json`, { position: 0 })).status).toBe(422);
    expect((await api(sim, "PUT", `/recordings/${schedule.id}/position.json`, { position: 1 })).status).toBe(200);
    d = await dock(sim, p.id);
    expect(d[0]).toMatchObject({ id: jid(schedule.id), position: 1 });
    const events = (await api(sim, "GET", `/recordings/${todos.id}/events.json`)).body.map((e: any) => e.action);
    expect(events).toEqual(expect.arrayContaining(["disabled", "enabled"]));
  });

  it("hides tools of projects a person is not on", async () => {
    const sim = newSim();
    const p = firstProject(sim);
    const outsider = [...sim.store.people.values()].find((x) => !x.admin && !x.owner && !x.client)!;
    p.peopleIds = p.peopleIds.filter((id) => id !== outsider.id);
    const chat = sim.store.dockTool(p.id, "Chat::Transcript")!;
    expect((await api(sim, "GET", `/dock/tools/${chat.id}.json`, undefined, tokenFor(sim, outsider.id))).status).toBe(404);
    expect((await api(sim, "DELETE", `/recordings/${chat.id}/position.json`, undefined, tokenFor(sim, outsider.id))).status).toBe(404);
  });
});
