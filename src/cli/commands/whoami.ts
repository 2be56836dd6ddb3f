// `campctl whoami` (the signed-in person and account) and `campctl accounts` (every account
// the sign-in opens).
import { schemaOf, type GlobalOptions } from "../internal/context.js";
import { identityOf, print, withClient } from "./shared.js";

export async function runWhoami(g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2Whoami(g);
  await withClient(g, async (conn) => {
    const [person, account] = await Promise.all([conn.client.people.me(), conn.client.account.get()]);
    const project = conn.settings.projectId ? await conn.client.projects.get(conn.settings.projectId) : undefined;
    const row: Record<string, unknown> = { name: person.name, email: person.email_address, account: account.name, account_id: account.id, person_id: person.id };
    if (project) row.project = `${project.name} (${project.id})`;
    print(g, project ? { person, account, project } : { person, account }, [row]);
  });
}

/** The accounts this sign-in opens (Launchpad's list); `*` marks the one in use. */
export async function runAccounts(g: GlobalOptions): Promise<void> {
  await withClient(g, async (s) => {
    const identity = await identityOf(s);
    if (!identity) {
      // Basic auth (Basecamp 2): no Launchpad identity, so the one account of the connection.
      const account = await s.client.account.get();
      print(g, [{ id: String(account.id), name: account.name, product: "bcx", current: true }], [{ current: "*", id: account.id, name: account.name, product: "bcx" }]);
      return;
    }
    const accounts = identity.accounts.map((a) => ({ ...a, current: a.id === s.auth.accountId }));
    print(g, accounts, accounts.map((a) => ({ current: a.current ? "*" : "", id: a.id, name: a.name, product: a.product, url: a.appHref })));
  });
}
