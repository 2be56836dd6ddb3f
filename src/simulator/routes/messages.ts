// Message boards, messages, pins and message types (categories).
import type { Sim, SimContext } from "../context.js";
import { forbidden, noContent, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { baseRecording, iso, recordingAppUrl, recordingUrl, registerRenderer, renderRecording, type Json, type RenderCtx } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import {
  bodyOf,
  findProject,
  findRecording,
  optionalPersonIds,
  optionalString,
  renderCtx,
  requiredString,
  requireWritable,
  toId,
  pathId,
  type ApiRouter,
  sortByQuery,
  statusQuery,
} from "../router.js";
import type { Id, MessageType, Project, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

// ---- shared list helpers (also used by campfires) ----------------------------------------

/**
 * Order recordings by `sort` (created_at | updated_at, default `defaultSort`) and
 * `direction` (desc | asc, default desc) from the query. Ties keep their stored order
 * (oldest inserted first for asc, reversed for desc). Bad values → 400.
 */


// ---- rendering ----------------------------------------------------------------------------

export function renderMessageType(m: MessageType): Json {
  return { id: m.id, name: m.name, icon: m.icon, created_at: iso(m.createdAt), updated_at: iso(m.updatedAt) };
}

function categoryOf(store: Store, rec: Recording): MessageType | undefined {
  if (rec.categoryId === undefined || rec.categoryId === null) return undefined;
  const m = store.messageTypes.get(rec.categoryId);
  return m && m.bucketId === rec.bucketId ? m : undefined;
}

function activeMessages(store: Store, board: Recording): Recording[] {
  return store.childrenOf(board.id, ["Message"]).filter((m) => m.status === "active");
}

registerRenderer("Message::Board", (ctx: RenderCtx, rec: Recording) => ({
  ...baseRecording(ctx, rec),
  position: ctx.store.positionOf(rec),
  messages_count: activeMessages(ctx.store, rec).length,
  messages_url: recordingUrl(ctx, rec, "/messages"),
  app_messages_url: recordingAppUrl(ctx, rec, "/messages"),
}));

registerRenderer("Message", (ctx: RenderCtx, rec: Recording) => {
  const cat = categoryOf(ctx.store, rec);
  return {
    ...baseRecording(ctx, rec),
    content: rec.content ?? "",
    subject: rec.title,
    // An object in the reference: a message without a type leaves it out.
    ...(cat ? { category: renderMessageType(cat) } : {}),
    pinned: rec.pinned === true,
  };
});

// ---- body helpers ---------------------------------------------------------------------------

/** `category_id` from a body: undefined when absent, null to clear, else a type of the bucket (422 otherwise). */
function categoryFromBody(store: Store, body: Record<string, unknown>, bucketId: Id): Id | null | undefined {
  if (!("category_id" in body)) return undefined;
  const v = body.category_id;
  if (v === null || v === "") return null;
  const id = toId(v);
  const m = id === undefined ? undefined : store.messageTypes.get(id);
  if (!m || m.bucketId !== bucketId) throw validationFailed({ category_id: ["is not a message type of this project"] });
  return m.id;
}

function projectOfBucket(c: SimContext): Project {
  return findProject(c, "bucket");
}

function findMessageType(c: SimContext, project: Project): MessageType {
  const m = c.var.sim.store.messageTypes.get(pathId(c, "id"));
  if (!m || m.bucketId !== project.id) throw notFound();
  return m;
}

function writableProject(project: Project): void {
  if (project.status === "trashed") throw forbidden("That project is in the trash. Restore it before changing its message types.");
}

// ---- routes ---------------------------------------------------------------------------------

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get("/message_boards/:id", (c) => {
    const board = findRecording(c, "id", ["Message::Board"]);
    return sendJson(c, renderRecording(renderCtx(c), board), { lastModified: board.updatedAt });
  });

  r.get("/message_boards/:id/messages", (c) => {
    const board = findRecording(c, "id", ["Message::Board"]);
    const status = statusQuery(c);
    const store = c.var.sim.store;
    const list = sortByQuery(c, store.childrenOf(board.id, ["Message"]).filter((m) => m.status === status));
    const ctx = renderCtx(c);
    return paginate(c, list, (m) => renderRecording(ctx, m), (m) => m.updatedAt);
  });

  r.get("/messages/:id", (c) => {
    const msg = findRecording(c, "id", ["Message"]);
    return sendJson(c, renderRecording(renderCtx(c), msg), { lastModified: msg.updatedAt });
  });

  r.post("/message_boards/:id/messages", (c) => {
    const board = findRecording(c, "id", ["Message::Board"]);
    requireWritable(board);
    const store = c.var.sim.store;
    const body = bodyOf(c);
    const subject = requiredString(body, "subject");
    const status = body.status;
    if (status !== undefined && status !== null && status !== "active") throw validationFailed({ status: ['must be "active"'] });
    const content = richText(store, "content", optionalString(body, "content") ?? "");
    const categoryId = categoryFromBody(store, body, board.bucketId) ?? null;
    const me = c.var.me.id;
    const chosen = optionalPersonIds(c, body, "subscriptions");
    const project = store.projects.get(board.bucketId)!;
    const subscriberIds = chosen ?? [...project.peopleIds];
    if (!subscriberIds.includes(me)) subscriberIds.push(me);
    const msg = store.insertRecording({ type: "Message", bucketId: board.bucketId, parentId: board.id, creatorId: me, title: subject, content, categoryId, pinned: false, subscriberIds });
    claimAttachments(store, msg);
    return sendJson(c, renderRecording(renderCtx(c), msg), { status: 201 });
  });

  r.put("/messages/:id", (c) => {
    const msg = findRecording(c, "id", ["Message"]);
    requireWritable(msg);
    const store = c.var.sim.store;
    const body = bodyOf(c);
    const me = c.var.me.id;
    const subject = body.subject === undefined ? undefined : requiredString(body, "subject");
    const rawContent = optionalString(body, "content");
    const content = rawContent === undefined ? undefined : richText(store, "content", rawContent, { owner: msg });
    const categoryId = categoryFromBody(store, body, msg.bucketId);
    if (subject !== undefined && subject !== msg.title) {
      const was = msg.title;
      msg.title = subject;
      store.touch(msg, "title_changed", me, { title_was: was }, "title_updated");
    }
    const contentChanged = content !== undefined && content !== (msg.content ?? "");
    const categoryChanged = categoryId !== undefined && categoryId !== (msg.categoryId ?? null);
    if (contentChanged || categoryChanged) {
      if (contentChanged) msg.content = content;
      claimAttachments(store, msg);
      if (categoryChanged) msg.categoryId = categoryId;
      store.touch(msg, "content_changed", me, categoryChanged ? { category_id: categoryId } : {}, "content_updated");
    }
    return sendJson(c, renderRecording(renderCtx(c), msg));
  });

  const setPin = (pinned: boolean) => (c: SimContext) => {
    const msg = findRecording(c, "id", ["Message"]);
    requireWritable(msg);
    if ((msg.pinned === true) !== pinned) {
      msg.pinned = pinned;
      c.var.sim.store.touch(msg, pinned ? "pinned" : "unpinned", c.var.me.id);
    }
    return noContent(c);
  };
  r.post("/recordings/:id/pin", setPin(true));
  r.delete("/recordings/:id/pin", setPin(false));

  // ---- message types: only under /buckets/{b} ----
  const typesOf = (store: Store, projectId: Id) => [...store.messageTypes.values()].filter((m) => m.bucketId === projectId).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

  r.get(
    "/categories",
    (c) => {
      const project = projectOfBucket(c);
      const list = typesOf(c.var.sim.store, project.id);
      return sendJson(c, list.map(renderMessageType), { lastModified: list.reduce((m, t) => Math.max(m, t.updatedAt), 0) || undefined });
    },
    { forms: "bucket" },
  );

  r.get(
    "/categories/:id",
    (c) => {
      const m = findMessageType(c, projectOfBucket(c));
      return sendJson(c, renderMessageType(m), { lastModified: m.updatedAt });
    },
    { forms: "bucket" },
  );

  r.post(
    "/categories",
    (c) => {
      const project = projectOfBucket(c);
      writableProject(project);
      const store = c.var.sim.store;
      const body = bodyOf(c);
      const errors: Record<string, string[]> = {};
      for (const f of ["name", "icon"]) {
        const v = body[f];
        if (typeof v !== "string" || v.trim() === "") errors[f] = ["can't be blank"];
      }
      if (Object.keys(errors).length) throw validationFailed(errors);
      const now = store.now();
      const m: MessageType = { id: store.nextId(), bucketId: project.id, name: String(body.name), icon: String(body.icon), createdAt: now, updatedAt: now };
      store.messageTypes.set(m.id, m);
      store.markDirty();
      return sendJson(c, renderMessageType(m), { status: 201 });
    },
    { forms: "bucket" },
  );

  r.put(
    "/categories/:id",
    (c) => {
      const project = projectOfBucket(c);
      writableProject(project);
      const m = findMessageType(c, project);
      const store = c.var.sim.store;
      const body = bodyOf(c);
      const name = body.name === undefined ? undefined : requiredString(body, "name");
      const icon = body.icon === undefined ? undefined : requiredString(body, "icon");
      if (name !== undefined) m.name = name;
      if (icon !== undefined) m.icon = icon;
      if (name !== undefined || icon !== undefined) {
        m.updatedAt = store.now();
        store.markDirty();
      }
      return sendJson(c, renderMessageType(m));
    },
    { forms: "bucket" },
  );

  r.delete(
    "/categories/:id",
    (c) => {
      const project = projectOfBucket(c);
      writableProject(project);
      const m = findMessageType(c, project);
      const store = c.var.sim.store;
      store.messageTypes.delete(m.id);
      // Messages of that type keep their content and show no category.
      for (const msg of store.ofType("Message")) if (msg.bucketId === project.id && msg.categoryId === m.id) msg.categoryId = null;
      store.markDirty();
      return noContent(c);
    },
    { forms: "bucket" },
  );
}
