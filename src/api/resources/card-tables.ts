// Card tables (Kanban): the table, columns, cards and steps.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { bodyId, KIND, personIds } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { Card, CardStep, CardTable, CardTableColumn, CardUpdate, Color, ColumnUpdate, NewCard, NewColumn, NewStep, Signal, StatusListOptions, StepUpdate } from "../types.js";

export type CardChanges = Omit<CardUpdate, "assignee_ids"> & { assignee_ids?: IdLike[] };
export type StepInput = Omit<NewStep, "assignee_ids"> & { assignee_ids?: IdLike[] };
export type StepChanges = Omit<StepUpdate, "assignee_ids"> & { assignee_ids?: IdLike[] };

export class CardTables extends Resource {
  private tab(id: IdLike): string {
    return this.id(id, KIND.cardTable, "card table");
  }
  private col(id: IdLike): string {
    return this.id(id, KIND.column, "card table column");
  }
  private crd(id: IdLike): string {
    return this.id(id, KIND.card, "card");
  }
  private stp(id: IdLike): string {
    return this.id(id, KIND.step, "card step");
  }

  // ---- the table and its columns ----------------------------------------------------------

  /** The table with its columns (`lists`). */
  async get(cardTableId: IdLike, opts: Signal = {}): Promise<CardTable> {
    return this.read<CardTable>(`/card_tables/${this.tab(cardTableId)}.json`, undefined, opts);
  }

  async column(columnId: IdLike, opts: Signal = {}): Promise<CardTableColumn> {
    return this.read<CardTableColumn>(`/card_tables/columns/${this.col(columnId)}.json`, undefined, opts);
  }

  async createColumn(cardTableId: IdLike, column: NewColumn, opts: Signal = {}): Promise<CardTableColumn> {
    return this.send<CardTableColumn>("POST", `/card_tables/${this.tab(cardTableId)}/columns.json`, column, opts);
  }

  /** Change the title or description and keep the other (reads the column, sends it whole). */
  async updateColumn(columnId: IdLike, changes: ColumnUpdate, opts: Signal = {}): Promise<CardTableColumn> {
    return this.edit<CardTableColumn>(EDIT.column, `/card_tables/columns/${this.col(columnId)}.json`, changes, opts);
  }

  /** Move a column to `position` (1-based among the normal columns) of its table. */
  async moveColumn(cardTableId: IdLike, columnId: IdLike, position = 1, opts: Signal = {}): Promise<void> {
    const body = { source_id: bodyId(columnId, KIND.column, "card table column", this.road.urlScope), target_id: bodyId(cardTableId, KIND.cardTable, "card table", this.road.urlScope), position };
    await this.send("POST", `/card_tables/${this.tab(cardTableId)}/moves.json`, body, opts);
  }

  async setColumnColor(columnId: IdLike, color: Color, opts: Signal = {}): Promise<CardTableColumn> {
    return this.send<CardTableColumn>("PUT", `/card_tables/columns/${this.col(columnId)}/color.json`, { color }, opts);
  }

  /** Watch a column (get notified about its cards). */
  async watchColumn(columnId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("POST", `/card_tables/lists/${this.col(columnId)}/subscription.json`, undefined, { ...opts, idempotent: true });
  }

  async unwatchColumn(columnId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `/card_tables/lists/${this.col(columnId)}/subscription.json`, undefined, opts);
  }

  /** Add (true) or remove (false) a column's on-hold section. */
  async setOnHold(columnId: IdLike, on: boolean, opts: Signal = {}): Promise<CardTableColumn> {
    return this.send<CardTableColumn>(on ? "POST" : "DELETE", `/card_tables/columns/${this.col(columnId)}/on_hold.json`, undefined, { ...opts, idempotent: true });
  }

  // ---- cards ------------------------------------------------------------------------------

  cards(columnId: IdLike, opts: StatusListOptions = {}): PageIterator<Card> {
    const { status, ...page } = opts;
    return this.iterate<Card>(`/card_tables/lists/${this.col(columnId)}/cards.json`, { ...page, query: { status } });
  }

  /** A card with its steps. */
  async card(cardId: IdLike, opts: Signal = {}): Promise<Card> {
    return this.read<Card>(`/card_tables/cards/${this.crd(cardId)}.json`, undefined, opts);
  }

  async createCard(columnId: IdLike, card: NewCard, opts: Signal = {}): Promise<Card> {
    return this.send<Card>("POST", `/card_tables/lists/${this.col(columnId)}/cards.json`, card, opts);
  }

  /** Change some fields and keep the rest (reads the card, sends it whole); `due_on: null` clears the date. */
  async updateCard(cardId: IdLike, changes: CardChanges, opts: Signal = {}): Promise<Card> {
    return this.edit<Card>(EDIT.card, `/card_tables/cards/${this.crd(cardId)}.json`, changes, opts);
  }

  /** Move a card to a column, at `position` (1-based, default 1: the top). A Done column completes it. */
  async moveCard(cardId: IdLike, columnId: IdLike, position = 1, opts: Signal = {}): Promise<void> {
    const body = { column_id: bodyId(columnId, KIND.column, "card table column", this.road.urlScope), position };
    await this.send("POST", `/card_tables/cards/${this.crd(cardId)}/moves.json`, body, opts);
  }

  // ---- steps ------------------------------------------------------------------------------

  async createStep(cardId: IdLike, step: StepInput, opts: Signal = {}): Promise<CardStep> {
    return this.send<CardStep>("POST", `/card_tables/cards/${this.crd(cardId)}/steps.json`, { ...step, assignee_ids: personIds(step.assignee_ids, this.road.urlScope) }, opts);
  }

  async step(stepId: IdLike, opts: Signal = {}): Promise<CardStep> {
    return this.read<CardStep>(`/card_tables/steps/${this.stp(stepId)}.json`, undefined, opts);
  }

  /** Change some fields and keep the rest (reads the step, sends it whole); `due_on: null` clears the date. */
  async updateStep(stepId: IdLike, changes: StepChanges, opts: Signal = {}): Promise<CardStep> {
    return this.edit<CardStep>(EDIT.step, `/card_tables/steps/${this.stp(stepId)}.json`, changes, opts);
  }

  async completeStep(stepId: IdLike, opts: Signal = {}): Promise<CardStep> {
    return this.send<CardStep>("PUT", `/card_tables/steps/${this.stp(stepId)}/completions.json`, { completion: "on" }, opts);
  }

  async uncompleteStep(stepId: IdLike, opts: Signal = {}): Promise<CardStep> {
    return this.send<CardStep>("PUT", `/card_tables/steps/${this.stp(stepId)}/completions.json`, { completion: "off" }, opts);
  }

  /** Move a step of a card to `position` (0-based, as Basecamp counts steps). */
  async repositionStep(cardId: IdLike, stepId: IdLike, position: number, opts: Signal = {}): Promise<void> {
    const body = { source_id: bodyId(stepId, KIND.step, "card step", this.road.urlScope), position };
    await this.send("POST", `/card_tables/cards/${this.crd(cardId)}/positions.json`, body, opts);
  }
}
