// Comments on any commentable recording (to-dos, messages, documents, cards …).
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { Comment, PageOptions, Signal } from "../types.js";

export class Comments extends Resource {
  /** Active comments of a recording, oldest first. The recording may be given by its URL. */
  list(recordingId: IdLike, opts: PageOptions = {}): PageIterator<Comment> {
    return this.iterate<Comment>(`/recordings/${this.id(recordingId, KIND.recording, "recording")}/comments.json`, opts);
  }

  async get(commentId: IdLike, opts: Signal = {}): Promise<Comment> {
    return this.read<Comment>(`/comments/${this.id(commentId, KIND.comment, "comment")}.json`, undefined, opts);
  }

  /** Comment on a recording (rich text HTML); notifies its subscribers. */
  async create(recordingId: IdLike, content: string, opts: Signal = {}): Promise<Comment> {
    return this.send<Comment>("POST", `/recordings/${this.id(recordingId, KIND.recording, "recording")}/comments.json`, { content }, opts);
  }

  /** New content (a string, or `{ content }`); reads the comment first and refuses anything else. */
  async update(commentId: IdLike, changes: string | { content?: string }, opts: Signal = {}): Promise<Comment> {
    return this.edit<Comment>(EDIT.comment, `/comments/${this.id(commentId, KIND.comment, "comment")}.json`, typeof changes === "string" ? { content: changes } : changes, opts);
  }
}
