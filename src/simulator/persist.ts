import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { parseJson, stringifyJson } from "./internal/json.js";
import type { Item } from "./store/model.js";
import type { Auth } from "./store/auth.js";
import type { Store } from "./store/store.js";

const FORMAT = "basecamp-connector-simulator-state";
const VERSION = 1;

/** Keys whose values are IDs (bigint in memory, numbers in the file). */
const ID_KEY = /^(id|[a-zA-Z]*Id)$/;
const ID_LIST_KEY = /^([a-zA-Z]*Ids|dock)$/;

function reviveIds(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) {
    if (ID_LIST_KEY.test(key)) return v.map((x) => (typeof x === "number" || typeof x === "bigint" ? BigInt(x) : x));
    return v.map((x) => reviveIds(x));
  }
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (ID_KEY.test(k) && (typeof x === "number" || typeof x === "bigint")) o[k] = BigInt(x);
      else if (k !== "details" && k !== "request" && k !== "response") o[k] = reviveIds(x, k);
    }
  }
  return v;
}

export function serializeStore(store: Store): string {
  return stringifyJson({
    format: FORMAT,
    version: VERSION,
    seq: store.seq,
    adminToken: store.auth.adminToken,
    account: store.account,
    companies: [...store.companies.values()],
    people: [...store.people.values()],
    projects: [...store.projects.values()],
    recordings: [...store.recordings.values()],
    children: [...store.children].map(([k, v]) => ({ parentId: k, childIds: v })),
    events: [...store.events.values()].flat(),
    messageTypes: [...store.messageTypes.values()],
    attachments: [...store.attachments.values()],
    webhooks: [...store.webhooks.values()],
    collections: Object.fromEntries([...store.collections].map(([name, items]) => [name, [...items.values()]])),
    apps: [...store.auth.apps.values()],
    codes: [...store.auth.codes].map(([code, v]) => ({ code, ...v })),
    accessTokens: [...store.auth.accessTokens].map(([token, v]) => ({ token, ...v })),
    refreshTokens: [...store.auth.refreshTokens].map(([token, v]) => ({ token, ...v })),
    readings: [...store.readAt],
  });
}

export class StateFileError extends Error {
  override name = "StateFileError";
}

/** Fill an empty store from a state file's text. */
export function restoreStore(store: Store, text: string, file: string): void {
  let raw: Record<string, any>;
  try {
    raw = parseJson(text) as Record<string, any>;
  } catch (e) {
    throw new StateFileError(`${file} is not a simulator state file (${(e as Error).message}). Move it aside or pass another --data file.`);
  }
  if (!raw || raw.format !== FORMAT) throw new StateFileError(`${file} is not a simulator state file. Move it aside or pass another --data file.`);
  if (raw.version !== VERSION) throw new StateFileError(`${file} has state format ${String(raw.version)}; this simulator reads ${VERSION}. Move it aside to start fresh.`);
  const s = reviveIds(raw) as Record<string, any>;
  store.seq = Number(s.seq);
  store.auth.adminToken = s.adminToken;
  store.account = s.account;
  for (const c of s.companies) store.companies.set(c.id, c);
  for (const p of s.people) store.people.set(p.id, p);
  for (const p of s.projects) store.projects.set(p.id, p);
  for (const r of s.recordings) {
    store.recordings.set(r.id, r);
    store.ofType(r.type).add(r);
  }
  for (const { parentId, childIds } of s.children) store.children.set(parentId, childIds);
  for (const e of s.events) {
    let list = store.events.get(e.recordingId);
    if (!list) store.events.set(e.recordingId, (list = []));
    list.push(e);
  }
  for (const m of s.messageTypes) store.messageTypes.set(m.id, m);
  for (const a of s.attachments) store.attachments.set(a.sgid, a);
  for (const w of s.webhooks) store.webhooks.set(w.id, w);
  for (const [name, items] of Object.entries(s.collections ?? {})) for (const it of items as Item[]) store.collection(name).set(it.id, it);
  for (const a of s.apps) store.auth.apps.set(a.clientId, a);
  for (const { code, ...v } of s.codes) store.auth.codes.set(code, v);
  for (const { token, ...v } of s.accessTokens) store.auth.accessTokens.set(token, v);
  for (const { token, ...v } of s.refreshTokens) store.auth.refreshTokens.set(token, v);
  for (const [key, at] of s.readings ?? []) store.readAt.set(key, Number(at));
}

/** Write a file atomically: temp file, fsync, rename. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readStateFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

type SignIns = Pick<Auth, "codes" | "accessTokens" | "refreshTokens">;

/** The sign-ins (codes, access and refresh tokens) a state file's text holds, or undefined if it isn't one. */
function signInsOf(text: string | undefined): Record<keyof SignIns, Array<Record<string, unknown>>> | undefined {
  if (text === undefined) return undefined;
  try {
    const raw = reviveIds(parseJson(text)) as Record<string, any>;
    return raw?.format === FORMAT ? { codes: raw.codes ?? [], accessTokens: raw.accessTokens ?? [], refreshTokens: raw.refreshTokens ?? [] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sign-ins another process saved to the file since we read or wrote `known` join ours, so the
 * tokens it handed out stay valid when we save (records are ours: the last save wins).
 */
function mergeSignIns(store: Store, known: string | undefined, onDisk: string): void {
  const theirs = signInsOf(onDisk);
  if (!theirs) return;
  const ours = signInsOf(known);
  const keyOf = { codes: "code", accessTokens: "token", refreshTokens: "token" } as const;
  for (const kind of ["codes", "accessTokens", "refreshTokens"] as const) {
    const key = keyOf[kind];
    const had = new Set((ours?.[kind] ?? []).map((e) => e[key]));
    const into = store.auth[kind] as Map<unknown, unknown>;
    for (const { [key]: k, ...v } of theirs[kind]) if (!had.has(k) && !into.has(k)) into.set(k, v);
  }
}

/**
 * Saves the store to `file` a short delay after each change, and on `flush()`. Several
 * processes may run a simulator on one file (campctl --sandbox): what another one saved in
 * between is read before writing, and its sign-ins kept (see mergeSignIns).
 */
export class Saver {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private readonly off: () => void;

  constructor(
    private readonly store: Store,
    private readonly file: string,
    private readonly delayMs: number,
    /** The file's text when the store was loaded from it. */
    private known?: string,
  ) {
    this.off = store.onDirty(() => this.schedule());
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.dirty) return;
    this.dirty = false;
    const onDisk = readStateFile(this.file);
    if (onDisk !== undefined && onDisk !== this.known) mergeSignIns(this.store, this.known, onDisk);
    this.known = serializeStore(this.store);
    writeFileAtomic(this.file, this.known);
  }

  close(): void {
    this.flush();
    this.off();
  }
}
