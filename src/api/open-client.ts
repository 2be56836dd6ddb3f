// openClient(): from a connection string to a signed-in BasecampClient, without the SQL
// replica. connect() builds on it; quick commands (campctl login, todos add …) use it alone,
// so they never load SQLite.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { authenticate, type AuthDeps, type AuthResult } from "../auth/from-settings.js";
import { withFileLock } from "../auth/internal/file-lock.js";
import { Launchpad } from "../auth/launchpad.js";
import { dataDirectory, sandboxPaths } from "../config/files.js";
import { resolveSettings } from "../config/resolve.js";
import type { ConnectionSettings } from "../config/types.js";
import type { Logger } from "../http/log.js";
import { Basecamp2Client } from "./bc2/client.js";
import { openSandbox } from "./sandbox-host.js";
import { BasecampClient } from "./client.js";

export interface OpenClientOptions extends Pick<AuthDeps, "openBrowser" | "prompt" | "onUrl" | "interactive" | "forceSignIn"> {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
  /** A named profile from the config file (beats BASECAMP_PROFILE). */
  profile?: string;
  /** Use the config file's defaultProfile when no profile is named (default true). */
  defaultProfile?: boolean;
  /** Where replicas, the HTTP cache and the sandbox live (default: the user's data directory). */
  dataDir?: string;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Change the resolved settings before signing in (e.g. a command's own switches). */
  adjust?: (settings: ConnectionSettings) => void;
  /**
   * With Sandbox=true: serve the sandbox's simulator to other sandbox processes until close()
   * (for long-running ones: watch, mcp), unless another process already does.
   */
  sandboxHost?: boolean;
}

interface SessionBase {
  settings: ConnectionSettings;
  /** How the sign-in went: the account, the identity when it was looked up, the token file. */
  auth: AuthResult;
  dataDir: string;
  /** The OAuth app in use (for the web-flow procedures and for sign-out). */
  oauth?: { launchpad: Launchpad; clientId: string; clientSecret: string };
  /** The fetch every request takes (the sandbox simulator's in-process one with Sandbox=true, unless a sandbox host serves it). */
  fetch?: typeof fetch;
  close(): Promise<void>;
}

/** A signed-in Basecamp 4/3 account (Schema=V3, the default). */
export interface Basecamp4Session extends SessionBase {
  schema: "V3";
  client: BasecampClient;
}

/** A signed-in Basecamp 2 ("bcx") account (Schema=V2), by Basic or OAuth. */
export interface Basecamp2Session extends SessionBase {
  schema: "V2";
  client: Basecamp2Client;
}

/** What openClient() hands back: `session.schema` says which client `session.client` is. */
export type ClientSession = Basecamp4Session | Basecamp2Session;

/**
 * Sign in with a connection string and hand back a typed client. `Sandbox=true` runs against
 * the sandbox's simulator (state kept in the data directory) with its sandbox app: a running
 * sandbox host's over HTTP, else one in this process (served to others with `sandboxHost`).
 */
export async function openClient(connectionString = "", options: OpenClientOptions = {}): Promise<ClientSession> {
  const env = options.env ?? process.env;
  const { settings } = resolveSettings({ connectionString, env, configDir: options.configDir, profile: options.profile, defaultProfile: options.defaultProfile });
  options.adjust?.(settings);
  const dataDir = options.dataDir ?? dataDirectory(env);
  if (!settings.sandbox) return start(settings, dataDir, options);
  // Sandbox processes share one state file. One at a time looks for a live host (see
  // sandbox-host.ts), or loads the file, signs in and saves, so the token each one keeps is in
  // the state the next one loads, and two processes never both become host.
  const { state } = sandboxPaths(dataDir);
  mkdirSync(dirname(state), { recursive: true });
  return withFileLock(state, () => start(settings, dataDir, options), { staleMs: 10_000, timeoutMs: 120_000 });
}

async function start(settings: ConnectionSettings, dataDir: string, options: OpenClientOptions): Promise<ClientSession> {
  const env = options.env ?? process.env;
  const sandbox = sandboxPaths(dataDir);
  let flush = () => {};
  let fetcher = options.fetch;
  let close = async () => {};
  let sandboxApp: AuthDeps["sandboxApp"];
  let prompt = options.prompt;
  let interactive = options.interactive;
  if (settings.sandbox) {
    // A live sandbox host's simulator over HTTP, else this process's own (served, with sandboxHost).
    const sim = await openSandbox(sandbox, { host: options.sandboxHost, fetch: options.fetch });
    // The sandbox answers at local speed: no server-side rate limit, and none on our side
    // unless RateLimit says otherwise.
    settings.rateLimit ??= "off";
    fetcher = sim.fetch;
    settings.apiBaseUrl ??= sim.apiUrl;
    settings.launchpadUrl ??= sim.launchpadUrl;
    settings.oauthSettingsLocation = settings.oauthSettingsLocation && settings.oauthClientId ? settings.oauthSettingsLocation : join(sandbox.oauth, `${sim.accountId}.json`);
    // Basecamp 2 with Basic: the sandbox's bcx account and its owner's login, unless given.
    if (settings.schema === "V2" && settings.authScheme === "Basic") {
      settings.accountId ??= sim.bc2AccountId;
      if (settings.user === undefined && settings.password === undefined) Object.assign(settings, { user: sim.bc2User, password: sim.bc2Password });
    }
    sandboxApp = { clientId: sim.clientId, clientSecret: sim.clientSecret, redirectUri: sim.redirectUri };
    // The sandbox's consent page is answered by this process, as a browser would.
    interactive = "headless";
    prompt = (url) => sim.approve(url);
    close = () => sim.close();
    flush = () => sim.flush();
  }
  try {
    const auth = await authenticate(settings, { fetch: fetcher, env, logger: options.logger, sandboxApp, prompt, interactive, openBrowser: options.openBrowser, onUrl: options.onUrl, forceSignIn: options.forceSignIn });
    flush();
    const common = {
      accountId: auth.accountId,
      fetch: fetcher,
      auth: auth.auth,
      userAgent: settings.userAgent,
      timeoutSeconds: settings.timeout,
      logger: options.logger,
      logfile: settings.logfile,
      verbosity: settings.verbosity,
      proxy: settings,
      // The sandbox keeps everything in its own folder, so `campctl sandbox reset` clears it all.
      cache: { dir: join(settings.sandbox ? sandbox.dir : dataDir, "http-cache", settings.schema === "V2" ? `bcx-${auth.accountId}` : auth.accountId) },
    };
    const app = settings.oauthClientId && settings.oauthClientSecret ? { clientId: settings.oauthClientId, clientSecret: settings.oauthClientSecret } : sandboxApp;
    const oauth = app ? { launchpad: new Launchpad({ launchpadUrl: settings.launchpadUrl, fetch: fetcher, userAgent: settings.userAgent }), ...app } : undefined;
    const base = { settings, auth, dataDir, oauth, fetch: fetcher, close };
    if (settings.schema === "V2") {
      // Launchpad's href for a bcx account is {host}/{id}/api/v1: the host is what comes before.
      const apiBaseUrl = settings.apiBaseUrl ?? auth.accountHref?.replace(/\/\d+\/api\/v1\/?$/, "");
      const client = new Basecamp2Client({ ...common, apiBaseUrl, rateLimit: settings.rateLimit });
      return { ...base, schema: "V2", client };
    }
    const apiBaseUrl = settings.apiBaseUrl ?? (auth.accountHref ? auth.accountHref.replace(/\/\d+\/?$/, "") : undefined);
    return { ...base, schema: "V3", client: new BasecampClient({ ...common, apiBaseUrl, rateLimit: settings.rateLimit }) };
  } catch (e) {
    await close();
    throw e;
  }
}
