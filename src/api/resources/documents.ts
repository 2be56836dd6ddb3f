// Documents in a vault.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
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

  /** Change the title or content and keep the other (reads the document, sends it whole). */
  async update(documentId: IdLike, changes: Partial<DocumentUpdate>, opts: Signal = {}): Promise<Document> {
    return this.edit<Document>(EDIT.document, `/documents/${this.id(documentId, KIND.document, "document")}.json`, changes, opts);
  }
}
