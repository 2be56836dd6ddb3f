import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

describe("campctl demo (npm start)", () => {
  it("tours sign-in, sync, SQL and writes against a local simulator, and exits 0", () => {
    const r = spawnSync(process.execPath, [CLI, "demo"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/1\. Simulator up: API http:\/\/127\.0\.0\.1:\d+\/\d+/);
    expect(out).toMatch(/plays the browser's part/);
    expect(out).toMatch(/3\. Signed in as .+ <.+@.+>/);
    expect(out).toMatch(/\d+ rows in \d+ tables, \d+ requests/);
    for (const title of ["Open to-dos per person", "Overdue to-dos", "Busiest campfires"]) expect(out).toContain(title);
    expect(out).toMatch(/Person\s+│ OpenToDos/);
    expect(out).toMatch(/6\. INSERT INTO ToDos … → outbox entry \d+ done, to-do \d+/);
    const arrived = out.slice(out.indexOf("9. They arrived"));
    expect(arrived).toContain("Created by SQL INSERT in the tour");
    expect(arrived).toContain("Created through the typed client in the tour");
    expect(arrived).toContain("Hello from the campctl tour");
    // Step 10: the simulator's Basecamp 2 account, synced with Basic auth and read with the same SQL.
    const bc2 = out.slice(out.indexOf("10. Basecamp 2 too"), out.indexOf("Done in"));
    expect(bc2).toMatch(/^10\. Basecamp 2 too: connect\("Schema=V2;AccountId=\d+;User=.+@.+;Password=…"\)/m);
    expect(bc2).toMatch(/synced \d+ Basecamp 2 tables in \d+ requests/);
    expect(bc2).toMatch(/Project\s+│ OpenToDos │ NextDue/);
    const counts = [...bc2.matchAll(/^.+? │ (\d+)\s+│/gm)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.some((n) => n > 0)).toBe(true);
    expect(out).toMatch(/Done in [\d.]+ s\./);
  });

  it("with --keep, leaves the simulator and the request form serving until stopped", async () => {
    const child = spawn(process.execPath, [CLI, "demo", "--keep"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", r));
    const deadline = Date.now() + 30_000;
    while (!/Request form/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const api = /Basecamp simulator\s+API (http:\/\/127\.0\.0\.1:\d+\/\d+)/.exec(out)?.[1];
    expect(api).toBeDefined();
    const res = await fetch(`${api}/projects.json`, { headers: { "User-Agent": "demo test (t@example.com)" } });
    expect(res.status).toBe(401);
    // The form is served against the same simulator: its Connect link leads to that Launchpad.
    const formUrl = /Request form\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(formUrl).toBeDefined();
    const page = await fetch(`${formUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Connect to Basecamp");
    const connect = await fetch(`${formUrl}/connect`, { redirect: "manual", headers: { cookie: page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") } });
    expect(connect.status).toBe(302);
    expect(connect.headers.get("location")).toMatch(new RegExp(`^${api!.replace(/\/\d+$/, "")}/launchpad/authorization/new\?`));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
