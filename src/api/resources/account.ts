// The account: GET /account.json.
import { Resource } from "../resource.js";
import type { Account, Signal } from "../types.js";

export class AccountResource extends Resource {
  /** The account this client is signed in to. */
  async get(opts: Signal = {}): Promise<Account> {
    return this.read<Account>("/account.json", undefined, opts);
  }
}
