import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { all, api, newSim, UA } from "./helpers.js";

function firstProject(sim: InProcessSimulator) {
  const [p, other] = [...sim.store.projects.values()];
  const vault = sim.store.dockTool(p.id, "Vault")!;
  return { p, other, vault };
}

async function uploadBytes(sim: InProcessSimulator, name: string, text: string, type = "text/plain") {
  return api(sim, "POST", `/attachments.json?name=${encodeURIComponent(name)}`, text, {
    "Content-Type": type,
    "Content-Length": String(Buffer.byteLength(text)),
  });
}

/** IDs parse as numbers below 2^53 and as bigint above; compare them as bigint. */
const big = (v: unknown): bigint => BigInt(v as number | bigint | string);
const ids = (xs: Array<{ id: unknown }>): bigint[] => xs.map((x) => big(x.id));

function eventActions(sim: InProcessSimulator, id: unknown): string[] {
  return (sim.store.events.get(big(id)) ?? []).map((e) => e.action);
}

describe("attachments and uploads", () => {
  it("uploads bytes, files them as an upload and downloads them back", async () => {
    const sim = newSim();
    const { p, vault } = firstProject(sim);
    const text = "hello, vault ✓\n";
    const att = await uploadBytes(sim, "a.txt", text);
    expect(att.status).toBe(201);
    expect(att.body).toMatchObject({ filename: "a.txt", content_type: "text/plain", byte_size: Buffer.byteLength(text), previewable: false });
    expect(typeof att.body.attachable_sgid).toBe("string");
    expect(sim.store.attachments.get(att.body.attachable_sgid)?.dataBase64).toBe(Buffer.from(text).toString("base64"));

    const up = await api(sim, "POST", `/vaults/${vault.id}/uploads.json`, { attachable_sgid: att.body.attachable_sgid, description: "<div>Notes</div>", base_name: "notes" });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ type: "Upload", filename: "notes.txt", title: "notes.txt", content_type: "text/plain", byte_size: Buffer.byteLength(text), description: "<div>Notes</div>", position: 1 });
    // Integers in the reference, for images only: a text file has neither.
    expect(up.body).not.toHaveProperty("width");
    expect(up.body).not.toHaveProperty("height");
    expect(big(up.body.parent.id)).toBe(vault.id);
    expect(big(up.body.bucket.id)).toBe(p.id);
    expect(up.body.app_download_url).toContain("/download/notes.txt");
    expect(eventActions(sim, up.body.id)).toEqual(["created"]);

    const dl = await sim.fetch(up.body.download_url, { headers: { "User-Agent": UA, Authorization: `Bearer ${sim.adminToken}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("text/plain");
    expect(dl.headers.get("content-disposition")).toContain("notes.txt");
    expect(await dl.text()).toBe(text);

    // The same attachment cannot back a second upload.
    const again = await api(sim, "POST", `/vaults/${vault.id}/uploads.json`, { attachable_sgid: att.body.attachable_sgid });
    expect(again.status).toBe(422);
    expect(again.body.errors.attachable_sgid).toBeDefined();
  });

  it("keeps binary bytes exact", async () => {
    const sim = newSim();
    const bytes = new Uint8Array([0, 255, 1, 128, 10, 13, 0]);
    const res = await sim.fetch(`${sim.apiUrl}/${sim.accountId}/attachments?name=x.bin`, {
      method: "POST",
      headers: { "User-Agent": UA, Authorization: `Bearer ${sim.adminToken}`, "Content-Type": "application/octet-stream", "Content-Length": "7" },
      body: bytes,
    });
    expect(res.status).toBe(201);
    const att = (await res.json()) as { download_url: string };
    const dl = await sim.fetch(att.download_url, { headers: { "User-Agent": UA, Authorization: `Bearer ${sim.adminToken}` } });
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(bytes);
  });

  it("rejects bad attachment requests", async () => {
    const sim = newSim();
    const noName = await api(sim, "POST", "/attachments.json", "x", { "Content-Type": "text/plain", "Content-Length": "1" });
    expect(noName.status).toBe(400);
    const empty = await uploadBytes(sim, "e.txt", "");
    expect(empty.status).toBe(422);
    const noLength = await api(sim, "POST", "/attachments.json?name=a.txt", "abc", { "Content-Type": "text/plain" });
    expect(noLength.status).toBe(411);
    const wrongLength = await api(sim, "POST", "/attachments.json?name=a.txt", "abc", { "Content-Type": "text/plain", "Content-Length": "9" });
    expect(wrongLength.status).toBe(400);
    const missing = await api(sim, "GET", "/attachments/nope/download/a.txt");
    expect(missing.status).toBe(404);
  });

  it("validates upload creation and updates description and name without replacing the file", async () => {
    const sim = newSim();
    const { p, other, vault } = firstProject(sim);
    const blank = await api(sim, "POST", `/vaults/${vault.id}/uploads.json`, { description: "x" });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.attachable_sgid).toBeDefined();
    const unknown = await api(sim, "POST", `/vaults/${vault.id}/uploads.json`, { attachable_sgid: "not-a-real-sgid" });
    expect(unknown.status).toBe(422);

    const att = await uploadBytes(sim, "report.final.pdf", "%PDF-1.4", "application/pdf");
    const up = await api(sim, "POST", `/buckets/${p.id}/vaults/${vault.id}/uploads`, { attachable_sgid: att.body.attachable_sgid });
    expect(up.status).toBe(201);
    expect(up.body.filename).toBe("report.final.pdf");
    const id = up.body.id;

    const put = await api(sim, "PUT", `/uploads/${id}.json`, { base_name: "summary", description: "<div>v2</div>" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ filename: "summary.pdf", title: "summary.pdf", description: "<div>v2</div>", byte_size: 8 });
    const got = await api(sim, "GET", `/buckets/${p.id}/uploads/${id}.json`);
    expect(got.body.filename).toBe("summary.pdf");
    expect(got.body.download_url).toContain(`/attachments/${att.body.attachable_sgid}/download/summary.pdf`);
    expect(eventActions(sim, id)).toEqual(["created", "title_changed", "content_changed"]);

    const versions = await api(sim, "GET", `/uploads/${id}/versions.json`);
    expect(versions.status).toBe(200);
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0].action).toBe("created");
    expect(big(versions.body[0].recording_id)).toBe(big(id));
    expect(versions.body[0].creator.id).toBeDefined();

    const list = await api(sim, "GET", `/vaults/${vault.id}/uploads.json`);
    expect(ids(list.body)).toEqual([big(id)]);
    expect(list.headers.get("x-total-count")).toBe("1");

    const wrongBucket = await api(sim, "GET", `/buckets/${other.id}/uploads/${id}.json`);
    expect(wrongBucket.status).toBe(404);
    const blankName = await api(sim, "PUT", `/uploads/${id}`, { base_name: "  " });
    expect(blankName.status).toBe(422);
  });
});

describe("vaults", () => {
  it("shows the root vault and manages child vaults", async () => {
    const sim = newSim();
    const { p, other, vault } = firstProject(sim);
    const root = await api(sim, "GET", `/vaults/${vault.id}.json`);
    expect(root.status).toBe(200);
    expect(big(root.body.id)).toBe(vault.id);
    expect(root.body).toMatchObject({ type: "Vault", documents_count: 1, uploads_count: 0, vaults_count: 0 });
    expect(root.body.documents_url).toBe(`${sim.apiUrl}/${sim.accountId}/buckets/${p.id}/vaults/${vault.id}/documents.json`);
    expect(root.body.position).toBeGreaterThan(0);

    const child = await api(sim, "POST", `/buckets/${p.id}/vaults/${vault.id}/vaults.json`, { title: "Contracts" });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ title: "Contracts", type: "Vault", vaults_count: 0 });
    expect(big(child.body.parent.id)).toBe(vault.id);
    expect(eventActions(sim, child.body.id)).toEqual(["created"]);

    const blank = await api(sim, "POST", `/vaults/${vault.id}/vaults.json`, { title: "" });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.title).toBeDefined();

    const kids = await api(sim, "GET", `/vaults/${vault.id}/vaults`);
    expect(kids.body.map((v: { title: string }) => v.title)).toEqual(["Contracts"]);
    expect((await api(sim, "GET", `/vaults/${vault.id}.json`)).body.vaults_count).toBe(1);

    const renamed = await api(sim, "PUT", `/vaults/${child.body.id}`, { title: "Legal" });
    expect(renamed.status).toBe(200);
    expect((await api(sim, "GET", `/vaults/${child.body.id}.json`)).body.title).toBe("Legal");
    expect(eventActions(sim, child.body.id)).toContain("title_changed");

    expect((await api(sim, "GET", `/buckets/${other.id}/vaults/${vault.id}.json`)).status).toBe(404);
    expect((await api(sim, "GET", `/documents/${vault.id}.json`)).status).toBe(404);
  });
});

describe("documents", () => {
  it("creates, reads and replaces documents, in every path form", async () => {
    const sim = newSim();
    const { p, other, vault } = firstProject(sim);
    const missing = await api(sim, "POST", `/vaults/${vault.id}/documents.json`, { title: "No content" });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.content).toBeDefined();
    const badStatus = await api(sim, "POST", `/vaults/${vault.id}/documents.json`, { title: "T", content: "C", status: "weird" });
    expect(badStatus.status).toBe(422);

    const created = await api(sim, "POST", `/vaults/${vault.id}/documents.json`, { title: "Plan", content: "<div>Step one</div>", status: "active" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Plan", content: "<div>Step one</div>", type: "Document", status: "active", position: 2, comments_count: 0 });
    const id = created.body.id;

    for (const path of [`/documents/${id}.json`, `/documents/${id}`, `/buckets/${p.id}/documents/${id}.json`, `/buckets/${p.id}/documents/${id}`]) {
      const r = await api(sim, "GET", path);
      expect(r.status, path).toBe(200);
      expect(big(r.body.id)).toBe(big(id));
    }
    expect((await api(sim, "GET", `/buckets/${other.id}/documents/${id}.json`)).status).toBe(404);

    const noTitle = await api(sim, "PUT", `/documents/${id}.json`, { content: "<div>x</div>" });
    expect(noTitle.status).toBe(422);
    expect(noTitle.body.errors.title).toBeDefined();

    const put = await api(sim, "PUT", `/buckets/${p.id}/documents/${id}.json`, { title: "Plan B", content: "<div>Step two</div>" });
    expect(put.status).toBe(200);
    const after = await api(sim, "GET", `/documents/${id}.json`);
    expect(after.body).toMatchObject({ title: "Plan B", content: "<div>Step two</div>" });
    expect(eventActions(sim, id)).toEqual(["created", "title_changed", "content_changed"]);

    // Full replace (oas): content left out is cleared, in the store too.
    const titleOnly = await api(sim, "PUT", `/documents/${id}.json`, { title: "Plan C" });
    expect(titleOnly.body).toMatchObject({ title: "Plan C", content: "" });
    expect(sim.store.recordings.get(big(id))!.content).toBe("");
    await api(sim, "PUT", `/documents/${id}.json`, { title: "Plan D", content: "<div>Back</div>" });
    await api(sim, "PUT", `/documents/${id}.json`, { title: "Plan D", content: null });
    expect(sim.store.recordings.get(big(id))!.content).toBe("");
  });

  it("pages a long list and filters by status", async () => {
    const sim = newSim();
    const { vault } = firstProject(sim);
    for (let i = 0; i < 20; i++) {
      const r = await api(sim, "POST", `/vaults/${vault.id}/documents.json`, { title: `Doc ${i}`, content: "<div>x</div>" });
      expect(r.status).toBe(201);
    }
    const first = await api(sim, "GET", `/vaults/${vault.id}/documents.json`);
    expect(first.body).toHaveLength(15);
    expect(first.headers.get("x-total-count")).toBe("21");
    expect(first.headers.get("link")).toMatch(/<[^>]+page=2>; rel="next"/);
    const every = await all(sim, `/vaults/${vault.id}/documents.json`);
    expect(every).toHaveLength(21);
    expect(new Set(ids(every)).size).toBe(21);

    const doomed = sim.store.recordings.get(big(every[3].id))!;
    sim.store.setStatus(doomed, "trashed", sim.store.account.ownerId);
    expect(ids(await all(sim, `/vaults/${vault.id}/documents.json`))).not.toContain(doomed.id);
    const trashed = await api(sim, "GET", `/vaults/${vault.id}/documents.json?status=trashed`);
    expect(ids(trashed.body)).toEqual([doomed.id]);
    expect((await api(sim, "GET", `/vaults/${vault.id}/documents.json?status=bogus`)).status).toBe(400);
    expect((await api(sim, "PUT", `/documents/${doomed.id}.json`, { title: "x" })).status).toBe(403);
  });
});
