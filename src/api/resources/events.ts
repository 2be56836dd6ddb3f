// The history of a recording.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { PageOptions, RecordingEvent } from "../types.js";

export class Events extends Resource {
  /** Everything that happened to a recording, oldest first. */
  list(recordingId: IdLike, opts: PageOptions = {}): PageIterator<RecordingEvent> {
    return this.iterate<RecordingEvent>(`/recordings/${this.id(recordingId, KIND.recording, "recording")}/events.json`, opts);
  }
}
