// openClient with Sandbox=true and sandboxHost: the process serves the sandbox's simulator on a
// loopback port and records it in <sandbox>/host.json; other sandbox clients use it over HTTP
// (their changes land in the host's simulator and are saved with it), and close() removes the record.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openClient, type Basecamp4Session, type ClientSession } from "../../src/api/index.js";
import type { Id } from "../../src/http/json.js";

function v3(s: ClientSession): Basecamp4Session {
  if (s.schema !== "V3") throw new Error("expected a Basecamp 4 session");
  return s;
}

describe("openClient with a sandbox host", () => {
  it("a guest works through the host's simulator, and its changes outlive the host", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sandbox-host-"));
    const opts = { dataDir, configDir: join(dataDir, "config"), env: {} };
    const hostJson = join(dataDir, "sandbox", "host.json");
    const host = v3(await openClient("Sandbox=true", { ...opts, sandboxHost: true }));
    let todoId: Id;
    try {
      const record = JSON.parse(readFileSync(hostJson, "utf8"));
      expect(record.pid).toBe(process.pid);
      expect(record.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(record.launchpadUrl).toBe(`${record.apiUrl}/launchpad`);
      expect(record.accountId).toBe(host.auth.accountId);
      expect(statSync(hostJson).mode & 0o777).toBe(0o600);

      const guest = v3(await openClient("Sandbox=true", opts));
      try {
        expect(guest.fetch).not.toBe(host.fetch);
        expect(guest.settings.apiBaseUrl).toBe(record.apiUrl);
        const project = (await guest.client.projects.list().toArray())[0];
        const todoset = project.dock.find((d) => d.name === "todoset")!;
        const list = (await guest.client.paginateOperation("ListTodolists", { path: { todosetId: todoset.id } }).toArray())[0] as { id: Id };
        const made = await guest.client.todos.create(list.id, { content: "made by a guest" });
        todoId = made.id;
        expect(made.url.startsWith(`${record.apiUrl}/`)).toBe(true);
        expect((await host.client.todos.get(made.id)).content).toBe("made by a guest");
      } finally {
        await guest.close();
      }
      // A guest's close leaves the host serving.
      expect(existsSync(hostJson)).toBe(true);

      // Basecamp 2 with Basic takes the sandbox's bcx login from host.json.
      const bc2 = await openClient("Sandbox=true;Schema=V2;AuthScheme=Basic", opts);
      try {
        expect(bc2.schema).toBe("V2");
        expect(bc2.auth.accountId).toBe(record.bc2AccountId);
      } finally {
        await bc2.close();
      }
    } finally {
      await host.close();
    }
    expect(existsSync(hostJson)).toBe(false);

    // Without a host, a client runs its own simulator from the saved state: the to-do is there.
    const after = v3(await openClient("Sandbox=true;InitiateOAuth=REFRESH", opts));
    try {
      expect((await after.client.todos.get(todoId!)).content).toBe("made by a guest");
    } finally {
      await after.close();
    }
  }, 60_000);
});
