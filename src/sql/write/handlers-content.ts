// Delivery of writes to Messages, Comments, Documents, CalendarEvents and CampfireLines.
import type { ScheduleEntryInput } from "../../api/index.js";
import { NotFoundError } from "../../http/errors.js";
import { dockId, has, optId, optStr, setRecordingStatus, toBool, toId, toIds, toStr, trash, upsertAgain, withStatus, WriteValueError, type HandlerCtx, type TableHandlers } from "./handler-kit.js";
import { replicaRow } from "./replica-sync.js";

const created = (table: string, record: { id: import("../../http/json.js").Id }) => ({ resultId: record.id, change: { upserts: [{ table, records: [record] }], deletes: [] } });

function statusOnly(table: string, edit: (h: HandlerCtx, id: ReturnType<typeof toId>) => Promise<void>): TableHandlers["update"] {
  return async (h) => {
    const id = toId(h.entry.rowId, `${table}.Id`);
    await withStatus(h.entry.payload, (s) => setRecordingStatus(h.client, id, s, h.signal), () => edit(h, id));
    return upsertAgain(h, table, id);
  };
}

export const messageHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const board = p.MessageBoardId != null ? toId(p.MessageBoardId, "Messages.MessageBoardId") : await dockId(h.client, p.ProjectId, "message_board", "message board", h.signal);
    const m = await h.client.messages.create(board, { subject: toStr(p.Subject), content: optStr(p.Content) ?? undefined, category_id: optId(p.CategoryId, "Messages.CategoryId") }, { signal: h.signal });
    return created("Messages", m);
  },
  update: statusOnly("Messages", async (h, id) => {
    const p = h.entry.payload;
    const changes: { subject?: string; content?: string; category_id?: ReturnType<typeof optId> } = {};
    if (has(p, "Subject")) changes.subject = toStr(p.Subject);
    if (has(p, "Content")) changes.content = toStr(p.Content);
    if (has(p, "CategoryId")) changes.category_id = optId(p.CategoryId, "Messages.CategoryId");
    if (Object.keys(changes).length) await h.client.messages.update(id, changes as never, { signal: h.signal });
  }),
  delete: (h) => trash(h, "Messages"),
};

export const commentHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    return created("Comments", await h.client.comments.create(toId(p.ParentId, "Comments.ParentId"), toStr(p.Content), { signal: h.signal }));
  },
  update: statusOnly("Comments", async (h, id) => {
    if (has(h.entry.payload, "Content")) await h.client.comments.update(id, toStr(h.entry.payload.Content), { signal: h.signal });
  }),
  delete: (h) => trash(h, "Comments"),
};

export const documentHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const vault = p.VaultId != null ? toId(p.VaultId, "Documents.VaultId") : await dockId(h.client, p.ProjectId, "vault", "Docs & Files vault", h.signal);
    return created("Documents", await h.client.documents.create(vault, { title: toStr(p.Title), content: toStr(p.Content) }, { signal: h.signal }));
  },
  update: statusOnly("Documents", async (h, id) => {
    const p = h.entry.payload;
    if (!has(p, "Title") && !has(p, "Content")) return;
    // update sends the current title (Basecamp wants it every time) when it isn't changing.
    await h.client.documents.update(id, { title: has(p, "Title") ? toStr(p.Title) : undefined, content: has(p, "Content") ? toStr(p.Content) : undefined }, { signal: h.signal });
  }),
  delete: (h) => trash(h, "Documents"),
};

function entryFields(p: Record<string, unknown>): Partial<ScheduleEntryInput> {
  const e: Partial<ScheduleEntryInput> = {};
  if (has(p, "Summary")) e.summary = toStr(p.Summary);
  if (has(p, "Description")) e.description = toStr(p.Description);
  if (has(p, "StartsAt")) e.starts_at = toStr(p.StartsAt);
  if (has(p, "EndsAt")) e.ends_at = toStr(p.EndsAt);
  if (has(p, "AllDay")) e.all_day = toBool(p.AllDay);
  if (has(p, "ParticipantIds")) e.participant_ids = toIds(p.ParticipantIds, "CalendarEvents.ParticipantIds");
  return e;
}

export const eventHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const schedule = p.ScheduleId != null ? toId(p.ScheduleId, "CalendarEvents.ScheduleId") : await dockId(h.client, p.ProjectId, "schedule", "schedule", h.signal);
    const e = entryFields(p);
    const entry = await h.client.schedules.createEntry(schedule, { ...e, summary: toStr(p.Summary), starts_at: toStr(p.StartsAt), ends_at: e.ends_at ?? toStr(p.StartsAt) }, { signal: h.signal });
    return created("CalendarEvents", entry);
  },
  update: statusOnly("CalendarEvents", async (h, id) => {
    const e = entryFields(h.entry.payload);
    if (Object.keys(e).length) await h.client.schedules.updateEntry(id, e, { signal: h.signal });
  }),
  delete: (h) => trash(h, "CalendarEvents"),
};

export const campfireLineHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const campfire = p.CampfireId != null ? toId(p.CampfireId, "CampfireLines.CampfireId") : await dockId(h.client, p.ProjectId, "chat", "campfire", h.signal);
    const line = await h.client.campfires.write(campfire, toStr(p.Content), { signal: h.signal });
    return { resultId: line.id, change: { upserts: [{ table: "CampfireLines", records: [line], ctx: { parentId: campfire } }], deletes: [] } };
  },
  async update() {
    throw new WriteValueError("UPDATE on CampfireLines is not supported: Basecamp can't edit a campfire line. DELETE the line and INSERT a new one.");
  },
  async delete(h) {
    const id = toId(h.entry.rowId, "CampfireLines.Id");
    const campfire = h.entry.payload.CampfireId ?? replicaRow(h.db, "CampfireLines", id)?.CampfireId;
    if (campfire == null) throw new WriteValueError(`CampfireLines ${String(id)}: its CampfireId is unknown, so the line can't be addressed.`);
    try {
      await h.client.campfires.deleteLine(toId(campfire, "CampfireLines.CampfireId"), id, { signal: h.signal });
    } catch (err) {
      // Already gone (an earlier attempt deleted it before the process died): that's the goal.
      if (!(err instanceof NotFoundError)) throw err;
    }
    return { resultId: id, change: { upserts: [], deletes: [{ table: "CampfireLines", id }] } };
  },
};
