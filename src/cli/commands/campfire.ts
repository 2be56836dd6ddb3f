// `campctl campfire info|lines|say <campfire>`.
import { KIND } from "../../api/internal/kinds.js";
import type { GlobalOptions } from "../internal/context.js";
import { collect, countArg, idArg, openedOnWeb, print, printDone, withClient } from "./shared.js";

export async function runCampfireInfo(campfire: string, g: GlobalOptions, o: { web?: boolean } = {}): Promise<void> {
  const id = idArg(campfire, KIND.campfire, "campfire");
  await withClient(g, async (conn) => {
    const c = await conn.client.campfire(id).info();
    if (await openedOnWeb(g, o, c.app_url)) return;
    print(g, c, [{ id: c.id, title: c.title, topic: c.topic, project: c.bucket?.name ?? "", url: c.app_url }]);
  });
}

export async function runCampfireLines(campfire: string, o: { limit?: string }, g: GlobalOptions): Promise<void> {
  const id = idArg(campfire, KIND.campfire, "campfire");
  const limit = countArg(o.limit ?? "50", "--limit");
  await withClient(g, async (conn) => {
    const lines = await collect(conn.client.campfire(id).lines(), limit);
    print(g, lines, lines.map((l) => ({ id: l.id, at: l.created_at, who: l.creator?.name ?? "", line: l.content })));
  });
}

export async function runCampfireSay(campfire: string, text: string, g: GlobalOptions): Promise<void> {
  const id = idArg(campfire, KIND.campfire, "campfire");
  await withClient(g, async (conn) => {
    const line = await conn.client.campfire(id).write(text);
    printDone(g, line, `Said in ${line.parent?.title ?? `campfire ${String(id)}`} (line ${line.id}): ${line.content}`);
  });
}
