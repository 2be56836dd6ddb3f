// The desktop flow: listen on 127.0.0.1 at the CallbackURL's port and path, open the
// browser on Launchpad's consent page, accept exactly one callback whose `state` matches,
// show a plain page, trade the code for tokens.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AuthError, TimeoutError } from "../../http/errors.js";
import { registerSecret } from "../../http/redact.js";
import type { Launchpad, TokenSet } from "../launchpad.js";

export const DEFAULT_CALLBACK_URL = "http://127.0.0.1:0/callback";
export const DEFAULT_FLOW_TIMEOUT_MS = 5 * 60 * 1000;

export interface DesktopFlowOptions {
  launchpad: Launchpad;
  clientId: string;
  clientSecret: string;
  /** http://127.0.0.1:<port>/<path> or http://localhost:…; port 0 picks a free one. */
  callbackUrl?: string;
  /** Opens the consent page; default: the system browser. Tests play the browser here. */
  openBrowser?: (url: string) => Promise<void> | void;
  /** Told the URL too, in case no browser opens (printed by the CLI). */
  onUrl?: (url: string) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface FlowResult {
  tokens: TokenSet;
  redirectUri: string;
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** Check a CallbackURL for the desktop flow: loopback, plain http (RFC 8252 §7.3). */
export function loopbackCallback(callbackUrl: string): URL {
  let u: URL;
  try {
    u = new URL(callbackUrl);
  } catch {
    throw new AuthError(`CallbackURL must be a URL like ${DEFAULT_CALLBACK_URL}; got ${JSON.stringify(callbackUrl)}`);
  }
  if (u.protocol !== "http:" || !["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) {
    throw new AuthError(`For the desktop sign-in, CallbackURL must be http on this machine (e.g. ${DEFAULT_CALLBACK_URL}); got ${u.origin}. Use the web flow for other addresses.`);
  }
  return u;
}

export async function runDesktopFlow(o: DesktopFlowOptions): Promise<FlowResult> {
  const wanted = loopbackCallback(o.callbackUrl ?? DEFAULT_CALLBACK_URL);
  const state = randomBytes(18).toString("base64url");
  const path = wanted.pathname || "/";
  let settle!: { resolve: (code: string) => void; reject: (e: Error) => void };
  const gotCode = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  let done = false;

  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    if (done || u.pathname !== path) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(page("Not here", "This address only takes the one sign-in it is waiting for."));
      return;
    }
    if (u.searchParams.get("state") !== state) {
      // Not the answer to our request (a stale tab, or someone else's): refuse and keep waiting.
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" }).end(page("Sign-in not recognised", "This answer does not belong to the sign-in in progress. Start again from the app."));
      return;
    }
    done = true;
    const error = u.searchParams.get("error");
    const code = u.searchParams.get("code");
    if (error || !code) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("Sign-in cancelled", "Access was not granted. You can close this tab."));
      settle.reject(new AuthError(error === "access_denied" ? "Sign-in was denied on the consent page. Run the sign-in again and choose Allow." : `Launchpad sent back ${error ?? "no code"}. Run the sign-in again.`));
      return;
    }
    registerSecret(code);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("Signed in", "basecamp-connector is connected to Basecamp. You can close this tab."));
    settle.resolve(code);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(e.code === "EADDRINUSE" ? new AuthError(`Port ${wanted.port} for the CallbackURL is in use; close what holds it, or use port 0 for a free one (CallbackURL=${DEFAULT_CALLBACK_URL}).`) : e),
    );
    server.listen(Number(wanted.port || 0), wanted.hostname === "[::1]" ? "::1" : "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://${wanted.hostname}:${port}${path}`;
  const timeoutMs = o.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const timer = setTimeout(() => settle.reject(new TimeoutError(`No answer from the browser within ${Math.round(timeoutMs / 1000)} s. Run the sign-in again, or use the headless flow (campctl login --headless) on a machine without a browser.`)), timeoutMs);
  const onAbort = () => settle.reject(new AuthError("Sign-in was cancelled."));
  o.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const url = o.launchpad.authorizationUrl({ clientId: o.clientId, redirectUri, state });
    o.onUrl?.(url);
    const opener = o.openBrowser ?? openInBrowser;
    await Promise.race([Promise.resolve(opener(url)), gotCode]);
    const code = await gotCode;
    const tokens = await o.launchpad.exchangeCode({ clientId: o.clientId, clientSecret: o.clientSecret, redirectUri, code }, o.signal);
    return { tokens, redirectUri };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener("abort", onAbort);
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections?.();
  }
}

async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import("open");
  await open(url);
}
