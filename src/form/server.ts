// serveFormApp: the form on a port of its own (what `campctl form` runs).
import { listen } from "../http/internal/listen.js";
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
  let app: FormApp | undefined;
  const server = await listen((req) => (app ? app.fetch(req) : new Response("Starting up; try again in a moment.", { status: 503 })), { host: options.host, port: options.port });
  const url = (options.publicUrl ?? server.url).replace(/\/+$/, "");
  try {
    app = createFormApp({ ...options, publicUrl: url });
  } catch (err) {
    await server.close();
    throw err;
  }
  return { url, port: server.port, app, close: () => server.close() };
}
