// Schedules and schedule entries (events on the project calendar).
import type { Sim, SimContext } from "../context.js";
import { notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { baseRecording, iso, recordingUrl, registerRenderer, renderPeople, type Json, type RenderCtx } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { bodyOf, findRecording, nested, optionalBool, optionalPersonIds, optionalString, renderCtx, requireWritable, requiredString, statusQuery, type ApiRouter } from "../router.js";
import type { Id, Recording } from "../store/model.js";
import { childrenWithStatus } from "./vaults-render.js";

export function renderSchedule(ctx: RenderCtx, rec: Recording): Json {
  return {
    ...baseRecording(ctx, rec),
    position: ctx.store.positionOf(rec),
    include_due_assignments: rec.includeDueAssignments ?? true,
    entries_count: childrenWithStatus(ctx.store, rec.id, ["Schedule::Entry"]).length,
    entries_url: recordingUrl(ctx, rec, "/entries"),
  };
}

export function renderEntry(ctx: RenderCtx, rec: Recording): Json {
  const startsAt = rec.startsAt ?? rec.createdAt;
  return {
    ...baseRecording(ctx, rec),
    description: rec.description ?? "",
    summary: rec.title,
    all_day: rec.allDay ?? false,
    starts_at: iso(startsAt),
    ends_at: iso(rec.endsAt ?? startsAt),
    participants: renderPeople(ctx, rec.participantIds),
  };
}

registerRenderer("Schedule", renderSchedule);
registerRenderer("Schedule::Entry", renderEntry);

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch ms of an ISO 8601 date or date-time (no zone = UTC); 422 naming `field` if bad. */
function parseTime(body: Record<string, unknown>, field: string, required: boolean): number | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === "") {
    if (required) throw validationFailed({ [field]: ["can't be blank"] });
    return undefined;
  }
  const bad = () => validationFailed({ [field]: ["must be an ISO 8601 date-time, e.g. 2024-05-01T09:00:00Z"] });
  if (typeof v !== "string") throw bad();
  const m = ISO_RE.exec(v.trim());
  if (!m) throw bad();
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const z = zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${z}`);
  // Reject impossible calendar dates that Date.parse would roll over.
  if (Number.isNaN(ms) || new Date(Date.UTC(+y, +mo - 1, +d)).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) throw bad();
  return ms;
}

/**
 * An entry's fields from a create or replace body: `summary`, `starts_at` and `ends_at` must
 * be sent; `description` and `all_day` left out read as cleared; `participant_ids` left out
 * is undefined (a replace keeps the participants).
 */
function entryFields(c: SimContext, owner?: Recording) {
  const body = bodyOf(c);
  const summary = requiredString(body, "summary").trim();
  const startsAt = parseTime(body, "starts_at", true)!;
  const endsAt = parseTime(body, "ends_at", true)!;
  if (endsAt < startsAt) throw validationFailed({ ends_at: ["must not be before starts_at"] });
  const fields = {
    summary,
    startsAt,
    endsAt,
    description: richText(c.var.sim.store, "description", optionalString(body, "description") ?? "", { owner }),
    allDay: optionalBool(body, "all_day") ?? false,
    participantIds: optionalPersonIds(c, body, "participant_ids"),
  };
  optionalBool(body, "notify");
  return fields;
}

function union(a: readonly Id[], b: readonly Id[]): Id[] {
  return [...new Set([...a, ...b])];
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get("/schedules/:id", (c) => {
    const s = findRecording(c, "id", ["Schedule"]);
    return sendJson(c, renderSchedule(renderCtx(c), s), { lastModified: s.updatedAt });
  });

  r.put("/schedules/:id", (c) => {
    const s = findRecording(c, "id", ["Schedule"]);
    requireWritable(s);
    const body = bodyOf(c);
    const field = "include_due_assignments";
    const source = body[field] !== undefined ? body : nested(body, "schedule");
    const include = optionalBool(source, field);
    if (include === undefined) throw validationFailed({ [field]: ["can't be blank"] });
    if (include !== (s.includeDueAssignments ?? true)) {
      s.includeDueAssignments = include;
      c.var.sim.store.touch(s, "content_changed", c.var.me.id, { include_due_assignments: include }, "content_updated");
    }
    return sendJson(c, renderSchedule(renderCtx(c), s));
  });

  r.get("/schedules/:id/entries", (c) => {
    const s = findRecording(c, "id", ["Schedule"]);
    const ctx = renderCtx(c);
    const entries = childrenWithStatus(ctx.store, s.id, ["Schedule::Entry"], statusQuery(c)).sort(
      (a, b) => (a.startsAt ?? 0) - (b.startsAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return paginate(c, entries, (e) => renderEntry(ctx, e), (e) => e.updatedAt);
  });

  r.get("/schedule_entries/:id", (c) => {
    const e = findRecording(c, "id", ["Schedule::Entry"]);
    return sendJson(c, renderEntry(renderCtx(c), e), { lastModified: e.updatedAt });
  });

  r.post("/schedules/:id/entries", (c) => {
    const s = findRecording(c, "id", ["Schedule"]);
    requireWritable(s);
    const { summary, startsAt, endsAt, description, allDay, participantIds: chosen } = entryFields(c);
    const participantIds = chosen ?? [];
    const e = c.var.sim.store.insertRecording({
      type: "Schedule::Entry",
      bucketId: s.bucketId,
      parentId: s.id,
      creatorId: c.var.me.id,
      title: summary,
      description,
      allDay,
      startsAt,
      endsAt,
      participantIds,
      subscriberIds: union([c.var.me.id], participantIds),
    });
    claimAttachments(c.var.sim.store, e);
    return sendJson(c, renderEntry(renderCtx(c), e), { status: 201 });
  });

  r.put("/schedule_entries/:id", (c) => {
    const e = findRecording(c, "id", ["Schedule::Entry"]);
    requireWritable(e);
    // Full replace (oas): what the body leaves out is cleared, except participants (kept).
    const { summary, startsAt, endsAt, description, allDay, participantIds } = entryFields(c, e);

    const titleWas = summary !== e.title ? e.title : null;
    const before = JSON.stringify([e.description, e.startsAt, e.endsAt, e.allDay, (e.participantIds ?? []).map(String)]);
    e.title = summary;
    e.description = description;
    claimAttachments(c.var.sim.store, e);
    e.startsAt = startsAt;
    e.endsAt = endsAt;
    e.allDay = allDay;
    if (participantIds !== undefined) {
      e.participantIds = participantIds;
      e.subscriberIds = union(e.subscriberIds, participantIds);
    }
    const after = JSON.stringify([e.description, e.startsAt, e.endsAt, e.allDay, (e.participantIds ?? []).map(String)]);
    const store = c.var.sim.store;
    if (titleWas !== null) store.touch(e, "title_changed", c.var.me.id, { title_was: titleWas }, "title_updated");
    if (before !== after) store.touch(e, "content_changed", c.var.me.id, {}, "content_updated");
    return sendJson(c, renderEntry(renderCtx(c), e));
  });

  r.get(
    "/schedule_entries/:id/occurrences/:date",
    (c) => {
      const e = findRecording(c, "id", ["Schedule::Entry"]);
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(c.req.param("date") ?? "");
      if (!m) throw notFound();
      const day = `${m[1]}-${m[2]}-${m[3]}`;
      // Not recurring (the model has no recurrence): the one occurrence is on its start date.
      if (day !== iso(e.startsAt ?? e.createdAt).slice(0, 10)) throw notFound();
      return sendJson(c, renderEntry(renderCtx(c), e), { lastModified: e.updatedAt });
    },
    { forms: "flat" },
  );
}
