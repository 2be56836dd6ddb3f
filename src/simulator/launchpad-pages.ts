// HTML of the simulated Launchpad: a plain consent page and an error page.
import { escapeHtml } from "./internal/html.js";
import type { OAuthApp, Person } from "./store/model.js";


const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2d35}
h1{font-size:1.4rem}.box{border:1px solid #cfd8dc;border-radius:8px;padding:1.25rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}select{width:100%;padding:.4rem;font-size:1rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}button{font-size:1rem;padding:.6rem 1rem;border-radius:6px;border:1px solid #5e6c73;cursor:pointer}
button.allow{background:#1b7f3b;color:#fff;border-color:#1b7f3b}.note{color:#5e6c73;font-size:.9rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export interface ConsentModel {
  app: OAuthApp;
  accountName: string;
  people: Person[];
  ownerId: bigint;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  consent: string;
}

export function consentPage(m: ConsentModel): string {
  const hidden = (name: string, value: string | undefined) => (value === undefined ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`);
  const options = m.people
    .map((p) => `<option value="${p.id}"${p.id === m.ownerId ? " selected" : ""}>${escapeHtml(p.name)} (${escapeHtml(p.emailAddress)})</option>`)
    .join("");
  return page(
    `Authorize ${m.app.name}`,
    `<main class="box"><h1>${escapeHtml(m.app.name)} wants to access your Basecamp account</h1>
<p><strong>${escapeHtml(m.app.name)}</strong> is asking to read and change data in <strong>${escapeHtml(m.accountName)}</strong> on your behalf.</p>
<form method="post" action="/launchpad/authorization">
${hidden("client_id", m.clientId)}${hidden("redirect_uri", m.redirectUri)}${hidden("state", m.state)}${hidden("consent", m.consent)}
<label for="person_id">Signed in as</label>
<select id="person_id" name="person_id">${options}</select>
<div class="actions"><button class="allow" type="submit" name="decision" value="allow">Yes, I'll allow access</button>
<button type="submit" name="decision" value="deny">No, deny access</button></div>
</form>
<p class="note">This is the Basecamp simulator's Launchpad. You will be sent back to ${escapeHtml(new URL(m.redirectUri).origin)}.</p></main>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<main class="box"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`);
}
