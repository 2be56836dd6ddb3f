// BasecampClient: the typed face of the API. It owns one Road (src/http) and hangs a
// resource object per family on it; every call of every resource takes that road.
import type { PageIterator } from "../http/pagination.js";
import { Road, type ApiResponse, type AuthProvider, type RequestOptions, type RoadOptions } from "../http/road.js";
import { registerSecret } from "../http/redact.js";
import type { ListOptions } from "./resource.js";
import { Launchpad } from "../auth/launchpad.js";
import { OAuthSession } from "../auth/session.js";
import type { IdLike } from "./ids.js";
import { callOperation, paginateOperation, type OperationArgs, type OperationId, type OpItem, type OpResult } from "./operation.js";
import {
  AccountResource,
  Attachments,
  Campfires,
  CardTables,
  Comments,
  Documents,
  Events,
  MessageBoards,
  MessageTypes,
  Messages,
  MyAssignments,
  People,
  Projects,
  Questionnaires,
  Recordings,
  Schedules,
  Search,
  Subscriptions,
  Todolists,
  Todos,
  Todosets,
  Uploads,
  Vaults,
  Webhooks,
  Boosts,
  Bookmarks,
  Calendars,
  Chatbots,
  ClientSide,
  CloudFiles,
  DockTools,
  Everything,
  Folders,
  Gauges,
  GoogleDocuments,
  Inboxes,
  LineupMarkers,
  My,
  Reports,
  Templates,
  Timesheets,
  Wormholes,
  type CampfireHandle,
} from "./resources/index.js";

/** Supplies access tokens: a function, or an object that can also refresh after a 401. */
export type TokenProvider =
  | (() => string | Promise<string>)
  | {
      getAccessToken(signal?: AbortSignal): Promise<string>;
      /** After a 401: get a fresh token; resolve false (or throw) when that is impossible. */
      refresh?(rejectedToken: string, signal?: AbortSignal): Promise<boolean>;
    };

export interface ClientOptions extends Omit<RoadOptions, "auth"> {
  tokenProvider?: TokenProvider;
  /**
   * The Python wrapper's way in: an app and a refresh token. The client gets (and renews)
   * its access tokens from Launchpad on its own.
   */
  credentials?: { clientId: string; clientSecret: string; refreshToken: string; redirectUri?: string; accessToken?: string };
  /** Launchpad root for `credentials` (default https://launchpad.37signals.com). */
  launchpadUrl?: string;
  /** Any other way of signing requests (Basic auth for Basecamp 2, a session, …). */
  auth?: AuthProvider;
}

/** The sign-in a client's options describe (shared with Basecamp2Client). */
export function authFrom(o: ClientOptions): AuthProvider | undefined {
  if (o.auth) return o.auth;
  if (o.credentials) {
    const c = o.credentials;
    const launchpad = new Launchpad({ launchpadUrl: o.launchpadUrl, fetch: o.fetch, userAgent: o.userAgent, proxy: o.proxy, logger: o.logger, logfile: o.logfile, verbosity: o.verbosity });
    return new OAuthSession({ launchpad, clientId: c.clientId, clientSecret: c.clientSecret, initial: { refreshToken: c.refreshToken, accessToken: c.accessToken } });
  }
  const tp = o.tokenProvider;
  if (!tp) return undefined;
  if (typeof tp === "function") {
    return {
      async authorization() {
        const t = await tp();
        registerSecret(t);
        return `Bearer ${t}`;
      },
    };
  }
  return {
    async authorization(signal) {
      const t = await tp.getAccessToken(signal);
      registerSecret(t);
      return `Bearer ${t}`;
    },
    refreshAfterUnauthorized: tp.refresh ? (rejected, signal) => tp.refresh!(rejected.replace(/^Bearer\s+/i, ""), signal) : undefined,
  };
}

export class BasecampClient {
  /** The road every call takes (retry, rate limit, cache, logging, errors). */
  readonly road: Road;

  // ---- resources (one per family; see src/api/resources) ----
  declare readonly account: AccountResource;
  declare readonly projects: Projects;
  declare readonly people: People;
  declare readonly todosets: Todosets;
  declare readonly todolists: Todolists;
  declare readonly todos: Todos;
  declare readonly campfires: Campfires;
  declare readonly messageBoards: MessageBoards;
  declare readonly messages: Messages;
  declare readonly messageTypes: MessageTypes;
  declare readonly comments: Comments;
  declare readonly vaults: Vaults;
  declare readonly documents: Documents;
  declare readonly uploads: Uploads;
  declare readonly attachments: Attachments;
  declare readonly schedules: Schedules;
  declare readonly cardTables: CardTables;
  declare readonly questionnaires: Questionnaires;
  declare readonly recordings: Recordings;
  declare readonly events: Events;
  declare readonly subscriptions: Subscriptions;
  declare readonly webhooks: Webhooks;
  declare readonly search: Search;
  declare readonly assignments: MyAssignments;
  declare readonly boosts: Boosts;
  declare readonly bookmarks: Bookmarks;
  declare readonly calendars: Calendars;
  declare readonly chatbots: Chatbots;
  declare readonly clientSide: ClientSide;
  declare readonly cloudFiles: CloudFiles;
  declare readonly dockTools: DockTools;
  declare readonly everything: Everything;
  declare readonly folders: Folders;
  declare readonly gauges: Gauges;
  declare readonly googleDocuments: GoogleDocuments;
  declare readonly inboxes: Inboxes;
  declare readonly lineupMarkers: LineupMarkers;
  declare readonly my: My;
  declare readonly reports: Reports;
  declare readonly templates: Templates;
  declare readonly timesheets: Timesheets;
  declare readonly wormholes: Wormholes;

  constructor(options: ClientOptions) {
    if (!options.accessToken && !options.tokenProvider && !options.auth && !options.credentials) {
      throw new Error("BasecampClient needs accessToken, tokenProvider, credentials or auth: get a token with campctl login or the OAuth helpers.");
    }
    this.road = new Road({ ...options, auth: authFrom(options) });
    initResources(this);
  }

  get accountBase(): string {
    return this.road.accountBase;
  }

  /** Any API call on the same road: `client.request("GET", "/projects.json")`. Resolves to the parsed body. */
  async request<T = unknown>(method: string, path: string, body?: unknown, opts: Omit<RequestOptions, "body"> = {}): Promise<T> {
    return (await this.road.request<T>(method, path, { ...opts, body })).data;
  }

  /** Like `request`, with status, headers, request id and whether the cache answered. */
  raw<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.road.request<T>(method, path, opts);
  }

  /** One campfire, Python-wrapper style: `await client.campfire(id).write("Hello")`, `.info()`, `.lines()`. */
  campfire(campfireId: IdLike): CampfireHandle {
    return this.campfires.handle(campfireId);
  }

  /**
   * Any operation of the reference by its name, with arguments as data:
   * `client.operation("GetTodo", { path: { todoId: 1 } })`. Lists answer one page; see paginateOperation.
   */
  operation<K extends OperationId>(op: K, args: OperationArgs = {}): Promise<OpResult<K>> {
    return callOperation(this.road, op, args);
  }

  /** Every item of a list operation: `for await (const t of client.paginateOperation("ListTodos", { path: { todolistId } }))`. */
  paginateOperation<K extends OperationId>(op: K, args: Omit<OperationArgs, "body"> & Omit<ListOptions, "query"> = {}): PageIterator<OpItem<K>> {
    return paginateOperation(this.road, op, args);
  }

  /** Every item of any paginated list: `for await (const x of client.paginate("/projects.json"))`. */
  paginate<T = unknown>(path: string, opts: ListOptions = {}): PageIterator<T> {
    return this.road.paginate<T>(path, opts);
  }
}

// ---- resources -----------------------------------------------------------------------------
type ResourceName = Exclude<keyof BasecampClient, "road" | "accountBase" | "request" | "raw" | "paginate" | "campfire" | "operation" | "paginateOperation">;

function initResources(client: BasecampClient): void {
  const road = client.road;
  const assign: { [K in ResourceName]: BasecampClient[K] } = {
    account: new AccountResource(road),
    projects: new Projects(road),
    people: new People(road),
    todosets: new Todosets(road),
    todolists: new Todolists(road),
    todos: new Todos(road),
    campfires: new Campfires(road),
    messageBoards: new MessageBoards(road),
    messages: new Messages(road),
    messageTypes: new MessageTypes(road),
    comments: new Comments(road),
    vaults: new Vaults(road),
    documents: new Documents(road),
    uploads: new Uploads(road),
    attachments: new Attachments(road),
    schedules: new Schedules(road),
    cardTables: new CardTables(road),
    questionnaires: new Questionnaires(road),
    recordings: new Recordings(road),
    events: new Events(road),
    subscriptions: new Subscriptions(road),
    webhooks: new Webhooks(road),
    search: new Search(road),
    assignments: new MyAssignments(road),
    boosts: new Boosts(road),
    bookmarks: new Bookmarks(road),
    calendars: new Calendars(road),
    chatbots: new Chatbots(road),
    clientSide: new ClientSide(road),
    cloudFiles: new CloudFiles(road),
    dockTools: new DockTools(road),
    everything: new Everything(road),
    folders: new Folders(road),
    gauges: new Gauges(road),
    googleDocuments: new GoogleDocuments(road),
    inboxes: new Inboxes(road),
    lineupMarkers: new LineupMarkers(road),
    my: new My(road),
    reports: new Reports(road),
    templates: new Templates(road),
    timesheets: new Timesheets(road),
    wormholes: new Wormholes(road),
  };
  for (const [name, resource] of Object.entries(assign)) {
    Object.defineProperty(client, name, { value: resource, enumerable: true, writable: false });
  }
}
