// The base of every typed resource: small helpers over the road.
import type { PageIterator, PaginateOptions } from "../http/pagination.js";
import type { QueryValue, RequestOptions, Road } from "../http/road.js";
import { idOf, type IdLike } from "./ids.js";
import { editRecord, type EditSpec } from "./internal/edit.js";

export interface ListOptions extends PaginateOptions {
  query?: Record<string, QueryValue>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The base of every resource class. Its helpers are named `read`/`iterate` (not `get`/
 * `list`) so resources can offer public `get(id)` and `list(…)` of their own.
 */
export abstract class Resource {
  constructor(protected readonly road: Road) {}

  protected async read<T>(path: string, query?: Record<string, QueryValue>, opts: CallOptions = {}): Promise<T> {
    return (await this.road.request<T>("GET", path, { query, signal: opts.signal })).data;
  }

  protected iterate<T>(path: string, opts: ListOptions = {}): PageIterator<T> {
    return this.road.paginate<T>(path, opts);
  }

  protected async send<T>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown, opts: CallOptions & Pick<RequestOptions, "idempotent" | "query" | "raw"> = {}): Promise<T> {
    return (await this.road.request<T>(method, path, { body, ...opts })).data;
  }

  /** ID from a number, bigint, digit string or Basecamp URL of one of `kinds`. */
  protected id(value: IdLike, kinds: readonly string[], what: string): string {
    return String(idOf(value, kinds, what, this.road.urlScope));
  }

  /**
   * Update that keeps what it does not change: read the record at `path`, check its kind,
   * merge `changes` over its editable fields (per `spec`) and PUT the whole record back.
   */
  protected edit<T>(spec: EditSpec, path: string, changes: object, opts: CallOptions = {}): Promise<T> {
    return editRecord<T>(this.road, spec, path, changes, opts.signal);
  }
}
