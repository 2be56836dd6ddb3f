// `campctl webhooks list|add|remove`.
import { KIND } from "../../api/internal/kinds.js";
import type { Webhook } from "../../api/types.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { collect, idArg, print, printDone, projectOrDefault, withClient } from "./shared.js";

const row = (w: Webhook) => ({ id: w.id, active: w.active, payload_url: w.payload_url, types: w.types.join(",") });

export async function runWebhooksList(project: string | undefined, g: GlobalOptions): Promise<void> {
  const given = project === undefined ? undefined : idArg(project, KIND.project, "project");
  await withClient(g, async (conn) => {
    const hooks = await collect(conn.client.webhooks.list(projectOrDefault(given, conn.settings.projectId)));
    print(g, hooks, hooks.map(row));
  });
}

export async function runWebhooksAdd(project: string, payloadUrl: string, o: { types?: string[] }, g: GlobalOptions): Promise<void> {
  const id = idArg(project, KIND.project, "project");
  try {
    new URL(payloadUrl);
  } catch {
    throw new UsageError(`The payload URL must be a full URL like https://example.com/hook; got ${JSON.stringify(payloadUrl)}`);
  }
  const types = o.types?.flatMap((t) => t.split(",")).map((t) => t.trim()).filter((t) => t !== "");
  await withClient(g, async (conn) => {
    const w = await conn.client.webhooks.create(id, { payload_url: payloadUrl, types: types?.length ? types : undefined });
    printDone(g, w, `Added webhook ${w.id} → ${w.payload_url} (${w.types.join(", ")})`);
  });
}

export async function runWebhooksRemove(webhook: string, g: GlobalOptions): Promise<void> {
  const id = idArg(webhook, KIND.webhook, "webhook");
  await withClient(g, async (conn) => {
    await conn.client.webhooks.delete(id);
    printDone(g, { removed: id }, `Removed webhook ${String(id)}`);
  });
}
