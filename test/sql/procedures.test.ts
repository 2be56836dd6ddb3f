import { afterEach, describe, expect, it } from "vitest";
import { execProcedure, PROCEDURES } from "../../src/sql/write/index.js";
import { launchpadFor } from "../auth/helpers.js";
import { children, dock, row, s, seed, setupWrites, type WriteFixture } from "./fixtures/write-setup.js";
import { REPLICAS, usePostgres } from "./fixtures/replicas.js";

usePostgres();

let f: WriteFixture;
afterEach(() => f?.db.open && f.db.close());

const exec = (sql: string, ctx = {}) => execProcedure(f.db, f.client, sql, ctx);

describe.each(REPLICAS)("EXEC / CALL procedures change the simulator and the replica (%s)", (kind) => {
  it("CompleteToDo / UncompleteToDo", async () => {
    f = setupWrites(kind);
    const list = children(f.sim, dock(f.sim, "Todoset").id, ["Todolist"])[0];
    const t = await f.client.todos.create(list.id, { content: "Proc todo" });
    seed(f.db, "ToDos", [t]);
    expect(await exec(`EXEC CompleteToDo(Id => ${t.id})`)).toEqual([{ Success: true, Id: t.id }]);
    expect(f.sim.store.recordings.get(BigInt(s(t.id)))!.completed).toBe(true);
    expect(row(f.db, "ToDos", t.id)!.Completed).toBe(1n);
    await exec(`call uncompletetodo(${t.id});`);
    expect(f.sim.store.recordings.get(BigInt(s(t.id)))!.completed).toBe(false);
    expect(row(f.db, "ToDos", t.id)!.Completed).toBe(0n);
  });

  it("MoveCard, MoveColumn, ChangeColumnColor, WatchColumn / UnWatchColumn, on-hold sections", async () => {
    f = setupWrites(kind);
    const { sim, db, client } = f;
    const board = dock(sim, "Kanban::Board");
    const cols = children(sim, board.id, ["Kanban::Column"]);
    const extra = await client.cardTables.createColumn(board.id, { title: "Extra" });
    const card = await client.cardTables.createCard(cols[0].id, { title: "Proc card" });
    await exec(`EXEC MoveCard(Id => ${card.id}, ColumnId => ${extra.id}, Position => 1)`);
    expect(s(sim.store.recordings.get(BigInt(s(card.id)))!.parentId)).toBe(s(extra.id));
    expect(s(row(db, "CardTableCards", card.id)!.ColumnId)).toBe(s(extra.id));

    await exec(`EXEC MoveColumn(Id => ${extra.id}, CardTableId => ${board.id}, Position => 1)`);
    const order = children(sim, board.id, ["Kanban::Column"]).map((c) => s(c.id));
    expect(order[0]).toBe(s(extra.id));
    expect(row(db, "CardTableColumns", extra.id)).toBeDefined();

    await exec(`EXEC ChangeColumnColor(Id => ${extra.id}, Color => 'purple')`);
    expect(sim.store.recordings.get(BigInt(s(extra.id)))!.color).toBe("purple");
    expect(row(db, "CardTableColumns", extra.id)!.Color).toBe("purple");

    const me = (await client.people.me()).id;
    const watchers = () => (sim.store.recordings.get(BigInt(s(extra.id)))!.subscriberIds ?? []).map(s);
    await exec(`EXEC UnWatchColumn(Id => ${extra.id})`);
    expect(watchers()).not.toContain(s(me));
    await exec(`EXEC WatchColumn(Id => ${extra.id})`);
    expect(watchers()).toContain(s(me));
    expect(JSON.parse(String(row(db, "CardTableColumns", extra.id)!.Raw)).subscribers.map((p: { id: unknown }) => s(p.id))).toContain(s(me));

    await exec(`EXEC CreateOnHoldSectionColumn(Id => ${extra.id})`);
    expect(sim.store.recordings.get(BigInt(s(extra.id)))!.onHold).toBe(true);
    expect(JSON.parse(String(row(db, "CardTableColumns", extra.id)!.Raw)).on_hold).toBeTruthy();
    await exec(`EXEC RemoveOnHoldSectionColumn(Id => ${extra.id})`);
    expect(sim.store.recordings.get(BigInt(s(extra.id)))!.onHold).toBeFalsy();
  });

  it("TrashRecording / ArchiveRecording / UnarchiveRecording, for recordings and projects", async () => {
    f = setupWrites(kind);
    const { sim, db, client } = f;
    const board = dock(sim, "Message::Board");
    const m = await client.messages.create(board.id, { subject: "Proc msg" });
    seed(db, "Messages", [m]);
    const rec = sim.store.recordings.get(BigInt(s(m.id)))!;
    await exec(`EXEC ArchiveRecording(Id => ${m.id})`);
    expect(rec.status).toBe("archived");
    expect(row(db, "Messages", m.id)!.Status).toBe("archived");
    await exec(`EXEC UnarchiveRecording(${m.id})`);
    expect(rec.status).toBe("active");
    expect(await exec(`EXEC TrashRecording(Id => ${m.id})`)).toEqual([{ Success: true, Id: m.id }]);
    expect(rec.status).toBe("trashed");
    expect(row(db, "Messages", m.id)!.Status).toBe("trashed");

    const p = await client.projects.create({ name: "Proc project" });
    seed(db, "Projects", [p]);
    await exec(`EXEC ArchiveRecording(Id => ${p.id})`);
    expect(sim.store.projects.get(BigInt(s(p.id)))!.status).toBe("archived");
    expect(row(db, "Projects", p.id)!.Status).toBe("archived");
  });

  it("the OAuth procedures: URL, code for tokens, refresh; a clear error without an app", async () => {
    f = setupWrites(kind);
    const { sim } = f;
    const oauth = { launchpad: launchpadFor(sim), clientId: sim.clientId, clientSecret: sim.clientSecret };
    const callback = "http://localhost:8080/oauth/callback";
    const [{ URL: url }] = await exec(`EXEC GetOAuthAuthorizationURL(CallbackURL => '${callback}', State => 'st')`, { oauth });
    expect(new URL(String(url)).searchParams.get("state")).toBe("st");
    const landing = await sim.approve(String(url));
    const [tokens] = await exec("EXEC GetOAuthAccessToken(Verifier => ?, CallbackURL => ?, State => 'st')", { oauth, params: [landing, callback] });
    expect(tokens.OAuthAccessToken).toBeTruthy();
    expect(tokens.ExpiresIn).toBe(1209600);
    const [again] = await exec("EXEC RefreshOAuthAccessToken(OAuthRefreshToken => :rt)", { oauth, params: { rt: tokens.OAuthRefreshToken } });
    expect(again.OAuthAccessToken).not.toBe(tokens.OAuthAccessToken);
    await expect(exec(`EXEC GetOAuthAuthorizationURL(CallbackURL => '${callback}')`)).rejects.toThrow(/needs an OAuth app: connect with OAuthClientId/);
  });

  it("every procedure has metadata for sys_procedures", () => {
    expect(PROCEDURES.map((p) => p.name)).toEqual([
      "GetOAuthAuthorizationURL", "GetOAuthAccessToken", "RefreshOAuthAccessToken", "CompleteToDo", "UncompleteToDo", "MoveCard", "MoveColumn",
      "ChangeColumnColor", "WatchColumn", "UnWatchColumn", "CreateOnHoldSectionColumn", "RemoveOnHoldSectionColumn", "TrashRecording", "ArchiveRecording", "UnarchiveRecording",
      "CreateTimesheetEntry", "UpdateTimesheetEntry", "DeleteTimesheetEntry", "Boost", "DeleteBoost", "RetryOutboxEntry", "DiscardOutboxEntry",
    ]);
    for (const p of PROCEDURES) {
      expect(p.description.length).toBeGreaterThan(10);
      expect(p.parameters.every((x) => ["string", "integer", "boolean"].includes(x.type) && typeof x.required === "boolean")).toBe(true);
    }
  });
});
