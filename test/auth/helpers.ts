import { createSimulator, type InProcessSimulator, type SimulatorOptions } from "../../src/simulator/index.js";
import { Launchpad } from "../../src/auth/launchpad.js";

export function sim(opts: SimulatorOptions = {}): InProcessSimulator {
  return createSimulator({ scale: "tiny", rateLimit: "off", ...opts });
}

export function launchpadFor(s: { launchpadUrl: string; fetch?: typeof fetch }, legacyParams = false): Launchpad {
  return new Launchpad({ launchpadUrl: s.launchpadUrl, fetch: s.fetch, userAgent: "auth tests (tests@example.com)", legacyParams });
}

/** The whole browser part of the desktop flow: consent, then land on the loopback callback. */
export async function playBrowser(s: InProcessSimulator, authorizeUrl: string, decision: "allow" | "deny" = "allow"): Promise<Response> {
  const location = await s.approve(authorizeUrl, decision);
  return fetch(location);
}

export async function stats(s: { apiUrl: string; adminToken: string; fetch?: typeof fetch }): Promise<any> {
  const f = s.fetch ?? fetch;
  const r = await f(`${s.apiUrl}/__sim/stats`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
  return r.json();
}

export const TOKEN_ROUTE = "POST /launchpad/authorization/token";
