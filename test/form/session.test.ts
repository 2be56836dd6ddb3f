// Connecting, sessions and CSRF: the OAuth web flow with state bound to a signed cookie,
// tokens stored encrypted per identity, signed HttpOnly SameSite cookies, CSRF on every POST.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, connectedForm, PUBLIC, rig, todosTitled, Visitor, type Rig } from "./helpers.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

function secretsOf(sim: Rig["sim"]): string[] {
  return [...sim.store.auth.accessTokens.keys(), ...sim.store.auth.refreshTokens.keys(), sim.clientSecret];
}

describe("connecting to Basecamp", () => {
  it("offers Connect when not connected, and sends the person to Launchpad with a state bound to a cookie", async () => {
    r = rig();
    const v = new Visitor(r.app);
    const home = await v.open("/");
    expect(home.html).toContain('id="connect"');
    expect(home.html).not.toContain('id="request"');
    const start = await v.get("/connect");
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get("location")!);
    expect(`${to.origin}${to.pathname}`).toBe(`${r.sim.launchpadUrl}/authorization/new`);
    expect(to.searchParams.get("client_id")).toBe(r.sim.clientId);
    expect(to.searchParams.get("redirect_uri")).toBe(`${PUBLIC}/oauth/callback`);
    const state = to.searchParams.get("state")!;
    expect(state.length).toBeGreaterThanOrEqual(24);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith("bcform_oauth="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toContain(state); // the state is inside, signed, not readable as is
  });

  it("connects through the consent page: identity shown, tokens stored encrypted, no secret in any page", async () => {
    r = rig();
    const { v, html } = await connectedForm(r);
    expect(html).toContain('data-testid="identity">Jordan Blake<');
    expect(html).toContain('id="request"');
    const session = v.jar.get("bcform_session");
    expect(session).toBeDefined();
    const files = readdirSync(join(r.dir, "tokens")).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(1);
    const onDisk = readFileSync(join(r.dir, "tokens", files[0]), "utf8");
    const secrets = secretsOf(r.sim);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const s of secrets) {
      expect(onDisk).not.toContain(s);
      expect(html).not.toContain(s);
      expect(decodeURIComponent(session!)).not.toContain(s);
    }
  });

  it("connects a second identity to its own token file", async () => {
    r = rig();
    await connectedForm(r);
    const other = new Visitor(r.app);
    const person = [...r.sim.store.people.values()].find((p) => p.id !== r!.sim.store.account.ownerId && !p.client)!;
    expect((await connect(other, r.sim, String(person.id))).status).toBe(303);
    const { html } = await other.open("/");
    expect(html).toContain(`data-testid="identity">${person.name}<`);
    expect(readdirSync(join(r.dir, "tokens")).filter((f) => f.endsWith(".json"))).toHaveLength(2);
  });

  it("refuses a callback whose state does not match this browser's", async () => {
    r = rig();
    const v = new Visitor(r.app);
    const start = await v.get("/connect");
    const cb = new URL(await r.sim.approve(start.headers.get("location")!));
    cb.searchParams.set("state", "forged-state-value-0123456789");
    const res = await v.get(cb.toString());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("could not be matched");
    expect((await v.open("/")).html).toContain('id="connect"');
    // Someone else's browser (no state cookie) cannot use a genuine callback either.
    const start2 = await v.get("/connect");
    const genuine = await r.sim.approve(start2.headers.get("location")!);
    const stranger = new Visitor(r.app);
    expect((await stranger.get(genuine)).status).toBe(400);
  });

  it("says so when the person denies access", async () => {
    r = rig();
    const v = new Visitor(r.app);
    const start = await v.get("/connect");
    const res = await v.get(await r.sim.approve(start.headers.get("location")!, "deny"));
    expect(await res.text()).toContain("You chose not to allow access");
    expect(readdirSync(r.dir)).not.toContain("tokens");
  });

  it("marks cookies Secure when the public URL is https", async () => {
    r = rig({ publicUrl: "https://forms.example.com/requests" });
    const v = new Visitor(r.app);
    const res = await v.get("/connect");
    for (const c of res.headers.getSetCookie()) {
      expect(c).toMatch(/; Secure/i);
      expect(c).toMatch(/Path=\/requests/);
    }
    expect(new URL(res.headers.get("location")!).searchParams.get("redirect_uri")).toBe("https://forms.example.com/requests/oauth/callback");
  });

  it("disconnects (POST with CSRF): the token file is deleted and the form asks to connect again", async () => {
    r = rig();
    const { v, csrf } = await connectedForm(r);
    const res = await v.post("/disconnect", { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(readdirSync(join(r.dir, "tokens")).filter((f) => f.endsWith(".json"))).toEqual([]);
    const home = await v.open(res.headers.get("location")!);
    expect(home.html).toContain("Disconnected");
    expect(home.html).toContain('id="connect"');
  });
});

describe("CSRF and signed cookies", () => {
  const fields = (x: { csrf: string; key: string; project: string; list: string }, title: string) => ({ _csrf: x.csrf, key: x.key, project: x.project, list: x.list, title, due: "2031-03-20" });

  it("rejects POSTs without the token, with another session's token, or from another origin", async () => {
    r = rig({ now: () => Date.parse("2031-03-10T12:00:00Z"), timeZone: "UTC" });
    const a = await connectedForm(r);
    const otherCsrf = (await connectedForm(r)).csrf;
    expect(otherCsrf).not.toBe(a.csrf);
    for (const [why, token, headers] of [
      ["missing", undefined, {}],
      ["other session", otherCsrf, {}],
      ["tampered", `${a.csrf.slice(0, -2)}xx`, {}],
      ["cross-origin", a.csrf, { Origin: "https://evil.example" }],
    ] as const) {
      const res = await a.v.post("/todos", { ...fields(a, `csrf ${why}`), _csrf: token }, headers);
      expect(res.status, why).toBe(403);
      expect(await res.text()).toContain("Please reload the form");
      expect(todosTitled(r.sim, `csrf ${why}`), why).toHaveLength(0);
    }
    expect((await a.v.post("/disconnect", {})).status).toBe(403);
    expect(readdirSync(join(r.dir, "tokens")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    // The genuine token works.
    const ok = await a.v.post("/todos", fields(a, "csrf ok"));
    expect(ok.status).toBe(303);
    expect(todosTitled(r.sim, "csrf ok")).toHaveLength(1);
  });

  it("ignores a session cookie whose signature does not match (tampered or forged)", async () => {
    r = rig({ now: () => Date.parse("2031-03-10T12:00:00Z"), timeZone: "UTC" });
    const a = await connectedForm(r);
    const genuine = a.v.jar.get("bcform_session")!;
    const [payload, sig] = genuine.split(".");
    const data = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(data.who).toBeTruthy();
    const forged = Buffer.from(JSON.stringify({ ...data, who: `${data.who}x` })).toString("base64url");
    for (const bad of [`${forged}.${sig}`, `${payload}.${sig.slice(0, -3)}abc`, payload, `${payload}.`]) {
      const home = await a.v.request("/", { headers: { cookie: `bcform_session=${bad}` } });
      const html = await home.text();
      expect(html).toContain('id="connect"');
      expect(html).not.toContain("Jordan Blake");
      const post = await a.v.request("/todos", {
        method: "POST",
        headers: { cookie: `bcform_session=${bad}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields(a, "tampered")).toString(),
      });
      expect(post.status).toBe(403);
    }
    // A cookie signed with another app's key is just as foreign.
    const elsewhere = rig({}, r.sim);
    const b = new Visitor(elsewhere.app);
    await b.open("/");
    const theirs = b.jar.get("bcform_session")!;
    const res = await a.v.request("/", { headers: { cookie: `bcform_session=${theirs}` } });
    expect(await res.text()).toContain('id="connect"');
    expect(todosTitled(r.sim, "tampered")).toHaveLength(0);
    await elsewhere.close();
  });
});
