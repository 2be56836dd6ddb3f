// `campctl login` (the desktop flow by default; --headless reads the code or callback
// address from stdin) and `campctl logout`. Neither loads SQLite.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { INTEGRATIONS_PAGE } from "../../auth/launchpad.js";
import { TokenStore } from "../../auth/token-store.js";
import { sandboxPaths } from "../../config/files.js";
import { AuthError } from "../../http/errors.js";
import { openSession, resolveFor, type GlobalOptions } from "../internal/context.js";
import { accountOf, printDone } from "./shared.js";

const note = (s: string) => process.stderr.write(`${s}\n`);

/** One line from stdin: the code, or the whole address the browser landed on. */
function readVerifier(url: string): Promise<string> {
  note("Open this address in a browser, choose Allow, then paste the code (or the whole address you land on) here:\n");
  note(`  ${url}\n`);
  if (process.stdin.isTTY) process.stderr.write("> ");
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(line.trim());
    });
    rl.once("close", () => {
      if (!answered) reject(new AuthError("No code was given: stdin ended. Run campctl login --headless again and paste the code or the address you land on."));
    });
  });
}

/** $BROWSER, when set, opens the consent page (like other command-line tools); else the system's browser. */
function browserFromEnv(): ((url: string) => Promise<void>) | undefined {
  const command = process.env.BROWSER?.trim();
  if (!command) return undefined;
  return (url) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, [url], { stdio: ["ignore", "ignore", "inherit"], shell: false });
      child.once("error", (e) => reject(new AuthError(`Could not start the browser from BROWSER=${command}: ${e.message}. Fix BROWSER, or use campctl login --headless.`)));
      child.once("spawn", () => resolve());
    });
}

export async function runLogin(o: { headless?: boolean }, g: GlobalOptions): Promise<void> {
  const session = await openSession(g, [], {
    forceSignIn: true,
    interactive: o.headless ? "headless" : "desktop",
    prompt: o.headless ? readVerifier : undefined,
    openBrowser: browserFromEnv(),
    onUrl: o.headless ? undefined : (url) => note(`Opening your browser to sign in. If it does not open, visit:\n\n  ${url}\n\nWaiting for you to choose Allow…`),
    adjust: (s) => {
      // Signing in is what login is for, whatever the connection string says about prompting.
      if (s.authScheme === "OAuth") s.initiateOAuth = "GETANDREFRESH";
    },
  });
  try {
    const [person, account] = await Promise.all([session.client.people.me(), accountOf(session)]);
    const where = session.settings.authScheme === "Basic" ? "Basic auth: nothing is stored; the credentials come from the connection" : `Tokens are kept encrypted in ${session.auth.settingsPath}`;
    if (session.settings.sandbox) note("Sandbox: the simulator's consent page was answered for you.");
    printDone(g, { person, account, tokenFile: session.auth.settingsPath ?? null }, `Signed in as ${person.name} <${person.email_address}> to ${account.name} (account ${session.auth.accountId}).\n${where}.`);
  } finally {
    await session.close();
  }
}

/** Forget the stored tokens of this connection (all sandbox sign-ins with --sandbox). */
export async function runLogout(g: GlobalOptions): Promise<void> {
  const settings = resolveFor(g);
  const files: string[] = [];
  if (settings.sandbox) {
    const dir = sandboxPaths().oauth;
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".json"));
    } catch {
      // nothing stored
    }
    files.push(...names.map((n) => join(dir, n)));
  } else if (settings.authScheme === "OAuth" && settings.oauthSettingsLocation) {
    files.push(settings.oauthSettingsLocation);
  }
  const removed: string[] = [];
  for (const f of files) {
    const store = new TokenStore(f);
    if (!store.exists()) continue;
    await store.delete();
    removed.push(f);
  }
  const text = removed.length
    ? `Signed out: removed ${removed.join(", ")}.${settings.sandbox ? "" : ` The app stays listed among your authorized apps at Launchpad (${INTEGRATIONS_PAGE.replace(/\/integrations$/, "")}) until you remove it there.`}`
    : settings.authScheme === "Basic"
      ? "Nothing to sign out of: Basic auth keeps no tokens (remove User and Password from your connection instead)."
      : "Not signed in here: there were no stored tokens.";
  printDone(g, { removed }, text);
}
