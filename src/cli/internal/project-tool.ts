// A command argument that names a tool (a campfire, card table, vault, schedule …) directly or
// through its project: the tool's ID/URL, or the project's ID/URL (its dock tool of that kind).
import type { BasecampClient } from "../../api/client.js";
import { parseBasecampUrl } from "../../api/ids.js";
import { KIND } from "../../api/internal/kinds.js";
import type { DockName } from "../../api/types.js";
import { NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import { idArg, projectOrDefault } from "../commands/shared.js";
import { UsageError } from "./errors.js";

export interface ToolKind {
  /** URL path words of the tool itself, e.g. ["card_tables"]. */
  kinds: readonly string[];
  dock: DockName;
  /** What to call it in messages ("card table"). */
  what: string;
  /** Read the tool by ID, to tell a bare tool ID from a project ID. */
  probe: (client: BasecampClient, id: Id) => Promise<unknown>;
}

/** Check the argument's form before signing in (mistakes exit 1 without a request). */
export function toolArg(value: string | undefined, t: ToolKind): Id | undefined {
  return value === undefined ? undefined : idArg(value, [...t.kinds, ...KIND.project], `${t.what} or project`);
}

/** The tool's ID: a tool URL as given, a project URL through its dock, a bare ID tried as the tool first, else the chosen project. */
export async function resolveTool(client: BasecampClient, value: string | undefined, t: ToolKind, defaultProject: string | undefined): Promise<Id> {
  const id = toolArg(value, t);
  const kind = value === undefined ? "projects" : parseBasecampUrl(value.trim())?.kind;
  if (kind !== undefined && t.kinds.includes(kind)) return id!;
  if (kind === undefined) {
    try {
      await t.probe(client, id!);
      return id!;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  const project = await client.projects.get(projectOrDefault(id, defaultProject)).catch((e: unknown) => {
    // A bare ID that is neither: say both were looked for.
    if (kind === undefined && e instanceof NotFoundError) {
      throw new NotFoundError(`No ${t.what} or project has ID ${String(id)} in this account. Check the ID, or pass the address you see in the browser.`, { status: e.status, requestId: e.requestId, url: e.url, method: e.method }, e.accountInactive);
    }
    throw e;
  });
  const tool = await client.projects.tool(project, t.dock);
  if (!tool) throw new UsageError(`Project ${project.id} (${project.name}) has no ${t.what} switched on.`);
  return tool.id;
}
