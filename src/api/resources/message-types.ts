// Message types (categories) of a project; these routes exist only under /buckets/{project}.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { MessageType, NewMessageType, PageOptions, Signal } from "../types.js";

export class MessageTypes extends Resource {
  private base(projectId: IdLike): string {
    return `/buckets/${this.id(projectId, KIND.project, "project")}/categories`;
  }

  private tid(id: IdLike): string {
    return this.id(id, KIND.messageType, "message type");
  }

  /** The project's message types (one page: Basecamp does not paginate them). */
  list(projectId: IdLike, opts: PageOptions = {}): PageIterator<MessageType> {
    return this.iterate<MessageType>(`${this.base(projectId)}.json`, opts);
  }

  async get(projectId: IdLike, typeId: IdLike, opts: Signal = {}): Promise<MessageType> {
    return this.read<MessageType>(`${this.base(projectId)}/${this.tid(typeId)}.json`, undefined, opts);
  }

  async create(projectId: IdLike, type: NewMessageType, opts: Signal = {}): Promise<MessageType> {
    return this.send<MessageType>("POST", `${this.base(projectId)}.json`, type, opts);
  }

  /** Change the name or icon and keep the other (reads the type, sends it whole). */
  async update(projectId: IdLike, typeId: IdLike, changes: Partial<NewMessageType>, opts: Signal = {}): Promise<MessageType> {
    return this.edit<MessageType>(EDIT.messageType, `${this.base(projectId)}/${this.tid(typeId)}.json`, changes, opts);
  }

  async delete(projectId: IdLike, typeId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `${this.base(projectId)}/${this.tid(typeId)}.json`, undefined, opts);
  }
}
