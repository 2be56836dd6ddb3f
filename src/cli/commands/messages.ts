// `campctl messages list <board|project>` and `campctl messages post <board|project> <subject>`
// (the body in Markdown, from an option, standard input, a file or $EDITOR).
import type { BasecampClient } from "../../api/client.js";
import { parseBasecampUrl } from "../../api/ids.js";
import type { Id } from "../../http/json.js";
import { NotFoundError } from "../../http/errors.js";
import { schemaOf, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { richTextOption } from "../internal/notes.js";
import { collect, countArg, idArg, print, printDone, withClient } from "./shared.js";

/** The message board named by a board or project ID/URL. */
async function boardOf(client: BasecampClient, value: string): Promise<Id> {
  const id = idArg(value, ["message_boards", "projects"], "message board or project");
  const kind = parseBasecampUrl(value.trim())?.kind;
  if (kind === "message_boards") return id;
  if (kind === undefined) {
    try {
      return (await client.messageBoards.get(id)).id;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  const project = await client.projects.get(id);
  const board = await client.projects.tool(project, "message_board");
  if (!board) throw new UsageError(`Project ${project.id} (${project.name}) has no message board switched on.`);
  return board.id;
}

export async function runMessagesList(target: string, o: { limit?: string }, g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2MessagesList(target, o, g);
  const limit = countArg(o.limit, "--limit");
  idArg(target, ["message_boards", "projects"], "message board or project");
  await withClient(g, async (conn) => {
    const board = await boardOf(conn.client, target);
    const messages = await collect(conn.client.messages.list(board), limit);
    print(g, messages, messages.map((m) => ({ id: m.id, subject: m.subject, author: m.creator?.name ?? "", posted: m.created_at, comments: m.comments_count ?? 0 })));
  });
}

export interface MessagePostOptions {
  /** The body as Markdown (or rich-text HTML); `-` reads standard input, `@file` a file. */
  body?: string;
  /** The old name of --body. */
  content?: string;
  edit?: boolean;
}

export async function runMessagesPost(target: string, subject: string, o: MessagePostOptions, g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2MessagesPost(target, subject, o, g);
  idArg(target, ["message_boards", "projects"], "message board or project");
  if (subject.trim() === "") throw new UsageError("The message's subject cannot be empty.");
  if (o.body !== undefined && o.content !== undefined) throw new UsageError("Give --body or --content (its other name), not both.");
  const content = await richTextOption(o.body ?? o.content, o.edit, "--body");
  await withClient(g, async (conn) => {
    const board = await boardOf(conn.client, target);
    const m = await conn.client.messages.create(board, { subject, content: content || undefined });
    printDone(g, m, `Posted message ${m.id}: ${m.subject}\n${m.app_url}`);
  });
}
