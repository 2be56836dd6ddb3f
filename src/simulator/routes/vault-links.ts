// Links in Docs & Files: cloud files (a file on Dropbox, Figma, Box …; type CloudFile) and
// Google documents (GoogleDocument). Both are recordings in a vault, commentable, with a
// rich-text description; their JSON `url` is the linked document's own URL, as in Basecamp.
// Bodies may wrap the fields in `cloud_file` / `google_document`; `visible_to_clients` is a
// top-level sibling.
import { registerRecordingCrud, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { validationFailed } from "../internal/respond.js";
import { baseRecording, type Json, type RenderCtx } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { bodyOf, findRecording, optionalBool, optionalPersonIds, optionalString, type ApiRouter } from "../router.js";
import type { Id, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

interface Service {
  name: string;
  example_url: string;
  code: string;
  /** Host-and-path patterns (the URL without its scheme must match one). */
  valid_patterns: string[];
  supporting_text: string;
}

const svc = (code: string, name: string, host: string, example: string, what: string): Service => ({
  code,
  name,
  example_url: example,
  valid_patterns: [`(.*?\\.)?${host}(\\/.*)?`],
  supporting_text: what,
});

/** The services a cloud file may link to (`other`: any HTTPS link). */
export const CLOUD_SERVICES: readonly Service[] = [
  svc("dropbox", "Dropbox", "dropbox\\.com", "https://www.dropbox.com/s/abcd1234/example.pdf", "a file or folder on Dropbox"),
  svc("google_doc", "Google Drive", "google\\.com", "https://drive.google.com/file/d/abcd1234/view", "a file or folder on Google Drive"),
  svc("box", "Box", "box\\.com", "https://app.box.com/s/abcd1234", "a file or folder on Box"),
  svc("onedrive", "OneDrive", "(onedrive\\.live\\.com|1drv\\.ms|sharepoint\\.com)", "https://1drv.ms/w/s!abcd1234", "a file or folder on OneDrive"),
  svc("figma", "Figma", "figma\\.com", "https://www.figma.com/file/abcd1234/Example", "a Figma file"),
  svc("notion", "Notion", "notion\\.(so|site)", "https://www.notion.so/example-abcd1234", "a Notion page"),
  { code: "other", name: "Other", example_url: "https://example.com/file", valid_patterns: [".*"], supporting_text: "a link to a file anywhere else" },
];

export const DOCUMENT_TYPES = ["doc", "sheet", "slide", "other"] as const;

function serviceOf(code: string): Service | undefined {
  return CLOUD_SERVICES.find((s) => s.code === code);
}

/** A well-formed HTTPS URL (422 on `url` otherwise). */
function httpsUrl(v: unknown): URL {
  if (v === undefined || v === null || v === "") throw validationFailed({ url: ["can't be blank"] });
  let u: URL | undefined;
  try {
    if (typeof v === "string") u = new URL(v);
  } catch {
    u = undefined;
  }
  if (!u || u.protocol !== "https:" || !u.hostname.includes(".")) throw validationFailed({ url: ["must be a well-formed HTTPS URL"] });
  return u;
}

function matches(service: Service, u: URL): boolean {
  const target = `${u.host}${u.pathname}`;
  return service.valid_patterns.some((p) => new RegExp(`^${p}$`, "i").test(target));
}

/** A link's fields: title, description, url, its `service` or `document_type`, and subscriptions. */
type LinkFields = Record<string, unknown> & { title: string; description: string; url: string; subscriptions?: Id[] };
type Kind = "CloudFile" | "GoogleDocument";

/** What a link keeps in its data: the url and its service or document type. */
function dataOf(kind: Kind, f: Record<string, unknown>): Record<string, unknown> {
  const key = kind === "CloudFile" ? "service" : "document_type";
  return { url: f.url, [key]: f[key] };
}

// Body fields, read in order.
const url: FieldReader = (body, f) => httpsUrl(body[f]).toString();

const service: FieldReader = (body, f) => {
  const code = optionalString(body, f);
  if (!code) throw validationFailed({ [f]: ["can't be blank"] });
  const s = serviceOf(code);
  if (!s) throw validationFailed({ [f]: [`must be one of ${CLOUD_SERVICES.map((x) => x.code).join(", ")}`] });
  if (!matches(s, httpsUrl(body.url))) throw validationFailed({ url: [`is not a link to ${s.supporting_text} (for example ${s.example_url}); use service "other" for other links`] });
  return s.code;
};

const documentType: FieldReader = (body, f) => {
  const type = optionalString(body, f);
  if (!type) throw validationFailed({ [f]: ["can't be blank"] });
  if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) throw validationFailed({ [f]: [`must be one of ${DOCUMENT_TYPES.join(", ")}`] });
  if (!/(^|\.)google\.com$/i.test(httpsUrl(body.url).hostname)) throw validationFailed({ url: ["must be a Google Workspace link (docs.google.com, drive.google.com …)"] });
  return type;
};

// The model has no drafts (as for documents): "drafted" is accepted and published.
const draftStatus: FieldReader = (body, f) => {
  const status = optionalString(body, f);
  if (status !== undefined && status !== "active" && status !== "drafted") throw validationFailed({ [f]: ["must be active or drafted"] });
  return undefined;
};

const linkFields = (extra: Record<string, FieldReader>): Record<string, FieldReader> => ({
  url,
  ...extra,
  title: (body, f) => (optionalString(body, f) ?? "").trim() || "Untitled",
  description: (body, f, c, owner) => richText(c.var.sim.store, f, optionalString(body, f) ?? "", { owner: owner as Recording | undefined }),
  subscriptions: (body, f, c) => optionalPersonIds(c, body, f) ?? optionalPersonIds(c, bodyOf(c), f),
});

function renderLink(ctx: RenderCtx, rec: Recording): Json {
  const out: Json = {
    ...baseRecording(ctx, rec),
    position: ctx.store.positionOf(rec),
    url: String(rec.data?.url ?? ""),
    description: rec.description ?? "",
  };
  if (rec.type === "CloudFile") out.service = serviceOf(String(rec.data?.service)) ?? CLOUD_SERVICES[CLOUD_SERVICES.length - 1];
  else out.document_type = String(rec.data?.document_type ?? "other");
  return out;
}

/** Who sees a new link: a folder's visibility, else the request's choice (clients: always). */
function clientVisibility(c: SimContext, store: Store, vault: Recording): boolean {
  if (vault.parentId !== null) return vault.visibleToClients;
  if (c.var.me.client) return true;
  const project = store.projects.get(vault.bucketId);
  return project?.clientsEnabled === true && optionalBool(bodyOf(c), "visible_to_clients") === true;
}

export function createLink(store: Store, vault: Recording, kind: Kind, creatorId: Id, f: LinkFields, visibleToClients: boolean, quiet = false): Recording {
  const subscriberIds = [creatorId, ...(f.subscriptions ?? []).filter((id) => id !== creatorId)];
  const rec = store.insertRecording(
    { type: kind, bucketId: vault.bucketId, parentId: vault.id, creatorId, title: f.title, description: f.description, subscriberIds, visibleToClients, data: dataOf(kind, f) },
    { quiet },
  );
  claimAttachments(store, rec);
  return rec;
}

/** An update replaces title, description, url and service / type; it may add subscribers. */
function update(c: SimContext, rec: Recording, fields: Record<string, unknown>): void {
  const store = c.var.sim.store;
  const f = fields as LinkFields;
  const data = dataOf(rec.type as Kind, f);
  const titleWas = f.title !== rec.title ? rec.title : null;
  const changed = f.description !== (rec.description ?? "") || Object.entries(data).some(([k, v]) => rec.data?.[k] !== v);
  rec.title = f.title;
  rec.description = f.description;
  rec.data = { ...rec.data, ...data };
  claimAttachments(store, rec);
  if (f.subscriptions) rec.subscriberIds = [...new Set([rec.creatorId, c.var.me.id, ...f.subscriptions])];
  if (titleWas !== null) store.touch(rec, "title_changed", c.var.me.id, { title_was: titleWas }, "title_updated");
  if (changed) store.touch(rec, "content_changed", c.var.me.id, {}, "content_updated");
  if (titleWas === null && !changed) store.markDirty();
}

export function register(r: ApiRouter): void {
  for (const [type, plural, param, wrap, extra] of [
    ["CloudFile", "cloud_files", "cloudFileId", "cloud_file", { service }],
    ["GoogleDocument", "google_documents", "googleDocumentId", "google_document", { document_type: documentType, status: draftStatus }],
  ] as const) {
    registerRecordingCrud(r, {
      what: "link",
      type,
      paths: { create: `/vaults/:vaultId/${plural}`, item: `/${plural}/:${param}` },
      itemMethods: ["get", "update"],
      wrap,
      fields: linkFields(extra),
      parent: (c) => findRecording(c, "vaultId", ["Vault"]),
      create: (c, f, vault) => createLink(c.var.sim.store, vault, type, c.var.me.id, f as LinkFields, clientVisibility(c, c.var.sim.store, vault)),
      apply: update,
      render: renderLink,
    });
  }
}

/** One cloud file and one Google document in each project's Docs & Files. */
export function seedVaultLinks(store: Store, rnd: () => number): void {
  for (const p of store.projects.values()) {
    const vault = store.dockTool(p.id, "Vault");
    if (!vault || p.peopleIds.length === 0) continue;
    const who = p.peopleIds[Math.floor(rnd() * p.peopleIds.length)];
    const slug = Math.floor(rnd() * 1e8).toString(36);
    createLink(store, vault, "CloudFile", who, { title: "Brand assets", description: "<div>Logos and colours</div>", url: `https://www.dropbox.com/s/${slug}/brand.zip`, service: "dropbox" }, false, true);
    createLink(store, vault, "GoogleDocument", who, { title: "Project plan", description: "", url: `https://docs.google.com/document/d/${slug}/edit`, document_type: "doc" }, false, true);
  }
}
