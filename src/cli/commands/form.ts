// `campctl form`: serve the request form (a web page that turns a request into a to-do) until
// SIGINT/SIGTERM. With --sandbox (or Sandbox=true) it runs against a local simulator on a
// free loopback port, with the simulator's sandbox OAuth app; otherwise it needs the OAuth
// app from the settings (OAuthClientId / OAuthClientSecret).
import { join } from "node:path";
import { INTEGRATIONS_PAGE } from "../../auth/launchpad.js";
import { dataDirectory, sandboxPaths } from "../../config/files.js";
import { streamLogger } from "../../http/log.js";
import { serveFormApp, type ServeFormOptions } from "../../form/index.js";
import type { SimulatorInfo } from "../../simulator/index.js";
import { resolveFor, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";

export interface FormCommandOptions {
  port?: string;
  host?: string;
  /** Where people reach the form when it is behind a proxy (its callback is `<url>/oauth/callback`). */
  publicUrl?: string;
}

function portOf(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (0 picks a free port); got ${JSON.stringify(text)}`);
  return n;
}

/** The form's options for a simulator: its sandbox OAuth app, its Launchpad and API, no rate limit. */
export function simulatorFormOptions(sim: SimulatorInfo): Pick<ServeFormOptions, "oauth" | "launchpadUrl" | "apiBaseUrl" | "accountId" | "rateLimit"> {
  return { oauth: { clientId: sim.clientId, clientSecret: sim.clientSecret }, launchpadUrl: sim.launchpadUrl, apiBaseUrl: sim.apiUrl, accountId: sim.accountId, rateLimit: "off" };
}

export async function runForm(opts: FormCommandOptions, g: GlobalOptions): Promise<void> {
  const host = opts.host ?? "127.0.0.1";
  const port = portOf(opts.port ?? "0");
  const settings = resolveFor(g);
  const sandbox = settings.sandbox === true;
  const dataDir = dataDirectory();
  const logger = g.verbose > 0 ? streamLogger(process.stderr) : undefined;

  let stopSimulator = async () => {};
  let app: Omit<ServeFormOptions, "host" | "port">;
  let simNote = "";
  if (sandbox) {
    const { startSimulator } = await import("../../simulator/index.js");
    const paths = sandboxPaths(dataDir);
    const sim = await startSimulator({ host: "127.0.0.1", port: 0, scale: "small", rateLimit: "off", data: paths.state });
    stopSimulator = () => sim.close();
    app = { ...simulatorFormOptions(sim), tokenDir: join(paths.dir, "form-tokens"), dataDir };
    simNote = `Sandbox Basecamp (simulator): API ${sim.apiUrl}/${sim.accountId}, Launchpad ${sim.launchpadUrl}; its state is kept in ${paths.state}.`;
  } else {
    if (!settings.oauthClientId || !settings.oauthClientSecret) {
      throw new UsageError(
        `campctl form needs an OAuth app: register one at ${INTEGRATIONS_PAGE} with the redirect URI <form URL>/oauth/callback, then set OAuthClientId and OAuthClientSecret (connection string, BASECAMP_OAUTHCLIENTID / BASECAMP_OAUTHCLIENTSECRET, or a profile). To try the form without an account, run campctl form --sandbox.`,
      );
    }
    app = {
      oauth: { clientId: settings.oauthClientId, clientSecret: settings.oauthClientSecret },
      launchpadUrl: settings.launchpadUrl,
      apiBaseUrl: settings.apiBaseUrl,
      accountId: settings.accountId,
      userAgent: settings.userAgent,
      rateLimit: settings.rateLimit,
      dataDir,
    };
  }
  // A CallbackURL ending in /oauth/callback names where the form is reachable.
  const fromCallback = settings.callbackUrl && /\/oauth\/callback\/?$/.test(settings.callbackUrl) ? settings.callbackUrl.replace(/\/oauth\/callback\/?$/, "") : undefined;
  let form;
  try {
    form = await serveFormApp({ ...app, host, port, publicUrl: opts.publicUrl ?? (sandbox ? undefined : fromCallback), logger });
  } catch (e) {
    await stopSimulator();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${host} is in use; pick another with --port, or --port 0 for a free one`);
    if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${host}: no such local address; use --host 127.0.0.1`);
    if (e instanceof Error && /publicUrl|cookie/i.test(e.message)) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(`Request form: ${form.url}/\n`);
  process.stderr.write(
    [
      simNote,
      sandbox ? "Open the form, press Connect to Basecamp, and allow access on the simulator's consent page." : `Its OAuth redirect URI is ${form.url}/oauth/callback (register that with your app).`,
      "Press Ctrl-C to stop.",
      "",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void form.close().then(stopSimulator).then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
