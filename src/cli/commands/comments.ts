// `campctl comments add <recording> <content>`.
import { KIND } from "../../api/internal/kinds.js";
import type { GlobalOptions } from "../internal/context.js";
import { idArg, printDone, withClient } from "./shared.js";

export async function runCommentsAdd(recording: string, content: string, g: GlobalOptions): Promise<void> {
  const id = idArg(recording, KIND.recording, "recording");
  await withClient(g, async (conn) => {
    const c = await conn.client.comments.create(id, content);
    printDone(g, c, `Added comment ${c.id} on ${c.parent?.title ?? `recording ${String(id)}`}\n${c.app_url}`);
  });
}
