// Dock tools: a project's dock holds its tools (message board, to-dos, docs & files, campfire,
// schedule, check-ins, card table, email forwards). A tool can be cloned (a second campfire),
// renamed, trashed, and enabled / disabled / moved within the dock.
import type { SimContext } from "../context.js";
import { badRequest, noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { baseRecording, renderDock, type Json, type RenderCtx } from "../render.js";
import { bodyOf, findProject, findRecording, nested, renderCtx, requireWritable, toId, type ApiRouter } from "../router.js";
import type { Id, Project, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

/** Recording types that live in a dock, with the `name` the dock gives each. */
export const TOOL_TYPES: Record<string, RecType> = {
  message_board: "Message::Board",
  todoset: "Todoset",
  vault: "Vault",
  chat: "Chat::Transcript",
  schedule: "Schedule",
  questionnaire: "Questionnaire",
  kanban_board: "Kanban::Board",
  inbox: "Inbox",
};
const DOCK_TYPES = Object.values(TOOL_TYPES);

const CARD_COLUMNS: Array<{ type: RecType; title: string; color: string | null }> = [
  { type: "Kanban::Triage", title: "Triage", color: null },
  { type: "Kanban::Column", title: "In progress", color: "blue" },
  { type: "Kanban::NotNowColumn", title: "Not now", color: null },
  { type: "Kanban::DoneColumn", title: "Done", color: null },
];

/** A tool as `GET /dock/tools/{id}` shows it: the recording, its dock name, state and position. */
export function renderTool(ctx: RenderCtx, rec: Recording): Json {
  const out = baseRecording(ctx, rec);
  const p = ctx.store.projects.get(rec.bucketId);
  const entry = p ? renderDock(ctx, p).find((d) => d.id === rec.id) : undefined;
  const name = Object.keys(TOOL_TYPES).find((k) => TOOL_TYPES[k] === rec.type) ?? rec.type.toLowerCase();
  // The reference types position as an integer: a disabled tool (no position) leaves it out.
  if (entry && typeof entry.position === "number") out.position = entry.position;
  out.name = name;
  out.enabled = rec.enabled !== false;
  return out;
}

/** Add a tool of `type` at the end of the project's dock, as a new project's dock has it. */
export function addTool(store: Store, project: Project, type: RecType, title: string, creatorId: Id, opts: { enabled?: boolean; quiet?: boolean; visibleToClients?: boolean } = {}): Recording {
  const rec = store.insertRecording(
    {
      type,
      bucketId: project.id,
      parentId: null,
      creatorId,
      title,
      enabled: opts.enabled ?? true,
      inheritsStatus: false,
      visibleToClients: opts.visibleToClients ?? false,
      subscriberIds: [...project.peopleIds],
      ...(type === "Chat::Transcript" ? { topic: title } : {}),
      ...(type === "Schedule" ? { includeDueAssignments: true } : {}),
      ...(type === "Todoset" || type === "Questionnaire" ? { description: "" } : {}),
    },
    { quiet: opts.quiet },
  );
  if (type === "Kanban::Board") {
    for (const col of CARD_COLUMNS) {
      store.insertRecording({ type: col.type, bucketId: project.id, parentId: rec.id, creatorId, title: col.title, color: col.color, description: "", subscriberIds: [] }, { quiet: true });
    }
  }
  return rec;
}

function findTool(c: SimContext, param: string): Recording {
  const rec = findRecording(c, param, DOCK_TYPES);
  // A folder inside Docs & Files is a vault too, but not a tool.
  if (rec.parentId !== null) throw notFound();
  return rec;
}

function projectOf(c: SimContext, rec: Recording): Project {
  return c.var.sim.store.projects.get(rec.bucketId)!;
}

/** Note a dock change on the tool (an event, no webhook: Basecamp sends none for dock layout). */
function noteDockChange(store: Store, rec: Recording, action: string, actorId: Id, details: Record<string, unknown> = {}): void {
  rec.updatedAt = store.now();
  store.addEvent(rec, action, actorId, details, rec.updatedAt);
  const p = store.projects.get(rec.bucketId);
  if (p) p.updatedAt = rec.updatedAt;
  store.markDirty();
}

/** Put a tool at `position` (1-based) among the project's enabled tools. */
function placeInDock(store: Store, project: Project, rec: Recording, position: number): void {
  const dock = project.dock.filter((id) => id !== rec.id);
  const enabled = dock.filter((id) => {
    const t = store.recordings.get(id);
    return t && t.enabled !== false && t.status !== "trashed";
  });
  const before = enabled[position - 1];
  const at = before === undefined ? (enabled.length ? dock.indexOf(enabled[enabled.length - 1]) + 1 : 0) : dock.indexOf(before);
  dock.splice(at, 0, rec.id);
  project.dock = dock;
}

function createTool(c: SimContext): Response {
  const store = c.var.sim.store;
  const project = findProject(c, "bucket");
  if (project.status === "trashed") throw badRequest("That project is in the trash. Restore it before adding tools.");
  const body = nested(bodyOf(c), "tool");
  let type: RecType | undefined;
  let defaultTitle: string | undefined;
  if (body.source_recording_id !== undefined && body.source_recording_id !== null) {
    const id = toId(body.source_recording_id);
    const source = id === undefined ? undefined : store.getRecording(id);
    if (!source || source.bucketId !== project.id || source.parentId !== null || !DOCK_TYPES.includes(source.type)) {
      throw validationFailed({ source_recording_id: ["must be the ID of a tool in this project's dock"] });
    }
    type = source.type;
    defaultTitle = source.title;
  } else if (body.tool_type !== undefined && body.tool_type !== null) {
    const raw = String(body.tool_type);
    type = TOOL_TYPES[raw] ?? DOCK_TYPES.find((t) => t === raw);
    if (!type) throw validationFailed({ tool_type: [`must be one of ${[...Object.keys(TOOL_TYPES), ...DOCK_TYPES].join(", ")}`] });
    defaultTitle = store.dockTool(project.id, type)?.title ?? type;
  } else {
    throw validationFailed({ source_recording_id: ["can't be blank (or send tool_type)"] });
  }
  const rawTitle = body.title;
  if (rawTitle !== undefined && rawTitle !== null && typeof rawTitle !== "string") throw validationFailed({ title: ["must be a string"] });
  const title = typeof rawTitle === "string" && rawTitle.trim() !== "" ? rawTitle.trim() : defaultTitle!;
  const visible = body.visible_to_clients === true;
  const rec = addTool(store, project, type, title, c.var.me.id, { visibleToClients: visible });
  project.updatedAt = rec.createdAt;
  return sendJson(c, renderTool(renderCtx(c), rec), { status: 201 });
}

export function register(r: ApiRouter): void {
  r.post("/dock/tools", createTool, { forms: "bucket" });

  r.get("/dock/tools/:toolId", (c) => {
    const rec = findTool(c, "toolId");
    if (rec.status === "trashed") throw notFound();
    return sendJson(c, renderTool(renderCtx(c), rec), { lastModified: rec.updatedAt });
  });

  r.put("/dock/tools/:toolId", (c) => {
    const rec = findTool(c, "toolId");
    requireWritable(rec);
    const body = nested(bodyOf(c), "tool");
    const title = body.title;
    if (typeof title !== "string" || title.trim() === "") throw validationFailed({ title: ["can't be blank"] });
    const was = rec.title;
    if (title.trim() !== was) {
      rec.title = title.trim();
      if (rec.type === "Chat::Transcript") rec.topic = rec.title;
      c.var.sim.store.touch(rec, "title_changed", c.var.me.id, { title_was: was }, "title_updated");
    }
    return sendJson(c, renderTool(renderCtx(c), rec));
  });

  r.delete("/dock/tools/:toolId", (c) => {
    const rec = findTool(c, "toolId");
    c.var.sim.store.setStatus(rec, "trashed", c.var.me.id);
    return noContent(c);
  });

  // Enable: back in the dock, at its end.
  r.post("/recordings/:toolId/position", (c) => {
    const store = c.var.sim.store;
    const rec = findTool(c, "toolId");
    requireWritable(rec);
    const project = projectOf(c, rec);
    if (rec.enabled === false) {
      rec.enabled = true;
      placeInDock(store, project, rec, Number.MAX_SAFE_INTEGER);
      noteDockChange(store, rec, "enabled", c.var.me.id);
    }
    return c.body(null, 201);
  });

  r.put("/recordings/:toolId/position", (c) => {
    const store = c.var.sim.store;
    const rec = findTool(c, "toolId");
    requireWritable(rec);
    const raw = bodyOf(c).position;
    const position = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof position !== "number" || !Number.isInteger(position) || position < 1) throw validationFailed({ position: ["must be a whole number from 1 up"] });
    if (rec.enabled === false) throw validationFailed({ position: ["cannot be set on a disabled tool: enable it first"] });
    const project = projectOf(c, rec);
    const was = store.positionOf(rec);
    placeInDock(store, project, rec, position);
    noteDockChange(store, rec, "repositioned", c.var.me.id, { position_was: was, position: store.positionOf(rec) });
    return c.body(null, 200);
  });

  // Disable: hidden from the dock, kept (with its content) for re-enabling.
  r.delete("/recordings/:toolId/position", (c) => {
    const store = c.var.sim.store;
    const rec = findTool(c, "toolId");
    requireWritable(rec);
    if (rec.enabled !== false) {
      rec.enabled = false;
      noteDockChange(store, rec, "disabled", c.var.me.id);
    }
    return noContent(c);
  });
}
