// The form in a real browser (Chromium driven by playwright-core; see find-chromium.ts) against a simulator
// on a real port: connect through the consent page, fill and send the form, see the
// confirmation and find the to-do in the simulator; the validation path; double submits.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFormApp, type RunningForm } from "../../src/form/index.js";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { ARTIFACTS } from "../setup/paths.js";
import { UA } from "../simulator/helpers.js";
import { findChromium } from "./find-chromium.js";
import { CLOCK, todosTitled } from "./helpers.js";

const SHOTS = join(ARTIFACTS, "screenshots");
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let sim: RunningSimulator;
let form: RunningForm;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  const chromiumFound = await findChromium();
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "form-browser-"));
  sim = await startSimulator({ scale: "tiny", rateLimit: "off" });
  form = await serveFormApp({
    oauth: { clientId: sim.clientId, clientSecret: sim.clientSecret },
    launchpadUrl: sim.launchpadUrl,
    tokenDir: join(dir, "tokens"),
    tokenKey: randomBytes(32),
    cookieSecret: randomBytes(32),
    userAgent: UA,
    rateLimit: "off",
    host: "127.0.0.1",
    port: 0,
    ...CLOCK,
  });
  browser = await chromium.launch({ executablePath: chromiumFound.executablePath, headless: true, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await form?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A new browser context (its own cookies), connected through the simulator's consent page. */
async function connected(opts: { javaScript?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, javaScriptEnabled: opts.javaScript ?? true });
  const page = await context.newPage();
  await page.goto(`${form.url}/`);
  await page.getByRole("link", { name: "Connect to Basecamp" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/launchpad/authorization"));
  await page.getByRole("button", { name: "Yes, I'll allow access" }).click();
  await page.waitForURL(`${form.url}/`);
  expect(await page.getByTestId("identity").textContent()).toBe("Jordan Blake");
  return { context, page };
}

const todos = (title: string) => todosTitled(sim.simulator, title);

describe("the request form in Chromium", () => {
  it("connects, chooses a project, fills the form, creates the to-do and confirms it", async () => {
    const { context, page } = await connected();
    try {
      const projects = await page.locator("#project option").evaluateAll((os) => os.map((o) => [(o as unknown as { value: string }).value, (o as unknown as { selected: boolean }).selected]));
      const other = projects.find(([, sel]) => !sel)![0] as string;
      // The script chooses the project on change (the form posts to /choose and keeps the input).
      await page.getByLabel("Title").fill("Order new laptops");
      await Promise.all([page.waitForURL(`${form.url}/choose`), page.selectOption("#project", other)]);
      expect(await page.getByLabel("Title").inputValue()).toBe("Order new laptops");
      expect(await page.locator("#project").inputValue()).toBe(other);
      const list = await page.locator("#list").inputValue();
      expect(list).not.toBe("");
      await page.getByLabel("Notes").fill("We need **three** laptops:\n\n- 2 for design\n- 1 for [ops](https://example.com/ops)\n\n<b>not bold</b>");
      const names = await page.locator('input[name="assignees"]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
      expect(names.length).toBeGreaterThanOrEqual(2);
      await page.locator(`input[name="assignees"][value="${names[0]}"]`).check();
      await page.locator(`input[name="assignees"][value="${names[1]}"]`).check();
      await page.getByLabel("Due date").fill("2031-03-24");
      await page.getByLabel("Start date").fill("2031-03-12");
      await page.screenshot({ path: join(SHOTS, "form.png"), fullPage: true });
      await Promise.all([page.waitForURL(/\/done\//), page.getByRole("button", { name: "Create to-do" }).click()]);
      await expect.poll(() => page.getByTestId("created-title").textContent()).toBe("Order new laptops");
      const href = await page.locator("#open-todo").getAttribute("href");
      await page.screenshot({ path: join(SHOTS, "confirmation.png"), fullPage: true });
      expect(existsSync(join(SHOTS, "form.png")) && existsSync(join(SHOTS, "confirmation.png"))).toBe(true);

      const [todo, ...more] = todos("Order new laptops");
      expect(more).toHaveLength(0);
      expect(String(todo.parentId)).toBe(list);
      expect(String(todo.bucketId)).toBe(other);
      expect(todo.description).toBe('<div>We need <strong>three</strong> laptops:</div><ul><li>2 for design</li><li>1 for <a href="https://example.com/ops">ops</a></li></ul><div>&lt;b&gt;not bold&lt;/b&gt;</div>');
      expect(todo.assigneeIds!.map(String).sort()).toEqual([names[0], names[1]].sort());
      expect(todo.dueOn).toBe("2031-03-24");
      expect(todo.startsOn).toBe("2031-03-12");
      expect(href).toMatch(new RegExp(`/todos/${String(todo.id)}$`));
    } finally {
      await context.close();
    }
  });

  it("shows validation errors beside the fields, keeps the input, and focuses the summary", async () => {
    const { context, page } = await connected();
    try {
      await page.getByLabel("Notes").fill("notes that must survive");
      await page.getByLabel("Due date").fill("2031-03-01");
      await page.getByLabel("Start date").fill("2031-03-05");
      const first = page.locator('input[name="assignees"]').first();
      await first.check();
      await page.getByRole("button", { name: "Create to-do" }).click();
      await page.locator('[data-error-for="title"]').waitFor();
      expect(await page.locator('[data-error-for="title"]').textContent()).toMatch(/Enter a title/);
      expect(await page.locator('[data-error-for="due"]').textContent()).toMatch(/in the past/);
      expect(await page.locator('[data-error-for="start"]').textContent()).toMatch(/after the due date/);
      // Beside its field: the error follows the input inside the same field block.
      expect(await page.locator(".field.invalid #title + [data-error-for=title]").count()).toBe(1);
      expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Notes").inputValue()).toBe("notes that must survive");
      expect(await page.getByLabel("Due date").inputValue()).toBe("2031-03-01");
      expect(await first.isChecked()).toBe(true);
      expect(await page.evaluate("document.activeElement && document.activeElement.className")).toContain("summary");
      await page.screenshot({ path: join(SHOTS, "validation.png"), fullPage: true });
      // Fixing the title and dates sends it.
      await page.getByLabel("Title").fill("Fixed after errors");
      await page.getByLabel("Due date").fill("2031-03-10");
      await page.getByLabel("Start date").fill("");
      await Promise.all([page.waitForURL(/\/done\//), page.getByRole("button", { name: "Create to-do" }).click()]);
      expect(todos("Fixed after errors")).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it("creates one to-do for a double click, back + resubmit, and two rapid submits", async () => {
    const { context, page } = await connected();
    try {
      // Double click on the button.
      await page.getByLabel("Title").fill("Double clicked");
      await page.getByLabel("Due date").fill("2031-03-20");
      await page.getByRole("button", { name: "Create to-do" }).dblclick();
      await page.waitForURL(/\/done\//);
      await page.getByTestId("created-title").waitFor();
      // Back to the filled-in form, and send it again.
      await page.goBack();
      await page.getByLabel("Title").waitFor();
      expect(await page.getByLabel("Title").inputValue()).toBe("Double clicked");
      await Promise.all([page.waitForURL(/\/done\/.*again=same/), page.getByRole("button", { name: "Create to-do" }).click()]);
      expect(await page.getByTestId("notice").textContent()).toContain("no duplicate was made");
      expect(todos("Double clicked")).toHaveLength(1);

      // Two rapid submits of one form from the page (same cookies, same key), the create slowed down.
      await page.goto(`${form.url}/`);
      await page.getByLabel("Title").fill("Rapid submits");
      await page.getByLabel("Due date").fill("2031-03-20");
      await fetch(`${sim.apiUrl}/__sim/faults`, { method: "POST", headers: { Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/json" }, body: JSON.stringify({ latencyMs: 200, match: "/todos.json" }) });
      const body = (await page.evaluate('new URLSearchParams(new FormData(document.getElementById("request"))).toString()')) as string;
      expect(body).toContain("title=Rapid+submits");
      // The page's own request context: the browser's cookies, sent twice at once.
      const send = () => page.request.post(`${form.url}/todos`, { data: body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }).then((r) => r.url());
      const landed = await Promise.all([send(), send()]);
      await fetch(`${sim.apiUrl}/__sim/faults`, { method: "DELETE", headers: { Authorization: `Bearer ${sim.adminToken}` } });
      expect(landed).toHaveLength(2);
      expect(new Set(landed.map((u) => new URL(u).pathname)).size).toBe(1);
      expect(landed[0]).toMatch(/\/done\//);
      expect(todos("Rapid submits")).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it("without JavaScript: the project is chosen with the Choose button, and a double click still makes one to-do", async () => {
    const { context, page } = await connected({ javaScript: false });
    try {
      const other = await page.locator("#project option:not([selected])").first().getAttribute("value");
      await page.getByLabel("Title").fill("No script");
      await page.selectOption("#project", other!);
      await Promise.all([page.waitForURL(`${form.url}/choose`), page.getByRole("button", { name: "Choose" }).click()]);
      expect(await page.getByLabel("Title").inputValue()).toBe("No script");
      await page.getByLabel("Due date").fill("2031-03-21");
      await page.getByRole("button", { name: "Create to-do" }).dblclick();
      // The second submit aborts the first one's navigation (waitForURL would fail on that):
      // wait for the page the browser lands on instead.
      await page.getByTestId("created-title").waitFor();
      expect(page.url()).toMatch(/\/done\//);
      const made = todos("No script");
      expect(made).toHaveLength(1);
      expect(String(made[0].bucketId)).toBe(other);
    } finally {
      await context.close();
    }
  });
});
