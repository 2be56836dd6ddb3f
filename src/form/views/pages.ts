// The smaller pages: connect, confirmation, and a plain message (errors, expired links).
import type { Created } from "../idempotency.js";
import { html, trusted, type Html } from "../html.js";
import { safeHref } from "../../api/rich-text/markdown.js";
import type { Notice } from "../feedback.js";
import { noticeHtml } from "./form.js";
import { layout, type PageContext } from "./layout.js";

export function connectPage(ctx: PageContext, notice?: Notice): Html {
  return layout(
    ctx,
    "Connect to Basecamp",
    html`<h1>Request a to-do in Basecamp</h1>
${notice ? noticeHtml(ctx, notice) : ""}
<div class="card">
<p>This form turns your request into a to-do in a Basecamp project. First connect it to your Basecamp account: you will be asked to allow access, then come back here.</p>
<p><a class="button primary" id="connect" href="${ctx.base}/connect">Connect to Basecamp</a></p>
</div>`,
  );
}

export function confirmationPage(ctx: PageContext, c: Created, note?: string): Html {
  const link = safeHref(c.appUrl) ? html`<p><a class="button primary" id="open-todo" href="${c.appUrl}">Open the to-do in Basecamp</a></p>` : "";
  return layout(
    ctx,
    "To-do created",
    html`<h1 tabindex="-1" data-focus-first>Your request is in Basecamp</h1>
${note ? noticeHtml(ctx, { kind: "info", text: note }, false) : ""}
<div class="card" role="status" data-testid="confirmation">
<p>The to-do <strong data-testid="created-title">${c.title}</strong> was added to <strong>${c.listName}</strong> in <strong>${c.projectName}</strong>.</p>
<dl data-testid="sent-fields">
<dt>Title</dt><dd data-field="title">${c.title}</dd>
<dt>Project</dt><dd data-field="project">${c.projectName}</dd>
<dt>To-do list</dt><dd data-field="list">${c.listName}</dd>
<dt>Notes</dt><dd data-field="notes">${c.notesHtml ? trusted(c.notesHtml) : "none"}</dd>
<dt>Assigned to</dt><dd data-field="assignees">${c.assignees.length ? c.assignees.join(", ") : "no one"}</dd>
<dt>Notified</dt><dd data-field="notify">${c.assignees.length ? (c.notify ? "yes" : "no") : "no one to notify"}</dd>
<dt>Due</dt><dd data-field="due">${c.due || "no date"}</dd>
<dt>Starts</dt><dd data-field="start">${c.start || "no start date"}</dd>
</dl>
${link}
</div>
<p><a href="${ctx.base}/">Make another request</a></p>`,
  );
}

export function messagePage(ctx: PageContext, title: string, text: string, action?: { href: string; label: string }): Html {
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1>
<div class="card" role="alert" data-testid="message"><p>${text}</p>
${action ? html`<p><a class="button primary" href="${action.href}">${action.label}</a></p>` : ""}</div>`,
  );
}
