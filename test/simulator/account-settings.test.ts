import { describe, expect, it } from "vitest";
import { api, newSim, UA } from "./helpers.js";

type Sim = ReturnType<typeof newSim>;

function tokenFor(sim: Sim, personId: bigint): string {
  return sim.store.auth.issueTokens(personId, sim.clientId, 3600).access_token;
}

async function putLogo(sim: Sim, form: FormData | string, token = sim.adminToken, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = { "User-Agent": UA, Authorization: `Bearer ${token}` };
  if (contentType) headers["Content-Type"] = contentType;
  return sim.fetch(`${sim.apiUrl}/${sim.accountId}/account/logo.json`, { method: "PUT", headers, body: form });
}

function logoForm(bytes: Uint8Array, type = "image/png", name = "logo.png"): FormData {
  const form = new FormData();
  form.set("logo", new Blob([bytes], { type }), name);
  return form;
}

describe("account name", () => {
  it("lets the owner rename the account; blank is 422; others get 403", async () => {
    const sim = newSim();
    expect((await api(sim, "PUT", "/account/name.json", { name: "  " })).status).toBe(422);
    const r = await api(sim, "PUT", "/account/name.json", { name: "Honcho Studio" });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe("Honcho Studio");
    expect((await api(sim, "GET", "/account.json")).body.name).toBe("Honcho Studio");
    const admin = [...sim.store.people.values()].find((p) => !p.owner)!;
    admin.admin = true;
    const other = await api(sim, "PUT", "/account/name.json", { name: "Mine" }, { Authorization: `Bearer ${tokenFor(sim, admin.id)}` });
    expect(other.status).toBe(403);
  });
});

describe("account logo", () => {
  it("takes a multipart logo, shows it on the account and serves its bytes", async () => {
    const sim = newSim();
    expect((await api(sim, "GET", "/account.json")).body.logo).toBeUndefined();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const res = await putLogo(sim, logoForm(bytes));
    expect(res.status).toBe(204);
    const account = (await api(sim, "GET", "/account.json")).body;
    expect(account.logo).toMatchObject({ filename: "logo.png", content_type: "image/png", byte_size: bytes.length });
    const download = await sim.fetch(account.logo.url, { headers: { "User-Agent": UA, Authorization: `Bearer ${sim.adminToken}` } });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    // Replacing drops the old file.
    const oldSgid = sim.store.account.logoSgid!;
    expect((await putLogo(sim, logoForm(new Uint8Array([7, 7]), "image/gif", "new.gif"))).status).toBe(204);
    expect(sim.store.attachments.has(oldSgid)).toBe(false);
    expect((await api(sim, "GET", "/account.json")).body.logo.filename).toBe("new.gif");
    // Removing it takes `logo` off the account; removing again is fine.
    expect((await api(sim, "DELETE", "/account/logo.json")).status).toBe(204);
    expect((await api(sim, "GET", "/account.json")).body.logo).toBeUndefined();
    expect((await api(sim, "DELETE", "/account/logo.json")).status).toBe(204);
  });

  it("validates the upload", async () => {
    const sim = newSim();
    const noFile = new FormData();
    noFile.set("other", "x");
    expect((await putLogo(sim, noFile)).status).toBe(422);
    expect((await putLogo(sim, logoForm(new TextEncoder().encode("hi"), "text/plain", "a.txt"))).status).toBe(422);
    expect((await putLogo(sim, logoForm(new Uint8Array()))).status).toBe(422);
    // JSON is not a file upload; other content types are refused before routing.
    expect((await putLogo(sim, JSON.stringify({ logo: "x" }), sim.adminToken, "application/json")).status).toBe(422);
    expect((await putLogo(sim, "raw", sim.adminToken, "text/plain")).status).toBe(415);
    // Multipart is only for the logo route.
    const form = logoForm(new Uint8Array([1]));
    const res = await sim.fetch(`${sim.apiUrl}/${sim.accountId}/projects.json`, { method: "POST", headers: { "User-Agent": UA, Authorization: `Bearer ${sim.adminToken}` }, body: form });
    expect(res.status).toBe(415);
  });

  it("is for admins and the owner only", async () => {
    const sim = newSim();
    const plain = [...sim.store.people.values()].find((p) => !p.admin && !p.owner)!;
    const token = tokenFor(sim, plain.id);
    expect((await putLogo(sim, logoForm(new Uint8Array([1, 2])), token)).status).toBe(403);
    expect((await api(sim, "DELETE", "/account/logo.json", undefined, { Authorization: `Bearer ${token}` })).status).toBe(403);
    plain.admin = true;
    expect((await putLogo(sim, logoForm(new Uint8Array([1, 2])), token)).status).toBe(204);
  });
});
