// Every app_url the simulator hands out leads to an HTML page (in-process and over a real
// port); addresses that name nothing get a 404 page.
import { afterEach, describe, expect, it } from "vitest";
import { TARGETS, json, type Target } from "./targets.js";

const html = { Accept: "text/html" };

describe.each(TARGETS)("web pages at app_url (%s)", (_name, make) => {
  let t: Target;
  afterEach(async () => {
    await t?.close();
  });

  it("serves a to-do's page with its title and fields, from the app_url the API gave", async () => {
    t = await make();
    const project = [...t.store.projects.values()][0];
    const todoset = t.store.dockTool(project.id, "Todoset")!;
    const list = t.store.childrenOf(todoset.id, ["Todolist"])[0];
    const me = t.store.account.ownerId;
    const person = t.store.people.get(me)!;
    const made = await t.call("POST", `/buckets/${project.id}/todolists/${list.id}/todos.json`, {
      content: "Replace the <b>lobby</b> lights",
      description: "<div>Use the warm bulbs</div>",
      assignee_ids: [Number(me)],
      due_on: "2031-04-01",
      starts_on: "2031-03-20",
    });
    expect(made.status).toBe(201);
    const todo = await json(made);
    expect(todo.app_url).toMatch(/^http/);

    const res = await t.fetch(todo.app_url, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain("Replace the &lt;b&gt;lobby&lt;/b&gt; lights");
    expect(page).not.toContain("<b>lobby</b>");
    expect(page).toContain("Use the warm bulbs");
    expect(page).toContain("2031-04-01");
    expect(page).toContain("2031-03-20");
    expect(page).toContain(person.name);
    expect(page).toContain(`data-id="${todo.id}"`);
    expect(page).toContain(project.name);
  });

  it("serves the project page and the list page the to-do's links point at", async () => {
    t = await make();
    const p = await json(await t.call("GET", "/projects.json"));
    const project = p[0];
    const res = await t.fetch(project.app_url, { headers: html });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(project.name);
    const todolistHref = /href="([^"]*\/todosets\/\d+)"/.exec(page)?.[1];
    expect(todolistHref).toBeDefined();
    expect((await t.fetch(todolistHref!.replace(/&amp;/g, "&"), { headers: html })).status).toBe(200);
  });

  it("answers 404 pages for addresses that name nothing", async () => {
    t = await make();
    const project = [...t.store.projects.values()][0];
    const todoset = t.store.dockTool(project.id, "Todoset")!;
    const todo = t.store.childrenOf(t.store.childrenOf(todoset.id, ["Todolist"])[0].id, ["Todo"])[0];
    const web = `${t.apiUrl}/web/${t.accountId}`;
    for (const path of [
      `/buckets/${project.id}/todos/999999999`,
      `/buckets/${project.id}/messages/${todo.id}`,
      `/buckets/1/todos/${todo.id}`,
      `/projects/424242`,
      `/nothing/here`,
    ]) {
      const res = await t.fetch(`${web}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      expect(await res.text()).toContain("Page not found");
    }
    expect((await t.fetch(`${t.apiUrl}/web/1/projects/${project.id}`, { headers: html })).status).toBe(404);
    expect((await t.fetch(`${web}/buckets/${project.id}/todos/${todo.id}`, { headers: html })).status).toBe(200);
  });

  it("serves the avatar at a person's avatar_url", async () => {
    t = await make();
    const people = await json(await t.call("GET", "/people.json"));
    const res = await t.fetch(people[0].avatar_url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg/);
  });
});
