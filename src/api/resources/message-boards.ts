// Message boards (the dock's "message_board").
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { MessageBoard, Signal } from "../types.js";

export class MessageBoards extends Resource {
  async get(boardId: IdLike, opts: Signal = {}): Promise<MessageBoard> {
    return this.read<MessageBoard>(`/message_boards/${this.id(boardId, KIND.messageBoard, "message board")}.json`, undefined, opts);
  }
}
