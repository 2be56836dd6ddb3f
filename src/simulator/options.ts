export type Scale = "empty" | "tiny" | "small" | "medium" | "large";
export const SCALES: readonly Scale[] = ["empty", "tiny", "small", "medium", "large"];

export interface SimulatorOptions {
  /** Seed for the deterministic data set (default 1). */
  seed?: number;
  /** How much data to create (default "small"); "empty" makes only the account and its owner. */
  scale?: Scale;
  /** Rate limit per client address: "50/10s" (default), any "N/Ms" or "N/Ss", or "off". */
  rateLimit?: string;
  /** Lifetime of access tokens in seconds (default 1209600, two weeks). */
  tokenTtl?: number;
  /** Load state from this file at start and save it there after changes and on close. */
  data?: string;
  /** Milliseconds between a change and the save of `data` (default 200). */
  saveDelayMs?: number;
  /** Clock (epoch ms) for timestamps, token and code expiry, purging. Default Date.now. */
  clock?: () => number;
  /** Origin used by `createSimulator` for its URLs (default "http://simulator.localhost", a loopback name). */
  origin?: string;
  /** Most projects the account may have; more gets 507 (default 500). */
  projectLimit?: number;
  /** Most webhooks the account may have; more gets 507 (default 100). */
  webhookLimit?: number;
  /** First webhook retry gap in ms; each next gap doubles (default 1000). */
  webhookRetryBaseMs?: number;
  /** Fetch used to deliver webhooks (default the global fetch). */
  webhookFetch?: typeof fetch;
  /** Extra redirect URIs registered for the sandbox OAuth app. */
  redirectUris?: string[];
}

export interface ServerOptions extends SimulatorOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free port). */
  port?: number;
}

export interface ResolvedOptions {
  seed: number;
  scale: Scale;
  rateLimit: { limit: number; windowMs: number } | null;
  tokenTtl: number;
  data: string | undefined;
  saveDelayMs: number;
  clock: () => number;
  projectLimit: number;
  webhookLimit: number;
  webhookRetryBaseMs: number;
  webhookFetch: typeof fetch;
  redirectUris: string[];
}

export class OptionError extends Error {
  override name = "OptionError";
}

export function parseRateLimit(text: string): { limit: number; windowMs: number } | null {
  if (text === "off") return null;
  const m = /^(\d+)\/(\d+)(ms|s|m)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new OptionError(`rate limit must look like "50/10s" (requests per window; units ms, s or m) or "off"; got ${JSON.stringify(text)}`);
  }
  const unit = m[3] === "ms" ? 1 : m[3] === "s" ? 1000 : 60_000;
  return { limit: Number(m[1]), windowMs: Number(m[2]) * unit };
}

function positiveInt(name: string, v: number | undefined, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < min) throw new OptionError(`${name} must be a whole number of at least ${min}; got ${String(v)}`);
  return v;
}

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  const scale = o.scale ?? "small";
  if (!SCALES.includes(scale)) throw new OptionError(`scale must be one of ${SCALES.join(", ")}; got ${JSON.stringify(scale)}`);
  return {
    seed: positiveInt("seed", o.seed, 1, 0),
    scale,
    rateLimit: parseRateLimit(o.rateLimit ?? "50/10s"),
    tokenTtl: positiveInt("token TTL", o.tokenTtl, 1_209_600),
    data: o.data,
    saveDelayMs: positiveInt("save delay", o.saveDelayMs, 200, 0),
    clock: o.clock ?? Date.now,
    projectLimit: positiveInt("project limit", o.projectLimit, 500),
    webhookLimit: positiveInt("webhook limit", o.webhookLimit, 100),
    webhookRetryBaseMs: positiveInt("webhook retry base", o.webhookRetryBaseMs, 1000, 0),
    webhookFetch: o.webhookFetch ?? ((input, init) => fetch(input, init)),
    redirectUris: o.redirectUris ?? [],
  };
}
