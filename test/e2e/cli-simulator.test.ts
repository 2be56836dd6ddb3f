import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "../../dist/cli/main.js");
const UA = "cli tests (tests@example.com)";

interface Started {
  child: ChildProcess;
  info: Record<string, string>;
  exited: Promise<number | null>;
}

function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [CLI, "simulator", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => resolve({ child, info: JSON.parse(line), exited }));
    child.once("exit", (code) => reject(new Error(`campctl simulator exited ${code}: ${stderr}`)));
  });
}

let running: Started[] = [];
afterEach(() => {
  for (const s of running) s.child.kill("SIGKILL");
  running = [];
});

describe("campctl simulator", () => {
  it("prints one JSON line with how to reach it, serves, and keeps --data across restarts", async () => {
    const data = join(mkdtempSync(join(tmpdir(), "campctl-sim-")), "sandbox.json");
    const a = await start(["--port", "0", "--scale", "tiny", "--seed", "3", "--rate-limit", "off", "--data", data]);
    running.push(a);
    expect(Object.keys(a.info).sort()).toEqual(["accountId", "adminToken", "apiUrl", "bc2AccountId", "bc2ApiUrl", "bc2Password", "bc2User", "clientId", "clientSecret", "launchpadUrl", "redirectUri"]);
    expect(a.info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.info.launchpadUrl).toBe(`${a.info.apiUrl}/launchpad`);
    const headers = { "User-Agent": UA, Authorization: `Bearer ${a.info.adminToken}`, "Content-Type": "application/json" };
    const created = await fetch(`${a.info.apiUrl}/${a.info.accountId}/projects.json`, { method: "POST", headers, body: JSON.stringify({ name: "Made over the wire" }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(readFileSync(data, "utf8")).toContain("Made over the wire");

    const b = await start(["--port", "0", "--data", data]);
    running.push(b);
    expect(b.info.adminToken).toBe(a.info.adminToken);
    expect(b.info.bc2Password).toBe(a.info.bc2Password);
    const again = await fetch(`${b.info.apiUrl}/${b.info.accountId}/projects/${id}.json`, { headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { name: string }).name).toBe("Made over the wire");
    b.child.kill("SIGINT");
    expect(await b.exited).toBe(0);
  });

  it("rejects bad options with exit code 1 and a message that says what to use", () => {
    const r = spawnSync(process.execPath, [CLI, "simulator", "--scale", "huge"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--scale must be one of empty, tiny, small, medium, large/);
    const p = spawnSync(process.execPath, [CLI, "simulator", "--rate-limit", "lots"], { encoding: "utf8" });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/rate limit must look like "50\/10s"/);
  });
});
