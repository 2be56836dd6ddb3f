// serveFormApp: the form on a port of its own (what `campctl form` runs).
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createFormApp, type FormApp } from "./app.js";
import type { FormAppOptions } from "./options.js";

export interface ServeFormOptions extends Omit<FormAppOptions, "publicUrl"> {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free one). */
  port?: number;
  /** Where people reach it; default `http://<host>:<port>` as bound. */
  publicUrl?: string;
}

export interface RunningForm {
  /** The form's address (its public URL). */
  url: string;
  port: number;
  app: FormApp;
  close(): Promise<void>;
}

export async function serveFormApp(options: ServeFormOptions): Promise<RunningForm> {
  const host = options.host ?? "127.0.0.1";
  let app: FormApp | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req) => (app ? app.fetch(req) : new Response("Starting up; try again in a moment.", { status: 503 })),
        port: options.port ?? 0,
        hostname: host,
        overrideGlobalObjects: false,
      },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === "IPv6" ? `[${addr.address}]` : addr.address === "0.0.0.0" ? "127.0.0.1" : addr.address;
  const url = (options.publicUrl ?? `http://${shown === "[::]" ? "[::1]" : shown}:${addr.port}`).replace(/\/+$/, "");
  try {
    app = createFormApp({ ...options, publicUrl: url });
  } catch (err) {
    server.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    port: addr.port,
    app,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      return closing;
    },
  };
}
