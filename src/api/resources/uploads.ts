// Uploads (files) in a vault. The bytes go up first with `attachments.upload`.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { NewUpload, NewUploadVersion, PageOptions, Signal, StatusListOptions, Upload, UploadUpdate, UploadVersion } from "../types.js";

export class Uploads extends Resource {
  private uid(id: IdLike): string {
    return this.id(id, KIND.upload, "upload");
  }

  list(vaultId: IdLike, opts: StatusListOptions = {}): PageIterator<Upload> {
    const { status, ...page } = opts;
    return this.iterate<Upload>(`/vaults/${this.id(vaultId, KIND.vault, "vault")}/uploads.json`, { ...page, query: { status } });
  }

  async get(uploadId: IdLike, opts: Signal = {}): Promise<Upload> {
    return this.read<Upload>(`/uploads/${this.uid(uploadId)}.json`, undefined, opts);
  }

  /** Place an uploaded attachment (`attachable_sgid`) in a vault. */
  async create(vaultId: IdLike, upload: NewUpload, opts: Signal = {}): Promise<Upload> {
    return this.send<Upload>("POST", `/vaults/${this.id(vaultId, KIND.vault, "vault")}/uploads.json`, upload, opts);
  }

  /** Change the description or file name (not the file), keeping the other (reads the upload, sends it whole). */
  async update(uploadId: IdLike, changes: UploadUpdate, opts: Signal = {}): Promise<Upload> {
    return this.edit<Upload>(EDIT.upload, `/uploads/${this.uid(uploadId)}.json`, changes, opts);
  }

  /** The file's versions (creation and replacements), newest first, each with its file (`upload`). */
  versions(uploadId: IdLike, opts: PageOptions = {}): PageIterator<UploadVersion> {
    return this.iterate<UploadVersion>(`/uploads/${this.uid(uploadId)}/versions.json`, opts);
  }

  /** Give the upload a new file (an uploaded attachment's `attachable_sgid`); it keeps its id, the old file stays a version. */
  async replaceFile(uploadId: IdLike, version: NewUploadVersion, opts: Signal = {}): Promise<Upload> {
    return this.send<Upload>("POST", `/uploads/${this.uid(uploadId)}/versions.json`, version, opts);
  }
}
