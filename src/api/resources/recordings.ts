// Recordings across projects: list by type, and trash / archive / unarchive any of them.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { PageOptions, Recording, Signal, SortOptions, Status } from "../types.js";

/** Types `GET /projects/recordings.json` lists. */
export type RecordingType = "Comment" | "Document" | "Kanban::Card" | "Kanban::Step" | "Message" | "Question::Answer" | "Schedule::Entry" | "Todo" | "Todolist" | "Upload" | "Vault";

export interface RecordingListOptions extends PageOptions, SortOptions {
  /** One project or several (default: every active project visible). */
  bucket?: IdLike | IdLike[];
  status?: Status;
}

export class Recordings extends operationResource(
  {
    /** Show a recording to the project's clients or hide it. */
    setClientVisibility: "SetClientVisibility",
  },
  Resource,
) {
  private rid(id: IdLike): string {
    return this.id(id, KIND.recording, "recording");
  }

  /** Recordings of one type across projects, newest first by default. */
  list<T extends Recording = Recording>(type: RecordingType, opts: RecordingListOptions = {}): PageIterator<T> {
    const { bucket, status, sort, direction, ...page } = opts;
    const buckets = bucket === undefined ? undefined : (Array.isArray(bucket) ? bucket : [bucket]).map((b) => this.id(b, KIND.project, "project")).join(",");
    return this.iterate<T>("/projects/recordings.json", { ...page, query: { type, bucket: buckets, status, sort, direction } });
  }

  /** Any recording by its ID or URL, whatever its type (check `type` before relying on its fields). */
  async get<T extends Recording = Recording>(recordingId: IdLike, opts: Signal = {}): Promise<T> {
    return this.read<T>(`/recordings/${this.rid(recordingId)}.json`, undefined, opts);
  }

  async trash(recordingId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("PUT", `/recordings/${this.rid(recordingId)}/status/trashed.json`, undefined, opts);
  }

  async archive(recordingId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("PUT", `/recordings/${this.rid(recordingId)}/status/archived.json`, undefined, opts);
  }

  /** Back to active (from the archive, or from the trash). */
  async unarchive(recordingId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("PUT", `/recordings/${this.rid(recordingId)}/status/active.json`, undefined, opts);
  }
}
