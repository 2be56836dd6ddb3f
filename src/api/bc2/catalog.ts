// Basecamp 2's endpoints (operations.ts) as the operation engine reads them, and the types of
// the methods that tables of them make (src/api/internal/op-engine.ts does the work).
import type { PageIterator } from "../../http/pagination.js";
import type { QueryValue, Road } from "../../http/road.js";
import type { IdLike } from "../ids.js";
import { tableClass, type Catalog, type OpSpec } from "../internal/op-engine.js";
import type { ListOptions } from "../resource.js";
import { BC2_ENDPOINTS, type Bc2OperationId } from "./operations.js";
import type { Bc2BodilessWrite, Bc2Bodies, Bc2Queries, Bc2Results } from "./types.js";

/** POSTs and PUTs that take no body (the action is the path): exactly the type Bc2BodilessWrite. */
const BODILESS: Record<Bc2BodilessWrite, true> = { PublishProject: true, StarProject: true, ArchiveTopic: true, ActivateTopic: true };
const NO_BODY = new Set<string>(Object.keys(BODILESS));
/** Endpoints whose body is the file's bytes. */
const BINARY = new Set<string>(["CreateAttachment"]);
/** Basecamp 2 pages lists 50 at a time, with no Link header. */
export const BC2_PAGE_SIZE = 50;

function specOf(name: string, line: string): OpSpec {
  const [method, path] = line.split(" ");
  const writes = method === "POST" || method === "PUT";
  return {
    method,
    path,
    pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
    body: !writes || NO_BODY.has(name) ? null : BINARY.has(name) ? "binary" : "json",
    returns: name.startsWith("List") ? "list" : method === "DELETE" ? "none" : "json",
  };
}

const SPECS = new Map<string, OpSpec>(Object.entries(BC2_ENDPOINTS).map(([name, line]) => [name, specOf(name, line)]));

export const BC2_CATALOG: Catalog = {
  spec: (op) => SPECS.get(op),
  kinds: {},
  words: ["tag", "section"],
  listHint: "see BC2_ENDPOINTS (src/api/bc2/operations.ts) for the Basecamp 2 endpoints.",
  paging: { pageSize: BC2_PAGE_SIZE },
  // Basecamp 2 answers 415 to a write without a JSON content type, even one with nothing to say.
  bodilessWrite: {},
};

// ---- types of the table-made methods ------------------------------------------------------

type PathOf<K extends Bc2OperationId> = (typeof BC2_ENDPOINTS)[K] extends `${string} ${infer P}` ? P : never;
type ParamsOf<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? [N, ...ParamsOf<Rest>] : [];
/** One ID (or a word, for tags and sections) per path parameter, in path order. */
export type Bc2PathArgs<K extends Bc2OperationId> = IdsFor<ParamsOf<PathOf<K>>>;
type IdsFor<T extends readonly string[]> = { [I in keyof T]: IdLike };
export type Bc2Item<K extends Bc2OperationId> = Bc2Results[K] extends ReadonlyArray<infer T> ? T : never;
type QueryOf<K extends Bc2OperationId> = K extends keyof Bc2Queries ? Bc2Queries[K] : Record<string, QueryValue>;
export interface Bc2Options<K extends Bc2OperationId> {
  query?: QueryOf<K>;
  signal?: AbortSignal;
}
export interface Bc2ListOptions<K extends Bc2OperationId> extends Omit<ListOptions, "query"> {
  query?: QueryOf<K>;
}
export type Bc2Method<K extends Bc2OperationId> = K extends `List${string}`
  ? (...args: [...Bc2PathArgs<K>, opts?: Bc2ListOptions<K>]) => PageIterator<Bc2Item<K>>
  : K extends keyof Bc2Bodies
    ? (...args: [...Bc2PathArgs<K>, body: Bc2Bodies[K], opts?: Bc2Options<K>]) => Promise<Bc2Results[K]>
    : (...args: [...Bc2PathArgs<K>, opts?: Bc2Options<K>]) => Promise<Bc2Results[K]>;

/** A Basecamp 2 resource class from a table of { method name: endpoint name }. */
export function bc2Resource<const S extends Record<string, Bc2OperationId>>(table: S): abstract new (road: Road) => { readonly road: Road } & { readonly [M in keyof S]: Bc2Method<S[M]> } {
  return tableClass(BC2_CATALOG, table) as abstract new (road: Road) => { readonly road: Road } & { readonly [M in keyof S]: Bc2Method<S[M]> };
}

