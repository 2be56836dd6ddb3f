// Shared by the form tests: an in-process simulator with the form app in front of it, and a
// tiny cookie-keeping "browser" that talks to the app through app.request (no port).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFormApp, type FormApp } from "../../src/form/index.js";
import type { FormAppOptions } from "../../src/form/options.js";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { newSim, UA } from "../simulator/helpers.js";

/** The sandbox app accepts loopback callbacks on any port; the port is never opened here. */
export const PUBLIC = "http://127.0.0.1:8999";

export interface Rig {
  sim: InProcessSimulator;
  app: FormApp;
  dir: string;
  options: FormAppOptions;
  close(): Promise<void>;
}

export function rig(extra: Partial<FormAppOptions> = {}, sim: InProcessSimulator = newSim()): Rig {
  const dir = mkdtempSync(join(tmpdir(), "form-test-"));
  const options: FormAppOptions = {
    oauth: { clientId: sim.clientId, clientSecret: sim.clientSecret },
    launchpadUrl: sim.launchpadUrl,
    fetch: sim.fetch,
    publicUrl: PUBLIC,
    tokenDir: join(dir, "tokens"),
    tokenKey: randomBytes(32),
    cookieSecret: randomBytes(32),
    userAgent: UA,
    rateLimit: "off",
    ...extra,
  };
  const app = createFormApp(options);
  return {
    sim,
    app,
    dir,
    options,
    async close() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Fields = Record<string, string | string[] | undefined>;

/** Keeps cookies like a browser and speaks to the app in-process. */
export class Visitor {
  readonly jar = new Map<string, string>();
  constructor(readonly app: FormApp) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(pathOrUrl, PUBLIC);
    const headers = new Headers(init.headers);
    if (this.jar.size && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    const res = await this.app.request(`${u.pathname}${u.search}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string, fields: Fields, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    }
    return this.request(path, { method: "POST", body: body.toString(), headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } });
  }

  /** GET, following same-app redirects; returns the last answer and its text. */
  async open(path: string): Promise<{ res: Response; html: string; url: string }> {
    let url = path;
    for (let i = 0; i < 5; i++) {
      const res = await this.get(url);
      const loc = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && loc && new URL(loc, PUBLIC).origin === PUBLIC) {
        url = loc;
        continue;
      }
      return { res, html: await res.text(), url };
    }
    throw new Error(`too many redirects from ${path}`);
  }
}

/** The value of a hidden (or any) input by name in a page. */
export function inputValue(html: string, name: string): string {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html);
  if (!m) throw new Error(`no input named ${name} in the page`);
  return m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The options of a select, as [value, label, selected]. */
export function options(html: string, select: string): Array<[string, string, boolean]> {
  const m = new RegExp(`<select id="${select}"[\\s\\S]*?</select>`).exec(html);
  if (!m) throw new Error(`no select ${select}`);
  return [...m[0].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((x) => [x[1], x[3], x[2] !== undefined]);
}

/** The error text shown beside a field, or undefined. */
export function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`data-error-for="${field}">([^<]*)<`).exec(html)?.[1];
}

/** Connect a visitor through the consent page (the simulator plays the person pressing Allow). */
export async function connect(v: Visitor, sim: InProcessSimulator, personId?: string): Promise<Response> {
  const start = await v.get("/connect");
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize) throw new Error(`/connect answered ${start.status}`);
  let callback: string;
  if (personId) {
    const page = await sim.fetch(authorize);
    const html = await page.text();
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1], m[2].replace(/&amp;/g, "&"));
    form.set("decision", "allow");
    form.set("person_id", personId);
    const r = await sim.fetch(`${sim.launchpadUrl}/authorization`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString(), redirect: "manual" });
    callback = r.headers.get("location")!;
  } else callback = await sim.approve(authorize);
  return v.get(callback);
}

/** A project (id, name) with at least one to-do list and two people, from the form's own picker data. */
export async function formReady(v: Visitor): Promise<{ html: string; csrf: string; key: string }> {
  const { html } = await v.open("/");
  return { html, csrf: inputValue(html, "_csrf"), key: inputValue(html, "key") };
}

/** Form tests run on a fixed day (UTC), so "today" and "the past" are certain. */
export const TODAY = "2031-03-10";
export const CLOCK = { now: () => Date.parse(`${TODAY}T12:00:00Z`), timeZone: "UTC" };

export interface Ready {
  v: Visitor;
  html: string;
  csrf: string;
  key: string;
  project: string;
  list: string;
  people: string[];
}

/** A connected visitor looking at the form, with the default project's first list and its people. */
export async function connectedForm(r: Rig): Promise<Ready> {
  const v = new Visitor(r.app);
  const cb = await connect(v, r.sim);
  if (cb.status !== 303) throw new Error(`callback answered ${cb.status}: ${await cb.text()}`);
  const { html, csrf, key } = await formReady(v);
  const project = options(html, "project").find((o) => o[2])![0];
  const list = options(html, "list")[0][0];
  const people = [...html.matchAll(/name="assignees" value="(\d+)"/g)].map((m) => m[1]);
  return { v, html, csrf, key, project, list, people };
}

/** To-dos in the simulator with this title. */
export function todosTitled(sim: InProcessSimulator, title: string) {
  return [...sim.store.ofType("Todo")].filter((t) => t.title === title);
}
