import { describe, expect, it } from "vitest";
import type { Change } from "../../src/simulator/store/store.js";
import type { Project } from "../../src/simulator/store/model.js";
import { api, newSim } from "./helpers.js";

const str = (v: unknown) => String(v);

function setup() {
  const sim = newSim();
  const projects = [...sim.store.projects.values()] as Project[];
  const withClients = projects.find((p) => p.clientsEnabled)!;
  const other = projects.find((p) => p !== withClients)!;
  return { sim, p: withClients, other };
}

describe("the Clientside", () => {
  it("seeds clients on in a project, with approvals, correspondences and replies", async () => {
    const { sim, p } = setup();
    expect(p).toBeDefined();
    expect((await api(sim, "GET", `/projects/${p.id}.json`)).body.clients_enabled).toBe(true);
    const approvals = await api(sim, "GET", `/buckets/${p.id}/client/approvals.json`);
    expect(approvals.status).toBe(200);
    expect(approvals.body.length).toBe(2);
    expect(approvals.body[0]).toMatchObject({ type: "Client::Approval", visible_to_clients: true });
    expect(approvals.body[0].parent).toMatchObject({ type: "Client::Board", url: `${sim.apiUrl}/${sim.accountId}/buckets/${p.id}/client/board.json` });
    expect(new Set(approvals.body.map((a: any) => a.approval_status))).toEqual(new Set(["approved", "pending"]));
    // Newest first by default; direction=asc turns it round; a bad sort is 400.
    const asc = await api(sim, "GET", `/buckets/${p.id}/client/approvals.json?direction=asc`);
    expect(asc.body.map((a: any) => str(a.id))).toEqual(approvals.body.map((a: any) => str(a.id)).reverse());
    expect((await api(sim, "GET", `/buckets/${p.id}/client/approvals.json?sort=title`)).status).toBe(400);
    const approved = approvals.body.find((a: any) => a.approval_status === "approved");
    const one = await api(sim, "GET", approved.url);
    expect(one.status).toBe(200);
    expect(one.body.responses).toHaveLength(1);
    expect(one.body.responses[0]).toMatchObject({ type: "Client::Approval::Response", approved: true });
    expect((await api(sim, "GET", `/client/approvals/${approved.id}.json`)).status).toBe(200);
  });

  it("reads correspondences and their replies, scoped to the thread and bucket", async () => {
    const { sim, p, other } = setup();
    const list = await api(sim, "GET", `/buckets/${p.id}/client/correspondences.json`);
    expect(list.status).toBe(200);
    const corr = list.body[0];
    expect(corr).toMatchObject({ type: "Client::Correspondence", subject: "Project kickoff!", replies_count: 1 });
    expect((await api(sim, "GET", `/client/correspondences/${corr.id}.json`)).body.subject).toBe("Project kickoff!");
    const replies = await api(sim, "GET", corr.replies_url);
    expect(replies.status).toBe(200);
    expect(replies.body).toHaveLength(1);
    const reply = replies.body[0];
    expect(reply.type).toBe("Client::Reply");
    expect(str(reply.parent.id)).toBe(str(corr.id));
    expect(reply.app_url).toContain(`#__recording_${reply.id}`);
    expect((await api(sim, "GET", `/buckets/${p.id}/client/recordings/${corr.id}/replies/${reply.id}.json`)).status).toBe(200);
    expect((await api(sim, "GET", reply.url)).status).toBe(200);
    // A reply under another thread, another bucket, or a thread that is not on the Clientside: 404.
    const approval = (await api(sim, "GET", `/buckets/${p.id}/client/approvals.json`)).body[0];
    expect((await api(sim, "GET", `/buckets/${p.id}/client/recordings/${approval.id}/replies/${reply.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/buckets/${other.id}/client/recordings/${corr.id}/replies.json`)).status).toBe(404);
    const todo = [...sim.store.ofType("Todo")].find((t) => t.bucketId === p.id)!;
    expect((await api(sim, "GET", `/buckets/${p.id}/client/recordings/${todo.id}/replies.json`)).status).toBe(404);
    // The lists exist only under a bucket; a project without clients has none.
    expect((await api(sim, "GET", `/buckets/${other.id}/client/correspondences.json`)).body).toEqual([]);
  });

  it("changes client visibility of what controls it, and cascades to what follows it", async () => {
    const { sim, p } = setup();
    const changes: Change[] = [];
    sim.store.onChange((c) => changes.push(c));
    const list = [...sim.store.ofType("Todolist")].find((t) => t.bucketId === p.id && sim.store.recordings.get(t.parentId!)?.type === "Todoset")!;
    const todo = sim.store.childrenOf(list.id, ["Todo"])[0];
    const r = await api(sim, "PUT", `/recordings/${list.id}/client_visibility.json`, { visible_to_clients: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: "Todolist", visible_to_clients: true });
    expect(todo.visibleToClients).toBe(true);
    expect(changes.map((c) => [c.recording.id, c.action])).toEqual([[list.id, "client_visibility_changed"]]);
    expect((await api(sim, "GET", `/todos/${todo.id}.json`)).body.visible_to_clients).toBe(true);
    // A to-do follows its list: 403.
    expect((await api(sim, "PUT", `/recordings/${todo.id}/client_visibility.json`, { visible_to_clients: false })).status).toBe(403);
    // Dock tools decide nothing either.
    const board = sim.store.dockTool(p.id, "Message::Board")!;
    expect((await api(sim, "PUT", `/buckets/${p.id}/recordings/${board.id}/client_visibility.json`, { visible_to_clients: true })).status).toBe(403);
    expect((await api(sim, "PUT", `/recordings/${list.id}/client_visibility.json`, {})).status).toBe(422);
    expect((await api(sim, "PUT", `/recordings/${list.id}/client_visibility.json`, { visible_to_clients: "yes" })).status).toBe(422);
    expect((await api(sim, "PUT", `/recordings/999/client_visibility.json`, { visible_to_clients: true })).status).toBe(404);
    const off = await api(sim, "PUT", `/recordings/${list.id}/client_visibility.json`, { visible_to_clients: false });
    expect(off.body.visible_to_clients).toBe(false);
    expect(todo.visibleToClients).toBe(false);
  });
});
