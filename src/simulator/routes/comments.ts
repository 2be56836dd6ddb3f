// Comments on commentable recordings.
import type { Sim, SimContext } from "../context.js";
import { forbidden, paginate, sendJson } from "../internal/respond.js";
import { baseRecording, COMMENTABLE, recordingAppUrl, registerRenderer, renderRecording, type RenderCtx } from "../render.js";
import { bodyOf, findRecording, renderCtx, requiredString, requireWritable, type ApiRouter } from "../router.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import type { Recording } from "../store/model.js";

registerRenderer("Comment", (ctx: RenderCtx, rec: Recording) => {
  const out = baseRecording(ctx, rec);
  const parent = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  if (parent) out.title = `Re: ${parent.title}`;
  out.content = rec.content ?? "";
  return out;
});

function commentable(c: SimContext): Recording {
  return findRecording(c, "id", [...COMMENTABLE]);
}

/** 200/201 with the comment and a `Location` header holding its web URL. */
function answer(c: SimContext, comment: Recording, status: 200 | 201): Response {
  const ctx = renderCtx(c);
  return sendJson(c, renderRecording(ctx, comment), { status, headers: { Location: recordingAppUrl(ctx, comment) } });
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get("/recordings/:id/comments", (c) => {
    const parent = commentable(c);
    const store = c.var.sim.store;
    // Oldest first; ties keep their stored order.
    const list = store
      .childrenOf(parent.id, ["Comment"])
      .filter((x) => x.status === "active")
      .sort((a, b) => a.createdAt - b.createdAt);
    const ctx = renderCtx(c);
    return paginate(c, list, (x) => renderRecording(ctx, x), (x) => x.updatedAt);
  });

  r.get("/comments/:id", (c) => {
    const comment = findRecording(c, "id", ["Comment"]);
    return sendJson(c, renderRecording(renderCtx(c), comment), { lastModified: comment.updatedAt });
  });

  r.post("/recordings/:id/comments", (c) => {
    const parent = commentable(c);
    requireWritable(parent);
    const store = c.var.sim.store;
    const content = richText(store, "content", requiredString(bodyOf(c), "content"));
    const me = c.var.me.id;
    // Commenting subscribes you to the thread, as in Basecamp.
    if (!parent.subscriberIds.includes(me)) parent.subscriberIds.push(me);
    const comment = store.insertRecording({
      type: "Comment",
      bucketId: parent.bucketId,
      parentId: parent.id,
      creatorId: me,
      title: `Re: ${parent.title}`,
      content,
      visibleToClients: parent.visibleToClients,
    });
    claimAttachments(store, comment);
    return answer(c, comment, 201);
  });

  r.put("/comments/:id", (c) => {
    const comment = findRecording(c, "id", ["Comment"]);
    const me = c.var.me;
    if (comment.creatorId !== me.id && !me.admin && !me.owner) throw forbidden("Only the person who wrote a comment, or an admin, can change it.");
    requireWritable(comment);
    const body = bodyOf(c);
    const content = body.content === undefined ? undefined : richText(c.var.sim.store, "content", requiredString(body, "content"), { owner: comment });
    if (content !== undefined && content !== comment.content) {
      comment.content = content;
      claimAttachments(c.var.sim.store, comment);
      c.var.sim.store.touch(comment, "content_changed", me.id, {}, "content_updated");
    }
    return answer(c, comment, 200);
  });
}
