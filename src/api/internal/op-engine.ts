// The runtime behind operation tables, for any API described as data (Basecamp 4's generated
// table, Basecamp 2's endpoint list): fill a path from IDs or URLs, send the body in its form,
// call or page through the road, and turn a table of { method: operation } into a class.
import type { PageIterator, PaginateOptions } from "../../http/pagination.js";
import type { QueryValue, Road } from "../../http/road.js";
import { idOf, type IdLike } from "../ids.js";
import { editRecord, type EditSpec } from "./edit.js";

export interface OpSpec {
  method: string;
  /** Below the account's API base, with `{name}` parameters. */
  path: string;
  pathParams: readonly string[];
  body: "json" | "multipart" | "binary" | null;
  returns: "list" | "json" | "none";
}

/** One API's operations, and how its IDs and pages work. */
export interface Catalog {
  spec(op: string): OpSpec | undefined;
  /** URL kinds each path parameter accepts (not listed: any Basecamp URL's ID). */
  kinds: Readonly<Record<string, readonly string[]>>;
  /** Parameters that are words, not IDs (a tag name, a section): sent as given. */
  words?: readonly string[];
  /** What an unknown operation's error tells the caller to look at. */
  listHint: string;
  /** Paging beyond Link headers (Basecamp 2 pages by number). */
  paging?: Pick<PaginateOptions, "pageSize">;
  /** What a POST or PUT without a body sends (Basecamp 2 wants JSON on every write: `{}`). */
  bodilessWrite?: unknown;
}

/** Arguments by name, for callers that hold them as data. */
export interface OperationArgs {
  /** Path parameters by name (`{ todoId: 1 }`); the account is the client's. */
  path?: Record<string, IdLike>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export type ListArgs = Omit<OperationArgs, "body"> & Omit<PaginateOptions, "pageSize">;

export function specOf(catalog: Catalog, op: string): OpSpec {
  const s = catalog.spec(op);
  if (!s) throw new TypeError(`Unknown Basecamp operation ${JSON.stringify(op)}: ${catalog.listHint}`);
  return s;
}

/** The operation's path with its parameters filled (IDs checked, URLs of the right kind read). */
export function fillPath(road: Road, catalog: Catalog, op: string, values: Record<string, IdLike>): string {
  const s = specOf(catalog, op);
  return s.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === "") throw new TypeError(`${op} needs ${name} (${s.pathParams.join(", ")})`);
    if (name === "date") return String(v).replaceAll("-", "");
    if (catalog.words?.includes(name)) {
      const word = String(v);
      if (!/^[\w.-]+$/u.test(word)) throw new TypeError(`${op}: ${name} must be a plain word (letters, digits, - _ .); got ${JSON.stringify(word)}`);
      return encodeURIComponent(word);
    }
    return String(idOf(v, catalog.kinds[name] ?? [], name.replace(/Id$/, ""), road.urlScope));
  });
}

async function bodyOptions(op: string, kind: OpSpec["body"], body: unknown): Promise<{ body?: unknown; raw?: { bytes: Uint8Array; contentType: string } }> {
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

/** Call one operation by name. Lists answer their first page. */
export async function callOp(road: Road, catalog: Catalog, op: string, args: OperationArgs = {}): Promise<unknown> {
  const s = specOf(catalog, op);
  const path = fillPath(road, catalog, op, args.path ?? {});
  const bodiless = s.body === null && (s.method === "POST" || s.method === "PUT") && catalog.bodilessWrite !== undefined;
  const body = bodiless ? { body: catalog.bodilessWrite } : await bodyOptions(op, s.body, args.body);
  return (await road.request(s.method, path, { query: args.query, signal: args.signal, ...body })).data;
}

/** Every item of a list operation, page by page. */
export function paginateOp(road: Road, catalog: Catalog, op: string, args: ListArgs = {}): PageIterator<unknown> {
  const s = specOf(catalog, op);
  if (s.method !== "GET" || s.returns !== "list") throw new TypeError(`${op} is not a list: call it by name without paging`);
  const { path, query, ...rest } = args;
  return road.paginate(fillPath(road, catalog, op, path ?? {}), { ...catalog.paging, ...rest, query });
}

/** A method of a table: an operation name, or one with an update that reads, merges and writes. */
export type TableEntry<K extends string = string> = K | { op: K; edit?: EditSpec };

/** A method for one operation: path arguments positionally, then the body (if any), then options. */
function bindMethod(road: () => Road, catalog: Catalog, entry: TableEntry): (...args: unknown[]) => unknown {
  const op = typeof entry === "string" ? entry : entry.op;
  const edit = typeof entry === "string" ? undefined : entry.edit;
  const s = specOf(catalog, op);
  const n = s.pathParams.length;
  const named = (args: unknown[]) => Object.fromEntries(s.pathParams.map((p, i) => [p, args[i] as IdLike]));
  if (s.method === "GET" && s.returns === "list") {
    return (...args) => paginateOp(road(), catalog, op, { ...((args[n] as object | undefined) ?? {}), path: named(args) });
  }
  const hasBody = s.body !== null;
  return (...args) => {
    const body = hasBody ? args[n] : undefined;
    const opts = ((hasBody ? args[n + 1] : args[n]) ?? {}) as { query?: Record<string, QueryValue>; signal?: AbortSignal };
    if (edit) return editRecord(road(), edit, fillPath(road(), catalog, op, named(args)), (body ?? {}) as object, opts.signal);
    return callOp(road(), catalog, op, { path: named(args), body, query: opts.query, signal: opts.signal });
  };
}

/** Names of the operations each table-made class serves (coverage reports, tools). */
export const RESOURCE_OPERATIONS = new Map<Function, Record<string, string>>();

/** The base of resources made only of operations. */
export class OperationBase {
  constructor(readonly road: Road) {}
}

export type ResourceBase = abstract new (road: Road) => object;

/** A class whose methods are the table's operations (types are laid on by the caller). */
export function tableClass(catalog: Catalog, table: Record<string, TableEntry>, base?: ResourceBase): abstract new (road: Road) => object {
  abstract class TableResource extends ((base ?? OperationBase) as unknown as new (road: Road) => object) {}
  const roadOf = (self: object) => (self as { road: Road }).road;
  for (const [name, entry] of Object.entries(table)) {
    specOf(catalog, typeof entry === "string" ? entry : entry.op);
    Object.defineProperty(TableResource.prototype, name, {
      get(this: object) {
        const fn = bindMethod(() => roadOf(this), catalog, entry);
        Object.defineProperty(this, name, { value: fn });
        return fn;
      },
    });
  }
  RESOURCE_OPERATIONS.set(TableResource, Object.fromEntries(Object.entries(table).map(([m, e]) => [m, typeof e === "string" ? e : e.op])));
  return TableResource;
}
