// Vaults (folders of Docs & Files): read, child folders, create, rename.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { Signal, StatusListOptions, Vault } from "../types.js";

export class Vaults extends Resource {
  private vid(id: IdLike): string {
    return this.id(id, KIND.vault, "vault");
  }

  async get(vaultId: IdLike, opts: Signal = {}): Promise<Vault> {
    return this.read<Vault>(`/vaults/${this.vid(vaultId)}.json`, undefined, opts);
  }

  /** The folders inside a folder. */
  list(vaultId: IdLike, opts: StatusListOptions = {}): PageIterator<Vault> {
    const { status, ...page } = opts;
    return this.iterate<Vault>(`/vaults/${this.vid(vaultId)}/vaults.json`, { ...page, query: { status } });
  }

  /** A new folder inside `parentVaultId`. */
  async create(parentVaultId: IdLike, title: string, opts: Signal = {}): Promise<Vault> {
    return this.send<Vault>("POST", `/vaults/${this.vid(parentVaultId)}/vaults.json`, { title }, opts);
  }

  /** Rename a folder (a title, or `{ title }`); reads the vault first and refuses anything else. */
  async update(vaultId: IdLike, changes: string | { title?: string }, opts: Signal = {}): Promise<Vault> {
    return this.edit<Vault>(EDIT.vault, `/vaults/${this.vid(vaultId)}.json`, typeof changes === "string" ? { title: changes } : changes, opts);
  }
}
