// Campfires (Chat::Transcript) and their lines.
import type { Sim, SimContext } from "../context.js";
import { forbidden, noContent, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { baseRecording, registerRenderer, renderRecording, recordingUrl, type RenderCtx } from "../render.js";
import { bodyOf, canSeeProject, findRecording, optionalString, renderCtx, requiredString, requireWritable, sortByQuery, sortByTime, type ApiRouter } from "../router.js";
import { receiveAttachment } from "./vaults.js";
import { attachmentDownloadUrl } from "./vaults-render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import type { RecType, Recording } from "../store/model.js";

export const LINE_TYPES: readonly RecType[] = ["Chat::Lines::Text", "Chat::Lines::RichText", "Chat::Lines::Upload"];

registerRenderer("Chat::Transcript", (ctx: RenderCtx, rec: Recording) => ({
  ...baseRecording(ctx, rec),
  position: ctx.store.positionOf(rec),
  topic: rec.topic ?? rec.title,
  lines_url: recordingUrl(ctx, rec, "/lines"),
  files_url: recordingUrl(ctx, rec, "/uploads"),
}));

registerRenderer(["Chat::Lines::Text", "Chat::Lines::RichText"], (ctx: RenderCtx, rec: Recording) => ({
  ...baseRecording(ctx, rec),
  content: rec.content ?? "",
}));

/** An upload line: the file is listed in `attachments[]`. */
registerRenderer("Chat::Lines::Upload", (ctx: RenderCtx, rec: Recording) => {
  const filename = rec.filename ?? rec.title;
  const download = attachmentDownloadUrl(ctx, rec.attachmentSgid ?? "", filename);
  return {
    ...baseRecording(ctx, rec),
    content: rec.content ?? "",
    attachments: [{ title: filename, url: download, filename, content_type: rec.contentType ?? "application/octet-stream", byte_size: rec.byteSize ?? 0, download_url: download }],
  };
});

/** The line named by `:lineId`, which must belong to the campfire named by `:id`. */
function findLine(c: SimContext): { chat: Recording; line: Recording } {
  const chat = findRecording(c, "id", ["Chat::Transcript"]);
  const line = findRecording(c, "lineId", LINE_TYPES);
  if (line.parentId !== chat.id || line.status === "trashed") throw notFound();
  return { chat, line };
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get(
    "/chats",
    (c) => {
      const store = c.var.sim.store;
      const list: Recording[] = [];
      for (const p of store.projects.values()) {
        if (p.status !== "active" || !canSeeProject(c, p)) continue;
        for (const id of p.dock) {
          const rec = store.recordings.get(id);
          if (rec && rec.type === "Chat::Transcript" && rec.status === "active" && rec.enabled !== false) list.push(rec);
        }
      }
      const ctx = renderCtx(c);
      return paginate(c, list, (rec) => renderRecording(ctx, rec), (rec) => rec.updatedAt);
    },
    { forms: "flat" },
  );

  r.get("/chats/:id", (c) => {
    const chat = findRecording(c, "id", ["Chat::Transcript"]);
    return sendJson(c, renderRecording(renderCtx(c), chat), { lastModified: chat.updatedAt });
  });

  r.get("/chats/:id/lines", (c) => {
    const chat = findRecording(c, "id", ["Chat::Transcript"]);
    const store = c.var.sim.store;
    const lines = sortByQuery(c, store.childrenOf(chat.id, LINE_TYPES).filter((l) => l.status === "active"));
    const ctx = renderCtx(c);
    return paginate(c, lines, (l) => renderRecording(ctx, l), (l) => l.updatedAt);
  });

  r.get("/chats/:id/lines/:lineId", (c) => {
    const { line } = findLine(c);
    return sendJson(c, renderRecording(renderCtx(c), line), { lastModified: line.updatedAt });
  });

  r.post("/chats/:id/lines", (c) => {
    const chat = findRecording(c, "id", ["Chat::Transcript"]);
    requireWritable(chat);
    const body = bodyOf(c);
    const rawContent = requiredString(body, "content");
    const contentType = optionalString(body, "content_type");
    if (contentType !== undefined && contentType !== "text/html" && contentType !== "text/plain") {
      throw validationFailed({ content_type: ['must be "text/html" or "text/plain"'] });
    }
    const type: RecType = contentType === "text/html" ? "Chat::Lines::RichText" : "Chat::Lines::Text";
    // Rich lines keep Basecamp's allowed tags (plus a chatbot's tables); plain lines are text.
    const content = type === "Chat::Lines::RichText" ? richText(c.var.sim.store, "content", rawContent, { chat: true }) : rawContent;
    const line = c.var.sim.store.insertRecording({
      type,
      bucketId: chat.bucketId,
      parentId: chat.id,
      creatorId: c.var.me.id,
      title: content,
      content,
    });
    if (type === "Chat::Lines::RichText") claimAttachments(c.var.sim.store, line);
    return sendJson(c, renderRecording(renderCtx(c), line), { status: 201 });
  });

  r.get("/chats/:id/uploads", (c) => {
    const chat = findRecording(c, "id", ["Chat::Transcript"]);
    const uploads = c.var.sim.store.childrenOf(chat.id, ["Chat::Lines::Upload"]).filter((l) => l.status === "active");
    const ctx = renderCtx(c);
    return paginate(c, sortByTime(uploads, "createdAt", -1), (l) => renderRecording(ctx, l), (l) => l.updatedAt);
  });

  r.post("/chats/:id/uploads", (c) => {
    const chat = findRecording(c, "id", ["Chat::Transcript"]);
    requireWritable(chat);
    const att = receiveAttachment(c);
    const line = c.var.sim.store.insertRecording({
      type: "Chat::Lines::Upload",
      bucketId: chat.bucketId,
      parentId: chat.id,
      creatorId: c.var.me.id,
      title: att.filename,
      content: "",
      attachmentSgid: att.sgid,
      filename: att.filename,
      contentType: att.contentType,
      byteSize: att.byteSize,
    });
    return sendJson(c, renderRecording(renderCtx(c), line), { status: 201 });
  });

  r.delete("/chats/:id/lines/:lineId", (c) => {
    const { line } = findLine(c);
    const me = c.var.me;
    if (line.creatorId !== me.id && !me.admin && !me.owner) throw forbidden("Only the person who wrote a line, or an admin, can delete it.");
    const store = c.var.sim.store;
    // Tell listeners (webhooks, persistence) before the line is gone for good.
    store.touch(line, "deleted", me.id);
    store.purge(line.id);
    return noContent(c);
  });
}
