// createFormApp: the request form as a Hono app. Routes (under the public URL's path):
//   GET  /                 connect page, or the form
//   GET  /connect          start the OAuth web flow (state bound to a signed cookie)
//   GET  /oauth/callback   finish it: exchange the code, store the tokens, sign the session
//   POST /disconnect       delete this connection's tokens
//   POST /choose           re-render the form for another project, keeping the input
//   POST /todos            validate and create the to-do (once per form key), then 303 → /done/:key
//   GET  /done/:key        the confirmation
//   GET  /assets/*         the app's own CSS and script
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AuthError } from "../http/errors.js";
import { redact } from "../http/redact.js";
import { FORM_CSS, FORM_JS } from "./assets.js";
import { Catalogs, type Catalog, type Choice } from "./catalog.js";
import { Connections, NoAccountError, type Connection } from "./connections.js";
import { feedbackFor, type Notice } from "./feedback.js";
import type { Html } from "./html.js";
import { IdempotencyKeys } from "./idempotency.js";
import { markdownToRichText } from "../api/rich-text/markdown.js";
import { resolveFormOptions, type FormAppOptions } from "./options.js";
import { fingerprint, KEY_FORMAT, readValues, today, validate, type RequestValues } from "./request-fields.js";
import { randomId, SessionCookies, type Session } from "./session.js";
import { formPage } from "./views/form.js";
import type { PageContext } from "./views/layout.js";
import { confirmationPage, connectPage, messagePage } from "./views/pages.js";

type Body = Record<string, string | File | (string | File)[]>;
type FormEnv = { Variables: { session: Session; form: Body } };
export type FormApp = Hono<FormEnv>;

const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const NOTICES: Record<string, Notice> = {
  disconnected: { kind: "info", text: "Disconnected: this app no longer holds your Basecamp tokens. Connect again to send requests." },
};

function toId(s: string): number | bigint {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
}

const nameOf = (list: Choice[], id: string) => list.find((x) => x.id === id)?.name ?? id;

export function createFormApp(options: FormAppOptions): FormApp {
  const o = resolveFormOptions(options);
  const base = o.basePath;
  const publicOrigin = new URL(o.publicUrl).origin;
  const cookies = new SessionCookies(o.cookieKey, { path: base || "/", secure: o.secure });
  const connections = new Connections(o);
  const catalogs = new Catalogs(o.now);
  const keys = new IdempotencyKeys(o.now);
  const todayIs = () => today(o.now(), o.timeZone);
  const log = (line: string) => o.logger?.write(redact(line));

  const ctxOf = (s: Session, conn?: Connection): PageContext => ({ base, csrf: cookies.csrfToken(s), connected: conn ? { name: conn.name, email: conn.email } : undefined });
  const page = (c: Context, body: Html, status = 200) => c.html(body.text, status as 200);
  const freshValues = (catalog: Catalog): RequestValues => ({
    project: catalog.projectId,
    list: catalog.lists[0]?.id ?? "",
    title: "",
    notes: "",
    assignees: [],
    due: "",
    start: "",
    notify: true,
    key: randomId(18),
  });

  /** The form again, with the person's input and what went wrong (or the error, when it is not Basecamp's). */
  const failedForm = (c: Context, s: Session, conn: Connection | undefined, values: RequestValues, err: unknown, catalog?: Catalog) => {
    const fb = feedbackFor(err, o.now(), o.timeZone);
    if (!fb) throw err;
    log(`form: ${c.req.method} ${new URL(c.req.url).pathname} → ${fb.status} (${(err as Error).name})`);
    const cat = catalog ?? catalogs.remembered(conn?.who ?? s.who, values);
    const res = page(c, formPage(ctxOf(s, conn), { values, catalog: cat, errors: fb.fields, notice: fb.notice, today: todayIs() }), fb.status);
    if (fb.retryAfter !== undefined) res.headers.set("Retry-After", String(fb.retryAfter));
    return res;
  };

  const app = new Hono<FormEnv>();

  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("Content-Security-Policy", CSP);
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("X-Frame-Options", "DENY");
    c.res.headers.set("Referrer-Policy", "same-origin");
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "private, no-cache");
  });

  // Every POST: from this site, with a genuine session and its CSRF token.
  app.post("*", bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.text("The form is too large.", 413) }), async (c, next) => {
    const refuse = () => {
      const s = cookies.ensure(c);
      return page(c, messagePage(ctxOf(s), "Please reload the form", "This form has expired or did not come from this site, so nothing was done. Go back to the form, reload it, and send it again.", { href: `${base}/`, label: "Back to the form" }), 403);
    };
    const origin = c.req.header("origin");
    if (origin && origin !== publicOrigin) return refuse();
    const session = cookies.read(c);
    let body: Body;
    try {
      body = (await c.req.parseBody({ all: true })) as Body;
    } catch {
      body = {};
    }
    const token = body._csrf;
    if (!session || !cookies.csrfValid(session, Array.isArray(token) ? token[0] : token)) return refuse();
    c.set("session", session);
    c.set("form", body);
    await next();
  });

  app.get("/assets/form.css", (c) => c.body(FORM_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
  app.get("/assets/form.js", (c) => c.body(FORM_JS, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" }));

  app.get("/", async (c) => {
    const s = cookies.ensure(c);
    const conn = await connections.get(s.who);
    if (!conn) return page(c, connectPage(ctxOf(s), NOTICES[c.req.query("notice") ?? ""]));
    let catalog: Catalog;
    try {
      catalog = await catalogs.load(conn.who, connections.client(conn), c.req.query("project"));
    } catch (err) {
      const fb = feedbackFor(err, o.now(), o.timeZone);
      if (!fb) throw err;
      if (fb.notice.reconnect) return page(c, connectPage(ctxOf(s), { kind: "error", text: "The connection to Basecamp has ended (disconnected, expired or revoked). Connect again to send requests." }), fb.status);
      return page(c, messagePage(ctxOf(s, conn), "Basecamp is not answering as it should", fb.notice.text, { href: `${base}/`, label: "Try again" }), fb.status);
    }
    return page(c, formPage(ctxOf(s, conn), { values: freshValues(catalog), catalog, errors: {}, today: todayIs() }));
  });

  app.get("/connect", (c) => {
    const s = cookies.ensure(c);
    const state = randomId(24);
    cookies.rememberState(c, s, state, o.now());
    c.header("Cache-Control", "no-store");
    return c.redirect(connections.authorizationUrl(state), 302);
  });

  app.get("/oauth/callback", async (c) => {
    const q = c.req.query();
    const read = cookies.read(c);
    const matched = cookies.takeState(c, read, q.state, o.now());
    const s = read ?? cookies.ensure(c);
    c.header("Cache-Control", "no-store");
    const again = (text: string, status = 400) => page(c, connectPage(ctxOf(s), { kind: "error", text }), status);
    if (!matched) return again("This sign-in could not be matched to this browser (it was started elsewhere or more than 15 minutes ago), so nothing was connected. Please connect again.");
    if (q.error) return again(q.error === "access_denied" ? "You chose not to allow access, so the form is not connected. Connect again whenever you like." : "Basecamp did not finish the sign-in. Please connect again.", q.error === "access_denied" ? 200 : 400);
    if (!q.code) return again("Basecamp sent no authorization code back. Please connect again.");
    let who: string;
    try {
      who = await connections.connect(q.code);
    } catch (err) {
      log(`form: connecting failed (${(err as Error).name})`);
      if (err instanceof NoAccountError) return again(err.message, 403);
      if (err instanceof AuthError) return again("Basecamp refused the sign-in (the code may have expired, or the app's settings are wrong). Please connect again.");
      const fb = feedbackFor(err, o.now(), o.timeZone);
      if (!fb) throw err;
      return again(`${fb.notice.text.split(". ")[0]}. Please connect again.`, fb.status);
    }
    catalogs.forget(who);
    cookies.write(c, { sid: s.sid, who });
    return c.redirect(`${base}/`, 303);
  });

  app.post("/disconnect", async (c) => {
    const s = c.get("session");
    if (s.who) {
      await connections.disconnect(s.who);
      catalogs.forget(s.who);
    }
    cookies.write(c, { sid: s.sid });
    return c.redirect(`${base}/?notice=disconnected`, 303);
  });

  const submitted = (c: Context<FormEnv>): RequestValues => {
    const values = readValues(c.get("form"));
    if (!KEY_FORMAT.test(values.key)) values.key = randomId(18);
    return values;
  };

  app.post("/choose", async (c) => {
    const s = c.get("session");
    const values = submitted(c);
    const conn = await connections.get(s.who);
    if (!conn) return failedForm(c, s, undefined, values, new AuthError("Not connected."));
    let catalog: Catalog;
    try {
      catalog = await catalogs.load(conn.who, connections.client(conn), values.project);
    } catch (err) {
      return failedForm(c, s, conn, values, err);
    }
    values.project = catalog.projectId;
    if (!catalog.lists.some((l) => l.id === values.list)) values.list = catalog.lists[0]?.id ?? "";
    values.assignees = values.assignees.filter((id) => catalog.people.some((p) => p.id === id));
    return page(c, formPage(ctxOf(s, conn), { values, catalog, errors: {}, today: todayIs() }));
  });

  app.post("/todos", async (c) => {
    const s = c.get("session");
    const values = submitted(c);
    const conn = await connections.get(s.who);
    if (!conn) return failedForm(c, s, undefined, values, new AuthError("Not connected."));
    const done = (fresh: boolean, print: string, earlier: string) =>
      c.redirect(`${base}/done/${values.key}${fresh ? "" : print === earlier ? "?again=same" : "?again=changed"}`, 303);
    const print = fingerprint(values);
    // Sent before (back + resubmit): answer with that result, whatever Basecamp is doing now.
    const before = keys.get(conn.who, values.key);
    if (before) return done(false, print, before.fingerprint);
    const client = connections.client(conn);
    let catalog: Catalog;
    try {
      catalog = await catalogs.load(conn.who, client, values.project);
    } catch (err) {
      return failedForm(c, s, conn, values, err);
    }
    const errors = validate(values, catalog, todayIs());
    if (Object.keys(errors).length) return page(c, formPage(ctxOf(s, conn), { values, catalog, errors, today: todayIs() }), 422);
    try {
      const { created, fresh } = await keys.run(conn.who, values.key, async () => {
        const notesHtml = markdownToRichText(values.notes);
        const todo = await client.todos.create(values.list, {
          content: values.title,
          description: notesHtml || undefined,
          assignee_ids: values.assignees.map(toId),
          notify: values.notify,
          due_on: values.due,
          starts_on: values.start || undefined,
        });
        log(`form: created to-do ${String(todo.id)} in list ${values.list}`);
        return {
          todoId: String(todo.id),
          title: todo.content,
          appUrl: todo.app_url,
          projectName: nameOf(catalog.projects, values.project),
          listName: nameOf(catalog.lists, values.list),
          assignees: (todo.assignees ?? []).map((p) => p.name),
          due: todo.due_on ?? values.due,
          start: todo.starts_on ?? values.start,
          // Our own sanitised conversion (never markup from the answer) is what the page shows.
          notesHtml,
          notify: values.notify,
          fingerprint: print,
        };
      });
      return done(fresh, print, created.fingerprint);
    } catch (err) {
      return failedForm(c, s, conn, values, err, catalog);
    }
  });

  app.get("/done/:key", async (c) => {
    const s = cookies.ensure(c);
    const conn = await connections.get(s.who);
    const created = conn ? keys.get(conn.who, c.req.param("key")) : undefined;
    if (!created) {
      return page(
        c,
        messagePage(ctxOf(s, conn), "Nothing to show here", "This confirmation is not available: it is more than a day old, the form app was restarted, or it belongs to another connection. Your to-dos are safe in Basecamp.", { href: `${base}/`, label: "Make a request" }),
        404,
      );
    }
    const again = c.req.query("again");
    const note =
      again === "changed"
        ? "This form had already been sent, so no second to-do was made and your later changes were not sent. To ask for something else, make another request."
        : again === "same"
          ? "This form had already been sent: here is the to-do it created (no duplicate was made)."
          : undefined;
    return page(c, confirmationPage(ctxOf(s, conn), created, note));
  });

  app.notFound((c) => {
    const s = cookies.ensure(c);
    return page(c, messagePage(ctxOf(s), "Page not found", "There is no page here.", { href: `${base}/`, label: "Go to the form" }), 404);
  });

  app.onError((err, c) => {
    log(`form: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${err.name}: ${err.message}`);
    const s = cookies.read(c) ?? { sid: randomId() };
    return page(c, messagePage(ctxOf(s), "Something went wrong", "The form could not finish this request. Please try again; if it keeps happening, tell whoever runs this form.", { href: `${base}/`, label: "Back to the form" }), 500);
  });

  return app;
}
