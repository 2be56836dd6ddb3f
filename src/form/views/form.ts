// The request form: project and list pickers (a "Choose" button re-renders with the chosen
// project's lists and people; no script needed), title, notes, assignees, dates, notify.
// Errors sit beside their fields (aria-invalid + aria-describedby) and in a summary on top.
import type { Catalog } from "../catalog.js";
import type { Notice } from "../feedback.js";
import { html, type Html } from "../html.js";
import type { Field, FieldErrors, RequestValues } from "../request-fields.js";
import { MAX_TITLE } from "../request-fields.js";
import { layout, type PageContext } from "./layout.js";

export interface FormView {
  values: RequestValues;
  catalog: Catalog;
  errors: FieldErrors;
  notice?: Notice;
  /** YYYY-MM-DD: the earliest due date. */
  today: string;
}

const ORDER: Field[] = ["project", "list", "title", "notes", "assignees", "due", "start"];
const LABELS: Record<Field, string> = { project: "Project", list: "To-do list", title: "Title", notes: "Notes", assignees: "Assignees", due: "Due date", start: "Start date" };

/** The notice on top of a page; the reconnect link opens a new tab so this page's input stays. */
export function noticeHtml(ctx: PageContext, n: Notice, focus = true): Html {
  return html`<div class="notice ${n.kind}" role="${n.kind === "error" ? "alert" : "status"}" tabindex="-1"${focus ? html` data-focus-first` : ""} data-testid="notice">
<p>${n.text}</p>${n.reconnect ? html`<p><a class="button primary" href="${ctx.base}/connect" target="_blank" rel="noopener" data-testid="reconnect">Reconnect to Basecamp</a> <span class="hint">(opens in a new tab; come back here afterwards)</span></p>` : ""}
</div>`;
}

function summary(errors: FieldErrors, focus: boolean): Html {
  const fields = ORDER.filter((f) => errors[f]);
  if (!fields.length) return html``;
  return html`<div class="notice summary" role="alert" tabindex="-1"${focus ? html` data-focus-first` : ""}>
<p><strong>${fields.length === 1 ? "One thing needs fixing" : `${fields.length} things need fixing`} before the to-do can be created:</strong></p>
<ul>${fields.map((f) => html`<li><a href="#${f === "assignees" ? "assignees-group" : f}">${LABELS[f]}: ${errors[f]}</a></li>`)}</ul>
</div>`;
}

/** Attributes and error line of one field. */
function state(errors: FieldErrors, f: Field, hint?: string) {
  const msg = errors[f];
  const ids = [hint, msg ? `${f}-error` : undefined].filter(Boolean).join(" ");
  return {
    cls: msg ? "field invalid" : "field",
    attrs: html`${ids ? html` aria-describedby="${ids}"` : ""}${msg ? html` aria-invalid="true"` : ""}`,
    error: msg ? html`<p class="error" id="${f}-error" data-error-for="${f}">${msg}</p>` : html``,
  };
}

const selected = (on: boolean) => (on ? html` selected` : html``);
const checked = (on: boolean) => (on ? html` checked` : html``);

export function formPage(ctx: PageContext, v: FormView): Html {
  const { values, catalog, errors } = v;
  const project = state(errors, "project", "project-hint");
  const list = state(errors, "list");
  const title = state(errors, "title");
  const notes = state(errors, "notes", "notes-hint");
  const people = state(errors, "assignees");
  const due = state(errors, "due");
  const start = state(errors, "start", "start-hint");
  const noLists = catalog.lists.length === 0;
  const body = html`<h1>Request a to-do</h1>
${v.notice ? noticeHtml(ctx, v.notice) : ""}
${summary(errors, !v.notice)}
<form id="request" method="post" action="${ctx.base}/todos" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
<input type="hidden" name="key" value="${values.key}">
<button type="submit" id="create-default" class="visually-hidden" tabindex="-1" aria-hidden="true">Create to-do</button>
<div class="card">
<div class="${project.cls}">
<label for="project">Project</label>
<p class="hint" id="project-hint">The lists and people below belong to this project: after changing it, press Choose.</p>
<div class="row"><select id="project" name="project"${project.attrs}>
${catalog.projects.length ? catalog.projects.map((p) => html`<option value="${p.id}"${selected(p.id === catalog.projectId)}>${p.name}</option>`) : html`<option value="">No projects</option>`}
</select><button type="submit" id="choose" formaction="${ctx.base}/choose" formnovalidate>Choose</button></div>
${project.error}
</div>
<div class="${list.cls}">
<label for="list">To-do list</label>
<select id="list" name="list"${list.attrs}>
${noLists ? html`<option value="">${catalog.noTodos ? "This project has no to-dos" : "No to-do lists in this project"}</option>` : catalog.lists.map((l) => html`<option value="${l.id}"${selected(l.id === values.list)}>${l.name}</option>`)}
</select>
${list.error}
</div>
</div>
<div class="card">
<div class="${title.cls}">
<label for="title">Title <span class="req">(required)</span></label>
<input type="text" id="title" name="title" value="${values.title}" maxlength="${MAX_TITLE * 2}" required aria-required="true"${title.attrs}>
${title.error}
</div>
<div class="${notes.cls}">
<label for="notes">Notes</label>
<p class="hint" id="notes-hint">Plain text or Markdown: **bold**, *italic*, ~~strike~~, [link](https://…), \`code\`, - lists, 1. lists, &gt; quotes, # heading.</p>
<textarea id="notes" name="notes" rows="7"${notes.attrs}>${values.notes}</textarea>
${notes.error}
</div>
<div class="${people.cls}">
<fieldset id="assignees-group"${people.attrs}>
<legend>Assignees</legend>
<div class="people">
${catalog.people.length ? catalog.people.map((p) => html`<label class="check"><input type="checkbox" name="assignees" value="${p.id}"${checked(values.assignees.includes(p.id))}> <span>${p.name}${p.email ? html` <small>${p.email}</small>` : ""}</span></label>`) : html`<p class="hint">No one is on this project yet.</p>`}
</div>
</fieldset>
${people.error}
</div>
<div class="dates">
<div class="${due.cls}">
<label for="due">Due date <span class="req">(required)</span></label>
<input type="date" id="due" name="due" value="${values.due}" min="${v.today}" required aria-required="true"${due.attrs}>
${due.error}
</div>
<div class="${start.cls}">
<label for="start">Start date</label>
<input type="date" id="start" name="start" value="${values.start}"${start.attrs}>
<p class="hint" id="start-hint">Optional; on or before the due date.</p>
${start.error}
</div>
</div>
<div class="field">
<label class="check"><input type="checkbox" id="notify" name="notify" value="1"${checked(values.notify)}> Notify the assignees by email now</label>
</div>
</div>
<div class="actions"><button type="submit" id="create" class="primary">Create to-do</button></div>
</form>`;
  return layout(ctx, "Request a to-do", body);
}
