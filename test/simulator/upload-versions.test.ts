// GET /uploads/{id}/versions.json answers the reference's UploadVersion items (the event
// shape plus `upload`, the file at that version), and POST replaces the file (same id).
import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import type { Change } from "../../src/simulator/store/store.js";
import { api, newSim } from "./helpers.js";

/** Property names of the reference's UploadVersion and UploadVersionFile schemas. */
const VERSION_KEYS = ["id", "recording_id", "action", "details", "created_at", "creator", "boosts_count", "boosts_url", "upload"];
const FILE_KEYS = ["content_type", "byte_size", "filename", "download_url", "app_download_url", "current"];

async function attach(sim: InProcessSimulator, name: string, text: string, type: string) {
  const r = await api(sim, "POST", `/attachments.json?name=${encodeURIComponent(name)}`, text, { "Content-Type": type, "Content-Length": String(Buffer.byteLength(text)) });
  expect(r.status).toBe(201);
  return r.body.attachable_sgid as string;
}

async function newUpload(sim: InProcessSimulator) {
  const p = [...sim.store.projects.values()][0];
  const vault = sim.store.dockTool(p.id, "Vault")!;
  const sgid = await attach(sim, "plan.txt", "first plan", "text/plain");
  const up = await api(sim, "POST", `/vaults/${vault.id}/uploads.json`, { attachable_sgid: sgid, description: "<div>The plan</div>" });
  expect(up.status).toBe(201);
  return { id: up.body.id, sgid };
}

describe("upload versions", () => {
  it("lists the first version as the reference's UploadVersion with its file marked current", async () => {
    const sim = newSim();
    const { id, sgid } = await newUpload(sim);
    const r = await api(sim, "GET", `/uploads/${id}/versions.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("link")).toBeNull();
    expect(r.body).toHaveLength(1);
    const v = r.body[0];
    for (const k of ["id", "recording_id", "action", "created_at", "creator", "upload"]) expect(v).toHaveProperty(k);
    expect(Object.keys(v).filter((k) => !VERSION_KEYS.includes(k))).toEqual([]);
    expect(Object.keys(v.upload).sort()).toEqual([...FILE_KEYS].sort());
    expect(v).toMatchObject({ action: "created", upload: { filename: "plan.txt", content_type: "text/plain", byte_size: 10, current: true } });
    expect(BigInt(v.recording_id)).toBe(BigInt(id));
    expect(v.upload.download_url).toContain(`/attachments/${sgid}/download/plan.txt`);
    expect(v.creator.id).toBeDefined();
    expect((await api(sim, "GET", `/uploads/999999999/versions.json`)).status).toBe(404);
  });

  it("replaces the file with POST (201 upload, same id), lists both newest first, and tells listeners", async () => {
    const sim = newSim();
    const { id, sgid: first } = await newUpload(sim);
    const changes: Change[] = [];
    sim.store.onChange((ch) => changes.push(ch));
    const second = await attach(sim, "plan-v2.md", "# second plan", "text/markdown");
    const post = await api(sim, "POST", `/uploads/${id}/versions.json`, { attachable_sgid: second, base_name: "plan" });
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ type: "Upload", filename: "plan.md", content_type: "text/markdown", byte_size: 13, description: "<div>The plan</div>" });
    expect(BigInt(post.body.id)).toBe(BigInt(id));
    expect(changes.map((ch) => [ch.action, ch.webhookEvent])).toEqual([["file_replaced", "content_updated"]]);

    const r = await api(sim, "GET", `/uploads/${id}/versions.json`);
    expect(r.body.map((v: any) => [v.action, v.upload.filename, v.upload.current])).toEqual([
      ["file_replaced", "plan.md", true],
      ["created", "plan.txt", false],
    ]);
    expect(r.body[1].upload.download_url).toContain(`/attachments/${first}/download/plan.txt`);
    const old = await api(sim, "GET", r.body[1].upload.download_url);
    expect(old.status).toBe(200);
    expect(old.text).toBe("first plan");

    // The used attachment, a blank or unknown sgid: 422 naming attachable_sgid.
    // (the first file's attachment stays in use as the older version)
    for (const body of [{ attachable_sgid: second }, { attachable_sgid: first }, {}, { attachable_sgid: "nope" }]) {
      const bad = await api(sim, "POST", `/uploads/${id}/versions.json`, body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(bad.body.errors).toHaveProperty("attachable_sgid");
    }
  });
});
