// The confirmation page after a request: it shows every field that was sent, and its
// "Open the to-do in Basecamp" link leads to a real page — tried with a real GET against a
// simulator listening on a port, as `campctl form --sandbox` runs it.
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { loopbackOnlyFetch } from "../simulator/helpers.js";
import { CLOCK, connectedForm, rig, todosTitled, type Ready, type Rig } from "./helpers.js";

let r: Rig | undefined;
let running: RunningSimulator | undefined;
afterEach(async () => {
  await r?.close();
  await running?.close();
  r = undefined;
  running = undefined;
});

const send = (x: Ready, fields: Record<string, string | string[]>) => ({ _csrf: x.csrf, key: x.key, project: x.project, list: x.list, notify: "1", start: "", ...fields });

const text = (html: string, field: string) =>
  new RegExp(`<dd data-field="${field}">([\\s\\S]*?)</dd>`).exec(html)?.[1];

describe("the confirmation page", () => {
  it("shows every field sent, and its link opens the to-do's page in the sandbox Basecamp", async () => {
    running = await startSimulator({ scale: "tiny", rateLimit: "off", webhookFetch: loopbackOnlyFetch });
    r = rig({ ...CLOCK, launchpadUrl: running.launchpadUrl, fetch: (input, init) => fetch(input, init) }, running.simulator);
    const x = await connectedForm(r);
    const people = x.people.slice(0, 2);
    const res = await x.v.post(
      "/todos",
      send(x, { title: "Paint the <shed>", notes: "Use **green** paint\n\n- two coats", assignees: people, due: "2031-04-02", start: "2031-03-22" }),
    );
    expect(res.status).toBe(303);
    const done = await x.v.open(res.headers.get("location")!);
    expect(done.res.status).toBe(200);
    const page = done.html;

    const [todo] = todosTitled(running.simulator, "Paint the <shed>");
    expect(todo).toBeDefined();
    const names = todo.assigneeIds!.map((id) => running!.simulator.store.people.get(id)!.name);
    expect(names).toHaveLength(2);
    const project = running.simulator.store.projects.get(todo.bucketId)!;
    const list = running.simulator.store.recordings.get(todo.parentId!)!;

    expect(text(page, "title")).toBe("Paint the &lt;shed&gt;");
    expect(text(page, "project")).toBe(project.name.replace(/&/g, "&amp;"));
    expect(text(page, "list")).toBe(list.title.replace(/&/g, "&amp;"));
    expect(text(page, "notes")).toBe("<div>Use <strong>green</strong> paint</div><ul><li>two coats</li></ul>");
    expect(text(page, "assignees")).toBe(names.join(", "));
    expect(text(page, "notify")).toBe("yes");
    expect(text(page, "due")).toBe("2031-04-02");
    expect(text(page, "start")).toBe("2031-03-22");

    const href = /id="open-todo" href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, "&");
    expect(href).toBeDefined();
    expect(new URL(href!).origin).toBe(new URL(running.apiUrl).origin);
    // A real GET over the loopback port, as the person's browser would make it.
    const view = await fetch(href!, { headers: { Accept: "text/html" } });
    expect(view.status).toBe(200);
    expect(view.headers.get("content-type")).toMatch(/^text\/html/);
    const viewHtml = await view.text();
    expect(viewHtml).toContain("Paint the &lt;shed&gt;");
    expect(viewHtml).toContain(`data-id="${todo.id}"`);
    expect(viewHtml).toContain("2031-04-02");
  });

  it("says plainly when no notes, no one, and no start date were sent", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    const res = await x.v.post("/todos", send(x, { title: "Bare request", notes: "", due: "2031-03-30", notify: "" }));
    expect(res.status).toBe(303);
    const { html } = await x.v.open(res.headers.get("location")!);
    expect(text(html, "notes")).toBe("none");
    expect(text(html, "assignees")).toBe("no one");
    expect(text(html, "start")).toBe("no start date");
    expect(text(html, "due")).toBe("2031-03-30");
  });
});
