import { createSimulator, type InProcessSimulator, type SimulatorOptions } from "../../src/simulator/index.js";
import { Launchpad } from "../../src/auth/launchpad.js";

export function sim(opts: SimulatorOptions = {}): InProcessSimulator {
  return createSimulator({ scale: "tiny", rateLimit: "off", ...opts });
}

export function launchpadFor(s: { launchpadUrl: string; fetch?: typeof fetch }, legacyParams = false): Launchpad {
  return new Launchpad({ launchpadUrl: s.launchpadUrl, fetch: s.fetch, userAgent: "auth tests (tests@example.com)", legacyParams });
}

/**
 * Play the browser: open the consent page (from the simulator), press a button, and return
 * where Launchpad sends the browser next (not followed).
 */
export async function consentRedirect(simFetch: (u: string, i?: RequestInit) => Promise<Response>, authorizeUrl: string, decision: "allow" | "deny" = "allow"): Promise<string> {
  const page = await simFetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${await page.text()}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1], m[2].replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
  form.set("decision", decision);
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1], authorizeUrl).toString();
  const res = await simFetch(action, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString(), redirect: "manual" });
  if (res.status !== 302) throw new Error(`consent post: ${res.status}`);
  return res.headers.get("location")!;
}

/** The whole browser part of the desktop flow: consent, then land on the loopback callback. */
export async function playBrowser(s: InProcessSimulator, authorizeUrl: string, decision: "allow" | "deny" = "allow"): Promise<Response> {
  const location = await consentRedirect((u, i) => s.fetch(u, i), authorizeUrl, decision);
  return fetch(location);
}

export async function stats(s: { apiUrl: string; adminToken: string; fetch?: typeof fetch }): Promise<any> {
  const f = s.fetch ?? fetch;
  const r = await f(`${s.apiUrl}/__sim/stats`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
  return r.json();
}

export const TOKEN_ROUTE = "POST /launchpad/authorization/token";
