import type { Hono, MiddlewareHandler } from "hono";
import type { Sim, SimEnv } from "./context.js";

export function registerLaunchpad(app: Hono<SimEnv>, sim: Sim, faults: MiddlewareHandler<SimEnv>): void {
  void app;
  void sim;
  void faults;
}
