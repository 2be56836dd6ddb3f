// Plain CRUD resources as data. A spec names a resource's routes, the fields its body takes,
// which items a request may see, who may write, and how an item renders; `registerCollection`
// and `registerRecordingCrud` serve list / create / get / update / delete for it. Items live in
// one of two places:
//   - a named collection of the store (`store.collection(name)`): account- or person-level
//     things that are not recordings (lineup markers, chatbots, folders, boosts …);
//   - recordings of a `type` (timesheet entries, gauge needles …), so events, webhooks, the
//     recordings list, status changes and search see them like any other.
// Anything with behaviour beyond this (reports, moves, toggles) is a hand-written route.
import type { SimContext } from "./context.js";
import { forbidden, noContent, notFound, paginate, sendJson, validationFailed } from "./internal/respond.js";
import { registerRenderer, type Json, type RenderCtx } from "./render.js";
import { bodyOf, findRecording, nested, renderCtx, requireWritable, toId, type ApiRouter, type RouteOptions } from "./router.js";
import type { Id, Item, RecType, Recording } from "./store/model.js";

/**
 * Reads one body field: the value to store, `undefined` when absent; throws 422 when bad.
 * `item` is the item being updated (undefined on create).
 */
export type FieldReader = (body: Record<string, unknown>, field: string, c: SimContext, item?: Item | Recording) => unknown;

/** The route being served. */
export type CrudAction = "list" | "create" | "get" | "update" | "delete";

interface CommonSpec<T> {
  /** What an item is called in errors ("lineup marker"). */
  what: string;
  /** Route paths (without `.json`, with `:params` named as in the reference, e.g. `:markerId`). */
  paths: { list?: string; create?: string; item?: string };
  /** Which of the item path's methods exist (default: get, update and delete when `item` is set). */
  itemMethods?: ReadonlyArray<"get" | "update" | "delete">;
  /** Path forms (see RouteOptions): flat by default for collections, both for recordings. */
  forms?: RouteOptions["forms"];
  /** Body fields by name, read in this order. A field in `required` must be present on create. */
  fields: Record<string, FieldReader>;
  required?: readonly string[];
  /** The body may wrap its fields in this key (`{ "chatbot": { … } }`). */
  wrap?: string;
  /**
   * Who may write: "admins" (and the owner: every write, creates too), "creator" (of the item;
   * or the owner) or "creatorOrAdmin" (changes and deletes). `forbidden` overrides the 403 message.
   */
  writers?: "admins" | "creator" | "creatorOrAdmin";
  forbidden?: string;
  /** List order: newest first (default), oldest first, store order, or a comparison. */
  order?: "newest" | "oldest" | "stored" | ((a: T, b: T) => number);
  /** After a create, update or delete (e.g. to record an event on a related recording). */
  after?(c: SimContext, item: T, action: "created" | "updated" | "deleted"): void;
  /** Create answers 201 (default) or 200. */
  createStatus?: 200 | 201;
  /** Update answers the item (default) or 204. */
  updateStatus?: 200 | 204;
}

/** What a collection's hooks learn about the request: the context, its parent, the route. */
export interface CrudRequest<P> {
  c: SimContext;
  parent: P;
  action: CrudAction;
}

export interface CollectionSpec<P = undefined> extends CommonSpec<Item> {
  collection: string;
  /**
   * Resolves and checks what the path hangs under (a campfire, a recording …) before anything
   * else on every route; throw 404 / 403 to refuse. Its value reaches the other hooks.
   */
  parentOf?(c: SimContext, action: CrudAction): P;
  /**
   * Fields an item takes from the request on create (the person, the parent …); the same
   * fields scope every request: an item whose values differ is not found. Return only the
   * values the route's parameters give (undefined ones are ignored).
   */
  scope?(c: SimContext, parent: P): Record<string, unknown>;
  /** A further check that an item is visible (false: listed out, 404 on its routes). */
  sees?(c: SimContext, item: Item, action: CrudAction): boolean;
  /** The fields a new item stores (default: the scope and the body's fields). */
  create?(c: SimContext, fields: Record<string, unknown>, parent: P): Record<string, unknown>;
  /** A 403 message when an item may not be changed now (e.g. it is in the trash). */
  locked?(item: Item): string | undefined;
  /** Delete does this instead of removing the item (e.g. moves it to a trash). */
  remove?(c: SimContext, item: Item): void;
  /** Lists answer one page at a time (default) or the whole list at once. */
  paged?: boolean;
  render(ctx: RenderCtx, item: Item, req: CrudRequest<P>): Json;
}

export interface RecordingSpec extends CommonSpec<Recording> {
  /** The recording type items have. */
  type: RecType;
  /** The parent a new item goes under (found from the create path's parameters). */
  parent(c: SimContext): Recording;
  /** The parent an item must have on list routes (default: `parent`). */
  listParent?(c: SimContext): Recording;
  /** The item's display title from its fields. */
  title?(fields: Record<string, unknown>, c: SimContext): string;
  /** Makes the recording (default: one with the fields as data, titled by `title`). */
  create?(c: SimContext, fields: Record<string, unknown>, parent: Recording): Recording;
  /** Applies an update (default: fields merged into data, title redone, a content_changed event). */
  apply?(c: SimContext, rec: Recording, fields: Record<string, unknown>): void;
  /** A trashed item is not found on its routes ("hidden"), or only on get (default; changes answer 403). */
  trashed?: "hidden";
  /** Delete trashes the recording (default), purges it, or does this instead. */
  deleteMode?: "trash" | "purge" | ((c: SimContext, rec: Recording) => void);
  render(ctx: RenderCtx, item: Recording): Json;
}

const same = (a: unknown, b: unknown): boolean => (typeof a === "bigint" || typeof b === "bigint" ? String(a) === String(b) : (a ?? null) === (b ?? null));

function readFields<T extends Item | Recording>(c: SimContext, spec: CommonSpec<T>, creating: boolean, item?: T): Record<string, unknown> {
  const raw = bodyOf(c);
  const body = spec.wrap ? nested(raw, spec.wrap) : raw;
  const out: Record<string, unknown> = {};
  for (const [name, read] of Object.entries(spec.fields)) {
    const v = read(body, name, c, item);
    if (v !== undefined) out[name] = v;
  }
  if (creating) {
    const missing = (spec.required ?? []).filter((f) => out[f] === undefined || out[f] === "");
    if (missing.length) throw validationFailed(Object.fromEntries(missing.map((f) => [f, ["can't be blank"]])));
  }
  return out;
}

function checkWriter<T extends { creatorId: Id }>(c: SimContext, spec: CommonSpec<T>, item?: T): void {
  const me = c.var.me;
  const admin = me.admin || me.owner;
  if (spec.writers === "admins" && !admin) throw forbidden(spec.forbidden ?? `Only admins and the account owner may change ${spec.what}s.`);
  if (!item || !spec.writers || spec.writers === "admins" || item.creatorId === me.id || me.owner) return;
  if (spec.writers === "creator" || !me.admin) throw forbidden(spec.forbidden ?? `Only the person who made this ${spec.what} may change it.`);
}

function ordered<T extends { createdAt: number }>(items: T[], order: CommonSpec<T>["order"]): T[] {
  if (order === "stored") return items;
  if (typeof order === "function") return items.sort(order);
  const sign = order === "oldest" ? 1 : -1;
  return items.map((x, i) => ({ x, i })).sort((a, b) => sign * (a.x.createdAt - b.x.createdAt) || sign * (a.i - b.i)).map((e) => e.x);
}

const paramOf = (path: string): string => path.match(/:(\w+)$/)![1];

/** Serve a collection-backed resource. */
export function registerCollection<P = undefined>(r: ApiRouter, spec: CollectionSpec<P>): void {
  const opts = { forms: spec.forms ?? "flat" };
  const items = (c: SimContext) => c.var.sim.store.collection(spec.collection);
  const scopeOf = (c: SimContext, parent: P) => Object.entries(spec.scope?.(c, parent) ?? {}).filter(([, v]) => v !== undefined);
  const inScope = ({ c, parent, action }: CrudRequest<P>, item: Item) => scopeOf(c, parent).every(([k, v]) => same(item[k], v)) && (spec.sees?.(c, item, action) ?? true);
  const start = (c: SimContext, action: CrudAction): CrudRequest<P> => ({ c, action, parent: spec.parentOf?.(c, action) as P });
  const find = (req: CrudRequest<P>): Item => {
    const id = toId(req.c.req.param(paramOf(spec.paths.item!)));
    const item = id === undefined ? undefined : items(req.c).get(id);
    if (!item || !inScope(req, item)) throw notFound();
    return item;
  };
  const show = (req: CrudRequest<P>, item: Item) => spec.render(renderCtx(req.c), item, req);
  if (spec.paths.list) {
    r.get(spec.paths.list, (c) => {
      const req = start(c, "list");
      const list = ordered([...items(c).values()].filter((i) => inScope(req, i)), spec.order);
      const ctx = renderCtx(c);
      if (spec.paged !== false) return paginate(c, list, (i) => spec.render(ctx, i, req), (i) => i.updatedAt);
      return sendJson(c, list.map((i) => spec.render(ctx, i, req)), { lastModified: list.reduce<number | undefined>((m, i) => Math.max(m ?? 0, i.updatedAt), undefined) });
    }, opts);
  }
  if (spec.paths.create) {
    r.post(spec.paths.create, (c) => {
      const req = start(c, "create");
      checkWriter(c, spec);
      const fields = readFields(c, spec, true);
      const data = spec.create ? spec.create(c, fields, req.parent) : { ...Object.fromEntries(scopeOf(c, req.parent)), ...fields };
      const item = c.var.sim.store.addItem(spec.collection, { ...data, creatorId: c.var.me.id });
      spec.after?.(c, item, "created");
      return sendJson(c, show(req, item), { status: spec.createStatus ?? 201 });
    }, opts);
  }
  if (!spec.paths.item) return;
  const methods = spec.itemMethods ?? ["get", "update", "delete"];
  if (methods.includes("get")) r.get(spec.paths.item, (c) => {
    const req = start(c, "get");
    const item = find(req);
    return sendJson(c, show(req, item), { lastModified: item.updatedAt });
  }, opts);
  if (methods.includes("update")) r.put(spec.paths.item, (c) => {
    const req = start(c, "update");
    const item = find(req);
    checkWriter(c, spec, item);
    const locked = spec.locked?.(item);
    if (locked) throw forbidden(locked);
    c.var.sim.store.updateItem(spec.collection, item, readFields(c, spec, false, item));
    spec.after?.(c, item, "updated");
    return spec.updateStatus === 204 ? noContent(c) : sendJson(c, show(req, item));
  }, opts);
  if (methods.includes("delete")) r.delete(spec.paths.item, (c) => {
    const item = find(start(c, "delete"));
    checkWriter(c, spec, item);
    if (spec.remove) spec.remove(c, item);
    else c.var.sim.store.removeItem(spec.collection, item.id);
    spec.after?.(c, item, "deleted");
    return noContent(c);
  }, opts);
}

/** Serve a recording-backed resource (and render its type everywhere recordings show). */
export function registerRecordingCrud(r: ApiRouter, spec: RecordingSpec): void {
  const opts = { forms: spec.forms ?? "both" };
  registerRenderer(spec.type, (ctx, rec) => spec.render(ctx, rec));
  const find = (c: SimContext, reading = false): Recording => {
    const rec = findRecording(c, paramOf(spec.paths.item!), [spec.type]);
    if (rec.status === "trashed" && (reading || spec.trashed === "hidden")) throw notFound();
    return rec;
  };
  const title = (c: SimContext, data: Record<string, unknown>) => spec.title?.(data, c) ?? "";
  if (spec.paths.list) {
    r.get(spec.paths.list, (c) => {
      const parent = (spec.listParent ?? spec.parent)(c);
      const items = c.var.sim.store.childrenOf(parent.id, [spec.type]).filter((x) => x.status === "active");
      const ctx = renderCtx(c);
      return paginate(c, ordered(items, spec.order), (x) => spec.render(ctx, x), (x) => x.updatedAt);
    }, opts);
  }
  if (spec.paths.create) {
    r.post(spec.paths.create, (c) => {
      const parent = spec.parent(c);
      requireWritable(parent);
      checkWriter(c, spec);
      const data = readFields(c, spec, true);
      const insert = () => c.var.sim.store.insertRecording({ type: spec.type, bucketId: parent.bucketId, parentId: parent.id, creatorId: c.var.me.id, title: title(c, data), data });
      const rec = spec.create ? spec.create(c, data, parent) : insert();
      spec.after?.(c, rec, "created");
      return sendJson(c, spec.render(renderCtx(c), rec), { status: spec.createStatus ?? 201 });
    }, opts);
  }
  if (!spec.paths.item) return;
  const methods = spec.itemMethods ?? ["get", "update", "delete"];
  if (methods.includes("get")) r.get(spec.paths.item, (c) => {
    const rec = find(c, true);
    return sendJson(c, spec.render(renderCtx(c), rec), { lastModified: rec.updatedAt });
  }, opts);
  if (methods.includes("update")) r.put(spec.paths.item, (c) => {
    const rec = find(c);
    requireWritable(rec);
    checkWriter(c, spec, rec);
    const changes = readFields(c, spec, false, rec);
    if (spec.apply) spec.apply(c, rec, changes);
    else {
      rec.data = { ...rec.data, ...changes };
      rec.title = title(c, rec.data);
      c.var.sim.store.touch(rec, "content_changed", c.var.me.id, {}, "content_updated");
    }
    spec.after?.(c, rec, "updated");
    return spec.updateStatus === 204 ? noContent(c) : sendJson(c, spec.render(renderCtx(c), rec));
  }, opts);
  if (methods.includes("delete")) r.delete(spec.paths.item, (c) => {
    const rec = find(c);
    checkWriter(c, spec, rec);
    const store = c.var.sim.store;
    if (typeof spec.deleteMode === "function") spec.deleteMode(c, rec);
    else if (spec.deleteMode === "purge") store.purge(rec.id);
    else store.setStatus(rec, "trashed", c.var.me.id);
    spec.after?.(c, rec, "deleted");
    return noContent(c);
  }, opts);
}

// ---- field readers ------------------------------------------------------------------------

function bad(field: string, msg: string): never {
  throw validationFailed({ [field]: [msg] });
}

/** A reader of present values (absent: undefined; null too unless `nulls` says what it stores). */
function reader(check: (v: unknown, f: string, c: SimContext) => unknown, nulls?: { as: unknown; empty?: boolean }): FieldReader {
  return (body, f, c) => {
    const v = body[f];
    if (v === undefined) return undefined;
    if (v === null || (nulls?.empty && v === "")) return nulls?.as;
    return check(v, f, c);
  };
}

const isDay = (v: unknown): boolean => {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const ms = Date.parse(`${v}T00:00:00Z`); // NaN for 2024-13-45; 2024-02-30 rolls over and fails the round trip
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
};

export const field = {
  string: reader((v, f) => (typeof v === "string" ? v : bad(f, "must be a string"))),
  /** Text that may be cleared with null (stored as null). */
  nullableString: reader((v, f) => (typeof v === "string" ? v : bad(f, "must be a string or null")), { as: null }),
  boolean: reader((v, f) => (typeof v === "boolean" ? v : bad(f, "must be true or false"))),
  integer: reader((v, f) => {
    const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) bad(f, "must be a whole number");
    return n;
  }),
  date: reader((v, f) => (isDay(v) ? v : bad(f, "must be a date in YYYY-MM-DD form")), { as: null, empty: true }),
  dateTime: reader((v, f) => {
    if (typeof v !== "string" || Number.isNaN(Date.parse(v))) bad(f, "must be an ISO 8601 date and time");
    return new Date(v).toISOString();
  }, { as: null }),
  /** One of a fixed set of strings. */
  oneOf: (values: readonly string[]): FieldReader => reader((v, f) => (typeof v === "string" && values.includes(v) ? v : bad(f, `must be one of ${values.join(", ")}`))),
  /** A person's ID that must exist. */
  person: reader((v, f, c) => {
    const id = toId(v);
    if (id === undefined || !c.var.sim.store.people.has(id)) bad(f, `has an unknown person ID ${String(v)}`);
    return id;
  }),
};
