// Basecamp2Client on the shared road: its base URL, HTTP Basic or bearer sign-in, paging by
// ?page= (50 a page, until a short page), errors that name the Basic settings, and the typed
// methods made from the endpoint table.
import { describe, expect, it } from "vitest";
import { Basecamp2Client, bc2BaseUrl } from "../../src/api/bc2/client.js";
import { AuthError } from "../../src/http/errors.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";

function bc2(sim: InProcessSimulator, auth: { user?: string; password?: string; accessToken?: string } = { user: sim.bc2User, password: sim.bc2Password }, seen?: string[]): Basecamp2Client {
  return new Basecamp2Client({
    accountId: sim.bc2AccountId,
    apiBaseUrl: sim.bc2ApiUrl.replace(/\/\d+\/api\/v1$/, ""),
    ...auth,
    rateLimit: null,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      seen?.push(String(input instanceof Request ? input.url : input));
      return sim.fetch(String(input instanceof Request ? input.url : input), init ?? {});
    }) as typeof fetch,
  });
}

describe("Basecamp2Client", () => {
  it("builds the account's API base under basecamp.com by default, and refuses a bad account", () => {
    expect(bc2BaseUrl(undefined, 123)).toBe("https://basecamp.com/123/api/v1");
    expect(bc2BaseUrl("http://127.0.0.1:9/", "5")).toBe("http://127.0.0.1:9/5/api/v1");
    expect(() => bc2BaseUrl(undefined, "acme")).toThrow(/AccountId must be the number/);
    expect(() => new Basecamp2Client({ accountId: 1 })).toThrow(/user and password/);
    expect(() => new Basecamp2Client({ accountId: 1, user: "me@example.com" })).toThrow(/User and Password/);
  });

  it("signs in with HTTP Basic or a Launchpad token and reads the same account", async () => {
    const sim = createSimulator({ rateLimit: "off" });
    const me = await bc2(sim).people.me();
    expect(me.email_address).toBe(sim.bc2User);
    const token = sim.store.auth.issueTokens(sim.store.account.ownerId, sim.clientId, 3600).access_token;
    expect((await bc2(sim, { accessToken: token }).people.me()).id).toEqual(me.id);
    await sim.close();
  });

  it("says to check User and Password when Basic sign-in fails, and never to run campctl login", async () => {
    const sim = createSimulator({ rateLimit: "off" });
    const err = await bc2(sim, { user: sim.bc2User, password: "wrong" }).projects.list().toArray().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(String((err as Error).message)).toMatch(/User and Password/i);
    expect(String((err as Error).message)).not.toMatch(/campctl login/);
    expect(String((err as Error).message)).not.toContain("wrong");
    await sim.close();
  });

  it("pages lists by ?page= 50 at a time and stops at a short page", async () => {
    const sim = createSimulator({ rateLimit: "off" });
    const seen: string[] = [];
    const client = bc2(sim, undefined, seen);
    const project = (await client.projects.list().toArray())[0];
    const list = await client.todolists.create(project.id, { name: "Many" });
    for (let i = 0; i < 120; i++) await client.todos.create(project.id, list.id, { content: `To-do ${i}` });
    seen.length = 0;
    const todos = await client.todos.remainingInList(project.id, list.id).toArray();
    expect(todos).toHaveLength(120);
    expect(new Set(todos.map((t) => String(t.id))).size).toBe(120);
    expect(seen.map((u) => new URL(u).searchParams.get("page"))).toEqual([null, "2", "3"]);
    await sim.close();
  });
});
