// The one generic piece behind the client's operations. Every Basecamp 4 operation is data
// in src/api/generated/operations.ts (made from reference/basecamp-operations.json at build
// time, with its types in generated/openapi.ts). `callOperation` turns an operationId plus
// arguments into a request on the road; `operationResource` turns a table of
// { method name: operationId } into a resource class whose methods take IDs or Basecamp URLs
// positionally, then the body, then options — lists come back as `for await` iterators.
import type { PageIterator } from "../http/pagination.js";
import type { Road } from "../http/road.js";
import type { operations } from "./generated/openapi.js";
import { OPERATIONS, type OperationId } from "./generated/operations.js";
import type { IdLike } from "./ids.js";
import type { EditSpec } from "./internal/edit.js";
import { callOp, fillPath, OperationBase, paginateOp, RESOURCE_OPERATIONS, tableClass, type Catalog, type OperationArgs, type OpSpec, type ResourceBase } from "./internal/op-engine.js";
import { PARAM_KINDS } from "./internal/kinds.js";
import type { ListOptions } from "./resource.js";

export { OPERATIONS, OperationBase, RESOURCE_OPERATIONS, type OperationId };

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

export type { OperationArgs };

/** Basecamp 4's operations (the generated table), as the engine reads them. */
export const BC4_CATALOG: Catalog = {
  spec: (op) => (Object.hasOwn(OPERATIONS, op) ? (OPERATIONS[op as OperationId] as OpSpec) : undefined),
  kinds: PARAM_KINDS,
  listHint: "see client.operation's list (OPERATIONS) or campctl api --operations.",
};

/** The operation's path with its parameters filled (IDs checked, URLs of the right kind read). */
export function operationPath(road: Road, op: OperationId, values: Record<string, IdLike>): string {
  return fillPath(road, BC4_CATALOG, op, values);
}

/** Call one operation by name. Lists answer their first page; `paginateOperation` walks them all. */
export function callOperation<K extends OperationId>(road: Road, op: K, args: OperationArgs = {}): Promise<OpResult<K>> {
  return callOp(road, BC4_CATALOG, op, args) as Promise<OpResult<K>>;
}

/** Every item of a list operation, page by page. */
export function paginateOperation<K extends OperationId>(road: Road, op: K, args: Omit<OperationArgs, "body"> & Omit<ListOptions, "query"> = {}): PageIterator<OpItem<K>> {
  return paginateOp(road, BC4_CATALOG, op, args) as PageIterator<OpItem<K>>;
}

/**
 * A resource class made from a table of methods: `operationResource({ list: "ListBoosts", get: "GetBoost" })`.
 * Each method takes the operation's path IDs (or URLs) in order, then its body, then options.
 * Pass a base class (a hand-written resource's `Resource`) to extend it with hand-written methods.
 */
export function operationResource<const S extends Record<string, MethodSpec>, B extends ResourceBase = typeof OperationBase>(
  table: S,
  base?: B,
): abstract new (road: Road) => InstanceType<B> & OperationMethods<S> {
  return tableClass(BC4_CATALOG, table, base) as abstract new (road: Road) => InstanceType<B> & OperationMethods<S>;
}
