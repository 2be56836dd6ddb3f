// Campfires (chats): rooms, lines, uploads, and a handle for one room.
import type { PageIterator } from "../../http/pagination.js";
import type { Id } from "../../http/json.js";
import { parseBasecampUrl, type IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { Campfire, CampfireLine, FileOptions, PageOptions, Signal, SortOptions } from "../types.js";

export interface WriteOptions extends Signal {
  /** Send `content` as rich text (HTML) instead of plain text. */
  rich?: boolean;
}

/** One campfire, in the style of the Python wrapper: `client.campfire(id).write("Hello")`. */
export interface CampfireHandle {
  readonly id: Id;
  info(opts?: Signal): Promise<Campfire>;
  write(content: string, opts?: WriteOptions): Promise<CampfireLine>;
  lines(opts?: PageOptions & SortOptions): PageIterator<CampfireLine>;
  upload(bytes: Uint8Array, file: FileOptions): Promise<CampfireLine>;
}

export class Campfires extends operationResource(
  {
    /** Change a line's text (your own lines only). */
    updateLine: "UpdateCampfireLine",
  },
  Resource,
) {
  private cid(id: IdLike): string {
    return this.id(id, KIND.campfire, "campfire");
  }

  /** The campfire and line IDs: `(campfire, line)`, or a line URL alone (it names both). */
  private lineRef(campfireOrLineUrl: IdLike, lineId: IdLike | undefined): [string, string] {
    if (lineId !== undefined) return [this.cid(campfireOrLineUrl), this.id(lineId, KIND.line, "campfire line")];
    const lid = this.id(campfireOrLineUrl, KIND.line, "campfire line");
    const parent = typeof campfireOrLineUrl === "string" ? parseBasecampUrl(campfireOrLineUrl.trim())?.parentId : undefined;
    if (parent === undefined) throw new TypeError("Give the campfire ID and the line ID, or the line's URL (it names both).");
    return [String(parent), lid];
  }

  /** Every campfire the signed-in person can see. */
  list(opts: PageOptions = {}): PageIterator<Campfire> {
    return this.iterate<Campfire>("/chats.json", opts);
  }

  async get(campfireId: IdLike, opts: Signal = {}): Promise<Campfire> {
    return this.read<Campfire>(`/chats/${this.cid(campfireId)}.json`, undefined, opts);
  }

  /** Lines of a campfire (newest first by default). */
  lines(campfireId: IdLike, opts: PageOptions & SortOptions = {}): PageIterator<CampfireLine> {
    const { sort, direction, ...page } = opts;
    return this.iterate<CampfireLine>(`/chats/${this.cid(campfireId)}/lines.json`, { ...page, query: { sort, direction } });
  }

  /** One line: `line(campfireId, lineId)` or `line(lineUrl)`. */
  async line(campfireOrLineUrl: IdLike, lineId?: IdLike, opts: Signal = {}): Promise<CampfireLine> {
    const [c, l] = this.lineRef(campfireOrLineUrl, lineId);
    return this.read<CampfireLine>(`/chats/${c}/lines/${l}.json`, undefined, opts);
  }

  /** Post a line; `{ rich: true }` sends HTML. */
  async write(campfireId: IdLike, content: string, opts: WriteOptions = {}): Promise<CampfireLine> {
    const body = { content, content_type: opts.rich ? "text/html" : undefined };
    return this.send<CampfireLine>("POST", `/chats/${this.cid(campfireId)}/lines.json`, body, { signal: opts.signal });
  }

  /** Delete a line: `deleteLine(campfireId, lineId)` or `deleteLine(lineUrl)`. */
  async deleteLine(campfireOrLineUrl: IdLike, lineId?: IdLike, opts: Signal = {}): Promise<void> {
    const [c, l] = this.lineRef(campfireOrLineUrl, lineId);
    await this.send("DELETE", `/chats/${c}/lines/${l}.json`, undefined, opts);
  }

  /** Files posted in a campfire, newest first. */
  uploads(campfireId: IdLike, opts: PageOptions = {}): PageIterator<CampfireLine> {
    return this.iterate<CampfireLine>(`/chats/${this.cid(campfireId)}/uploads.json`, opts);
  }

  /** Post a file into a campfire (raw bytes). */
  async upload(campfireId: IdLike, bytes: Uint8Array, file: FileOptions): Promise<CampfireLine> {
    return this.send<CampfireLine>("POST", `/chats/${this.cid(campfireId)}/uploads.json`, undefined, {
      query: { name: file.name },
      raw: { bytes, contentType: file.contentType ?? "application/octet-stream" },
      signal: file.signal,
    });
  }

  /** A handle on one campfire: `info()`, `write(content)`, `lines()`, `upload(…)`. */
  handle(campfireId: IdLike): CampfireHandle {
    const cid = this.cid(campfireId);
    const id: Id = /^\d+$/.test(cid) && Number.isSafeInteger(Number(cid)) ? Number(cid) : BigInt(cid);
    return {
      id,
      info: (opts) => this.get(cid, opts),
      write: (content, opts) => this.write(cid, content, opts),
      lines: (opts) => this.lines(cid, opts),
      upload: (bytes, file) => this.upload(cid, bytes, file),
    };
  }
}
