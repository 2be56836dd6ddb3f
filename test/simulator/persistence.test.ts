import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";
import { api } from "./helpers.js";

function tmpFile(): string {
  return join(mkdtempSync(join(tmpdir(), "sim-state-")), "state.json");
}

describe("state file (--data)", () => {
  it("saves soon after a change and loads it on the next start", async () => {
    const file = tmpFile();
    const a = createSimulator({ scale: "tiny", rateLimit: "off", data: file, saveDelayMs: 10 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const created = await api(a, "POST", "/projects.json", { name: "Survives restarts" });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 5000;
    while (!readFileSync(file, "utf8").includes("Survives restarts") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(file, "utf8")).toContain("Survives restarts");
    await a.close();

    const b = createSimulator({ scale: "tiny", rateLimit: "off", data: file });
    expect(b.adminToken).toBe(a.adminToken);
    expect(b.clientSecret).toBe(a.clientSecret);
    const got = await api(b, "GET", `/projects/${created.body.id}.json`);
    expect(got.status).toBe(200);
    expect(got.body.name).toBe("Survives restarts");
    expect(got.body.id).toBe(created.body.id);
    // Big IDs survive the round trip exactly.
    const bigBefore = [...a.store.recordings.keys()].filter((id) => id > 2n ** 53n);
    expect(bigBefore.length).toBeGreaterThan(0);
    for (const id of bigBefore) expect(b.store.recordings.get(id)?.id).toBe(id);
    expect(b.store.recordings.size).toBe(a.store.recordings.size);
    await b.close();
  });

  it("keeps OAuth tokens across restarts", async () => {
    const file = tmpFile();
    const a = createSimulator({ scale: "empty", rateLimit: "off", data: file });
    const tok = a.store.auth.issueTokens(a.store.account.ownerId, a.clientId, 3600);
    await a.close();
    const b = createSimulator({ scale: "empty", rateLimit: "off", data: file });
    const r = await api(b, "GET", "/projects.json", undefined, { Authorization: `Bearer ${tok.access_token}` });
    expect(r.status).toBe(200);
    await b.close();
  });

  it("two simulators on one file (two sandbox processes): each save keeps the sign-ins the other saved", async () => {
    const file = tmpFile();
    await createSimulator({ scale: "empty", rateLimit: "off", data: file }).close(); // the state file both load
    const a = createSimulator({ scale: "empty", rateLimit: "off", data: file });
    const b = createSimulator({ scale: "empty", rateLimit: "off", data: file });
    const owner = a.store.account.ownerId;
    const old = a.store.auth.issueTokens(owner, a.clientId, 3600);
    a.flush();
    const ofB = b.store.auth.issueTokens(owner, b.clientId, 3600);
    b.flush(); // b never saw a's token: it is kept, not overwritten
    a.store.auth.accessTokens.delete(old.access_token); // a revokes its own token …
    const ofA = a.store.auth.issueTokens(owner, a.clientId, 3600);
    a.flush(); // … which stays revoked, while b's token joins
    await Promise.all([a.close(), b.close()]);
    const c = createSimulator({ scale: "empty", rateLimit: "off", data: file });
    const status = async (t: string) => (await api(c, "GET", "/projects.json", undefined, { Authorization: `Bearer ${t}` })).status;
    expect(await status(ofA.access_token)).toBe(200);
    expect(await status(ofB.access_token)).toBe(200);
    expect(await status(old.access_token)).toBe(401);
    await c.close();
  });

  it("refuses a file that is not a state file, and leaves it alone", () => {
    const file = tmpFile();
    writeFileSync(file, "hello");
    expect(() => createSimulator({ data: file })).toThrow(/not a simulator state file/);
    expect(readFileSync(file, "utf8")).toBe("hello");
  });
});
