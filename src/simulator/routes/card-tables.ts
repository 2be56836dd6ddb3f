// Card tables (Kanban): the table, its columns, cards and steps.
import type { Sim, SimContext } from "../context.js";
import { badRequest, noContent, paginate, sendJson, validationFailed } from "../internal/respond.js";
import type { Id, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import {
  type ApiRouter,
  bodyOf,
  clearableString,
  findRecording,
  optionalDate,
  optionalPersonIds,
  optionalString,
  renderCtx,
  requiredId,
  requiredString,
  requireWritable,
  statusQuery,
} from "../router.js";
import { CARD_COLORS, COLUMN_TYPES, keepColumnOrder, renderBoard, renderCard, renderColumn, renderStep } from "./card-tables-render.js";
import { throughWormhole } from "./wormholes.js";

const CARD = ["Kanban::Card"] as const;
const STEP = ["Kanban::Step"] as const;
const BOARD = ["Kanban::Board"] as const;

/** A record from a body ID, or undefined when missing/purged/in another bucket. */
function bodyRecording(store: Store, id: Id, bucketId: Id): Recording | undefined {
  const r = store.getRecording(id);
  return r && r.bucketId === bucketId ? r : undefined;
}

/** Whole number from a body value (number or numeric string), else undefined. */
function intOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}


/** Complete a card that landed in a Done column; reopen one that left it. */
function syncDone(store: Store, card: Recording, column: Recording, actorId: Id): void {
  const inDone = column.type === "Kanban::DoneColumn";
  if (inDone && !card.completed) {
    card.completed = true;
    card.completedAt = store.now();
    card.completerId = actorId;
    store.touch(card, "completed", actorId);
  } else if (!inDone && card.completed) {
    card.completed = false;
    card.completedAt = null;
    card.completerId = null;
    store.touch(card, "uncompleted", actorId);
  }
}

/** Move a card to a column at a 1-based position among its cards. */
function moveCard(store: Store, card: Recording, column: Recording, position: number, actorId: Id): void {
  requireWritable(card);
  requireWritable(column);
  if (!COLUMN_TYPES.includes(column.type)) throw badRequest("The target must be a card table column.");
  if (column.bucketId !== card.bucketId) throw badRequest("Cards can only move between columns of the same project.");
  store.moveRecording(card, position, actorId, column.id);
  syncDone(store, card, column, actorId);
}

function assigneesFrom(c: SimContext, body: Record<string, unknown>): Id[] | undefined {
  return optionalPersonIds(c, body, "assignee_ids") ?? optionalPersonIds(c, body, "assignees");
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  // ---- the table ----------------------------------------------------------------------
  r.get("/card_tables/:id", (c) => {
    const board = findRecording(c, "id", BOARD);
    return sendJson(c, renderBoard(renderCtx(c), board), { lastModified: board.updatedAt });
  });

  r.post("/card_tables/:id/moves", (c) => {
    const store = c.var.sim.store;
    const board = findRecording(c, "id", BOARD);
    requireWritable(board);
    const body = bodyOf(c);
    const source = bodyRecording(store, requiredId(body, "source_id"), board.bucketId);
    const target = bodyRecording(store, requiredId(body, "target_id"), board.bucketId);
    if (!source || !target) throw badRequest("source_id and target_id must name a card or column and its target in this project.");
    if (source.type === "Kanban::Card") {
      const pos = intOf(body.position);
      if (pos === undefined || pos < 0) throw badRequest("position is required: a 0-based index among the column's cards.");
      moveCard(store, source, target, pos + 1, c.var.me.id);
    } else if (source.type === "Kanban::Column") {
      if (target.type !== "Kanban::Board" || source.parentId !== target.id) throw badRequest("A column moves within its own card table: target_id must be the card table.");
      const pos = body.position === undefined || body.position === null ? 1 : intOf(body.position);
      if (pos === undefined || pos < 1) throw badRequest("position must be a whole number from 1 up.");
      requireWritable(source);
      store.moveRecording(source, pos, c.var.me.id);
      keepColumnOrder(store, target.id);
    } else {
      throw badRequest("source_id must be a card or a (normal) column.");
    }
    return noContent(c);
  });

  // ---- columns ------------------------------------------------------------------------
  r.get("/card_tables/columns/:id", (c) => {
    const col = findRecording(c, "id", COLUMN_TYPES);
    return sendJson(c, renderColumn(renderCtx(c), col), { lastModified: col.updatedAt });
  });

  r.post("/card_tables/:id/columns", (c) => {
    const store = c.var.sim.store;
    const board = findRecording(c, "id", BOARD);
    requireWritable(board);
    const body = bodyOf(c);
    const title = requiredString(body, "title");
    const description = optionalString(body, "description") ?? "";
    const col = store.insertRecording({ type: "Kanban::Column", bucketId: board.bucketId, parentId: board.id, creatorId: c.var.me.id, title, description, color: null, subscriberIds: [] });
    keepColumnOrder(store, board.id);
    return sendJson(c, renderColumn(renderCtx(c), col), { status: 201 });
  });

  r.put("/card_tables/columns/:id", (c) => {
    const col = findRecording(c, "id", COLUMN_TYPES);
    requireWritable(col);
    const body = bodyOf(c);
    const title = optionalString(body, "title");
    // Left out, the description is kept (the reference names no full replace here); null clears it.
    const description = clearableString(body, "description");
    if (title !== undefined && title.trim() === "") throw validationFailed({ title: ["can't be blank"] });
    const titleChanged = title !== undefined && title !== col.title;
    if (title !== undefined) col.title = title;
    if (description !== undefined) col.description = description;
    if (titleChanged) c.var.sim.store.touch(col, "title_changed", c.var.me.id, {}, "title_updated");
    else c.var.sim.store.touch(col, "content_changed", c.var.me.id, {}, "content_updated");
    return sendJson(c, renderColumn(renderCtx(c), col));
  });

  const subscribe = (on: boolean) => (c: SimContext) => {
    const col = findRecording(c, "id", COLUMN_TYPES);
    const me = c.var.me.id;
    const has = col.subscriberIds.includes(me);
    if (on && !has) col.subscriberIds.push(me);
    if (!on && has) col.subscriberIds = col.subscriberIds.filter((p) => p !== me);
    if (on !== has) {
      c.var.sim.store.touch(col, "subscribers_changed", me, { added_person_ids: on ? [me] : [], removed_person_ids: on ? [] : [me] });
    }
    return noContent(c);
  };
  r.post("/card_tables/lists/:id/subscription", subscribe(true));
  r.delete("/card_tables/lists/:id/subscription", subscribe(false));

  const onHold = (on: boolean) => (c: SimContext) => {
    const col = findRecording(c, "id", COLUMN_TYPES);
    requireWritable(col);
    if ((col.onHold ?? false) !== on) {
      col.onHold = on;
      c.var.sim.store.touch(col, on ? "on_hold_added" : "on_hold_removed", c.var.me.id, {}, "content_updated");
    }
    return sendJson(c, renderColumn(renderCtx(c), col));
  };
  r.post("/card_tables/columns/:id/on_hold", onHold(true));
  r.delete("/card_tables/columns/:id/on_hold", onHold(false));

  r.put("/card_tables/columns/:id/color", (c) => {
    const col = findRecording(c, "id", COLUMN_TYPES);
    requireWritable(col);
    const color = bodyOf(c).color;
    if (typeof color !== "string" || !(CARD_COLORS as readonly string[]).includes(color)) {
      throw validationFailed({ color: [`must be one of ${CARD_COLORS.join(", ")}`] });
    }
    if (col.color !== color) {
      col.color = color;
      c.var.sim.store.touch(col, "color_changed", c.var.me.id, {}, "content_updated");
    }
    return sendJson(c, renderColumn(renderCtx(c), col));
  });

  // ---- cards --------------------------------------------------------------------------
  r.get("/card_tables/lists/:id/cards", (c) => {
    const col = findRecording(c, "id", COLUMN_TYPES);
    const status = statusQuery(c);
    const cards = c.var.sim.store.childrenOf(col.id, CARD).filter((x) => x.status === status);
    const ctx = renderCtx(c);
    return paginate(c, cards, (x) => renderCard(ctx, x), (x) => x.updatedAt);
  });

  r.get("/card_tables/cards/:id", (c) => {
    const card = findRecording(c, "id", CARD);
    return sendJson(c, renderCard(renderCtx(c), card), { lastModified: card.updatedAt });
  });

  r.post("/card_tables/lists/:id/cards", (c) => {
    const store = c.var.sim.store;
    const col = findRecording(c, "id", COLUMN_TYPES);
    requireWritable(col);
    const body = bodyOf(c);
    const title = requiredString(body, "title");
    const content = richText(store, "content", optionalString(body, "content") ?? "");
    const dueOn = optionalDate(body, "due_on") ?? null;
    const me = c.var.me.id;
    const done = col.type === "Kanban::DoneColumn";
    const card = store.insertRecording({
      type: "Kanban::Card",
      bucketId: col.bucketId,
      parentId: col.id,
      creatorId: me,
      title,
      content,
      description: content,
      completed: done,
      completedAt: done ? store.now() : null,
      completerId: done ? me : null,
      dueOn,
      assigneeIds: [],
      completionSubscriberIds: [],
      subscriberIds: [me],
    });
    claimAttachments(store, card);
    return sendJson(c, renderCard(renderCtx(c), card), { status: 201 });
  });

  r.put("/card_tables/cards/:id", (c) => {
    const card = findRecording(c, "id", CARD);
    requireWritable(card);
    const body = bodyOf(c);
    const title = optionalString(body, "title");
    if (title !== undefined && title.trim() === "") throw validationFailed({ title: ["can't be blank"] });
    const rawContent = optionalString(body, "content");
    const content = rawContent === undefined ? undefined : richText(c.var.sim.store, "content", rawContent, { owner: card });
    const dueOn = optionalDate(body, "due_on");
    const assignees = optionalPersonIds(c, body, "assignee_ids");
    const titleChanged = title !== undefined && title !== card.title;
    if (title !== undefined) card.title = title;
    if (content !== undefined) card.content = card.description = content;
    claimAttachments(c.var.sim.store, card);
    if (dueOn !== undefined) card.dueOn = dueOn;
    if (assignees !== undefined) card.assigneeIds = assignees;
    const store = c.var.sim.store;
    if (titleChanged) store.touch(card, "title_changed", c.var.me.id, {}, "title_updated");
    else store.touch(card, "content_changed", c.var.me.id, {}, "content_updated");
    return sendJson(c, renderCard(renderCtx(c), card));
  });

  r.post("/card_tables/cards/:id/moves", (c) => {
    const store = c.var.sim.store;
    const card = findRecording(c, "id", CARD);
    const body = bodyOf(c);
    const columnId = requiredId(body, "column_id");
    const raw = body.position;
    const pos = raw === undefined || raw === null ? 1 : intOf(raw);
    if (pos === undefined || pos <= 0) throw badRequest("position must be a whole number from 1 up.");
    let column = bodyRecording(store, columnId, card.bucketId);
    // A wormhole of the card's table sends it on to another project's column (routes/wormholes.ts).
    if (column?.type === "Kanban::Wormhole") column = throughWormhole(c, card, column);
    if (!column || !COLUMN_TYPES.includes(column.type)) throw badRequest("column_id must name a card table column in this project.");
    moveCard(store, card, column, pos, c.var.me.id);
    return noContent(c);
  });

  // ---- steps --------------------------------------------------------------------------
  r.post("/card_tables/cards/:id/steps", (c) => {
    const card = findRecording(c, "id", CARD);
    requireWritable(card);
    const body = bodyOf(c);
    const title = requiredString(body, "title");
    const dueOn = optionalDate(body, "due_on") ?? null;
    const assigneeIds = assigneesFrom(c, body) ?? [];
    const step = c.var.sim.store.insertRecording({
      type: "Kanban::Step",
      bucketId: card.bucketId,
      parentId: card.id,
      creatorId: c.var.me.id,
      title,
      completed: false,
      completedAt: null,
      completerId: null,
      dueOn,
      assigneeIds,
    });
    return sendJson(c, renderStep(renderCtx(c), step), { status: 201 });
  });

  // SDK-only (oas GetCardStep): one step by its own ID.
  r.get("/card_tables/steps/:id", (c) => {
    const step = findRecording(c, "id", STEP);
    return sendJson(c, renderStep(renderCtx(c), step), { lastModified: step.updatedAt });
  });

  r.put("/card_tables/steps/:id", (c) => {
    const step = findRecording(c, "id", STEP);
    requireWritable(step);
    const body = bodyOf(c);
    const title = optionalString(body, "title");
    if (title !== undefined && title.trim() === "") throw validationFailed({ title: ["can't be blank"] });
    const dueOn = optionalDate(body, "due_on");
    const assignees = assigneesFrom(c, body);
    const titleChanged = title !== undefined && title !== step.title;
    if (title !== undefined) step.title = title;
    if (dueOn !== undefined) step.dueOn = dueOn;
    if (assignees !== undefined) step.assigneeIds = assignees;
    const store = c.var.sim.store;
    if (titleChanged) store.touch(step, "title_changed", c.var.me.id, {}, "title_updated");
    else store.touch(step, "content_changed", c.var.me.id, {}, "content_updated");
    return sendJson(c, renderStep(renderCtx(c), step));
  });

  r.put("/card_tables/steps/:id/completions", (c) => {
    const store = c.var.sim.store;
    const step = findRecording(c, "id", STEP);
    requireWritable(step);
    const completion = bodyOf(c).completion;
    if (completion !== "on" && completion !== "off") throw validationFailed({ completion: ['must be "on" or "off"'] });
    const on = completion === "on";
    if ((step.completed ?? false) !== on) {
      step.completed = on;
      step.completedAt = on ? store.now() : null;
      step.completerId = on ? c.var.me.id : null;
      store.touch(step, on ? "completed" : "uncompleted", c.var.me.id);
    }
    return sendJson(c, renderStep(renderCtx(c), step));
  });

  r.post("/card_tables/cards/:id/positions", (c) => {
    const store = c.var.sim.store;
    const card = findRecording(c, "id", CARD);
    requireWritable(card);
    const body = bodyOf(c);
    const stepId = requiredId(body, "source_id");
    const pos = intOf(body.position);
    if (pos === undefined || pos < 0) throw badRequest("position is required: a 0-based index among the card's steps.");
    const step = store.getRecording(stepId);
    if (!step || step.type !== "Kanban::Step" || step.parentId !== card.id) throw badRequest("source_id must name a step of this card.");
    store.moveRecording(step, pos + 1, c.var.me.id);
    // The reference answers 200 with no body.
    return c.body(null, 200);
  });
}

