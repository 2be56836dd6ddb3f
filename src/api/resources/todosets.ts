// To-do sets: the to-dos tool of a project (its ID is the dock's "todoset").
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { Signal, Todoset } from "../types.js";

export class Todosets extends operationResource(
  {
    hillChart: "GetHillChart",
    updateHillChartSettings: "UpdateHillChartSettings",
  },
  Resource,
) {
  async get(todosetId: IdLike, opts: Signal = {}): Promise<Todoset> {
    return this.read<Todoset>(`/todosets/${this.id(todosetId, KIND.todoset, "to-do set")}.json`, undefined, opts);
  }
}
