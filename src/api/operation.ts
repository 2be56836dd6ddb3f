// The one generic piece behind the client's operations. Every Basecamp 4 operation is data
// in src/api/generated/operations.ts (made from reference/basecamp-operations.json at build
// time, with its types in generated/openapi.ts). `callOperation` turns an operationId plus
// arguments into a request on the road; `operationResource` turns a table of
// { method name: operationId } into a resource class whose methods take IDs or Basecamp URLs
// positionally, then the body, then options — lists come back as `for await` iterators.
import type { PageIterator } from "../http/pagination.js";
import type { QueryValue, Road } from "../http/road.js";
import type { operations } from "./generated/openapi.js";
import { OPERATIONS, type OperationId } from "./generated/operations.js";
import { idOf, type IdLike } from "./ids.js";
import { editRecord, type EditSpec } from "./internal/edit.js";
import { PARAM_KINDS } from "./internal/kinds.js";
import type { ListOptions } from "./resource.js";

export { OPERATIONS, type OperationId };

type Spec<K extends OperationId> = (typeof OPERATIONS)[K];
type Op<K extends OperationId> = operations[K];
type Json<R> = R extends { content: { "application/json": infer T } } ? T : void;

/** One ID (or Basecamp URL) per path parameter, in the order the path names them. */
export type OpPathArgs<K extends OperationId> = IdsFor<Spec<K>["pathParams"]>;
type IdsFor<T extends readonly string[]> = { -readonly [I in keyof T]: IdLike };
/** What the operation answers (void for 204s). */
export type OpResult<K extends OperationId> = Spec<K>["status"] extends keyof Op<K>["responses"] ? Json<Op<K>["responses"][Spec<K>["status"]]> : void;
/** One item of a list operation's answer. */
export type OpItem<K extends OperationId> = OpResult<K> extends ReadonlyArray<infer T> ? T : never;
/** The request body: JSON as the reference shapes it, bytes for uploads, a FormData for multipart. */
export type OpBody<K extends OperationId> = Spec<K>["body"] extends "json"
  ? NonNullable<Op<K>["requestBody"]> extends { content: { "application/json": infer B } } ? B : never
  : Spec<K>["body"] extends "multipart" ? FormData
  : Spec<K>["body"] extends "binary" ? { bytes: Uint8Array; contentType: string }
  : never;
/** Query parameters the operation documents (paging is the iterator's business). */
export type OpQuery<K extends OperationId> = Op<K>["parameters"] extends { query?: infer Q } ? Omit<NonNullable<Q>, "page"> : never;

export interface OpOptions<K extends OperationId> {
  query?: OpQuery<K>;
  signal?: AbortSignal;
}
export interface OpListOptions<K extends OperationId> extends Omit<ListOptions, "query"> {
  query?: OpQuery<K>;
}

type IsList<K extends OperationId> = Spec<K>["method"] extends "GET" ? (Spec<K>["returns"] extends "list" ? true : false) : false;
type BodyArg<K extends OperationId> = Spec<K>["body"] extends null ? [] : Spec<K>["bodyRequired"] extends true ? [body: OpBody<K>] : [body?: OpBody<K>];

/** The method an operation becomes on a resource. */
export type OpMethod<K extends OperationId> = IsList<K> extends true
  ? (...args: [...OpPathArgs<K>, opts?: OpListOptions<K>]) => PageIterator<OpItem<K>>
  : (...args: [...OpPathArgs<K>, ...BodyArg<K>, opts?: OpOptions<K>]) => Promise<OpResult<K>>;

/** A method of a resource table: an operationId, or one with an update that reads, merges and writes. */
export type MethodSpec = OperationId | { op: OperationId; edit?: EditSpec };
type OpOf<M> = M extends OperationId ? M : M extends { op: infer K extends OperationId } ? K : never;
export type OperationMethods<S extends Record<string, MethodSpec>> = { readonly [M in keyof S]: OpMethod<OpOf<S[M]>> };

/** Arguments by name, for callers that hold them as data (`client.operation`, tools). */
export interface OperationArgs {
  /** Path parameters by the reference's names (`{ todoId: 1 }`); accountId is the client's. */
  path?: Record<string, IdLike>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

function spec(op: OperationId) {
  const s = OPERATIONS[op] as Spec<OperationId> | undefined;
  if (!s) throw new TypeError(`Unknown Basecamp operation ${JSON.stringify(op)}: see the operation list in the README (campctl api --operations).`);
  return s;
}

/** The operation's path with its parameters filled (IDs checked, URLs of the right kind read). */
export function operationPath(road: Road, op: OperationId, values: Record<string, IdLike>): string {
  const s = spec(op);
  return s.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === "") throw new TypeError(`${op} needs ${name} (${s.pathParams.join(", ")})`);
    if (name === "date") return String(v).replaceAll("-", "");
    return String(idOf(v, PARAM_KINDS[name] ?? [], name.replace(/Id$/, ""), road.urlScope));
  });
}

async function bodyOptions(op: OperationId, body: unknown): Promise<{ body?: unknown; raw?: { bytes: Uint8Array; contentType: string } }> {
  const kind = spec(op).body;
  if (body === undefined || kind === null) return {};
  if (kind === "json") return { body };
  if (kind === "multipart") {
    if (!(body instanceof FormData)) throw new TypeError(`${op} takes a FormData body (multipart/form-data)`);
    const encoded = new Response(body);
    return { raw: { bytes: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! } };
  }
  const raw = body as { bytes?: unknown; contentType?: unknown };
  if (!(raw.bytes instanceof Uint8Array) || typeof raw.contentType !== "string") throw new TypeError(`${op} takes { bytes: Uint8Array, contentType: string }`);
  return { raw: { bytes: raw.bytes, contentType: raw.contentType } };
}

/** Call one operation by name. Lists answer their first page; `paginateOperation` walks them all. */
export async function callOperation<K extends OperationId>(road: Road, op: K, args: OperationArgs = {}): Promise<OpResult<K>> {
  const s = spec(op);
  const path = operationPath(road, op, args.path ?? {});
  const res = await road.request<OpResult<K>>(s.method, path, { query: args.query, signal: args.signal, ...(await bodyOptions(op, args.body)) });
  return res.data;
}

/** Every item of a list operation, page by page. */
export function paginateOperation<K extends OperationId>(road: Road, op: K, args: Omit<OperationArgs, "body"> & Omit<ListOptions, "query"> = {}): PageIterator<OpItem<K>> {
  const s = spec(op);
  if (s.method !== "GET" || s.returns !== "list") throw new TypeError(`${op} is not a list: call it with client.operation()`);
  const { path, query, ...rest } = args;
  return road.paginate<OpItem<K>>(operationPath(road, op, path ?? {}), { ...rest, query });
}

/** A method for one operation, taking its path arguments positionally. */
function bindMethod(road: () => Road, entry: MethodSpec): (...args: unknown[]) => unknown {
  const op = typeof entry === "string" ? entry : entry.op;
  const edit = typeof entry === "string" ? undefined : entry.edit;
  const s = spec(op);
  const n = s.pathParams.length;
  const named = (args: unknown[]) => Object.fromEntries(s.pathParams.map((p, i) => [p, args[i] as IdLike]));
  if (s.method === "GET" && s.returns === "list") {
    return (...args) => paginateOperation(road(), op, { ...((args[n] as object | undefined) ?? {}), path: named(args) });
  }
  const hasBody = s.body !== null;
  return (...args) => {
    const body = hasBody ? args[n] : undefined;
    const opts = ((hasBody ? args[n + 1] : args[n]) ?? {}) as OpOptions<OperationId>;
    if (edit) return editRecord(road(), edit, operationPath(road(), op, named(args)), (body ?? {}) as object, opts.signal);
    return callOperation(road(), op, { path: named(args), body, query: opts.query as Record<string, QueryValue>, signal: opts.signal });
  };
}

/** Names of the operations each resource class serves (for coverage reports and tools). */
export const RESOURCE_OPERATIONS = new Map<Function, Record<string, OperationId>>();

/** The base of resources made only of operations. */
export class OperationBase {
  constructor(readonly road: Road) {}
}

type ResourceBase = abstract new (road: Road) => object;

/**
 * A resource class made from a table of methods: `operationResource({ list: "ListBoosts", get: "GetBoost" })`.
 * Each method takes the operation's path IDs (or URLs) in order, then its body, then options.
 * Pass a base class (a hand-written resource's `Resource`) to extend it with hand-written methods.
 */
export function operationResource<const S extends Record<string, MethodSpec>, B extends ResourceBase = typeof OperationBase>(
  table: S,
  base?: B,
): abstract new (road: Road) => InstanceType<B> & OperationMethods<S> {
  abstract class OperationResource extends ((base ?? OperationBase) as unknown as new (road: Road) => object) {}
  const roadOf = (self: object) => (self as { road: Road }).road;
  for (const [name, entry] of Object.entries(table)) {
    spec(typeof entry === "string" ? entry : entry.op);
    Object.defineProperty(OperationResource.prototype, name, {
      get(this: object) {
        const fn = bindMethod(() => roadOf(this), entry);
        Object.defineProperty(this, name, { value: fn });
        return fn;
      },
    });
  }
  RESOURCE_OPERATIONS.set(OperationResource, Object.fromEntries(Object.entries(table).map(([m, e]) => [m, typeof e === "string" ? e : e.op])));
  return OperationResource as unknown as abstract new (road: Road) => InstanceType<B> & OperationMethods<S>;
}
