// Answering the simulated Launchpad's consent page as a browser would: read the page, send its
// form back with the decision, and return where it redirects (the callback with the code).
// The in-process simulator (`approve`) and a sandbox guest talking to a host over HTTP share it.
import { unescapeHtml } from "./html.js";

/** Send one request (the simulator's app.fetch in-process, or a fetch toward a host). */
export type Send = (req: Request) => Response | Promise<Response>;

export async function answerConsent(send: Send, authorizeUrl: string, decision: "allow" | "deny" = "allow"): Promise<string> {
  const page = await send(new Request(authorizeUrl, { redirect: "manual" }));
  const html = await page.text();
  if (page.status !== 200) throw new Error(`The consent page answered ${page.status}: ${html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()}`);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1], unescapeHtml(m[2]));
  form.set("decision", decision);
  const action = /<form method="post" action="([^"]+)"/.exec(html);
  if (!action) throw new Error("The consent page has no form to answer.");
  const res = await send(
    new Request(new URL(action[1], authorizeUrl), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString(), redirect: "manual" }),
  );
  await res.body?.cancel();
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`The consent form answered ${res.status}.`);
  return location;
}
