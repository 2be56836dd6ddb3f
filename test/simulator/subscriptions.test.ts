import { describe, expect, it } from "vitest";
import type { Project, Recording } from "../../src/simulator/store/model.js";
import { api, newSim } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

/** IDs as strings: parsed IDs are numbers below 2^53 and bigints above, store IDs are bigints. */
const str = (v: unknown): string => String(v);
const idsOf = (xs: any[]): string[] => xs.map((x) => String(x.id));

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const board = sim.store.dockTool(p1.id, "Message::Board")!;
  const message = sim.store.childrenOf(board.id, ["Message"])[0];
  const owner = sim.store.account.ownerId;
  return { sim, p1, p2, message, owner };
}

function subscriberEvents(sim: Sim, rec: Recording) {
  return (sim.store.events.get(rec.id) ?? []).filter((e) => e.action === "subscribers_changed");
}

describe("subscriptions", () => {
  it("shows who is subscribed, in every path form; 404 for a wrong bucket", async () => {
    const { sim, p1, p2, message, owner } = setup();
    for (const path of [`/recordings/${message.id}/subscription.json`, `/recordings/${message.id}/subscription`, `/buckets/${p1.id}/recordings/${message.id}/subscription.json`, `/buckets/${p1.id}/recordings/${message.id}/subscription`]) {
      const r = await api(sim, "GET", path);
      expect(r.status, path).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(["count", "subscribed", "subscribers", "url"]);
      expect(r.body.count).toBe(message.subscriberIds.length);
      expect(r.body.subscribed).toBe(message.subscriberIds.includes(owner));
      expect(idsOf(r.body.subscribers)).toEqual(message.subscriberIds.map(str));
      expect(r.body.subscribers[0].name).toBe(sim.store.people.get(message.subscriberIds[0])!.name);
      expect(r.body.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/messages/${message.id}/subscription.json`);
    }
    // The recording's own subscription_url points at the same resource.
    const m = await api(sim, "GET", `/messages/${message.id}.json`);
    expect(m.body.subscription_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/messages/${message.id}/subscription.json`);
    expect((await api(sim, "GET", `/buckets/${p2.id}/recordings/${message.id}/subscription.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/recordings/999999999999/subscription.json`)).status).toBe(404);
  });

  it("unsubscribes and subscribes the signed-in person, recording subscribers_changed", async () => {
    const { sim, message, owner } = setup();
    if (!message.subscriberIds.includes(owner)) message.subscriberIds.push(owner);
    const count = message.subscriberIds.length;

    const del = await api(sim, "DELETE", `/recordings/${message.id}/subscription.json`);
    expect(del.status).toBe(204);
    const after = await api(sim, "GET", `/recordings/${message.id}/subscription.json`);
    expect(after.body.subscribed).toBe(false);
    expect(after.body.count).toBe(count - 1);
    expect(idsOf(after.body.subscribers)).not.toContain(str(owner));
    let evs = subscriberEvents(sim, message);
    expect(evs.length).toBe(1);
    expect(evs[0].details).toEqual({ added_person_ids: [], removed_person_ids: [owner] });

    // Unsubscribing again is fine and changes nothing.
    expect((await api(sim, "DELETE", `/recordings/${message.id}/subscription`)).status).toBe(204);
    expect(subscriberEvents(sim, message).length).toBe(1);

    const post = await api(sim, "POST", `/recordings/${message.id}/subscription.json`);
    expect(post.status).toBe(200);
    expect(post.body.subscribed).toBe(true);
    expect(post.body.count).toBe(count);
    evs = subscriberEvents(sim, message);
    expect(evs.length).toBe(2);
    expect(evs[1].details).toEqual({ added_person_ids: [owner], removed_person_ids: [] });
  });

  it("answers per person: another person's token sees their own subscribed flag", async () => {
    const { sim, p1, message } = setup();
    const person = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
    if (!p1.peopleIds.includes(person.id)) p1.peopleIds.push(person.id);
    message.subscriberIds = message.subscriberIds.filter((id) => id !== person.id);
    const auth = { Authorization: `Bearer ${sim.store.auth.issueTokens(person.id, sim.clientId, 3600).access_token}` };
    expect((await api(sim, "GET", `/recordings/${message.id}/subscription.json`, undefined, auth)).body.subscribed).toBe(false);
    const r = await api(sim, "POST", `/recordings/${message.id}/subscription.json`, undefined, auth);
    expect(r.body.subscribed).toBe(true);
    expect(message.subscriberIds).toContain(person.id);
    expect(subscriberEvents(sim, message).at(-1)!.creatorId).toBe(person.id);
  });

  it("adds and removes people with PUT; 400 with neither list, 422 for unknown people", async () => {
    const { sim, p1, message, owner } = setup();
    const people = [...sim.store.people.values()].map((p) => p.id);
    const outsider = people.find((id) => !message.subscriberIds.includes(id))!;
    const insider = message.subscriberIds.find((id) => id !== owner)!;
    const seen: string[] = [];
    const stop = sim.store.onChange((ch) => seen.push(ch.webhookEvent));

    const r = await api(sim, "PUT", `/buckets/${p1.id}/recordings/${message.id}/subscription.json`, { subscriptions: [outsider], unsubscriptions: [insider] });
    stop();
    expect(r.status).toBe(200);
    expect(idsOf(r.body.subscribers)).toContain(str(outsider));
    expect(idsOf(r.body.subscribers)).not.toContain(str(insider));
    expect(r.body.count).toBe(message.subscriberIds.length);
    expect(seen).toEqual(["subscribers_changed"]);
    expect(subscriberEvents(sim, message).at(-1)!.details).toEqual({ added_person_ids: [outsider], removed_person_ids: [insider] });

    const before = [...message.subscriberIds];
    const none = await api(sim, "PUT", `/recordings/${message.id}/subscription.json`, {});
    expect(none.status).toBe(400);
    const unknown = await api(sim, "PUT", `/recordings/${message.id}/subscription.json`, { subscriptions: [outsider, 4242] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.subscriptions).toBeDefined();
    expect((await api(sim, "PUT", `/recordings/${message.id}/subscription.json`, { unsubscriptions: ["nobody"] })).status).toBe(422);
    expect(message.subscriberIds).toEqual(before);
  });

  it("works for any recording type, e.g. a to-do and a campfire", async () => {
    const { sim, p1, owner } = setup();
    const todo = [...sim.store.ofType("Todo")].find((t) => t.bucketId === p1.id && t.status === "active")!;
    todo.subscriberIds = todo.subscriberIds.filter((id) => id !== owner);
    const r = await api(sim, "POST", `/recordings/${todo.id}/subscription`);
    expect(r.status).toBe(200);
    expect(r.body.subscribed).toBe(true);
    expect(r.body.url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p1.id}/todos/${todo.id}/subscription.json`);

    const chat = sim.store.dockTool(p1.id, "Chat::Transcript")!;
    const g = await api(sim, "GET", `/buckets/${p1.id}/recordings/${chat.id}/subscription.json`);
    expect(g.status).toBe(200);
    expect(g.body.count).toBe(chat.subscriberIds.length);
    expect(g.body.count).toBe(p1.peopleIds.length);
  });

  it("refuses changes to a trashed recording", async () => {
    const { sim, message } = setup();
    sim.store.setStatus(message, "trashed", sim.store.account.ownerId);
    expect((await api(sim, "POST", `/recordings/${message.id}/subscription.json`)).status).toBe(403);
    expect((await api(sim, "GET", `/recordings/${message.id}/subscription.json`)).status).toBe(200);
  });
});
