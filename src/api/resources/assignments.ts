// The signed-in person's assignments.
import type { PageIterator } from "../../http/pagination.js";
import { Resource } from "../resource.js";
import type { Assignment, Assignments as AssignmentGroups, DueScope, PageOptions, Signal } from "../types.js";

export class MyAssignments extends Resource {
  /** Open assignments: `{ priorities, non_priorities }`. */
  async mine(opts: Signal = {}): Promise<AssignmentGroups> {
    return this.read<AssignmentGroups>("/my/assignments.json", undefined, opts);
  }

  /** Completed assignments (archived and trashed left out). */
  completed(opts: PageOptions = {}): PageIterator<Assignment> {
    return this.iterate<Assignment>("/my/assignments/completed.json", opts);
  }

  /** Open assignments due in `scope` (default overdue). */
  due(scope: DueScope = "overdue", opts: PageOptions = {}): PageIterator<Assignment> {
    return this.iterate<Assignment>("/my/assignments/due.json", { ...opts, query: { scope } });
  }
}
