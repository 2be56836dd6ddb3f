// Attachments: raw file bytes up (POST /attachments.json) and down (a download URL).
import { Resource } from "../resource.js";
import type { Attachment, FileOptions, Signal } from "../types.js";

export class Attachments extends Resource {
  /**
   * Upload bytes; use the answer's `attachable_sgid` in `uploads.create` or in rich text.
   * Each attachment can be used once.
   */
  async upload(bytes: Uint8Array, file: FileOptions): Promise<Attachment> {
    return this.send<Attachment>("POST", "/attachments.json", undefined, {
      query: { name: file.name },
      raw: { bytes, contentType: file.contentType ?? "application/octet-stream" },
      signal: file.signal,
    });
  }

  /**
   * The bytes of a file: a `download_url`, or a record that has one (upload, attachment).
   * Redirects (to file storage) are followed; credentials go to the API origin only.
   */
  async download(source: string | { download_url: string }, opts: Signal = {}): Promise<Uint8Array> {
    const url = typeof source === "string" ? source : source.download_url;
    return (await this.road.request<Uint8Array>("GET", url, { responseType: "bytes", signal: opts.signal })).data;
  }
}
