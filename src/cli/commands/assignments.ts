// `campctl assignments`: the signed-in person's open to-dos and cards (--overdue: only those
// past due; --due <when>: by due date; --completed: the done ones).
import type { Assignment, DueScope } from "../../api/types.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { collect, countArg, print, withClient, type Row } from "./shared.js";

/** --due words → the API's scopes. */
const DUE: Record<string, DueScope> = {
  overdue: "overdue",
  today: "due_today",
  tomorrow: "due_tomorrow",
  "this-week": "due_later_this_week",
  "next-week": "due_next_week",
  later: "due_later",
};

export interface AssignmentsOptions {
  overdue?: boolean;
  due?: string;
  completed?: boolean;
  limit?: string;
}

const KIND_LABEL: Record<string, string> = { todo: "to-do", kanban_card: "card", kanban_step: "step" };

function row(a: Assignment): Row {
  return {
    id: a.id,
    type: KIND_LABEL[a.type] ?? a.type,
    content: a.content,
    due: a.due_on ?? "",
    project: a.bucket?.name ?? "",
    in: a.parent?.title ?? "",
    done: a.completed ? "✓" : "",
  };
}

function scopeOf(o: AssignmentsOptions): DueScope | undefined {
  const picked = [o.overdue && "--overdue", o.due !== undefined && "--due", o.completed && "--completed"].filter(Boolean);
  if (picked.length > 1) throw new UsageError(`Give one of ${picked.join(", ")}, not several.`);
  if (o.overdue) return "overdue";
  if (o.due === undefined) return undefined;
  const scope = DUE[o.due] ?? (Object.values(DUE).includes(o.due as DueScope) ? (o.due as DueScope) : undefined);
  if (!scope) throw new UsageError(`--due takes one of ${Object.keys(DUE).join(", ")}; got ${JSON.stringify(o.due)}`);
  return scope;
}

export async function runAssignments(o: AssignmentsOptions, g: GlobalOptions): Promise<void> {
  const scope = scopeOf(o);
  const limit = countArg(o.limit, "--limit");
  await withClient(g, async (conn) => {
    const mine = conn.client.assignments;
    let items: Assignment[];
    if (o.completed) items = await collect(mine.completed(), limit);
    else if (scope) items = await collect(mine.due(scope), limit);
    else {
      // Priorities first, as Basecamp lists them.
      const { priorities, non_priorities } = await mine.mine();
      items = [...priorities, ...non_priorities];
      if (limit !== undefined) items = items.slice(0, limit);
    }
    print(g, items, items.map(row));
  });
}
