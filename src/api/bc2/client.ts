// Basecamp2Client: the Basecamp 2 ("bcx") API on the same road as Basecamp 4 (retries, rate
// limit of 500 per 10 s, ETag cache, logging, errors, proxies). Its endpoints are data
// (operations.ts), served by the engine of src/api/internal/op-engine.ts, paging by `?page=`.
import type { PageIterator } from "../../http/pagination.js";
import { Road, type RoadOptions } from "../../http/road.js";
import { basicAuth } from "../../auth/basic.js";
import { authFrom, type ClientOptions } from "../client.js";
import { callOp, paginateOp, type ListArgs, type OperationArgs } from "../internal/op-engine.js";
import { BC2_CATALOG, type Bc2Item } from "./catalog.js";
import type { Bc2OperationId } from "./operations.js";
import * as R from "./resources.js";
import type { Bc2Results } from "./types.js";

// ---- the client ---------------------------------------------------------------------------

export interface Basecamp2ClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Basecamp 2's host (default https://basecamp.com); the API base is `{apiBaseUrl}/{accountId}/api/v1`. */
  apiBaseUrl?: string;
  /** HTTP Basic: the Basecamp 2 sign-in (instead of a token). */
  user?: string;
  password?: string;
}

/** Where a Basecamp 2 account's API lives. */
export function bc2BaseUrl(apiBaseUrl: string | undefined, accountId: RoadOptions["accountId"]): string {
  const id = String(accountId ?? "").trim();
  if (!/^\d+$/.test(id)) throw new Error(`AccountId must be the number in your Basecamp 2 URL (https://basecamp.com/<AccountId>/…); got ${JSON.stringify(id)}`);
  return `${(apiBaseUrl ?? "https://basecamp.com").replace(/\/+$/, "")}/${id}/api/v1`;
}

export class Basecamp2Client {
  readonly road: Road;
  readonly projects: R.Bc2Projects;
  readonly projectTemplates: R.Bc2ProjectTemplates;
  readonly people: R.Bc2People;
  readonly groups: R.Bc2Groups;
  readonly todolists: R.Bc2Todolists;
  readonly todos: R.Bc2Todos;
  readonly messages: R.Bc2Messages;
  readonly topics: R.Bc2Topics;
  readonly comments: R.Bc2Comments;
  readonly documents: R.Bc2Documents;
  readonly attachments: R.Bc2Attachments;
  readonly tags: R.Bc2Tags;
  readonly calendars: R.Bc2Calendars;
  readonly forwards: R.Bc2Forwards;
  readonly events: R.Bc2Events;

  constructor(options: Basecamp2ClientOptions) {
    const auth = options.user !== undefined || options.password !== undefined ? basicAuth(options.user, options.password) : authFrom(options);
    if (!auth && !options.accessToken) throw new Error("Basecamp2Client needs user and password (HTTP Basic), an accessToken, a tokenProvider, credentials or auth.");
    const { apiBaseUrl, accountId, user: _u, password: _p, ...rest } = options;
    this.road = new Road({ ...rest, auth, baseUrl: bc2BaseUrl(apiBaseUrl, accountId), rateLimit: options.rateLimit === undefined ? "500/10s" : options.rateLimit });
    const road = this.road;
    type Concrete<T> = new (road: Road) => T;
    const make = <T>(C: abstract new (road: Road) => T): T => new (C as Concrete<T>)(road);
    this.projects = make(R.Bc2Projects);
    this.projectTemplates = make(R.Bc2ProjectTemplates);
    this.people = make(R.Bc2People);
    this.groups = make(R.Bc2Groups);
    this.todolists = make(R.Bc2Todolists);
    this.todos = make(R.Bc2Todos);
    this.messages = make(R.Bc2Messages);
    this.topics = make(R.Bc2Topics);
    this.comments = make(R.Bc2Comments);
    this.documents = make(R.Bc2Documents);
    this.attachments = make(R.Bc2Attachments);
    this.tags = make(R.Bc2Tags);
    this.calendars = make(R.Bc2Calendars);
    this.forwards = make(R.Bc2Forwards);
    this.events = make(R.Bc2Events);
  }

  /** Any endpoint by name: `bc2.operation("GetTodo", { path: { projectId, todoId } })`. Lists answer one page. */
  operation<K extends Bc2OperationId>(op: K, args: OperationArgs = {}): Promise<Bc2Results[K]> {
    return callOp(this.road, BC2_CATALOG, op, args) as Promise<Bc2Results[K]>;
  }

  /** Every item of a list endpoint, page by page (`?page=`, 50 a page, until a short page). */
  paginateOperation<K extends Bc2OperationId>(op: K, args: ListArgs = {}): PageIterator<Bc2Item<K>> {
    return paginateOp(this.road, BC2_CATALOG, op, args) as PageIterator<Bc2Item<K>>;
  }
}
