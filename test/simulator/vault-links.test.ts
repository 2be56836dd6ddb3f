import { describe, expect, it } from "vitest";
import type { Project } from "../../src/simulator/store/model.js";
import { api, newSim } from "./helpers.js";

function setup() {
  const sim = newSim();
  const [p1] = [...sim.store.projects.values()] as [Project];
  const vault = sim.store.dockTool(p1.id, "Vault")!;
  return { sim, p1, vault };
}

describe("cloud files", () => {
  it("creates one in a vault (wrapped body), reads it flat and in the bucket, and replaces it on update", async () => {
    const { sim, p1, vault } = setup();
    const made = await api(sim, "POST", `/buckets/${p1.id}/vaults/${vault.id}/cloud_files.json`, {
      cloud_file: { title: "Brand assets", description: "<div>Logos</div>", url: "https://www.dropbox.com/s/abc/brand.zip", service: "dropbox" },
    });
    expect(made.status).toBe(201);
    const f = made.body;
    expect(f.type).toBe("CloudFile");
    expect(f.title).toBe("Brand assets");
    expect(f.url).toBe("https://www.dropbox.com/s/abc/brand.zip");
    expect(f.app_url).toContain(`/buckets/${p1.id}/cloud_files/${f.id}`);
    expect(f.service.code).toBe("dropbox");
    expect(f.service.valid_patterns.length).toBeGreaterThan(0);
    expect(f.description).toContain("Logos");
    expect(f.description_attachments).toEqual([]);
    expect(String(f.parent.id)).toBe(String(vault.id));
    expect(f.comments_count).toBe(0);
    expect(f.visible_to_clients).toBe(false);
    expect((await api(sim, "GET", `/cloud_files/${f.id}.json`)).body.id).toBe(f.id);
    expect((await api(sim, "GET", `/buckets/${p1.id}/cloud_files/${f.id}.json`)).status).toBe(200);

    const upd = await api(sim, "PUT", `/cloud_files/${f.id}.json`, { cloud_file: { url: "https://www.figma.com/file/xyz/Logo", service: "figma" } });
    expect(upd.status).toBe(200);
    expect(upd.body.service.code).toBe("figma");
    // A replace: the title left out falls back to "Untitled", the description is cleared.
    expect(upd.body.title).toBe("Untitled");
    expect(upd.body.description).toBe("");
    const events = await api(sim, "GET", `/buckets/${p1.id}/recordings/${f.id}/events.json`);
    expect(events.body.map((e: any) => e.action)).toEqual(expect.arrayContaining(["created", "title_changed", "content_changed"]));
  });

  it("checks the URL against the service and the service against the catalogue", async () => {
    const { sim, p1, vault } = setup();
    const path = `/buckets/${p1.id}/vaults/${vault.id}/cloud_files.json`;
    const wrongHost = await api(sim, "POST", path, { url: "https://example.com/file.pdf", service: "dropbox" });
    expect(wrongHost.status).toBe(422);
    expect(wrongHost.text).toContain("url");
    expect((await api(sim, "POST", path, { url: "http://www.dropbox.com/s/a", service: "dropbox" })).status).toBe(422);
    expect((await api(sim, "POST", path, { url: "https://www.dropbox.com/s/a", service: "myspace" })).status).toBe(422);
    expect((await api(sim, "POST", path, { service: "dropbox" })).status).toBe(422);
    const other = await api(sim, "POST", path, { url: "https://files.example.com/a.pdf", service: "other" });
    expect(other.status).toBe(201);
    expect(other.body.service.code).toBe("other");
    // Only vaults hold cloud files.
    const todoset = sim.store.dockTool(p1.id, "Todoset")!;
    expect((await api(sim, "POST", `/buckets/${p1.id}/vaults/${todoset.id}/cloud_files.json`, { url: "https://x.example.com/", service: "other" })).status).toBe(404);
  });

  it("can be commented on and trashed like any recording", async () => {
    const { sim, p1, vault } = setup();
    const f = (await api(sim, "POST", `/buckets/${p1.id}/vaults/${vault.id}/cloud_files.json`, { url: "https://app.box.com/s/q", service: "box" })).body;
    expect((await api(sim, "POST", `/buckets/${p1.id}/recordings/${f.id}/comments.json`, { content: "<div>Nice</div>" })).status).toBe(201);
    expect((await api(sim, "GET", `/cloud_files/${f.id}.json`)).body.comments_count).toBe(1);
    await api(sim, "PUT", `/buckets/${p1.id}/recordings/${f.id}/status/trashed.json`);
    expect((await api(sim, "GET", `/cloud_files/${f.id}.json`)).status).toBe(404);
  });
});

describe("Google documents", () => {
  it("creates, reads and updates a Google document", async () => {
    const { sim, p1, vault } = setup();
    const made = await api(sim, "POST", `/buckets/${p1.id}/vaults/${vault.id}/google_documents.json`, {
      google_document: { title: "Roadmap", url: "https://docs.google.com/document/d/abcd/edit", document_type: "doc" },
      visible_to_clients: true,
    });
    expect(made.status).toBe(201);
    expect(made.body.type).toBe("GoogleDocument");
    expect(made.body.document_type).toBe("doc");
    expect(made.body.url).toBe("https://docs.google.com/document/d/abcd/edit");
    // Clients are off in this project, so it stays hidden from them.
    expect(made.body.visible_to_clients).toBe(p1.clientsEnabled);
    const upd = await api(sim, "PUT", `/google_documents/${made.body.id}.json`, { title: "Roadmap v2", url: "https://docs.google.com/spreadsheets/d/abcd/edit", document_type: "sheet" });
    expect(upd.status).toBe(200);
    expect(upd.body.title).toBe("Roadmap v2");
    expect(upd.body.document_type).toBe("sheet");
    expect((await api(sim, "GET", `/buckets/${p1.id}/google_documents/${made.body.id}.json`)).body.title).toBe("Roadmap v2");
  });

  it("validates the document type and that the link is a Google one", async () => {
    const { sim, p1, vault } = setup();
    const path = `/buckets/${p1.id}/vaults/${vault.id}/google_documents.json`;
    expect((await api(sim, "POST", path, { url: "https://docs.google.com/document/d/a", document_type: "pdf" })).status).toBe(422);
    expect((await api(sim, "POST", path, { url: "https://example.com/doc", document_type: "doc" })).status).toBe(422);
    expect((await api(sim, "POST", path, { url: "https://docs.google.com/document/d/a" })).status).toBe(422);
  });

  it("is seeded: each project's Docs & Files has a cloud file and a Google document", () => {
    const { sim, vault } = setup();
    const kinds = sim.store.childrenOf(vault.id).map((r) => r.type);
    expect(kinds).toContain("CloudFile");
    expect(kinds).toContain("GoogleDocument");
  });
});
