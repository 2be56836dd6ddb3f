/**
 * One undici dispatcher per proxy plan: it picks, per request origin (so redirects are
 * re-routed too), either a direct Agent or the agent of the proxy the plan names.
 */
import { Agent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from "undici";
import { endpointUrl, routeFor, type ProxyEndpoint, type ProxyPlan } from "./proxy-config.js";

export class ProxyDispatcherSet {
  readonly dispatcher: Dispatcher;
  readonly #direct = new Agent();
  readonly #proxies = new Map<ProxyEndpoint, Dispatcher>();
  #closed = false;

  constructor(readonly plan: ProxyPlan) {
    this.dispatcher = this.#direct.compose((dispatch) => (opts, handler) => {
      const route = routeFor(plan, new URL(String(opts.origin)));
      if (route.kind === "direct") return dispatch(opts, handler);
      return this.#agentFor(route.endpoint).dispatch(opts, handler);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  #agentFor(endpoint: ProxyEndpoint): Dispatcher {
    let agent = this.#proxies.get(endpoint);
    if (agent === undefined) {
      agent = createProxyAgent(endpoint);
      this.#proxies.set(endpoint, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = [this.#direct, ...this.#proxies.values()];
    this.#proxies.clear();
    await Promise.all(all.map((d) => d.close().catch(() => d.destroy().catch(() => undefined))));
  }
}

/** Credentials go in options (Proxy-Authorization / SOCKS5 auth), never into the proxy URL. */
function createProxyAgent(endpoint: ProxyEndpoint): Dispatcher {
  const uri = endpointUrl(endpoint);
  if (endpoint.protocol === "socks5:") {
    return new Socks5ProxyAgent(uri, {
      ...(endpoint.username !== undefined ? { username: endpoint.username, password: endpoint.password ?? "" } : {}),
    });
  }
  const token =
    endpoint.username !== undefined
      ? `Basic ${Buffer.from(`${endpoint.username}:${endpoint.password ?? ""}`, "utf8").toString("base64")}`
      : undefined;
  // http:// targets are forwarded (absolute-form request, as curl does; many proxies only
  // allow CONNECT to 443) unless FirewallType=TUNNEL asks for CONNECT; https:// always tunnels.
  return new ProxyAgent({ uri, token, proxyTunnel: endpoint.tunnelAll === true });
}
