// Account settings: rename the account (owner only) and set or remove its logo (admins and
// the owner). The logo arrives as multipart/form-data; its bytes are kept as an attachment
// and GET /account.json shows it under `logo`.
import type { SimContext } from "../context.js";
import { forbidden, noContent, sendJson, validationFailed } from "../internal/respond.js";
import type { Json, RenderCtx } from "../render.js";
import { bodyOf, renderCtx, type ApiRouter } from "../router.js";
import type { Attachment } from "../store/model.js";
import type { Store } from "../store/store.js";
import { renderAccount } from "./account-people.js";
import { attachmentDownloadUrl } from "./vaults-render.js";

/** Largest logo accepted. */
export const MAX_LOGO_BYTES = 5 * 1024 * 1024;

/** The `logo` of GET /account.json, or undefined when the account has none. */
export function renderAccountLogo(ctx: RenderCtx): Json | undefined {
  const sgid = ctx.store.account.logoSgid;
  const att = sgid ? ctx.store.attachments.get(sgid) : undefined;
  if (!att) return undefined;
  const url = attachmentDownloadUrl(ctx, att.sgid, att.filename);
  return {
    url,
    id: att.id,
    sgid: att.sgid,
    byte_size: att.byteSize,
    content_type: att.contentType,
    filename: att.filename,
    download_url: url,
    previewable: true,
    preview_url: url,
    thumbnail_url: url,
  };
}

function requireAdmin(c: SimContext): void {
  const me = c.var.me;
  if (!me.admin && !me.owner) throw forbidden("Only admins and the account owner may change the account's logo.");
}

function dropLogo(store: Store): boolean {
  const sgid = store.account.logoSgid;
  if (!sgid) return false;
  store.attachments.delete(sgid);
  store.account.logoSgid = null;
  return true;
}

/** Read the `logo` file of a multipart body. */
async function readLogo(c: SimContext): Promise<File> {
  const raw = c.var.rawBody;
  const ct = c.req.header("content-type") ?? "";
  if (!raw || !/^multipart\/form-data\b/i.test(ct.trim())) throw validationFailed({ logo: ["must be sent as a file in a multipart/form-data body"] });
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": ct } }).formData();
  } catch {
    throw validationFailed({ logo: ["could not be read: the multipart body is malformed"] });
  }
  const file = form.get("logo");
  if (file === null || typeof file === "string") throw validationFailed({ logo: ["can't be blank"] });
  return file;
}

export function register(r: ApiRouter): void {
  const flat = { forms: "flat" } as const;

  r.put("/account/name", (c) => {
    const store = c.var.sim.store;
    if (!c.var.me.owner) throw forbidden("Only the account owner may rename the account.");
    const name = bodyOf(c).name;
    if (name !== undefined && name !== null && typeof name !== "string") throw validationFailed({ name: ["must be a string"] });
    if (typeof name !== "string" || name.trim() === "") throw validationFailed({ name: ["can't be blank"] });
    store.account.name = name.trim();
    store.account.updatedAt = store.now();
    store.markDirty();
    return sendJson(c, renderAccount(renderCtx(c)));
  }, flat);

  r.put("/account/logo", async (c) => {
    requireAdmin(c);
    const file = await readLogo(c);
    const type = (file.type || "application/octet-stream").split(";")[0].trim().toLowerCase();
    if (!type.startsWith("image/")) throw validationFailed({ logo: [`must be an image (got ${type})`] });
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length === 0) throw validationFailed({ logo: ["can't be empty"] });
    if (bytes.length > MAX_LOGO_BYTES) throw validationFailed({ logo: [`must be at most ${MAX_LOGO_BYTES} bytes`] });
    const store = c.var.sim.store;
    dropLogo(store);
    const id = store.nextId();
    const sgid = Buffer.from(`gid://bc3/Account::Logo/${id}`).toString("base64url");
    const att: Attachment = {
      id,
      sgid,
      filename: (file.name || "logo").split(/[/\\]/).pop() || "logo",
      contentType: type,
      byteSize: bytes.length,
      createdAt: store.now(),
      creatorId: c.var.me.id,
      dataBase64: Buffer.from(bytes).toString("base64"),
    };
    store.attachments.set(sgid, att);
    store.account.logoSgid = sgid;
    store.account.updatedAt = store.now();
    store.markDirty();
    return noContent(c);
  }, flat);

  r.delete("/account/logo", (c) => {
    requireAdmin(c);
    const store = c.var.sim.store;
    if (dropLogo(store)) {
      store.account.updatedAt = store.now();
      store.markDirty();
    }
    return noContent(c);
  }, flat);
}
