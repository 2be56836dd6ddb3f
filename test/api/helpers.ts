// A client wired to an in-process simulator, and lookups into the simulator's store.
import { BasecampClient } from "../../src/api/index.js";
import { parseJsonExact } from "../../src/http/json.js";
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

/** A request a watched client sent: method, path below the account, parsed JSON body (big IDs exact). */
export interface Sent {
  method: string;
  path: string;
  body: any;
}

/**
 * A client like `setup`'s whose fetch records every request in `sent`. `answer(method, path)`
 * may return a value to answer that request with itself (as JSON, 200), instead of the simulator.
 */
export function watched(sim: InProcessSimulator, answer: (method: string, path: string) => unknown = () => undefined) {
  const sent: Sent[] = [];
  const prefix = `/${sim.accountId}`;
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    sent.push({ method, path, body: typeof init?.body === "string" ? parseJsonExact(init.body) : undefined });
    const fake = answer(method, path);
    if (fake !== undefined) return new Response(JSON.stringify(fake), { status: 200, headers: { "Content-Type": "application/json; charset=utf-8" } });
    return sim.fetch(input, init);
  };
  const client = new BasecampClient({ accountId: sim.accountId, accessToken: sim.adminToken, apiBaseUrl: sim.apiUrl, fetch, rateLimit: "off" });
  return { client, sent, puts: () => sent.filter((r) => r.method === "PUT") };
}

/** A fresh simulator with a watched client on it. */
export function watchedSetup(scale: "tiny" | "small" = "tiny") {
  const sim = createSimulator({ scale, rateLimit: "off" });
  return { sim, ...watched(sim) };
}

/** The simulator's stored recording for an ID as the client has it (number or bigint). */
export function stored(sim: InProcessSimulator, id: unknown): Rec {
  return sim.store.recordings.get(BigInt(String(id)))!;
}

/** IDs as strings, to compare the client's numbers with the store's bigints. */
export const strs = (list: readonly unknown[] | undefined): string[] => (list ?? []).map(str);
