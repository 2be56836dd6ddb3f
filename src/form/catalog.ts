// What the pickers offer: the account's projects, and for the chosen project its to-do lists
// and people. Kept per connection for a short while, so re-rendering a form (after a choice,
// a validation error or a failure) does not cost a round of API calls, and so a form can
// still be shown with its choices when Basecamp cannot be reached.
import type { BasecampClient } from "../api/client.js";

export interface Choice {
  id: string;
  name: string;
}

export interface PersonChoice extends Choice {
  email?: string;
}

export interface Catalog {
  projects: Choice[];
  /** The project the lists and people belong to ("" when the account has none). */
  projectId: string;
  lists: Choice[];
  people: PersonChoice[];
  /** The project has no to-dos tool (or it is switched off). */
  noTodos: boolean;
}

interface ProjectPart {
  lists: Choice[];
  people: PersonChoice[];
  noTodos: boolean;
}

const FRESH_MS = 30_000;
/** Most projects offered (the newest are listed first by Basecamp). */
const MAX_PROJECTS = 1000;

const byName = (a: Choice, b: Choice) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.id.localeCompare(b.id);

async function take<T>(it: AsyncIterable<T>, max: number): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (out.length >= max) break;
  }
  return out;
}

interface Entry<T> {
  at: number;
  value: T;
}

export class Catalogs {
  private readonly projects = new Map<string, Entry<Choice[]>>();
  private readonly parts = new Map<string, Entry<ProjectPart>>();

  constructor(private readonly now: () => number) {}

  private fresh<T>(e: Entry<T> | undefined): e is Entry<T> {
    return e !== undefined && this.now() - e.at < FRESH_MS;
  }

  /** Projects, and the lists and people of `projectId` (default: the first project by name). */
  async load(who: string, client: BasecampClient, projectId?: string): Promise<Catalog> {
    let projects = this.projects.get(who);
    if (!this.fresh(projects)) {
      const list = await take(client.projects.list(), MAX_PROJECTS);
      projects = { at: this.now(), value: list.map((p) => ({ id: String(p.id), name: p.name })).sort(byName) };
      this.projects.set(who, projects);
    }
    const chosen = projects.value.find((p) => p.id === projectId)?.id ?? projects.value[0]?.id ?? "";
    if (!chosen) return { projects: projects.value, projectId: "", lists: [], people: [], noTodos: true };
    const key = `${who}\n${chosen}`;
    let part = this.parts.get(key);
    if (!this.fresh(part)) {
      const project = await client.projects.get(chosen);
      const todoset = project.dock.find((d) => d.name === "todoset" && d.enabled);
      const [lists, people] = await Promise.all([
        todoset ? take(client.todolists.list(todoset.id), MAX_PROJECTS) : Promise.resolve([]),
        take(client.people.onProject(chosen), 5000),
      ]);
      part = {
        at: this.now(),
        value: {
          lists: lists.map((l) => ({ id: String(l.id), name: l.name })),
          people: people.map((p) => ({ id: String(p.id), name: p.name, email: p.email_address })).sort(byName),
          noTodos: !todoset,
        },
      };
      this.parts.set(key, part);
    }
    return { projects: projects.value, projectId: chosen, ...part.value };
  }

  /**
   * The best catalog without asking Basecamp: what was last seen (however old), else just the
   * submitted IDs, so a failed request can still show the form with the person's input.
   */
  remembered(who: string | undefined, want: { project: string; list: string; assignees: string[] }): Catalog {
    const projects = (who && this.projects.get(who)?.value) || (want.project ? [{ id: want.project, name: `Project ${want.project}` }] : []);
    const part = who ? this.parts.get(`${who}\n${want.project}`)?.value : undefined;
    return {
      projects,
      projectId: want.project,
      lists: part?.lists ?? (want.list ? [{ id: want.list, name: `To-do list ${want.list}` }] : []),
      people: part?.people ?? want.assignees.map((id) => ({ id, name: `Person ${id}` })),
      noTodos: part?.noTodos ?? false,
    };
  }

  forget(who: string): void {
    this.projects.delete(who);
    for (const k of [...this.parts.keys()]) if (k.startsWith(`${who}\n`)) this.parts.delete(k);
  }
}
