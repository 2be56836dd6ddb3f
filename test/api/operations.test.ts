// The generic piece behind operation tables (src/api/operation.ts): positional IDs or URLs,
// bodies of every kind, paging, errors, and the by-name entry points.
import { describe, expect, it } from "vitest";
import { OPERATIONS, operationResource } from "../../src/api/operation.js";
import { NotFoundError } from "../../src/http/errors.js";
import { firstProject, recordsOf, setup, str, tool, walk } from "./helpers.js";

describe("operations as data", () => {
  it("describes all 250 operations of the reference, with their path parameters in order", () => {
    const ids = Object.keys(OPERATIONS);
    expect(ids.length).toBe(250);
    const boost = OPERATIONS.CreateEventBoost;
    expect(boost.method).toBe("POST");
    expect(boost.path).toBe("/recordings/{recordingId}/events/{eventId}/boosts.json");
    expect([...boost.pathParams]).toEqual(["recordingId", "eventId"]);
    expect(OPERATIONS.ListRecordingBoosts.returns).toBe("list");
    // Every path lost its account prefix and names the JSON form.
    expect(ids.filter((id) => !OPERATIONS[id as keyof typeof OPERATIONS].path.endsWith(".json"))).toEqual([]);
  });

  it("takes IDs, digit strings and Basecamp URLs positionally, and walks list pages", async () => {
    const { sim, client } = setup("small");
    const todo = recordsOf(sim, "Todo")[0];
    const url = `${new URL(sim.apiUrl).origin}/web/${sim.accountId}/buckets/${todo.bucketId}/todos/${todo.id}`;
    const made = await client.boosts.boost(url, { content: "🎉" });
    expect(made.content).toBe("🎉");
    await client.boosts.boost(str(todo.id), { content: "👍" });
    const all = await walk(client.boosts.list(todo.id));
    expect(all.map((b) => b.content).sort()).toEqual(["👍", "🎉"].sort());
    expect(str((await client.boosts.get(made.id)).id)).toBe(str(made.id));
    await client.boosts.delete(made.id);
    await expect(client.boosts.get(made.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a URL of another kind and a missing ID before any request", async () => {
    const { sim, client } = setup();
    const project = firstProject(sim);
    const web = `${new URL(sim.apiUrl).origin}/web/${sim.accountId}`;
    const projectUrl = `${web}/projects/${project.id}`;
    expect(() => client.gauges.needles(`${web}/buckets/1/todos/2`)).toThrow(/not a project/);
    expect(await walk(client.gauges.needles(projectUrl))).toBeInstanceOf(Array);
    await expect(client.operation("GetTodo", { path: {} })).rejects.toThrow(/GetTodo needs todoId/);
    await expect(client.operation("NoSuchThing" as "GetTodo")).rejects.toThrow(/Unknown Basecamp operation/);
  });

  it("calls any operation by name, and pages any list by name", async () => {
    const { sim, client } = setup("small");
    const list = recordsOf(sim, "Todolist")[0];
    const todo = await client.operation("CreateTodo", { path: { todolistId: list.id }, body: { content: "By name" } });
    expect(todo.content).toBe("By name");
    const items = await walk(client.paginateOperation("ListTodos", { path: { todolistId: list.id } }));
    expect(items.map((t) => str(t.id))).toContain(str(todo.id));
    expect(() => client.paginateOperation("GetTodo" as "ListTodos", { path: { todoId: todo.id } })).toThrow(/not a list/);
  });

  it("sends multipart and raw bodies", async () => {
    const { sim, client } = setup();
    const form = new FormData();
    form.set("logo", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: "image/png" }), "logo.png");
    expect((await client.account.get()).logo).toBeUndefined();
    await client.account.updateLogo(form);
    expect((await client.account.get()).logo).toBeDefined();
    await client.account.removeLogo();
    expect((await client.account.get()).logo).toBeUndefined();
    await expect(client.account.updateLogo({} as FormData)).rejects.toThrow(/FormData/);
    const vault = tool(sim, "Vault");
    const bytes = new TextEncoder().encode("hello\n");
    const att = await client.operation("CreateAttachment", { query: { name: "hello.txt" }, body: { bytes, contentType: "text/plain" } });
    expect(att.attachable_sgid).toMatch(/\w/);
    const upload = await client.operation("CreateUpload", { path: { vaultId: vault.id }, body: { attachable_sgid: att.attachable_sgid } });
    expect(str(upload.parent?.id)).toBe(str(vault.id));
  });

  it("makes resource classes from tables, extending a hand-written base", async () => {
    const { sim, client } = setup();
    class Markers extends operationResource({ all: "ListLineupMarkers", add: "CreateLineupMarker" }) {}
    const markers = new Markers(client.road);
    await markers.add({ name: "Launch", date: "2026-12-24" });
    const got = await walk(markers.all());
    expect(got.map((m) => m.name)).toContain("Launch");
    // Hand-written resources keep their methods and gain the table's.
    expect(typeof client.todolists.reposition).toBe("function");
    expect(typeof client.todolists.get).toBe("function");
    expect(sim.store.collection("lineupMarkers").size).toBeGreaterThan(0);
  });
});

describe("any recording by ID", () => {
  it("answers GET /recordings/{id} with the recording as its own type renders it", async () => {
    const { sim, client } = setup();
    const todo = recordsOf(sim, "Todo")[0];
    const got = await client.recordings.get(todo.id);
    expect(got.type).toBe("Todo");
    expect(str(got.id)).toBe(str(todo.id));
    const viaTodos = await client.todos.get(todo.id);
    expect(got).toEqual(viaTodos);
    await expect(client.recordings.get(1)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("fields the docs add to the reference", () => {
  it("logs time with a description (documented in the timesheet docs, missing from the reference's request shape)", async () => {
    const { sim, client } = setup();
    const todo = recordsOf(sim, "Todo")[0];
    const entry = await client.timesheets.create(todo.id, { date: "2026-12-01", hours: "1:30", description: "Review" });
    expect(entry.description).toBe("Review");
    const changed = await client.timesheets.update(entry.id, { description: "Review and fixes" });
    expect(changed.description).toBe("Review and fixes");
    expect((await client.timesheets.get(entry.id)).hours).toBe(entry.hours);
  });
});
