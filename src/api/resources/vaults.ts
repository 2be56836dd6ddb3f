// Vaults (folders of Docs & Files): read, child folders, create, rename.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
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

  /** Rename a folder. */
  async update(vaultId: IdLike, title: string, opts: Signal = {}): Promise<Vault> {
    return this.send<Vault>("PUT", `/vaults/${this.vid(vaultId)}.json`, { title }, opts);
  }
}
