// Defaults the SQL drivers apply, for calls that need a project.
import type { Id } from "../http/json.js";
import type { BasecampClient } from "./client.js";
import { idOf, type IdLike } from "./ids.js";

/** The given project, or else the first one the account lists (as the SQL drivers do). */
export async function projectIdOrFirst(client: BasecampClient, projectId?: IdLike | null): Promise<Id> {
  if (projectId !== undefined && projectId !== null && projectId !== "") return idOf(projectId, ["projects"], "project", client.road.urlScope);
  const [first] = await client.projects.list({ maxItems: 1 }).toArray();
  if (!first) throw new Error("The account has no active projects: create one in Basecamp, or set ProjectId.");
  return first.id;
}
