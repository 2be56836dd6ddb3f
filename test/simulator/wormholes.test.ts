import { describe, expect, it } from "vitest";
import type { Project, Recording } from "../../src/simulator/store/model.js";
import { api, newSim } from "./helpers.js";

const str = (v: unknown) => String(v);

function setup() {
  const sim = newSim();
  const [p1, p2] = [...sim.store.projects.values()] as [Project, Project];
  const board1 = sim.store.dockTool(p1.id, "Kanban::Board")!;
  const board2 = sim.store.dockTool(p2.id, "Kanban::Board")!;
  const columnsOf = (b: Recording) => sim.store.childrenOf(b.id, ["Kanban::Column"]).filter((c) => c.status === "active");
  return { sim, p1, p2, board1, board2, columnsOf };
}

describe("card table wormholes", () => {
  it("creates a wormhole to another table's column; the table lists it; update and delete it", async () => {
    const { sim, p1, board1, board2, columnsOf } = setup();
    const [dest, dest2] = columnsOf(board2);
    const before = (await api(sim, "GET", `/card_tables/${board1.id}.json`)).body.wormholes.length;
    const made = await api(sim, "POST", `/buckets/${p1.id}/card_tables/${board1.id}/wormholes.json`, { destination_recording_id: dest.id });
    expect(made.status).toBe(201);
    expect(made.body.type).toBe("Kanban::Wormhole");
    expect(made.body.linked).toBe(true);
    expect(made.body.destination_url).toContain(`/card_tables/${board2.id}.json`);
    expect(made.body.color).toBe(dest.color ?? null);
    expect(str(made.body.parent.id)).toBe(str(board1.id));
    expect(made.body.url).toContain(`/buckets/${p1.id}/card_tables/wormholes/${made.body.id}.json`);

    const table = (await api(sim, "GET", `/card_tables/${board1.id}.json`)).body;
    expect(table.wormholes).toHaveLength(before + 1);
    expect(table.wormholes.map((w: any) => str(w.id))).toContain(str(made.body.id));

    if (dest2) {
      const upd = await api(sim, "PUT", `/buckets/${p1.id}/card_tables/wormholes/${made.body.id}.json`, { destination_recording_id: dest2.id });
      expect(upd.status).toBe(200);
      expect(upd.body.title).toContain(dest2.title);
    }
    expect((await api(sim, "DELETE", `/buckets/${p1.id}/card_tables/wormholes/${made.body.id}.json`)).status).toBe(204);
    expect((await api(sim, "GET", `/card_tables/${board1.id}.json`)).body.wormholes).toHaveLength(before);
    expect((await api(sim, "DELETE", `/buckets/${p1.id}/card_tables/wormholes/${made.body.id}.json`)).status).toBe(404);
  });

  it("refuses a destination that is not a column of another card table", async () => {
    const { sim, p1, board1, board2, columnsOf } = setup();
    const path = `/buckets/${p1.id}/card_tables/${board1.id}/wormholes.json`;
    expect((await api(sim, "POST", path, {})).status).toBe(422);
    expect((await api(sim, "POST", path, { destination_recording_id: columnsOf(board1)[0].id })).status).toBe(422);
    expect((await api(sim, "POST", path, { destination_recording_id: board2.id })).status).toBe(422);
    expect((await api(sim, "POST", path, { destination_recording_id: 999999 })).status).toBe(422);
  });

  it("allows at most four wormholes per table", async () => {
    const { sim, p1, board1, board2, columnsOf } = setup();
    const path = `/buckets/${p1.id}/card_tables/${board1.id}/wormholes.json`;
    const dest = columnsOf(board2)[0];
    const existing = (await api(sim, "GET", `/card_tables/${board1.id}.json`)).body.wormholes.length;
    for (let i = existing; i < 4; i++) expect((await api(sim, "POST", path, { destination_recording_id: dest.id })).status).toBe(201);
    const over = await api(sim, "POST", path, { destination_recording_id: dest.id });
    expect(over.status).toBe(422);
    expect(over.text).toContain("at most 4");
  });

  it("teleports a card moved to a wormhole into the destination project's column", async () => {
    const { sim, p1, p2, board1, board2, columnsOf } = setup();
    const dest = columnsOf(board2)[0];
    const hole = (await api(sim, "POST", `/buckets/${p1.id}/card_tables/${board1.id}/wormholes.json`, { destination_recording_id: dest.id })).body;
    const card = sim.store.childrenOf(columnsOf(board1)[0].id, ["Kanban::Card"]).find((x) => x.status === "active")!;
    const moved = await api(sim, "POST", `/buckets/${p1.id}/card_tables/cards/${card.id}/moves.json`, { column_id: hole.id });
    expect(moved.status).toBe(204);
    expect(card.parentId).toBe(dest.id);
    expect(card.bucketId).toBe(p2.id);
    for (const child of sim.store.childrenOf(card.id)) expect(child.bucketId).toBe(p2.id);
    const got = await api(sim, "GET", `/buckets/${p2.id}/card_tables/cards/${card.id}.json`);
    expect(got.status).toBe(200);
    expect(str(got.body.parent.id)).toBe(str(dest.id));
    // Another table's wormhole is no way out for this card.
    const back = (await api(sim, "POST", `/buckets/${p2.id}/card_tables/${board2.id}/wormholes.json`, { destination_recording_id: columnsOf(board1)[0].id })).body;
    const other = sim.store.childrenOf(columnsOf(board1)[0].id, ["Kanban::Card"]).find((x) => x.status === "active" && x.id !== card.id);
    if (other) expect((await api(sim, "POST", `/buckets/${p1.id}/card_tables/cards/${other.id}/moves.json`, { column_id: back.id })).status).toBe(400);
  });

  it("shows an unlinked wormhole once its destination column is trashed", async () => {
    const { sim, p1, p2, board1, board2, columnsOf } = setup();
    const dest = columnsOf(board2)[0];
    const made = (await api(sim, "POST", `/buckets/${p1.id}/card_tables/${board1.id}/wormholes.json`, { destination_recording_id: dest.id })).body;
    await api(sim, "PUT", `/buckets/${p2.id}/recordings/${dest.id}/status/trashed.json`);
    const table = (await api(sim, "GET", `/card_tables/${board1.id}.json`)).body;
    const w = table.wormholes.find((x: any) => str(x.id) === str(made.id));
    expect(w.linked).toBe(false);
    expect(w.destination_url).toBeNull();
  });
});
