// "Everything": account-wide views of to-dos, cards, messages, comments, check-ins, forwards
// and files across every project the signed-in person can see.
import type { Sim, SimContext } from "../context.js";
import { paginate, sendJson } from "../internal/respond.js";
import { renderBucket, renderRecording } from "../render.js";
import { canSeeProject, renderCtx, sortByTime, toId, type ApiRouter } from "../router.js";
import type { Id, Project, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const DAY = 86_400_000;

/** Today as `YYYY-MM-DD` (UTC) by the simulator's clock. */
export function todayOf(store: Store): string {
  return new Date(Math.floor(store.now() / DAY) * DAY).toISOString().slice(0, 10);
}

/** Active projects the signed-in person can see, in store order. */
export function visibleProjects(c: SimContext): Project[] {
  const out: Project[] = [];
  for (const p of c.var.sim.store.projects.values()) if (p.status === "active" && canSeeProject(c, p)) out.push(p);
  return out;
}

/** Active recordings of these types in projects the person can see. */
export function visibleOfType(c: SimContext, types: readonly RecType[]): Recording[] {
  const store = c.var.sim.store;
  const ids = new Set<Id>(visibleProjects(c).map((p) => p.id));
  const out: Recording[] = [];
  for (const t of types) for (const r of store.byType.get(t) ?? []) if (r.status === "active" && ids.has(r.bucketId)) out.push(r);
  return out;
}

/** Is a to-do or card open and past its due date? */
export function isOverdue(rec: Recording, today: string): boolean {
  return !rec.completed && !!rec.dueOn && rec.dueOn < today;
}

// ---- to-dos and cards ------------------------------------------------------------------

type TaskFilter = (rec: Recording) => boolean;

/** Enabled, active dock tools of one type in a project. */
function tools(store: Store, p: Project, type: RecType): Recording[] {
  const out: Recording[] = [];
  for (const id of p.dock) {
    const r = store.recordings.get(id);
    if (r && r.type === type && r.status === "active" && r.enabled !== false) out.push(r);
  }
  return out;
}

function active(store: Store, parentId: Id, types: readonly RecType[]): Recording[] {
  return store.childrenOf(parentId, types).filter((r) => r.status === "active");
}

/** A project's to-dos in in-app order: lists in to-do set order, each list's to-dos then its groups'. */
function todosInOrder(store: Store, p: Project): Recording[] {
  const out: Recording[] = [];
  for (const set of tools(store, p, "Todoset")) {
    for (const list of active(store, set.id, ["Todolist"])) {
      out.push(...active(store, list.id, ["Todo"]));
      for (const group of active(store, list.id, ["Todolist"])) out.push(...active(store, group.id, ["Todo"]));
    }
  }
  return out;
}

/** A project's cards in in-app order (boards, then columns, then cards), with their column. */
function cardsInOrder(store: Store, p: Project): Array<{ card: Recording; column: Recording }> {
  const out: Array<{ card: Recording; column: Recording }> = [];
  for (const board of tools(store, p, "Kanban::Board")) {
    for (const column of active(store, board.id, ["Kanban::Triage", "Kanban::Column", "Kanban::NotNowColumn", "Kanban::DoneColumn"])) {
      for (const card of active(store, column.id, ["Kanban::Card"])) out.push({ card, column });
    }
  }
  return out;
}

/** The `assignee_ids[]` and `due` narrowing every to-do and card list accepts. */
function queryFilter(c: SimContext, today: string): TaskFilter {
  const raw = [...(c.req.queries("assignee_ids[]") ?? []), ...(c.req.queries("assignee_ids") ?? [])];
  const people = raw.flatMap((v) => v.split(",")).map((v) => toId(v.trim())).filter((id): id is Id => id !== undefined);
  const due = c.req.query("due");
  return (rec) => {
    if (raw.length > 0 && !(rec.assigneeIds ?? []).some((id) => people.includes(id))) return false;
    if (due === "with") return !!rec.dueOn;
    if (due === "without") return !rec.dueOn;
    if (due === "overdue") return isOverdue(rec, today);
    return true; // unrecognised values are ignored
  };
}

/** One page of `{bucket, <key>: [...]}` groups (pagination counts buckets). */
function grouped(c: SimContext, key: "todos" | "cards", perProject: (p: Project) => Recording[]): Response {
  const ctx = renderCtx(c);
  const groups: Array<{ project: Project; items: Recording[] }> = [];
  for (const p of visibleProjects(c)) {
    const items = perProject(p);
    if (items.length > 0) groups.push({ project: p, items });
  }
  return paginate(
    c,
    groups,
    (g) => ({ bucket: renderBucket(ctx, g.project.id), [key]: g.items.map((r) => renderRecording(ctx, r)) }),
    (g) => Math.max(...g.items.map((r) => r.updatedAt)),
  );
}

const TODO_SCOPES: Record<string, TaskFilter> = {
  open: (t) => !t.completed,
  completed: (t) => t.completed === true,
  unassigned: (t) => !t.completed && (t.assigneeIds ?? []).length === 0,
  no_due_date: (t) => !t.completed && !t.dueOn,
};

const NOT_NOW = "Kanban::NotNowColumn";
const CARD_SCOPES: Record<string, (card: Recording, column: Recording) => boolean> = {
  open: (k, col) => !k.completed && col.type !== NOT_NOW,
  completed: (k) => k.completed === true,
  not_now: (k, col) => !k.completed && col.type === NOT_NOW,
  unassigned: (k, col) => !k.completed && col.type !== NOT_NOW && (k.assigneeIds ?? []).length === 0,
  no_due_date: (k, col) => !k.completed && col.type !== NOT_NOW && !k.dueOn,
};

/** A flat, unpaginated list (the overdue views), most overdue first. */
function overdueList(c: SimContext, items: Recording[]): Response {
  const ctx = renderCtx(c);
  items.sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : a.dueOn! > b.dueOn! ? 1 : a.createdAt - b.createdAt));
  let last: number | undefined;
  for (const r of items) last = Math.max(last ?? 0, r.updatedAt);
  return sendJson(c, items.map((r) => renderRecording(ctx, r)), { lastModified: last });
}

// ---- recency-ordered collections -------------------------------------------------------

function newestFirst(c: SimContext, items: Recording[]): Response {
  const ctx = renderCtx(c);
  return paginate(c, sortByTime(items, "createdAt", -1), (r) => renderRecording(ctx, r), (r) => r.updatedAt);
}

const DOC_EXT = /\.(docx?|md|odt|pages|rtf|txt)$/i;
const KINDS: Record<string, (r: Recording) => boolean> = {
  all: () => true,
  images: (r) => r.type === "Upload" && (r.contentType ?? "").startsWith("image/"),
  pdfs: (r) => r.type === "Upload" && (r.contentType === "application/pdf" || /\.pdf$/i.test(r.filename ?? "")),
  documents: (r) => r.type === "Document" || DOC_EXT.test(r.filename ?? ""),
  videos: (r) => r.type === "Upload" && (r.contentType ?? "").startsWith("video/"),
};

function files(c: SimContext): Response {
  const kind = KINDS[c.req.query("kind") || "all"] ?? KINDS.all;
  const raw = [...(c.req.queries("people_ids[]") ?? []), ...(c.req.queries("people_ids") ?? [])];
  const people = raw.map((v) => toId(v)).filter((id): id is Id => id !== undefined);
  const items = visibleOfType(c, ["Upload", "Document"]).filter((r) => kind(r) && (raw.length === 0 || people.includes(r.creatorId)));
  return newestFirst(c, items);
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const flat = { forms: "flat" } as const;

  for (const [scope, keep] of Object.entries(TODO_SCOPES)) {
    r.get(
      `/todos/${scope}`,
      (c) => {
        const store = c.var.sim.store;
        const extra = queryFilter(c, todayOf(store));
        return grouped(c, "todos", (p) => todosInOrder(store, p).filter((t) => keep(t) && extra(t)));
      },
      flat,
    );
  }
  r.get(
    "/todos/overdue",
    (c) => {
      const store = c.var.sim.store;
      const today = todayOf(store);
      const extra = queryFilter(c, today);
      return overdueList(c, visibleProjects(c).flatMap((p) => todosInOrder(store, p)).filter((t) => isOverdue(t, today) && extra(t)));
    },
    flat,
  );

  for (const [scope, keep] of Object.entries(CARD_SCOPES)) {
    r.get(
      `/cards/${scope}`,
      (c) => {
        const store = c.var.sim.store;
        const extra = queryFilter(c, todayOf(store));
        return grouped(c, "cards", (p) => cardsInOrder(store, p).filter(({ card, column }) => keep(card, column) && extra(card)).map(({ card }) => card));
      },
      flat,
    );
  }
  r.get(
    "/cards/overdue",
    (c) => {
      const store = c.var.sim.store;
      const today = todayOf(store);
      const extra = queryFilter(c, today);
      const cards = visibleProjects(c).flatMap((p) => cardsInOrder(store, p));
      return overdueList(c, cards.filter(({ card, column }) => column.type !== NOT_NOW && isOverdue(card, today) && extra(card)).map(({ card }) => card));
    },
    flat,
  );

  r.get("/messages", (c) => newestFirst(c, visibleOfType(c, ["Message"])), flat);
  r.get("/comments", (c) => newestFirst(c, visibleOfType(c, ["Comment"])), flat);
  r.get("/checkins", (c) => newestFirst(c, visibleOfType(c, ["Question::Answer"])), flat);
  // Inbox forwards are listed once the store holds any (type "Inbox::Forward").
  r.get("/forwards", (c) => newestFirst(c, visibleOfType(c, ["Inbox::Forward" as RecType])), flat);
  r.get("/files", files, flat);
}

