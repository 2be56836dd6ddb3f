// `campctl docs list <project|folder>` (the documents of Docs & Files, folders included) and
// `campctl docs show <document>`.
import type { BasecampClient } from "../../api/client.js";
import { KIND } from "../../api/internal/kinds.js";
import type { Document } from "../../api/types.js";
import type { Id } from "../../http/json.js";
import type { GlobalOptions } from "../internal/context.js";
import { resolveTool, toolArg, type ToolKind } from "../internal/project-tool.js";
import { oneLine } from "../internal/text.js";
import { collect, idArg, openedOnWeb, print, printFields, type Row, withClient } from "./shared.js";

const VAULT: ToolKind = { kinds: KIND.vault, dock: "vault", what: "Docs & Files folder", probe: (c, id) => c.vaults.get(id) };

/** Documents of a folder and (unless `flat`) of the folders inside it, with the folder path. */
async function documentsIn(client: BasecampClient, vault: Id, path: string, flat: boolean, out: Array<Document & { folder: string }>): Promise<void> {
  for (const d of await collect(client.documents.list(vault))) out.push({ ...d, folder: path });
  if (flat) return;
  for (const sub of await collect(client.vaults.list(vault))) await documentsIn(client, sub.id, path ? `${path}/${sub.title}` : sub.title, flat, out);
}

export async function runDocsList(target: string | undefined, o: { flat?: boolean }, g: GlobalOptions): Promise<void> {
  toolArg(target, VAULT);
  await withClient(g, async (conn) => {
    const vault = await resolveTool(conn.client, target, VAULT, conn.settings.projectId);
    const docs: Array<Document & { folder: string }> = [];
    await documentsIn(conn.client, vault, "", o.flat === true, docs);
    print(g, docs, docs.map((d) => ({ id: d.id, title: d.title, folder: d.folder, author: d.creator?.name ?? "", updated: d.updated_at.slice(0, 10) })));
  });
}

export async function runDocsShow(doc: string, o: { web?: boolean }, g: GlobalOptions): Promise<void> {
  const id = idArg(doc, KIND.document, "document");
  await withClient(g, async (conn) => {
    const d = await conn.client.documents.get(id);
    if (await openedOnWeb(g, o, d.app_url)) return;
    const fields: Row = {
      id: d.id,
      title: d.title,
      folder: d.parent?.title ?? "",
      author: d.creator?.name ?? "",
      updated: d.updated_at,
      comments: d.comments_count ?? 0,
      content: oneLine(d.content, 300),
      project: d.bucket?.name ?? "",
      url: d.app_url,
    };
    printFields(g, d, fields);
  });
}
