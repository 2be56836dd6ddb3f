// Full-text search over everything the signed-in person can see.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { PageOptions, SearchMetadata, SearchResult, Signal } from "../types.js";

export interface SearchOptions extends PageOptions {
  /** A metadata key: "Todo", "Message", "Document", "Kanban::Card" … (default everything). */
  type?: string;
  bucket_id?: IdLike;
  creator_id?: IdLike;
  /** "Image", "Audio", "Video", "PDF". */
  file_type?: string;
  exclude_chat?: boolean;
  /** Results per page (default 50). */
  per_page?: number;
}

export class Search extends Resource {
  /** Every result for `q`, most relevant and recent first. */
  search(q: string, opts: SearchOptions = {}): PageIterator<SearchResult> {
    const { type, bucket_id, creator_id, file_type, exclude_chat, per_page, ...page } = opts;
    const query = {
      q,
      type,
      bucket_id: bucket_id === undefined ? undefined : this.id(bucket_id, KIND.project, "project"),
      creator_id: creator_id === undefined ? undefined : this.id(creator_id, KIND.person, "person"),
      file_type,
      exclude_chat: exclude_chat ? 1 : undefined,
      per_page,
    };
    return this.iterate<SearchResult>("/search.json", { ...page, query });
  }

  /** The type and file-type keys `search` accepts. */
  async metadata(opts: Signal = {}): Promise<SearchMetadata> {
    return this.read<SearchMetadata>("/searches/metadata.json", undefined, opts);
  }
}
