// `campctl search <query>`, `campctl campfire list [project]` and `campctl comments list <recording>`:
// finding records without SQL.
import { KIND } from "../../api/internal/kinds.js";
import type { SearchOptions } from "../../api/resources/search.js";
import type { GlobalOptions } from "../internal/context.js";
import { oneLine } from "../internal/text.js";
import { collect, countArg, idArg, print, withClient } from "./shared.js";

export interface SearchCliOptions {
  type?: string;
  project?: string;
  creator?: string;
  excludeChat?: boolean;
  limit?: string;
}

/** Full-text search over what the signed-in person can see, most relevant first. */
export async function runSearch(query: string, o: SearchCliOptions, g: GlobalOptions): Promise<void> {
  const limit = countArg(o.limit ?? "25", "--limit");
  const opts: SearchOptions = { type: o.type, exclude_chat: o.excludeChat };
  if (o.project !== undefined) opts.bucket_id = idArg(o.project, KIND.project, "project");
  if (o.creator !== undefined) opts.creator_id = idArg(o.creator, KIND.person, "person");
  await withClient(g, async (conn) => {
    const results = await collect(conn.client.search.search(query, opts), limit);
    print(
      g,
      results,
      results.map((r) => ({
        type: r.type,
        title: r.title || oneLine(r.plain_text_content, 60),
        project: r.bucket?.name ?? "",
        id: r.id,
        url: r.app_url,
      })),
    );
  });
}

/** Every campfire the signed-in person can see, or those of one project. */
export async function runCampfireList(project: string | undefined, g: GlobalOptions): Promise<void> {
  const projectId = project === undefined ? undefined : String(idArg(project, KIND.project, "project"));
  await withClient(g, async (conn) => {
    const all = await collect(conn.client.campfires.list());
    const rooms = projectId === undefined ? all : all.filter((c) => String(c.bucket?.id) === projectId);
    print(g, rooms, rooms.map((c) => ({ id: c.id, title: c.title, project: c.bucket?.name ?? "", topic: c.topic ?? "", url: c.app_url })));
  });
}

/** The comments on a recording, oldest first. */
export async function runCommentsList(recording: string, o: { limit?: string }, g: GlobalOptions): Promise<void> {
  const id = idArg(recording, KIND.recording, "recording");
  const limit = countArg(o.limit, "--limit");
  await withClient(g, async (conn) => {
    const comments = await collect(conn.client.comments.list(id), limit);
    print(g, comments, comments.map((c) => ({ id: c.id, at: c.created_at, who: c.creator?.name ?? "", comment: oneLine(c.content) })));
  });
}
