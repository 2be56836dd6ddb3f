import { listen } from "../http/internal/listen.js";
import type { Hono } from "hono";
import { buildApp, RESET_MARKER } from "./app.js";
import type { Sim, SimEnv } from "./context.js";
import { Faults } from "./faults.js";
import { readStateFile, restoreStore, Saver } from "./persist.js";
import { resolveOptions, type ServerOptions, type SimulatorOptions } from "./options.js";
import { seedAll } from "./seed.js";
import { answerConsent } from "./internal/consent.js";
import { Stats } from "./stats.js";
import { Store } from "./store/store.js";
import { startWebhookDelivery } from "./webhooks/delivery.js";
import { ensureBc2Login } from "./bc2/app.js";

/** What a running simulator tells its users (also the JSON line `campctl simulator` prints). */
export interface SimulatorInfo {
  /** Base of the Basecamp API; account routes are `${apiUrl}/${accountId}/…`. */
  apiUrl: string;
  /** Base of the simulated Launchpad (`/authorization/new`, `/authorization/token`, …). */
  launchpadUrl: string;
  accountId: string;
  /** Bearer token for the account owner that never expires; also opens `/__sim/*`. */
  adminToken: string;
  /** The sandbox OAuth app. Loopback redirect URIs match on any port. */
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The Basecamp 2 ("bcx") account: its id, base URL (`${bc2ApiUrl}/projects.json`, …) and the owner's Basic login. */
  bc2AccountId: string;
  bc2ApiUrl: string;
  bc2User: string;
  bc2Password: string;
}

export interface InProcessSimulator extends SimulatorInfo {
  /** Answer a request in-process, as `fetch` would (no port). */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** The simulator's state, for tests that check what arrived. */
  readonly store: Store;
  readonly sim: Sim;
  readonly app: Hono<SimEnv>;
  /**
   * Play the browser on Launchpad's consent page: open `authorizeUrl`, press Allow (or
   * Deny), and return the address Launchpad redirects to (with `code` and `state`).
   */
  approve(authorizeUrl: string, decision?: "allow" | "deny"): Promise<string>;
  /** Save state now (with `data`). */
  flush(): void;
  /** Stop webhook delivery and save state. */
  close(): Promise<void>;
}

export interface RunningSimulator extends SimulatorInfo {
  host: string;
  port: number;
  readonly simulator: InProcessSimulator;
  close(): Promise<void>;
}

function networkError(): TypeError {
  const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104, syscall: "read" });
  return new TypeError("fetch failed", { cause });
}

function info(sim: Sim, origin: string): SimulatorInfo {
  const app = sim.store.auth.apps.values().next().value!;
  return {
    apiUrl: origin,
    launchpadUrl: `${origin}/launchpad`,
    accountId: String(sim.store.account.id),
    adminToken: sim.store.auth.adminToken,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUris[0],
    bc2AccountId: String(sim.store.account.bcxId),
    bc2ApiUrl: `${origin}/bcx/${sim.store.account.bcxId}/api/v1`,
    bc2User: sim.store.account.bc2User ?? "",
    bc2Password: sim.store.account.bc2Password ?? "",
  };
}

/** A simulator without a port: call its `fetch` directly (fast, for in-process tests). */
export function createSimulator(options: SimulatorOptions = {}): InProcessSimulator {
  const opts = resolveOptions(options);
  const store = new Store(opts.clock);
  const saved = opts.data ? readStateFile(opts.data) : undefined;
  if (saved !== undefined) restoreStore(store, saved, opts.data!);
  else seedAll(store, opts.seed, opts.scale, opts.redirectUris);
  ensureBc2Login(store);
  store.account.projectLimit = options.projectLimit ?? store.account.projectLimit;
  store.account.webhookLimit = options.webhookLimit ?? store.account.webhookLimit;
  const origin = (options.origin ?? "http://simulator.localhost").replace(/\/+$/, "");
  const sim: Sim = { store, options: opts, faults: new Faults(opts.seed), stats: new Stats(), origin };
  const app = buildApp(sim);
  const saver = opts.data ? new Saver(store, opts.data, opts.saveDelayMs, saved) : null;
  if (saver && saved === undefined) {
    store.markDirty();
    saver.flush();
  }
  const stopWebhooks = startWebhookDelivery(sim);
  let closed = false;

  return {
    ...info(sim, origin),
    store,
    sim,
    app,
    async fetch(input, init) {
      const req = input instanceof Request && init === undefined ? input : new Request(input, init);
      // Like a real fetch, give up when the request's signal aborts (latency faults included).
      const signal = req.signal;
      if (signal.aborted) throw signal.reason;
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      });
      const res = await Promise.race([app.fetch(req), aborted]).finally(() => signal.removeEventListener("abort", onAbort!));
      if (res.headers.has(RESET_MARKER)) throw networkError();
      return res;
    },
    approve(authorizeUrl, decision = "allow") {
      return answerConsent((req) => app.fetch(req), authorizeUrl, decision);
    },
    flush() {
      saver?.flush();
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWebhooks();
      saver?.close();
    },
  };
}

/** Listen on a port (default 127.0.0.1, a free port) and serve until `close()`. */
export async function startSimulator(options: ServerOptions = {}): Promise<RunningSimulator> {
  const simulator = createSimulator(options);
  const server = await listen(simulator.app.fetch, { host: options.host, port: options.port });
  simulator.sim.origin = server.url;
  let closing: Promise<void> | null = null;
  return {
    ...info(simulator.sim, server.url),
    host: server.address,
    port: server.port,
    simulator,
    close() {
      closing ??= server.close().then(() => simulator.close());
      return closing;
    },
  };
}
