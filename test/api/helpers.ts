// A client wired to an in-process simulator, and lookups into the simulator's store.
import { BasecampClient } from "../../src/api/index.js";
import { createSimulator, type InProcessSimulator } from "../../src/simulator/index.js";

export const BIG = 2n ** 53n;

export interface Fixture {
  sim: InProcessSimulator;
  client: BasecampClient;
}

export function setup(scale: "tiny" | "small" = "tiny"): Fixture {
  const sim = createSimulator({ scale, rateLimit: "off" });
  const client = new BasecampClient({
    accountId: sim.accountId,
    accessToken: sim.adminToken,
    apiBaseUrl: sim.apiUrl,
    fetch: sim.fetch,
    rateLimit: "off",
  });
  return { sim, client };
}

type Store = InProcessSimulator["store"];
type Rec = ReturnType<Store["childrenOf"]>[number];

/** The first active project, and its dock tool of a type. */
export function firstProject(sim: InProcessSimulator) {
  return [...sim.store.projects.values()].find((p) => p.status === "active")!;
}

export function tool(sim: InProcessSimulator, type: string, project = firstProject(sim)): Rec {
  return sim.store.dockTool(project.id, type as Rec["type"])!;
}

/** Active recordings of a type, optionally only those with an ID above 2^53. */
export function recordsOf(sim: InProcessSimulator, type: string, opts: { big?: boolean } = {}): Rec[] {
  return [...sim.store.ofType(type as Rec["type"])].filter((r) => r.status === "active" && (!opts.big || r.id > BIG));
}

/** Children of a recording, of some types, active only. */
export function childrenOf(sim: InProcessSimulator, parentId: bigint, types: string[]): Rec[] {
  return sim.store.childrenOf(parentId, types as Rec["type"][]).filter((r) => r.status === "active");
}

/** Walk a list with `for await`, returning the items. */
export async function walk<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const str = (id: unknown): string => String(id);
