// campctl login (desktop through $BROWSER, and --headless through stdin), accounts, use,
// logout, and the error paths that need a real simulator: an expired sign-in (exit 3) and
// rate limiting (exit 5).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { campctlAsync, campctlEnv, until, type Result } from "./campctl.js";

let sim: RunningSimulator;
let cs: string;

beforeAll(async () => {
  sim = await startSimulator({ scale: "tiny", rateLimit: "off" });
  cs = [
    `ApiBaseURL=${sim.apiUrl}`,
    `LaunchpadURL=${sim.launchpadUrl}`,
    `OAuthClientId=${sim.clientId}`,
    `OAuthClientSecret=${sim.clientSecret}`,
    "CallbackURL=http://127.0.0.1:0/callback",
    "UserAgent='campctl e2e (e2e@example.com)'",
  ].join(";");
});
afterAll(() => sim.close());

// The simulator runs in this process, so campctl is always run without blocking it.
function runner(prefix: string, extra: NodeJS.ProcessEnv = {}) {
  const { home, env } = campctlEnv(prefix, extra);
  const run = (...args: string[]): Promise<Result> => {
    const p = campctlAsync(env, ["-c", cs, ...args]);
    p.stdin.end();
    return p.done;
  };
  return { home, env, run };
}

/** Every secret the simulator has handed out: none may show in campctl's output. */
function secretsOf(s: RunningSimulator): string[] {
  const st = s.simulator.store.auth;
  return [...st.accessTokens.keys(), ...st.refreshTokens.keys(), ...st.codes.keys(), s.clientSecret];
}

function expectNoSecrets(r: Result): void {
  for (const secret of secretsOf(sim)) {
    expect(r.out).not.toContain(secret);
    expect(r.err).not.toContain(secret);
  }
}

/** campctl login --headless, answering the consent page as the person would. */
async function headlessLogin(env: NodeJS.ProcessEnv): Promise<Result> {
  const p = campctlAsync(env, ["-c", cs, "login", "--headless"]);
  const url = await until(() => /(http:\/\/\S+\/authorization\/new\?\S+)/.exec(p.stderrSoFar())?.[1], "the authorization URL");
  // Nothing listens on this machine for the headless flow, so the callback names no port.
  expect(new URL(url).searchParams.get("redirect_uri")).toBe("http://127.0.0.1/callback");
  const landed = await sim.simulator.approve(url);
  p.stdin.end(`${landed}\n`);
  return p.done;
}

describe("campctl login, accounts, use and logout against a simulator", () => {
  it("signs in with the desktop flow: the browser named by $BROWSER gets the consent page, the loopback callback gets the code", async () => {
    const { home, env, run } = runner("campctl-login-", { BROWSER: join(import.meta.dirname, "fixtures/browser-to-file.sh") });
    const urlFile = join(home, "browser-url.txt");
    env.CAMPCTL_TEST_URL_FILE = urlFile;
    const p = campctlAsync(env, ["-c", cs, "login"]);
    const url = await until(() => {
      try {
        return readFileSync(urlFile, "utf8").trim() || undefined;
      } catch {
        return undefined;
      }
    }, "the browser to be opened");
    expect(url.startsWith(`${sim.launchpadUrl}/authorization/new?`)).toBe(true);
    // The person presses Allow; Launchpad sends the browser to campctl's loopback callback.
    const callback = await sim.simulator.approve(url);
    expect(callback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/);
    const page = await fetch(callback);
    expect(await page.text()).toMatch(/Signed in/);
    const r = await p.done;
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("If it does not open, visit:");
    expect(r.out).toMatch(/^Signed in as .+ <\S+@\S+> to .+ \(account \d+\)\.\nTokens are kept encrypted in .+oauth.+\.json\.$/m);
    expectNoSecrets(r);

    // Signed in: later commands use the stored tokens without prompting.
    const who = await run("whoami");
    expect(who.code, who.err).toBe(0);
    expect(who.out).toContain(sim.simulator.store.account.name);

    // Launchpad's accounts, the one in use starred.
    const accounts = await run("--json", "accounts");
    expect(accounts.code, accounts.err).toBe(0);
    const list = JSON.parse(accounts.out) as Array<{ id: string; product: string; current: boolean }>;
    expect(list.filter((a) => a.current).map((a) => a.id)).toEqual([sim.accountId]);
    expect(list.some((a) => a.product === "bcx")).toBe(true);
    expect((await run("accounts")).out).toMatch(new RegExp(`^\\*\\t${sim.accountId}\\t`, "m"));

    // use <project> saves ProjectId; commands that take a project then default to it.
    const projects = JSON.parse((await run("--json", "projects")).out) as Array<{ id: number | string; name: string; dock: Array<{ name: string; enabled: boolean }> }>;
    const project = projects.find((x) => x.dock.some((d) => d.name === "todoset" && d.enabled))!;
    const used = await run("use", String(project.id));
    expect(used.code, used.err).toBe(0);
    expect(used.out).toContain(`Now using project ${project.id} (${project.name})`);
    const config = JSON.parse(readFileSync(join(home, "config", "config.json"), "utf8"));
    expect(config.profiles.default).toMatchObject({ AccountId: sim.accountId, ProjectId: String(project.id) });
    const lists = await run("--json", "todolists");
    expect(lists.code, lists.err).toBe(0);
    const listed = JSON.parse(lists.out) as Array<{ bucket: { id: unknown } }>;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((l) => String(l.bucket.id) === String(project.id))).toBe(true);
    expect(JSON.parse((await run("--json", "whoami")).out).project).toMatchObject({ id: project.id, name: project.name });
    // The tokens moved with the account: still signed in after AccountId was set.
    expect((await run("whoami")).code).toBe(0);

    // use <account> drops the project; an unknown ID says what exists.
    expect((await run("use", sim.accountId)).out).toContain(`Now using account ${sim.accountId}`);
    expect(JSON.parse(readFileSync(join(home, "config", "config.json"), "utf8")).profiles.default.ProjectId).toBeUndefined();
    const bad = await run("use", "424242");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/424242 is neither an account of this sign-in .* nor a project/);
    const bcx = list.find((a) => a.product === "bcx")!;
    const wrongProduct = await run("use", bcx.id);
    expect(wrongProduct.code).toBe(1);
    expect(wrongProduct.err).toMatch(/is Basecamp 2, and this connection speaks Basecamp 4\/3/);

    // logout forgets the tokens; a run that may not prompt then says to sign in (exit 3).
    const out = await run("logout");
    expect(out.code, out.err).toBe(0);
    expect(out.out).toMatch(/^Signed out: removed .+\.json\./);
    expect((await run("logout")).out).toContain("Not signed in here");
    const later = campctlAsync(env, ["-c", `${cs};InitiateOAuth=REFRESH`, "whoami"]);
    later.stdin.end();
    const after = await later.done;
    expect(after.code).toBe(3);
    expect(after.err).toMatch(/campctl login/);
  });

  it("signs in headless: prints the address and reads the code (or the address landed on) from stdin", async () => {
    const { env, run } = runner("campctl-login-headless-");
    const r = await headlessLogin(env);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/Open this address in a browser, choose Allow, then paste the code/);
    expect(r.out).toMatch(/^Signed in as /);
    expectNoSecrets(r);
    expect((await run("whoami")).code).toBe(0);

    // Nothing pasted: a clear error, exit 3.
    const p = campctlAsync(env, ["-c", cs, "login", "--headless"]);
    await until(() => (p.stderrSoFar().includes("authorization/new") ? true : undefined), "the URL");
    p.stdin.end();
    const none = await p.done;
    expect(none.code).toBe(3);
    expect(none.err).toMatch(/No code was given/);
  });

  it("without AccountId, a run whose access token expired refreshes it once (also for the identity call) and works", async () => {
    const { env, run } = runner("campctl-identity-refresh-");
    expect((await headlessLogin(env)).code).toBe(0);
    const admin = { Authorization: `Bearer ${sim.adminToken}` };
    const expired = await fetch(`${sim.apiUrl}/__sim/faults`, { method: "POST", headers: { ...admin, "Content-Type": "application/json" }, body: JSON.stringify({ expireTokens: true }) });
    expect(((await expired.json()) as { expired_tokens: number }).expired_tokens).toBeGreaterThan(0);
    const refreshes = async () => ((await (await fetch(`${sim.apiUrl}/__sim/stats`, { headers: admin })).json()) as { by_route: Record<string, number> }).by_route["POST /launchpad/authorization/token"];
    const before = await refreshes();
    const r = await run("--json", "whoami");
    expect(r.code, r.err).toBe(0);
    expect(String(JSON.parse(r.out).account.id)).toBe(sim.accountId);
    expect(await refreshes()).toBe(before + 1);
    expectNoSecrets(r);
  });

  it("exits 3 with what to do when the sign-in has expired (tokens revoked at Launchpad)", async () => {
    const { env, run } = runner("campctl-expired-");
    expect((await headlessLogin(env)).code).toBe(0);
    // Launchpad forgets every token it gave out, as when access is revoked.
    sim.simulator.store.auth.accessTokens.clear();
    sim.simulator.store.auth.refreshTokens.clear();
    const r = await run("whoami");
    expect(r.code).toBe(3);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/campctl login/);
    const j = await run("--json", "whoami");
    expect(j.code).toBe(3);
    expect(JSON.parse(j.err).error).toMatchObject({ kind: "auth", exitCode: 3 });
  });

  it("exits 5 and says when to retry when Basecamp rate limits for longer than a call may wait", async () => {
    const { env, run } = runner("campctl-ratelimit-");
    expect((await headlessLogin(env)).code).toBe(0);
    const set = await fetch(`${sim.apiUrl}/__sim/faults`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ rateLimitStorm: { count: 2, retryAfter: 900 }, match: "/projects" }),
    });
    expect(set.status).toBe(200);
    const r = await run("projects");
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/Wait 900 seconds/);
    const j = await run("--json", "projects");
    expect(j.code).toBe(5);
    expect(JSON.parse(j.err).error).toMatchObject({ kind: "rateLimited", status: 429, exitCode: 5 });
    // The storm is over: the same command works again.
    expect((await run("projects")).code).toBe(0);
  });
});
