// Projects ("Basecamps"): list, read, create, update, trash, archive and unarchive.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { DockItem, DockName, NewProject, Project, ProjectChanges, Signal, StatusListOptions } from "../types.js";

export class Projects extends operationResource(
  {
    /** The project's activity, newest first. */
    timeline: "GetProjectTimeline",
  },
  Resource,
) {
  private pid(id: IdLike): string {
    return this.id(id, KIND.project, "project");
  }

  /** Projects with `status` (default active), newest first. */
  list(opts: StatusListOptions = {}): PageIterator<Project> {
    const { status, ...page } = opts;
    return this.iterate<Project>("/projects.json", { ...page, query: { status } });
  }

  async get(projectId: IdLike, opts: Signal = {}): Promise<Project> {
    return this.read<Project>(`/projects/${this.pid(projectId)}.json`, undefined, opts);
  }

  async create(project: NewProject, opts: Signal = {}): Promise<Project> {
    return this.send<Project>("POST", "/projects.json", project, opts);
  }

  /** Change some fields and keep the rest (reads the project, sends it whole with its name and dates). */
  async update(projectId: IdLike, changes: ProjectChanges, opts: Signal = {}): Promise<Project> {
    return this.edit<Project>(EDIT.project, `/projects/${this.pid(projectId)}.json`, changes, opts);
  }

  /** Move to the trash (purged after 30 days; `unarchive` restores it). */
  async trash(projectId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `/projects/${this.pid(projectId)}.json`, undefined, opts);
  }

  async archive(projectId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("PUT", `/projects/${this.pid(projectId)}/status/archived.json`, undefined, opts);
  }

  /** Back to active, from the archive or the trash. */
  async unarchive(projectId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("PUT", `/projects/${this.pid(projectId)}/status/active.json`, undefined, opts);
  }

  /** The enabled dock tool of a project by name ("todoset", "chat", "kanban_board" …). */
  async tool(project: IdLike | Project, name: DockName, opts: Signal = {}): Promise<DockItem | undefined> {
    const p = typeof project === "object" ? project : await this.get(project, opts);
    return p.dock.find((d) => d.name === name && d.enabled);
  }
}
