// The form itself: validation beside the fields with input kept, choosing a project, the
// to-do created with rich-text notes, one to-do per form key, and what Basecamp's failures
// (429, 401 / refresh failed, 422) look like to the person.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { newSim } from "../simulator/helpers.js";
import { CLOCK, connectedForm, fieldError, inputValue, options, rig, todosTitled, type Ready, type Rig } from "./helpers.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const valid = (x: Ready, title: string, more: Record<string, string | string[]> = {}) => ({
  _csrf: x.csrf,
  key: x.key,
  project: x.project,
  list: x.list,
  title,
  notes: "",
  due: "2031-03-20",
  start: "",
  notify: "1",
  ...more,
});

async function setFaults(sim: InProcessSimulator, spec: unknown): Promise<void> {
  const res = await sim.fetch(`${sim.apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/json" }, body: JSON.stringify(spec) });
  expect(res.status).toBe(200);
}

describe("validation", () => {
  it("shows each error beside its field and keeps every input", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    const res = await x.v.post("/todos", valid(x, "", { notes: "Keep **these** notes <3", assignees: [x.people[0]], due: "2031-03-09", start: "2031-03-01" }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, "title")).toMatch(/Enter a title/);
    expect(fieldError(html, "due")).toMatch(/in the past.*2031-03-10/);
    expect(html).toContain('id="title" name="title" value=""');
    expect(html).toContain("Keep **these** notes &lt;3</textarea>");
    expect(html).toContain(`value="${x.people[0]}" checked`);
    expect(html).toContain('value="2031-03-09"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="title-error"');
    expect(inputValue(html, "key")).toBe(x.key);
    expect(html).toMatch(/2 things need fixing/);
  });

  it("allows today, refuses a start after the due date, unknown assignees and a list from elsewhere", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    const bad = await x.v.post("/todos", valid(x, "Start late", { due: "2031-03-10", start: "2031-03-11", assignees: [x.people[0], "999999999"], list: "123" }));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, "due")).toBeUndefined();
    expect(fieldError(html, "start")).toMatch(/after the due date/);
    expect(fieldError(html, "assignees")).toMatch(/not on this project/);
    expect(fieldError(html, "list")).toMatch(/not in this project/);
    expect(fieldError(html, "title")).toBeUndefined();
    expect(html).toContain('value="Start late"');
    const missing = await x.v.post("/todos", valid(x, "No date", { due: "", start: "soon" }));
    const m = await missing.text();
    expect(fieldError(m, "due")).toMatch(/Choose a due date/);
    expect(fieldError(m, "start")).toMatch(/YYYY-MM-DD/);
    expect(todosTitled(r.sim, "Start late")).toHaveLength(0);
    expect(todosTitled(r.sim, "No date")).toHaveLength(0);
    const today = await x.v.post("/todos", valid(x, "Due today", { due: "2031-03-10", start: "2031-03-10" }));
    expect(today.status).toBe(303);
    expect(todosTitled(r.sim, "Due today")).toHaveLength(1);
  });
});

describe("the form", () => {
  it("re-renders for another project with its lists and people, keeping the typed input", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    const other = options(x.html, "project").find((o) => !o[2])!;
    const res = await x.v.post("/choose", valid(x, "Typed before choosing", { project: other[0], notes: "my notes" }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(options(html, "project").find((o) => o[2])![0]).toBe(other[0]);
    const lists = options(html, "list").map((o) => o[0]);
    expect(lists).not.toContain(x.list);
    expect(html).toContain('value="Typed before choosing"');
    expect(html).toContain(">my notes</textarea>");
    expect(inputValue(html, "key")).toBe(x.key);
    expect(fieldError(html, "title")).toBeUndefined();
  });

  it("creates the to-do with rich-text notes, assignees, dates and notify, then confirms with a link", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    const notes = "Please **fix** the [login](https://example.com/login) page\n\n- Safari\n- Firefox\n\n<script>alert(1)</script>";
    const res = await x.v.post("/todos", valid(x, "Fix the login page", { notes, assignees: x.people.slice(0, 2), due: "2031-04-01", start: "2031-03-15" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/done/${x.key}`);
    const [todo] = todosTitled(r.sim, "Fix the login page");
    expect(todo).toBeDefined();
    expect(todo.description).toBe(
      '<div>Please <strong>fix</strong> the <a href="https://example.com/login">login</a> page</div><ul><li>Safari</li><li>Firefox</li></ul><div>&lt;script&gt;alert(1)&lt;/script&gt;</div>',
    );
    expect(todo.assigneeIds!.map(String).sort()).toEqual(x.people.slice(0, 2).sort());
    expect(todo.dueOn).toBe("2031-04-01");
    expect(todo.startsOn).toBe("2031-03-15");
    expect(String(todo.parentId)).toBe(x.list);
    const done = await x.v.open(res.headers.get("location")!);
    expect(done.res.status).toBe(200);
    expect(done.html).toContain('data-testid="created-title">Fix the login page<');
    expect(done.html).toMatch(new RegExp(`id="open-todo" href="[^"]*/todos/${String(todo.id)}"`));
  });

  it("creates one to-do for a form sent twice, one after the other or at the same time", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    const first = await x.v.post("/todos", valid(x, "Sent twice"));
    const second = await x.v.post("/todos", valid(x, "Sent twice"));
    expect(first.status).toBe(303);
    expect(second.headers.get("location")).toBe(`/done/${x.key}?again=same`);
    expect(todosTitled(r.sim, "Sent twice")).toHaveLength(1);
    const again = await x.v.open(second.headers.get("location")!);
    expect(again.html).toContain("no duplicate was made");
    const changed = await x.v.post("/todos", valid(x, "Sent twice, edited"));
    expect(changed.headers.get("location")).toBe(`/done/${x.key}?again=changed`);
    expect(todosTitled(r.sim, "Sent twice, edited")).toHaveLength(0);

    // Concurrent: the create is slow, the second POST arrives while the first is running.
    const y = await connectedForm(r);
    await setFaults(r.sim, { latencyMs: 150, match: "/todos.json" });
    const both = await Promise.all([y.v.post("/todos", valid(y, "Double click")), y.v.post("/todos", valid(y, "Double click"))]);
    expect(both.map((b) => b.status)).toEqual([303, 303]);
    expect(both.map((b) => b.headers.get("location")!.split("?")[0])).toEqual([`/done/${y.key}`, `/done/${y.key}`]);
    expect(todosTitled(r.sim, "Double click")).toHaveLength(1);
    // A fresh form (new key) is a new request.
    const z = await connectedForm(r);
    expect(z.key).not.toBe(y.key);
    expect((await z.v.post("/todos", valid(z, "Double click"))).status).toBe(303);
    expect(todosTitled(r.sim, "Double click")).toHaveLength(2);
  });
});

describe("when Basecamp says no", () => {
  it("rate limited: says when to retry (from Retry-After), keeps the input, and the same form works later", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    await setFaults(r.sim, { rateLimitStorm: { count: 1, retryAfter: 2 }, match: "/todos.json" });
    const res = await x.v.post("/todos", valid(x, "Busy Basecamp", { notes: "kept notes" }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    const html = await res.text();
    expect(html).toContain("too many requests");
    expect(html).toContain("try again in 2 seconds (after 12:00:02)");
    // The account's limiter waits those 2 s for every caller before the next request goes out.
    expect(html).toContain('value="Busy Basecamp"');
    expect(html).toContain(">kept notes</textarea>");
    expect(todosTitled(r.sim, "Busy Basecamp")).toHaveLength(0);
    const retry = await x.v.post("/todos", valid(x, "Busy Basecamp", { notes: "kept notes" }));
    expect(retry.status).toBe(303);
    expect(todosTitled(r.sim, "Busy Basecamp")).toHaveLength(1);
  });

  it("revoked tokens (401, refresh refused): offers to reconnect, keeps the input", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    r.sim.store.auth.accessTokens.clear();
    r.sim.store.auth.refreshTokens.clear();
    const res = await x.v.post("/todos", valid(x, "After revocation", { assignees: [x.people[1]] }));
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("connection to Basecamp has ended");
    expect(html).toMatch(/data-testid="reconnect"[^>]*|href="\/connect"[^>]*data-testid="reconnect"/);
    expect(html).toContain('value="After revocation"');
    expect(html).toContain(`value="${x.people[1]}" checked`);
    expect(todosTitled(r.sim, "After revocation")).toHaveLength(0);
  });

  it("disconnected elsewhere (token file gone): offers to reconnect, keeps the input", async () => {
    r = rig(CLOCK);
    const x = await connectedForm(r);
    rmSync(join(r.dir, "tokens"), { recursive: true, force: true });
    const res = await x.v.post("/todos", valid(x, "After disconnect"));
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('data-testid="reconnect"');
    expect(html).toContain('value="After disconnect"');
  });

  it("422 from Basecamp: its message appears beside the named field, input kept", async () => {
    const sim = newSim();
    // A proxy that spoils the due date on its way to Basecamp, so the simulator answers 422.
    const spoil: typeof fetch = async (input, init) => {
      const req = new Request(input as string, init);
      if (req.method === "POST" && /\/todolists\/\d+\/todos\.json$/.test(new URL(req.url).pathname)) {
        const body = JSON.parse(await req.text());
        return sim.fetch(req.url, { method: "POST", headers: req.headers, body: JSON.stringify({ ...body, due_on: "2031-02-30" }) });
      }
      return sim.fetch(req);
    };
    r = rig({ ...CLOCK, fetch: spoil }, sim);
    const x = await connectedForm(r);
    const res = await x.v.post("/todos", valid(x, "Refused by Basecamp", { notes: "n" }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, "due")).toBe("Basecamp says: must be a date in YYYY-MM-DD form.");
    expect(html).toContain("Basecamp did not accept the to-do");
    expect(html).toContain('value="Refused by Basecamp"');
    expect(todosTitled(sim, "Refused by Basecamp")).toHaveLength(0);
  });
});
