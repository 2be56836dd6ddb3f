// Calendars: a project's schedule seen as a calendar (name and colour), and editing a
// campfire line.
import type { Sim, SimContext } from "../context.js";
import { forbidden, noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, iso, recordingAppUrl, recordingUrl, type Json, type RenderCtx } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { bodyOf, findRecording, nested, renderCtx, requireWritable, requiredString, type ApiRouter } from "../router.js";
import type { Recording } from "../store/model.js";
import { LINE_TYPES } from "./campfires.js";
import { GROUP_COLORS } from "./todos-render.js";

const DEFAULT_COLOR = "blue";

export function renderCalendar(ctx: RenderCtx, schedule: Recording): Json {
  return {
    id: schedule.id,
    type: "Calendar",
    name: schedule.title,
    color: schedule.color ?? DEFAULT_COLOR,
    created_at: iso(schedule.createdAt),
    updated_at: iso(schedule.updatedAt),
    url: `${apiBase(ctx)}/calendars/${schedule.id}.json`,
    app_url: recordingAppUrl(ctx, schedule),
    schedule_url: recordingUrl(ctx, schedule),
  };
}

function updateCalendar(c: SimContext): Response {
  const schedule = findRecording(c, "id", ["Schedule"]);
  requireWritable(schedule);
  const body = nested(bodyOf(c), "calendar");
  const color = requiredString(body, "color");
  if (!(GROUP_COLORS as readonly string[]).includes(color)) throw validationFailed({ color: [`must be one of ${GROUP_COLORS.join(", ")}`] });
  if ((schedule.color ?? DEFAULT_COLOR) !== color) {
    schedule.color = color;
    c.var.sim.store.touch(schedule, "color_changed", c.var.me.id, {}, "content_updated");
  }
  return sendJson(c, renderCalendar(renderCtx(c), schedule));
}

/** Only the person who wrote a line may change its text (admins included: it is their words). */
function updateLine(c: SimContext): Response {
  const store = c.var.sim.store;
  const chat = findRecording(c, "id", ["Chat::Transcript"]);
  const line = findRecording(c, "lineId", LINE_TYPES);
  if (line.parentId !== chat.id || line.status === "trashed") throw notFound();
  requireWritable(chat);
  if (line.creatorId !== c.var.me.id) throw forbidden("Only the person who wrote a line can edit it.");
  if (line.type === "Chat::Lines::Upload") throw validationFailed({ content: ["can't be changed on a file line"] });
  const raw = requiredString(bodyOf(c), "content");
  const content = line.type === "Chat::Lines::RichText" ? richText(store, "content", raw, { chat: true }) : raw;
  if (content !== line.content) {
    line.content = content;
    line.title = content;
    if (line.type === "Chat::Lines::RichText") claimAttachments(store, line);
    store.touch(line, "content_changed", c.var.me.id, {}, "content_updated");
  }
  return noContent(c);
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  r.get(
    "/calendars/:id",
    (c) => {
      const schedule = findRecording(c, "id", ["Schedule"]);
      return sendJson(c, renderCalendar(renderCtx(c), schedule), { lastModified: schedule.updatedAt });
    },
    { forms: "flat" },
  );
  r.put("/calendars/:id", updateCalendar, { forms: "flat" });
  r.put("/chats/:id/lines/:lineId", updateLine);
}
