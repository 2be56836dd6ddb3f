// The web side of the simulated Basecamp: a plain HTML page at every `app_url` the API hands
// out (`/web/{account}/projects/{id}`, `/web/{account}/buckets/{b}/todos/{id}`, …), so links to
// "open it in Basecamp" lead somewhere, plus the avatars at `avatar_url`. No sign-in: the
// simulator is a local tool. Unknown addresses get a 404 page.
import type { Context, Hono } from "hono";
import type { Sim, SimEnv } from "./context.js";
import { escapeHtml } from "./internal/html.js";
import { recordingPath } from "./render.js";
import type { Id, Project, Recording } from "./store/model.js";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2d35}
h1{font-size:1.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}
.crumbs{font-size:.9rem;color:#5e6c73}.note{color:#5e6c73;font-size:.9rem}.rich{white-space:pre-wrap}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Basecamp (simulator)</title><style>${STYLE}</style></head><body>${body}<p class="note">A page of the Basecamp simulator.</p></body></html>`;
}

function notFound(c: Context<SimEnv>): Response {
  return c.html(page("Not found", `<h1>Page not found</h1><p>Nothing lives at this address in the simulated Basecamp: it may have been deleted, or the address is wrong.</p>`), 404);
}

/** Rich text (HTML) as plain text: tags dropped, entities left as written, then escaped. */
function plain(html: string): string {
  return escapeHtml(html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h\d)>/gi, "\n").replace(/<[^>]*>/g, "").replace(/\n{3,}/g, "\n\n").trim());
}

function parseId(text: string | undefined): Id | undefined {
  return text !== undefined && /^\d{1,30}$/.test(text) ? BigInt(text) : undefined;
}

function names(sim: Sim, ids: readonly Id[] | undefined): string {
  const list = (ids ?? []).map((id) => sim.store.people.get(id)?.name ?? `person ${id}`);
  return list.length ? escapeHtml(list.join(", ")) : "no one";
}

function row(label: string, value: string | undefined | null): string {
  return value === undefined || value === null || value === "" ? "" : `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`;
}

function linkTo(base: string, rec: Recording): string {
  return `<a href="${escapeHtml(`${base}/${recordingPath(rec)}`)}">${escapeHtml(rec.title || rec.type)}</a>`;
}

function projectPage(sim: Sim, base: string, p: Project): string {
  const tools = p.dock
    .map((id) => sim.store.getRecording(id))
    .filter((r): r is Recording => r !== undefined && r.enabled !== false)
    .map((r) => `<li>${linkTo(base, r)}</li>`)
    .join("");
  return page(
    p.name,
    `<p class="crumbs"><a href="${escapeHtml(base)}">${escapeHtml(sim.store.account.name)}</a></p>
<h1 data-kind="Project" data-id="${p.id}">${escapeHtml(p.name)}</h1>
<dl>${row("Status", escapeHtml(p.status))}${row("Description", p.description ? `<span class="rich">${plain(p.description)}</span>` : "")}</dl>
<h2>Tools</h2><ul>${tools || "<li>none</li>"}</ul>`,
  );
}

function recordingPage(sim: Sim, base: string, rec: Recording): string {
  const project = sim.store.projects.get(rec.bucketId);
  const parent = rec.parentId !== null ? sim.store.recordings.get(rec.parentId) : undefined;
  const creator = sim.store.people.get(rec.creatorId);
  const fields = [
    row("Type", escapeHtml(rec.type)),
    row("Status", escapeHtml(rec.status)),
    rec.type === "Todo" ? row("Completed", rec.completed ? "yes" : "no") : "",
    rec.assigneeIds !== undefined ? row("Assigned to", names(sim, rec.assigneeIds)) : "",
    rec.dueOn !== undefined ? row("Due", escapeHtml(rec.dueOn ?? "no date")) : "",
    rec.startsOn ? row("Starts", escapeHtml(rec.startsOn)) : "",
    rec.content && rec.type !== "Todo" ? row("Content", `<div class="rich" data-field="content">${plain(rec.content)}</div>`) : "",
    rec.description ? row(rec.type === "Todo" ? "Notes" : "Description", `<div class="rich" data-field="description">${plain(rec.description)}</div>`) : "",
    row("Created by", creator ? escapeHtml(creator.name) : undefined),
    row("Created", escapeHtml(new Date(rec.createdAt).toISOString())),
  ].join("");
  const children = sim.store
    .childrenOf(rec.id)
    .filter((r) => r.status !== "trashed")
    .map((r) => `<li>${linkTo(base, r)}</li>`)
    .join("");
  const crumbs = [
    `<a href="${escapeHtml(base)}">${escapeHtml(sim.store.account.name)}</a>`,
    project ? `<a href="${escapeHtml(`${base}/projects/${project.id}`)}">${escapeHtml(project.name)}</a>` : "",
    parent ? linkTo(base, parent) : "",
  ].filter(Boolean);
  return page(
    rec.title || rec.type,
    `<p class="crumbs">${crumbs.join(" › ")}</p>
<h1 data-kind="${escapeHtml(rec.type)}" data-id="${rec.id}">${escapeHtml(rec.title || rec.type)}</h1>
<dl>${fields}</dl>${children ? `<h2>Inside</h2><ul>${children}</ul>` : ""}`,
  );
}

function avatarSvg(name: string): string {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#5e6c73"/><text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text></svg>`;
}

export function registerWebPages(app: Hono<SimEnv>, sim: Sim): void {
  app.get("/web/avatars/:file", (c) => {
    c.set("route", "GET /web/avatars/:file");
    const sgid = c.req.param("file").replace(/\.svg$/, "");
    const person = [...sim.store.people.values()].find((p) => p.attachableSgid === sgid);
    if (!person) return notFound(c);
    return c.body(avatarSvg(person.name), 200, { "Content-Type": "image/svg+xml; charset=utf-8" });
  });

  app.get("/web/:account{[0-9]+}/*", (c) => {
    c.set("route", "GET /web/:account/*");
    const account = sim.store.account;
    if (c.req.param("account") !== String(account.id)) return notFound(c);
    const origin = new URL(c.req.url).origin;
    const base = `${origin}/web/${account.id}`;
    const rest = new URL(c.req.url).pathname.slice(`/web/${account.id}`.length).replace(/^\/+|\/+$/g, "");
    if (rest === "" || rest === "projects") {
      const items = [...sim.store.projects.values()]
        .filter((p) => p.status === "active")
        .map((p) => `<li><a href="${escapeHtml(`${base}/projects/${p.id}`)}">${escapeHtml(p.name)}</a></li>`)
        .join("");
      return c.html(page(account.name, `<h1>${escapeHtml(account.name)}</h1><h2>Projects</h2><ul>${items || "<li>none</li>"}</ul>`));
    }
    const parts = rest.split("/");
    if (parts[0] === "projects" && parts.length === 2) {
      const id = parseId(parts[1]);
      const p = id !== undefined ? sim.store.getProject(id) : undefined;
      return p ? c.html(projectPage(sim, base, p)) : notFound(c);
    }
    if (parts[0] !== "buckets" || parts.length < 4) return notFound(c);
    const bucket = parseId(parts[1]);
    const id = parseId(parts[parts.length - 1]);
    if (bucket === undefined || id === undefined || !sim.store.getProject(bucket)) return notFound(c);
    if (parts.length === 4 && parts[2] === "webhooks") {
      const w = sim.store.webhooks.get(id);
      if (!w || w.bucketId !== bucket) return notFound(c);
      return c.html(page("Webhook", `<h1 data-kind="Webhook" data-id="${w.id}">Webhook</h1><dl>${row("Payload URL", escapeHtml(w.payloadUrl))}${row("Types", escapeHtml(w.types.join(", ") || "all"))}${row("Active", w.active ? "yes" : "no")}</dl>`));
    }
    const rec = sim.store.getRecording(id);
    // Only the recording's own address answers (its type's path segment, under its project).
    if (!rec || rec.bucketId !== bucket || recordingPath(rec) !== rest) return notFound(c);
    return c.html(recordingPage(sim, base, rec));
  });

  app.get("/web/*", (c) => {
    c.set("route", "GET /web/*");
    return notFound(c);
  });
}
