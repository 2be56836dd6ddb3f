// `campctl use <account|project>`: remember which account (AccountId) or project (ProjectId)
// later commands use, in the profile of this run ("default" when none; "sandbox" with
// --sandbox, so sandbox choices never touch real ones).
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { BasecampClient } from "../../api/client.js";
import type { ClientSession } from "../../api/open-client.js";
import { configDirectory, defaultSettingsPath, loadConfigFile, profileRecord, saveProfile } from "../../config/files.js";
import type { SettingsRecord } from "../../config/keys.js";
import { NotFoundError } from "../../http/errors.js";
import { openSession, profileFor, SANDBOX_PROFILE, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { identityOf, printDone } from "./shared.js";

interface Target {
  accountId?: string;
  projectId?: string;
  /** Bare digits: an account of this sign-in, else a project of the account in use. */
  digits?: string;
}

/** Digits, or a Basecamp address of an account (https://3.basecamp.com/123) or of anything in a project. */
export function parseTarget(text: string): Target {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { digits: t };
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new UsageError(`campctl use takes an account or project: its ID or its Basecamp address; got ${JSON.stringify(text)}`);
  }
  const parts = u.pathname.replace(/\.json$/, "").split("/").filter(Boolean);
  if (parts[0] === "web") parts.shift();
  const accountId = parts.shift();
  if (!accountId || !/^\d+$/.test(accountId)) throw new UsageError(`${t} is not a Basecamp address: it should start with the account number, like https://3.basecamp.com/1234567/projects/89`);
  if (parts.length === 0) return { accountId };
  const projectId = parts[0] === "projects" || parts[0] === "buckets" ? parts[1] : undefined;
  if (!projectId || !/^\d+$/.test(projectId)) throw new UsageError(`${t} names neither an account nor a project; give the project's address (…/projects/ID) or its ID.`);
  return { accountId, projectId };
}

export async function runUse(target: string, g: GlobalOptions): Promise<void> {
  const want = parseTarget(target);
  const session = await openSession(g);
  let chosen: Choice;
  try {
    chosen = await choose(session, want);
  } finally {
    await session.close();
  }

  const profile = profileFor(g) ?? (g.sandbox ? SANDBOX_PROFILE : loadConfigFile().defaultProfile ?? "default");
  const file = loadConfigFile();
  const before: SettingsRecord = Object.prototype.hasOwnProperty.call(file.profiles, profile) ? profileRecord(file, profile, configDirectory()) : {};
  const record: SettingsRecord = { ...before, AccountId: chosen.accountId };
  // Choosing an account drops the project chosen before (a project belongs to its account).
  if (chosen.projectId) record.ProjectId = chosen.projectId;
  else delete record.ProjectId;
  moveTokens(session, chosen.accountId);
  const path = saveProfile(profile, record, { makeDefault: g.sandbox ? false : undefined });
  const what = chosen.projectId ? `project ${chosen.projectId} (${chosen.projectName}) in account ${chosen.accountId}` : `account ${chosen.accountId}${chosen.accountName ? ` (${chosen.accountName})` : ""}`;
  printDone(g, { profile, file: path, ...chosen }, `Now using ${what}; saved in profile "${profile}" of ${path}.`);
}

type Choice = { accountId: string; accountName?: string; projectId?: string; projectName?: string };

async function choose(s: ClientSession, want: Target): Promise<Choice> {
  const identity = await identityOf(s);
  const list = () => identity?.accounts.map((a) => `${a.id} (${a.name})`).join(", ") || "none";
  const accountName = (id: string) => identity?.accounts.find((a) => a.id === id)?.name;
  const product = s.settings.schema === "V2" ? "bcx" : "bc3";
  const named = identity?.accounts.find((a) => a.id === (want.digits ?? want.accountId));
  if (named && named.product !== product) {
    throw new UsageError(`Account ${named.id} (${named.name}) is ${named.product === "bcx" ? "Basecamp 2" : "Basecamp 4/3"}, and this connection speaks ${s.settings.schema === "V2" ? "Basecamp 2" : "Basecamp 4/3"}: use a ${product} account, or set Schema=${s.settings.schema === "V2" ? "V3" : "V2"}.`);
  }
  if (want.digits && named) return { accountId: named.id, accountName: named.name };
  let client = s.client;
  let accountId = s.auth.accountId;
  if (want.accountId && want.accountId !== accountId) {
    const account = identity?.accounts.find((a) => a.id === want.accountId);
    if (!account) {
      // Basic auth (Basecamp 2) has no Launchpad sign-in to list accounts or to redo.
      const why = s.settings.authScheme === "Basic"
        ? `Basic auth cannot look up account ${want.accountId}: put AccountId=${want.accountId} in the connection, with the User and Password that open it.`
        : `This sign-in has no account ${want.accountId}; it has ${list()}. Sign in as someone with access (campctl login).`;
      throw new NotFoundError(why, { status: 404 }, false);
    }
    accountId = account.id;
    const apiBaseUrl = s.settings.apiBaseUrl ?? account.href.replace(/\/\d+\/?$/, "");
    client = new BasecampClient({ accountId, apiBaseUrl, fetch: s.fetch, auth: s.auth.auth, userAgent: s.settings.userAgent, rateLimit: s.settings.rateLimit });
  }
  if (!want.projectId && !want.digits) return { accountId, accountName: accountName(accountId) };
  const projectId = want.projectId ?? want.digits!;
  try {
    const project = await client.projects.get(projectId);
    return { accountId, accountName: accountName(accountId), projectId: String(project.id), projectName: project.name };
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    const what = want.digits ? `${want.digits} is neither an account of this sign-in (${list()}) nor a project in account ${accountId}` : `There is no project ${projectId} in account ${accountId} that you can see`;
    throw new NotFoundError(`${what}. See campctl accounts and campctl projects.`, { status: 404 }, false);
  }
}

/**
 * Tokens kept in the default place live in a file named after the account (oauth/default.json
 * before one is chosen); when the account changes, the sign-in moves with it.
 */
function moveTokens(s: ClientSession, accountId: string): void {
  if (s.settings.sandbox || s.settings.authScheme !== "OAuth") return;
  const from = s.auth.settingsPath;
  const defaultFrom = defaultSettingsPath(s.settings.accountId);
  if (!from || from !== defaultFrom) return; // an explicit OAuthSettingsLocation stays where it is
  const to = defaultSettingsPath(accountId);
  if (to === from || !existsSync(from) || existsSync(to)) return;
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  renameSync(from, to);
}
