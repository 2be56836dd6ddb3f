import type { Sim } from "../context.js";
import type { ApiRouter } from "../router.js";

export function register(r: ApiRouter, sim: Sim): void {
  void r;
  void sim;
}
