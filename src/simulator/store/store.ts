// The simulator's state: account, people, projects, recordings and their events, indexes,
// webhooks and CRUD collections, with the methods that change them and tell listeners. The
// sign-in half (OAuth apps, codes, tokens, authenticate) is `store.auth`, in ./auth.ts; the
// record shapes are in ./model.ts; creating a project with its dock is in ./projects.ts.
import { Auth } from "./auth.js";
import type { Account, Attachment, Company, Id, Item, MessageType, Person, Project, RecType, Recording, RecordingEvent, Status, Webhook } from "./model.js";

/** 2^53: IDs from this range on are not exact as JavaScript numbers. */
export const BIG_ID_BASE = 9_007_199_254_740_992n;
const ID_BASE = 1_000_000_000n;
/** Trashed content is purged after 30 days, as in Basecamp. */
export const PURGE_AFTER_MS = 30 * 24 * 3600 * 1000;

export interface Change {
  recording: Recording;
  /** Event action: created, completed, uncompleted, content_changed, trashed, … */
  action: string;
  /** Webhook event name (`created`, `trashed`, `completed`, `content_updated`, …). */
  webhookEvent: string;
  details: Record<string, unknown>;
  creatorId: Id;
  at: number;
}

export type ChangeListener = (change: Change) => void;

/**
 * All simulator state, kept in memory. Route handlers read the maps directly and change
 * state only through the methods below, so events, indexes, webhooks and persistence
 * all see every change.
 */
export class Store {
  seq = 0;
  clock: () => number;
  account!: Account;
  companies = new Map<Id, Company>();
  people = new Map<Id, Person>();
  projects = new Map<Id, Project>();
  recordings = new Map<Id, Recording>();
  /** parent id → child ids in position order (all child types together). */
  children = new Map<Id, Id[]>();
  byType = new Map<RecType, Set<Recording>>();
  events = new Map<Id, RecordingEvent[]>();
  messageTypes = new Map<Id, MessageType>();
  attachments = new Map<string, Attachment>();
  webhooks = new Map<Id, Webhook>();
  /** Records of CRUD resources that are not recordings, by collection name (src/simulator/crud.ts). */
  collections = new Map<string, Map<Id, Item>>();
  /** OAuth apps, authorization codes, access and refresh tokens, the admin token (./auth.ts). */
  readonly auth = new Auth(this);
  /** When each person last read each recording's notifications: `${personId}:${recordingId}` → epoch ms. */
  readAt = new Map<string, number>();
  private listeners: ChangeListener[] = [];
  /** Listeners told about any change at all (persistence), including non-recording ones. */
  private dirtyListeners: Array<() => void> = [];

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  now(): number {
    return this.clock();
  }

  nextId(): Id {
    this.seq++;
    const n = BigInt(this.seq);
    // Every tenth record gets an ID above 2^53, so clients must keep IDs exact.
    return this.seq % 10 === 7 ? BIG_ID_BASE + n : ID_BASE + n;
  }

  onChange(fn: ChangeListener): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  onDirty(fn: () => void): () => void {
    this.dirtyListeners.push(fn);
    return () => {
      this.dirtyListeners = this.dirtyListeners.filter((l) => l !== fn);
    };
  }

  /** Bumped on every change; lets readers memoize work on unchanged state. */
  version = 0;

  /** Say that state changed in a way that has no recording event (tokens, people, …). */
  markDirty(): void {
    this.version++;
    for (const l of this.dirtyListeners) l();
  }

  // ---- lookups -------------------------------------------------------------------------

  /** Trashed over 30 days ago: due to be purged (purging happens lazily, on lookup). */
  isPurgeable(x: { status: Status; trashedAt: number | null }): boolean {
    return x.status === "trashed" && x.trashedAt !== null && this.now() - x.trashedAt > PURGE_AFTER_MS;
  }

  /** A recording unless it is missing or purged (trashed over 30 days ago). */
  getRecording(id: Id): Recording | undefined {
    const r = this.recordings.get(id);
    if (!r) return undefined;
    if (this.isPurgeable(r)) {
      this.purge(r.id);
      return undefined;
    }
    return r;
  }

  getProject(id: Id): Project | undefined {
    const p = this.projects.get(id);
    if (!p) return undefined;
    if (this.isPurgeable(p)) {
      this.purgeProject(p.id);
      return undefined;
    }
    return p;
  }

  childrenOf(parentId: Id, types?: readonly RecType[]): Recording[] {
    const ids = this.children.get(parentId);
    if (!ids) return [];
    const out: Recording[] = [];
    for (const id of ids) {
      const r = this.recordings.get(id);
      if (r && (!types || types.includes(r.type))) out.push(r);
    }
    return out;
  }

  ofType(type: RecType): Set<Recording> {
    let s = this.byType.get(type);
    if (!s) {
      s = new Set();
      this.byType.set(type, s);
    }
    return s;
  }

  /** 1-based position of a recording among its siblings of the same type family. */
  positionOf(r: Recording, family: readonly RecType[] = [r.type]): number {
    if (r.parentId === null) {
      const p = this.projects.get(r.bucketId);
      if (!p) return 1;
      const tools = p.dock.map((id) => this.recordings.get(id)).filter((t) => t && t.enabled && t.status !== "trashed");
      return tools.findIndex((t) => t!.id === r.id) + 1;
    }
    const ids = this.children.get(r.parentId) ?? [];
    let pos = 0;
    for (const id of ids) {
      const s = this.recordings.get(id);
      if (!s || !family.includes(s.type)) continue;
      pos++;
      if (id === r.id) return pos;
    }
    return pos;
  }

  dockTool(projectId: Id, type: RecType): Recording | undefined {
    const p = this.projects.get(projectId);
    if (!p) return undefined;
    for (const id of p.dock) {
      const r = this.recordings.get(id);
      if (r && r.type === type) return r;
    }
    return undefined;
  }

  collection(name: string): Map<Id, Item> {
    let m = this.collections.get(name);
    if (!m) this.collections.set(name, (m = new Map()));
    return m;
  }

  // ---- changes -------------------------------------------------------------------------

  addItem(collection: string, fields: Record<string, unknown> & { creatorId: Id }): Item {
    const now = this.now();
    const item: Item = { ...fields, id: this.nextId(), createdAt: now, updatedAt: now, creatorId: fields.creatorId };
    this.collection(collection).set(item.id, item);
    this.markDirty();
    return item;
  }

  updateItem(collection: string, item: Item, changes: Record<string, unknown>): void {
    Object.assign(item, changes, { updatedAt: this.now() });
    this.collection(collection).set(item.id, item);
    this.markDirty();
  }

  removeItem(collection: string, id: Id): void {
    this.collection(collection).delete(id);
    this.markDirty();
  }

  addEvent(recording: Recording, action: string, creatorId: Id, details: Record<string, unknown> = {}, at = this.now()): RecordingEvent {
    const ev: RecordingEvent = { id: this.nextId(), recordingId: recording.id, action, details, createdAt: at, creatorId };
    let list = this.events.get(recording.id);
    if (!list) {
      list = [];
      this.events.set(recording.id, list);
    }
    list.push(ev);
    return ev;
  }

  private emit(change: Change): void {
    for (const l of this.listeners) l(change);
    this.markDirty();
  }

  /**
   * Add a recording. `quiet` (used by seeding) records the `created` event but tells no
   * listeners. `position` (1-based) inserts among same-type siblings; default appends.
   */
  insertRecording(
    fields: Omit<Recording, "id" | "createdAt" | "updatedAt" | "trashedAt" | "subscriberIds" | "status" | "inheritsStatus" | "visibleToClients"> &
      Partial<Pick<Recording, "id" | "createdAt" | "updatedAt" | "subscriberIds" | "status" | "inheritsStatus" | "visibleToClients">>,
    opts: { quiet?: boolean; position?: number; offDock?: boolean } = {},
  ): Recording {
    const now = this.now();
    const rec: Recording = {
      status: "active",
      inheritsStatus: fields.parentId !== null,
      visibleToClients: false,
      subscriberIds: [],
      trashedAt: null,
      ...fields,
      id: fields.id ?? this.nextId(),
      createdAt: fields.createdAt ?? now,
      updatedAt: fields.updatedAt ?? fields.createdAt ?? now,
    };
    this.recordings.set(rec.id, rec);
    this.ofType(rec.type).add(rec);
    if (rec.parentId !== null) {
      let sib = this.children.get(rec.parentId);
      if (!sib) {
        sib = [];
        this.children.set(rec.parentId, sib);
      }
      if (opts.position !== undefined) this.placeAmongSiblings(sib, rec, opts.position);
      else sib.push(rec.id);
    } else {
      const p = this.projects.get(rec.bucketId);
      // Project-level recordings that are not tools (a gauge, the clientside board) stay off the dock.
      if (p && !opts.offDock && !p.dock.includes(rec.id)) p.dock.push(rec.id);
    }
    this.addEvent(rec, "created", rec.creatorId, {}, rec.createdAt);
    if (!opts.quiet) this.emit({ recording: rec, action: "created", webhookEvent: "created", details: {}, creatorId: rec.creatorId, at: now });
    return rec;
  }

  private placeAmongSiblings(sib: Id[], rec: Recording, position: number): void {
    const idx = sib.indexOf(rec.id);
    if (idx >= 0) sib.splice(idx, 1);
    // position counts only siblings of the same type.
    let seen = 0;
    let at = sib.length;
    for (let i = 0; i < sib.length; i++) {
      const s = this.recordings.get(sib[i]);
      if (!s || s.type !== rec.type) continue;
      seen++;
      if (seen === position) {
        at = i;
        break;
      }
    }
    sib.splice(at, 0, rec.id);
  }

  /** Move a recording to `position` (1-based) under `newParentId` (default: same parent). */
  moveRecording(rec: Recording, position: number, actorId: Id, newParentId?: Id): void {
    const oldParent = rec.parentId;
    const target = newParentId ?? oldParent;
    if (target === null) return;
    if (oldParent !== null && oldParent !== target) {
      const old = this.children.get(oldParent);
      if (old) old.splice(old.indexOf(rec.id), 1);
      rec.parentId = target;
    }
    let sib = this.children.get(target);
    if (!sib) {
      sib = [];
      this.children.set(target, sib);
    }
    this.placeAmongSiblings(sib, rec, position);
    if (oldParent !== target) {
      this.touch(rec, "adopted", actorId, { new_parent_id: target, parent_id_was: oldParent }, "inserted");
    } else {
      rec.updatedAt = this.now();
      this.markDirty();
    }
  }

  /** Record a change to a recording: bumps updated_at, adds an event, tells listeners. */
  touch(rec: Recording, action: string, actorId: Id, details: Record<string, unknown> = {}, webhookEvent = action): void {
    const now = this.now();
    rec.updatedAt = now;
    this.addEvent(rec, action, actorId, details, now);
    this.emit({ recording: rec, action, webhookEvent, details, creatorId: actorId, at: now });
  }

  /** Change status, cascading to children that inherit it (archive a list → its todos). */
  setStatus(rec: Recording, status: Status, actorId: Id): void {
    if (rec.status === status) return;
    const was = rec.status;
    const webhookEvent = status === "trashed" ? "trashed" : status === "archived" ? "archived" : was === "trashed" ? "untrashed" : "unarchived";
    this.applyStatus(rec, status);
    this.touch(rec, webhookEvent, actorId, { status_was: was });
    // Children follow silently: Basecamp notifies only about the parent.
    const stack = [...(this.children.get(rec.id) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      const c = this.recordings.get(id);
      if (!c || !c.inheritsStatus) continue;
      this.applyStatus(c, status);
      c.updatedAt = rec.updatedAt;
      stack.push(...(this.children.get(c.id) ?? []));
    }
  }

  private applyStatus(rec: Recording, status: Status): void {
    rec.status = status;
    rec.trashedAt = status === "trashed" ? this.now() : null;
  }

  /** Remove a recording and everything under it for good. */
  purge(id: Id): void {
    const rec = this.recordings.get(id);
    if (!rec) return;
    for (const c of [...(this.children.get(id) ?? [])]) this.purge(c);
    this.children.delete(id);
    this.recordings.delete(id);
    this.byType.get(rec.type)?.delete(rec);
    this.events.delete(id);
    if (rec.parentId !== null) {
      const sib = this.children.get(rec.parentId);
      if (sib) {
        const i = sib.indexOf(id);
        if (i >= 0) sib.splice(i, 1);
      }
    } else {
      const p = this.projects.get(rec.bucketId);
      if (p) p.dock = p.dock.filter((d) => d !== id);
    }
    this.markDirty();
  }

  purgeProject(id: Id): void {
    const p = this.projects.get(id);
    if (!p) return;
    // Dock tools and the project-level recordings kept off the dock (a gauge, the clientside board).
    for (const r of [...this.recordings.values()]) if (r.bucketId === id && r.parentId === null) this.purge(r.id);
    for (const [wid, w] of this.webhooks) if (w.bucketId === id) this.webhooks.delete(wid);
    for (const [mid, m] of this.messageTypes) if (m.bucketId === id) this.messageTypes.delete(mid);
    this.projects.delete(id);
    this.markDirty();
  }
}
