// Delivery of writes to Projects, CardTableCards and CardTableColumns.
import type { CardChanges } from "../../api/index.js";
import type { Color, ProjectUpdate } from "../../api/types.js";
import type { Id } from "../../http/json.js";
import { dockId, has, optDate, setRecordingStatus, toId, toIds, toStr, trash, upsertAgain, withStatus, WriteValueError, type HandlerCtx, type TableHandlers } from "./handler-kit.js";
import { replicaRow } from "./replica-sync.js";

const COLORS = ["white", "red", "orange", "yellow", "green", "blue", "aqua", "purple", "gray", "pink", "brown"];

function color(v: unknown): Color {
  const c = toStr(v).toLowerCase();
  if (!COLORS.includes(c)) throw new WriteValueError(`CardTableColumns.Color must be one of ${COLORS.join(", ")}; got ${JSON.stringify(toStr(v))}`);
  return c as Color;
}

async function projectStatus(h: HandlerCtx, id: Id, s: "active" | "archived" | "trashed"): Promise<void> {
  const p = h.client.projects;
  if (s === "trashed") await p.trash(id, { signal: h.signal });
  else if (s === "archived") await p.archive(id, { signal: h.signal });
  else await p.unarchive(id, { signal: h.signal });
}

export const projectHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const project = await h.client.projects.create({ name: toStr(p.Name), description: has(p, "Description") ? toStr(p.Description) : undefined }, { signal: h.signal });
    return { resultId: project.id, change: { upserts: [{ table: "Projects", records: [project] }], deletes: [] } };
  },
  async update(h) {
    const p = h.entry.payload;
    const id = toId(h.entry.rowId, "Projects.Id");
    await withStatus(
      p,
      (s) => projectStatus(h, id, s),
      async () => {
        if (!["Name", "Description", "StartDate", "EndDate"].some((k) => has(p, k))) return;
        // Basecamp wants the name on every update, and both dates or neither.
        const cur = await h.client.projects.get(id, { signal: h.signal });
        const body: ProjectUpdate = { name: has(p, "Name") ? toStr(p.Name) : cur.name };
        if (has(p, "Description")) body.description = toStr(p.Description);
        if (has(p, "StartDate") || has(p, "EndDate")) {
          const raw = cur as unknown as { start_date?: string | null; end_date?: string | null };
          const start = has(p, "StartDate") ? optDate(p.StartDate, "Projects.StartDate") : raw.start_date;
          const end = has(p, "EndDate") ? optDate(p.EndDate, "Projects.EndDate") : raw.end_date;
          if (!start || !end) throw new WriteValueError("Projects.StartDate and EndDate go together: set both (YYYY-MM-DD).");
          body.schedule_attributes = { start_date: start, end_date: end };
        }
        await h.client.projects.update(id, body, { signal: h.signal });
      },
    );
    return upsertAgain(h, "Projects", id);
  },
  async delete(h) {
    const id = toId(h.entry.rowId, "Projects.Id");
    await h.client.projects.trash(id, { signal: h.signal });
    return upsertAgain(h, "Projects", id);
  },
};

function cardFields(p: Record<string, unknown>): CardChanges {
  const c: CardChanges = {};
  if (has(p, "Title")) c.title = toStr(p.Title);
  if (has(p, "Content")) c.content = toStr(p.Content);
  if (has(p, "DueOn")) c.due_on = optDate(p.DueOn, "CardTableCards.DueOn");
  if (has(p, "AssigneeIds")) c.assignee_ids = toIds(p.AssigneeIds, "CardTableCards.AssigneeIds");
  return c;
}

export const cardHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const card = await h.client.cardTables.createCard(toId(p.ColumnId, "CardTableCards.ColumnId"), { title: toStr(p.Title), content: has(p, "Content") ? toStr(p.Content) : undefined, due_on: has(p, "DueOn") ? optDate(p.DueOn, "CardTableCards.DueOn") : undefined }, { signal: h.signal });
    if (has(p, "AssigneeIds")) {
      // Creating a card takes no assignees: set them right after.
      await h.client.cardTables.updateCard(card.id, { assignee_ids: toIds(p.AssigneeIds, "CardTableCards.AssigneeIds") }, { signal: h.signal });
      return upsertAgain(h, "CardTableCards", card.id);
    }
    return { resultId: card.id, change: { upserts: [{ table: "CardTableCards", records: [card] }], deletes: [] } };
  },
  async update(h) {
    const p = h.entry.payload;
    const id = toId(h.entry.rowId, "CardTableCards.Id");
    await withStatus(
      p,
      (s) => setRecordingStatus(h.client, id, s, h.signal),
      async () => {
        const fields = cardFields(p);
        if (Object.keys(fields).length) await h.client.cardTables.updateCard(id, fields, { signal: h.signal });
        if (has(p, "ColumnId") || has(p, "Position")) {
          const column = has(p, "ColumnId") ? p.ColumnId : replicaRow(h.db, "CardTableCards", id)?.ColumnId;
          const position = has(p, "Position") && p.Position !== null ? Number(p.Position) : 1;
          await h.client.cardTables.moveCard(id, toId(column, "CardTableCards.ColumnId"), position, { signal: h.signal });
        }
      },
    );
    return upsertAgain(h, "CardTableCards", id);
  },
  delete: (h) => trash(h, "CardTableCards"),
};

export const columnHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const table = p.CardTableId != null ? toId(p.CardTableId, "CardTableColumns.CardTableId") : await dockId(h.client, p.ProjectId, "kanban_board", "card table", h.signal);
    const col = await h.client.cardTables.createColumn(table, { title: toStr(p.Title), description: has(p, "Description") ? toStr(p.Description) : undefined }, { signal: h.signal });
    if (has(p, "Color") && p.Color !== null) {
      const colored = await h.client.cardTables.setColumnColor(col.id, color(p.Color), { signal: h.signal });
      return { resultId: col.id, change: { upserts: [{ table: "CardTableColumns", records: [colored], ctx: { parentId: table } }], deletes: [] } };
    }
    return { resultId: col.id, change: { upserts: [{ table: "CardTableColumns", records: [col], ctx: { parentId: table } }], deletes: [] } };
  },
  async update(h) {
    const p = h.entry.payload;
    const id = toId(h.entry.rowId, "CardTableColumns.Id");
    await withStatus(
      p,
      (s) => setRecordingStatus(h.client, id, s, h.signal),
      async () => {
        const changes: { title?: string; description?: string } = {};
        if (has(p, "Title")) changes.title = toStr(p.Title);
        if (has(p, "Description")) changes.description = toStr(p.Description);
        if (Object.keys(changes).length) await h.client.cardTables.updateColumn(id, changes, { signal: h.signal });
        if (has(p, "Color")) await h.client.cardTables.setColumnColor(id, color(p.Color ?? "white"), { signal: h.signal });
      },
    );
    return upsertAgain(h, "CardTableColumns", id);
  },
  delete: (h) => trash(h, "CardTableColumns"),
};
