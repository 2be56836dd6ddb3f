// Serving a fetch handler (a Hono app) on a local port: the form, the simulator, the sandbox
// host and the watcher's webhook receiver all listen this way.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export interface Listening {
  /** `http://host:port` as a client on this machine reaches it (a wildcard bind reads as loopback). */
  url: string;
  /** The address bound, as the socket reports it. */
  address: string;
  port: number;
  /** Stop listening and drop open connections (once; later calls share the first). */
  close(): Promise<void>;
}

/** Listen on `host` (default 127.0.0.1) and `port` (default 0: a free one); rejects on EADDRINUSE and the like. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>, options: { host?: string; port?: number } = {}): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch, port: options.port ?? 0, hostname: options.host ?? "127.0.0.1", overrideGlobalObjects: false }, () => resolve(s));
    s.once("error", reject);
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === "IPv6" ? (addr.address === "::" ? "[::1]" : `[${addr.address}]`) : addr.address === "0.0.0.0" ? "127.0.0.1" : addr.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${addr.port}`,
    address: addr.address,
    port: addr.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      return closing;
    },
  };
}
