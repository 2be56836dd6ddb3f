// `campctl form` (built CLI): refuses clearly without an OAuth app, and with --sandbox serves
// the form against a simulator on loopback until SIGTERM.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { campctlEnv, CLI, until } from "../e2e/campctl.js";

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const done = new Promise<number | null>((resolve) => child.on("close", (code) => (clearTimeout(timer), resolve(code))));
  return { child, out: () => out, err: () => err, done };
}

describe("campctl form", () => {
  it("exits 1 with a clear message when no OAuth app is configured", async () => {
    const { home, env } = campctlEnv("form-cli-");
    homes.push(home);
    const p = run(["form", "--port", "0"], env);
    expect(await p.done).toBe(1);
    expect(p.err()).toMatch(/OAuthClientId and OAuthClientSecret/);
    expect(p.err()).toMatch(/--sandbox/);
  });

  it("--sandbox serves the form wired to the simulator's Launchpad, and stops on SIGTERM", async () => {
    const { home, env } = campctlEnv("form-cli-");
    homes.push(home);
    const p = run(["form", "--sandbox", "--port", "0"], env);
    const url = await until(() => /Request form: (http:\/\/127\.0\.0\.1:\d+)\//.exec(p.out())?.[1], "the form URL");
    const launchpad = await until(() => /Launchpad (http:\/\/127\.0\.0\.1:\d+\/launchpad)/.exec(p.err())?.[1], "the simulator URL");
    const home1 = await fetch(`${url}/`);
    expect(home1.status).toBe(200);
    expect(await home1.text()).toContain("Connect to Basecamp");
    const cookie = home1.headers.getSetCookie()[0].split(";")[0];
    const start = await fetch(`${url}/connect`, { headers: { cookie }, redirect: "manual" });
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get("location")!);
    expect(to.href.startsWith(`${launchpad}/authorization/new`)).toBe(true);
    expect(to.searchParams.get("redirect_uri")).toBe(`${url}/oauth/callback`);
    // The simulator accepts that redirect URI: its consent page renders.
    const consent = await fetch(to);
    expect(consent.status).toBe(200);
    expect(await consent.text()).toContain("allow access");
    p.child.kill("SIGTERM");
    expect(await p.done).toBe(0);
  });
});
