// The account: GET /account.json.
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { Account, Signal } from "../types.js";

export class AccountResource extends operationResource(
  {
    updateName: "UpdateAccountName",
    /** A new logo: `updateLogo(form)` with a FormData holding `logo` (a Blob with a file name). */
    updateLogo: "UpdateAccountLogo",
    removeLogo: "RemoveAccountLogo",
  },
  Resource,
) {
  /** The account this client is signed in to. */
  async get(opts: Signal = {}): Promise<Account> {
    return this.read<Account>("/account.json", undefined, opts);
  }
}
