import type { InProcessSimulator } from "../../src/simulator/index.js";

/** Fetch that works for both in-process simulators and real ports. */
export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

export function fetcherOf(sim: InProcessSimulator): Fetcher {
  return (input, init) => sim.fetch(input, init);
}

/** Open the consent page and press a button the way a browser would; returns the redirect. */
export async function consent(
  f: Fetcher,
  launchpadUrl: string,
  params: Record<string, string>,
  decision: "allow" | "deny" = "allow",
): Promise<{ page: string; location: URL }> {
  const url = `${launchpadUrl}/authorization/new?${new URLSearchParams(params)}`;
  const pageRes = await f(url);
  if (pageRes.status !== 200) throw new Error(`consent page answered ${pageRes.status}: ${await pageRes.text()}`);
  const page = await pageRes.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error("no form on the consent page");
  const form = new URLSearchParams();
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1], decodeHtml(m[2]));
  const person = /<option value="(\d+)" selected>/.exec(page)?.[1];
  if (person) form.set("person_id", person);
  form.set("decision", decision);
  const post = await f(new URL(action, url).toString(), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  if (post.status !== 302) throw new Error(`consent post answered ${post.status}: ${await post.text()}`);
  return { page, location: new URL(post.headers.get("location")!) };
}

function decodeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export async function tokenRequest(f: Fetcher, launchpadUrl: string, params: Record<string, string>, where: "body" | "query" = "body", path = "/authorization/token") {
  const qs = new URLSearchParams(params).toString();
  const res = await f(where === "query" ? `${launchpadUrl}${path}?${qs}` : `${launchpadUrl}${path}`, {
    method: "POST",
    headers: where === "body" ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
    body: where === "body" ? qs : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}
