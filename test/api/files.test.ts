import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../src/http/errors.js";
import { setup, str, tool, walk } from "./helpers.js";

describe("vaults and documents", () => {
  it("creates folders, lists children across pages, renames", async () => {
    const { sim, client } = setup();
    const root = await client.vaults.get(tool(sim, "Vault").id);
    expect(root.type).toBe("Vault");
    const made = [];
    for (let i = 0; i < 17; i++) made.push(await client.vaults.create(root.id, `Folder ${i}`));
    expect(made[0]).toMatchObject({ title: "Folder 0", type: "Vault" });
    const it = client.vaults.list(root.id);
    const kids = await walk(it);
    expect(kids.length).toBe(root.vaults_count + 17);
    expect(it.totalCount).toBe(kids.length);
    expect((await client.vaults.update(made[0].app_url, "Renamed")).title).toBe("Renamed");
    expect((await client.vaults.get(root.id)).vaults_count).toBe(root.vaults_count + 17);
  });

  it("creates, lists, reads and updates documents", async () => {
    const { sim, client } = setup();
    const vault = tool(sim, "Vault");
    const d = await client.documents.create(vault.id, { title: "Spec", content: "<div>v1</div>" });
    expect(d).toMatchObject({ title: "Spec", content: "<div>v1</div>", type: "Document" });
    const all = await client.documents.list(vault.id).toArray();
    expect(all.map((x) => str(x.id))).toContain(str(d.id));
    const u = await client.documents.update(d.url, { title: "Spec v2", content: "<div>v2</div>" });
    expect(u).toMatchObject({ title: "Spec v2", content: "<div>v2</div>" });
    expect((await client.documents.get(d.app_url)).title).toBe("Spec v2");
  });
});

describe("attachments and uploads", () => {
  it("uploads raw bytes, makes an upload from the attachment and downloads the same bytes", async () => {
    const { sim, client } = setup();
    const vault = tool(sim, "Vault");
    const bytes = new Uint8Array(256);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256; // not valid UTF-8
    const att = await client.attachments.upload(bytes, { name: "data.bin", contentType: "application/octet-stream" });
    expect(att).toMatchObject({ filename: "data.bin", byte_size: 256, content_type: "application/octet-stream" });
    expect(att.attachable_sgid).toBeTruthy();

    const up = await client.uploads.create(vault.id, { attachable_sgid: att.attachable_sgid, description: "<div>Raw data</div>", base_name: "dataset" });
    expect(up).toMatchObject({ filename: "dataset.bin", byte_size: 256, description: "<div>Raw data</div>", type: "Upload" });
    const back = await client.attachments.download(up);
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(await client.attachments.download(att.download_url)).equals(Buffer.from(bytes))).toBe(true);

    const listed = await client.uploads.list(vault.id).toArray();
    expect(listed.map((x) => str(x.id))).toContain(str(up.id));
    const renamed = await client.uploads.update(up.app_url, { base_name: "final" });
    expect(renamed.filename).toBe("final.bin");
    expect(renamed.description).toBe("<div>Raw data</div>");
    expect((await client.uploads.get(up.id)).filename).toBe("final.bin");
    const versions = await client.uploads.versions(up.id).toArray();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ action: "created", upload: { filename: "final.bin", byte_size: 256, current: true } });

    // A new file for the same upload: the old one stays listed as a version.
    const next = await client.attachments.upload(new Uint8Array([1, 2, 3]), { name: "data-v2.bin", contentType: "application/octet-stream" });
    const replaced = await client.uploads.replaceFile(up.id, { attachable_sgid: next.attachable_sgid });
    expect(replaced).toMatchObject({ filename: "data-v2.bin", byte_size: 3, description: "<div>Raw data</div>" });
    expect(str(replaced.id)).toBe(str(up.id));
    const after = await client.uploads.versions(up.app_url).toArray();
    expect(after.map((v) => [v.action, v.upload?.filename, v.upload?.current])).toEqual([
      ["file_replaced", "data-v2.bin", true],
      ["created", "final.bin", false],
    ]);
    expect(Buffer.from(await client.attachments.download(after[1].upload!.download_url)).equals(Buffer.from(bytes))).toBe(true);

    // An attachment can be placed only once.
    const again = await client.uploads.create(vault.id, { attachable_sgid: att.attachable_sgid }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).fieldErrors).toHaveProperty("attachable_sgid");
  });
});

describe("download", () => {
  it("sends credentials only to the API origin, follows a redirect to storage without them", async () => {
    const { createSimulator } = await import("../../src/simulator/index.js");
    const { BasecampClient } = await import("../../src/api/index.js");
    const sim = createSimulator({ scale: "tiny", rateLimit: "off" });
    const seen: Array<{ url: string; auth: string | null }> = [];
    const storage = "https://storage.example.net/blob/1";
    const fakeFetch: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      seen.push({ url, auth: new Headers(init?.headers).get("authorization") });
      if (url.endsWith("/redirected.bin")) return new Response(null, { status: 302, headers: { Location: storage } });
      if (url === storage) return new Response(new Uint8Array([9, 8, 7]), { status: 200 });
      return sim.fetch(input, init);
    };
    const client = new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, fetch: fakeFetch, rateLimit: "off" });
    const bytes = await client.attachments.download(`${sim.apiUrl}/${sim.accountId}/redirected.bin`);
    expect([...bytes]).toEqual([9, 8, 7]);
    expect(seen[0].auth).toBe(`Bearer ${sim.adminToken}`);
    expect(seen[1]).toEqual({ url: storage, auth: null });
    await expect(client.attachments.download(`${sim.apiUrl}/${sim.accountId}/attachments/nope/download/x.bin`)).rejects.toBeInstanceOf(NotFoundError);
  });
});
