import type { Context } from "hono";
import type { Person } from "./store/model.js";
import type { Store } from "./store/store.js";
import type { Faults } from "./faults.js";
import type { Stats } from "./stats.js";
import type { ResolvedOptions } from "./options.js";

/** Everything one simulator instance holds; handlers reach it as `c.var.sim`. */
export interface Sim {
  store: Store;
  options: ResolvedOptions;
  faults: Faults;
  stats: Stats;
  /** Where the simulator is reached (scheme + host), for URLs made outside a request (webhooks). */
  origin: string;
}

export interface SimVariables {
  sim: Sim;
  requestId: string;
  /** Route pattern that matched, for stats ("GET /todos/:id"). */
  route: string;
  /** The signed-in person (API routes). */
  me: Person;
  /** Parsed JSON body of a write (API routes), `{}` when the write had no body. */
  body: Record<string, unknown>;
  /** Raw body bytes (raw-upload routes). */
  rawBody: Uint8Array;
}

export type SimEnv = { Variables: SimVariables };
export type SimContext = Context<SimEnv>;
