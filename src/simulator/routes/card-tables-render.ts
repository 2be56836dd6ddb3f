// JSON shapes of the card table family: the table (Kanban::Board), its columns, cards and
// steps, plus the column-order rule the routes share.
import { apiBase, baseRecording, registerRenderer, renderPeople, renderRecording, type Json, type RenderCtx } from "../render.js";
import type { Id, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

export const COLUMN_TYPES: readonly RecType[] = ["Kanban::Triage", "Kanban::Column", "Kanban::NotNowColumn", "Kanban::DoneColumn"];
export const CARD_COLORS = ["white", "red", "orange", "yellow", "green", "blue", "aqua", "purple", "gray", "pink", "brown"] as const;

function activeChildren(store: Store, id: Id, types: readonly RecType[]): Recording[] {
  return store.childrenOf(id, types).filter((r) => r.status === "active");
}

function columnCardsUrl(ctx: RenderCtx, col: Recording): string {
  return `${apiBase(ctx)}/buckets/${col.bucketId}/card_tables/lists/${col.id}/cards.json`;
}

export function renderStep(ctx: RenderCtx, step: Recording): Json {
  // The reference's CardStep has no subscription_url (steps are not subscribable).
  const { subscription_url: _unused, ...base } = baseRecording(ctx, step);
  void _unused;
  return {
    ...base,
    // Steps count from zero (as POST /card_tables/cards/{id}/positions.json takes them).
    position: ctx.store.positionOf(step) - 1,
    completed: step.completed ?? false,
    // A plain string in the reference (unlike a card's): a step without a due date leaves it out.
    ...(step.dueOn ? { due_on: step.dueOn } : {}),
    assignees: renderPeople(ctx, step.assigneeIds),
    completion_url: `${apiBase(ctx)}/card_tables/steps/${step.id}/completions.json`,
  };
}

export function renderCard(ctx: RenderCtx, card: Recording): Json {
  const base = baseRecording(ctx, card);
  return {
    ...base,
    position: ctx.store.positionOf(card),
    description: card.content ?? "",
    completed: card.completed ?? false,
    content: card.content ?? "",
    due_on: card.dueOn ?? null,
    assignees: renderPeople(ctx, card.assigneeIds),
    completion_subscribers: renderPeople(ctx, card.completionSubscriberIds),
    completion_url: `${apiBase(ctx)}/todos/${card.id}/completion.json`,
    comment_count: base.comments_count ?? 0,
    steps: activeChildren(ctx.store, card.id, ["Kanban::Step"]).map((s) => renderStep(ctx, s)),
  };
}

export function renderColumn(ctx: RenderCtx, col: Recording): Json {
  const store = ctx.store;
  const out: Json = {
    ...baseRecording(ctx, col),
    position: store.positionOf(col, COLUMN_TYPES),
    description: col.description ?? "",
    subscribers: renderPeople(ctx, col.subscriberIds),
    // A plain string in the reference: a column without a color leaves it out.
    ...(col.color ? { color: col.color } : {}),
    cards_count: activeChildren(store, col.id, ["Kanban::Card"]).length,
    comment_count: activeChildren(store, col.id, ["Comment"]).length,
    cards_url: columnCardsUrl(ctx, col),
  };
  if (col.onHold) {
    out.on_hold = {
      id: col.id,
      status: col.status,
      inherits_status: true,
      title: "On hold",
      created_at: out.created_at,
      updated_at: out.updated_at,
      cards_count: 0,
      cards_url: columnCardsUrl(ctx, col),
    };
  }
  return out;
}

export function renderBoard(ctx: RenderCtx, board: Recording): Json {
  return {
    ...baseRecording(ctx, board),
    subscribers: renderPeople(ctx, board.subscriberIds),
    public_link_url: null,
    lists: activeChildren(ctx.store, board.id, COLUMN_TYPES).map((c) => renderColumn(ctx, c)),
    // Shortcuts to columns of other card tables (src/simulator/routes/wormholes.ts).
    wormholes: activeChildren(ctx.store, board.id, ["Kanban::Wormhole"]).map((w) => renderRecording(ctx, w)),
  };
}

registerRenderer("Kanban::Board", renderBoard);
registerRenderer(COLUMN_TYPES, renderColumn);
registerRenderer("Kanban::Card", renderCard);
registerRenderer("Kanban::Step", renderStep);

const COLUMN_ORDER: Partial<Record<RecType, number>> = {
  "Kanban::Triage": 0,
  "Kanban::Column": 1,
  "Kanban::NotNowColumn": 2,
  "Kanban::DoneColumn": 3,
};

/**
 * Keep a table's columns in Basecamp's order: triage, the normal columns (in their own
 * order), then Not now and Done. The store places new or moved columns by same-type
 * siblings only, which can leave a normal column after Done; this puts it back.
 */
export function keepColumnOrder(store: Store, boardId: Id): void {
  const ids = store.children.get(boardId);
  if (!ids) return;
  const rank = (id: Id): number => {
    const r = store.recordings.get(id);
    return (r && COLUMN_ORDER[r.type]) ?? 1;
  };
  const sorted = ids.map((id, i) => ({ id, i, k: rank(id) })).sort((a, b) => a.k - b.k || a.i - b.i);
  sorted.forEach((e, i) => (ids[i] = e.id));
}
