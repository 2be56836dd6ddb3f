// `campctl projects`, `campctl people` and `campctl todolists [project]`.
import { KIND } from "../../api/internal/kinds.js";
import { schemaOf, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { collect, idArg, print, projectOrDefault, withClient } from "./shared.js";

export async function runProjects(o: { archived?: boolean }, g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2Projects(o, g);
  await withClient(g, async (conn) => {
    const projects = await collect(conn.client.projects.list(o.archived ? { status: "archived" } : {}));
    print(g, projects, projects.map((p) => ({ id: p.id, name: p.name, status: p.status, description: p.description ?? "" })));
  });
}

export async function runPeople(g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2People(g);
  await withClient(g, async (conn) => {
    const people = await collect(conn.client.people.list());
    print(g, people, people.map((p) => ({ id: p.id, name: p.name, email: p.email_address, title: p.title ?? "", admin: p.admin })));
  });
}

export async function runTodolists(project: string | undefined, g: GlobalOptions): Promise<void> {
  if (schemaOf(g) === "V2") return (await import("./bc2.js")).bc2Todolists(project, g);
  const given = project === undefined ? undefined : idArg(project, KIND.project, "project");
  await withClient(g, async (conn) => {
    const p = await conn.client.projects.get(projectOrDefault(given, conn.settings.projectId));
    const todoset = await conn.client.projects.tool(p, "todoset");
    if (!todoset) throw new UsageError(`Project ${p.id} (${p.name}) has no to-do lists tool switched on.`);
    const lists = await collect(conn.client.todolists.list(todoset.id));
    print(g, lists, lists.map((l) => ({ id: l.id, name: l.name, done: l.completed_ratio, url: l.app_url })));
  });
}
