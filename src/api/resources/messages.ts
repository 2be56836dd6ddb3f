// Messages on a message board: list, read, post, edit, pin and unpin.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike, UrlScope } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { bodyId, KIND, personIds } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { Message, MessageListOptions, PageOptions, Signal } from "../types.js";

export interface NewMessageInput {
  subject: string;
  /** Rich text (HTML). */
  content?: string;
  category_id?: IdLike | null;
  /** People to notify and subscribe; left out, everyone on the project is. */
  subscriptions?: IdLike[];
}

export interface MessageChanges {
  subject?: string;
  content?: string;
  category_id?: IdLike | null;
}

function category(v: IdLike | null | undefined, scope: UrlScope | undefined) {
  return v === undefined || v === null ? v : bodyId(v, KIND.messageType, "message type", scope);
}

export class Messages extends Resource {
  private mid(id: IdLike): string {
    return this.id(id, KIND.message, "message");
  }

  /** Messages of a board, newest first unless `sort`/`direction` say otherwise. */
  list(boardId: IdLike, opts: PageOptions & MessageListOptions = {}): PageIterator<Message> {
    const { sort, direction, status, ...page } = opts;
    return this.iterate<Message>(`/message_boards/${this.id(boardId, KIND.messageBoard, "message board")}/messages.json`, { ...page, query: { sort, direction, status } });
  }

  async get(messageId: IdLike, opts: Signal = {}): Promise<Message> {
    return this.read<Message>(`/messages/${this.mid(messageId)}.json`, undefined, opts);
  }

  async create(boardId: IdLike, message: NewMessageInput, opts: Signal = {}): Promise<Message> {
    const body = { ...message, status: "active", category_id: category(message.category_id, this.road.urlScope), subscriptions: personIds(message.subscriptions, this.road.urlScope) };
    return this.send<Message>("POST", `/message_boards/${this.id(boardId, KIND.messageBoard, "message board")}/messages.json`, body, opts);
  }

  /** Change some fields and keep the rest (reads the message, sends it whole); `category_id: null` clears the type. */
  async update(messageId: IdLike, changes: MessageChanges, opts: Signal = {}): Promise<Message> {
    return this.edit<Message>(EDIT.message, `/messages/${this.mid(messageId)}.json`, changes, opts);
  }

  async pin(messageId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("POST", `/recordings/${this.mid(messageId)}/pin.json`, undefined, { ...opts, idempotent: true });
  }

  async unpin(messageId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `/recordings/${this.mid(messageId)}/pin.json`, undefined, opts);
  }
}
