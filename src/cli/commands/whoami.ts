// `campctl whoami` (the signed-in person and account) and `campctl accounts`.
import type { GlobalOptions } from "../internal/context.js";
import { print, withConnection } from "./shared.js";

export async function runWhoami(g: GlobalOptions): Promise<void> {
  await withConnection(g, async (conn) => {
    const [person, account] = await Promise.all([conn.client.people.me(), conn.client.account.get()]);
    print(g, { person, account }, [{ name: person.name, email: person.email_address, account: account.name, account_id: account.id, person_id: person.id }]);
  });
}

/** The account this connection opens (Launchpad's full list needs the token; this is the one in use). */
export async function runAccounts(g: GlobalOptions): Promise<void> {
  await withConnection(g, async (conn) => {
    const account = await conn.client.account.get();
    print(g, [account], [{ id: account.id, name: account.name, owner: account.owner_name, plan: account.subscription?.proper_name, active: account.active }]);
  });
}
