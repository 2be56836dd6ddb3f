// Documents in a vault.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { Document, DocumentUpdate, NewDocument, Signal, StatusListOptions } from "../types.js";

export class Documents extends Resource {
  list(vaultId: IdLike, opts: StatusListOptions = {}): PageIterator<Document> {
    const { status, ...page } = opts;
    return this.iterate<Document>(`/vaults/${this.id(vaultId, KIND.vault, "vault")}/documents.json`, { ...page, query: { status } });
  }

  async get(documentId: IdLike, opts: Signal = {}): Promise<Document> {
    return this.read<Document>(`/documents/${this.id(documentId, KIND.document, "document")}.json`, undefined, opts);
  }

  async create(vaultId: IdLike, doc: NewDocument, opts: Signal = {}): Promise<Document> {
    return this.send<Document>("POST", `/vaults/${this.id(vaultId, KIND.vault, "vault")}/documents.json`, { status: "active", ...doc }, opts);
  }

  /** `title` is required; `content` left out stays as it is. */
  async update(documentId: IdLike, doc: DocumentUpdate, opts: Signal = {}): Promise<Document> {
    return this.send<Document>("PUT", `/documents/${this.id(documentId, KIND.document, "document")}.json`, doc, opts);
  }
}
