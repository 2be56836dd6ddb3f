// What /projects/recordings.json does not cover: each project's dock (ProjectTools), the
// containers behind it (to-do sets, message boards, schedules, card tables and their
// columns, check-in questions), campfires and their lines; each response written as it comes.
import { NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import { CampfireLines, Campfires, CardTableColumns, CardTables, id, MessageBoards, ProjectTools, Questions, Schedules, ToDoSets, type Json, type RowContext, type TableDef } from "../schema/index.js";
import { inScope, readList, type SyncContext, type TableSummary } from "./context.js";
import { withSink, type Rec } from "./sink.js";
import { cutoffOf, getSyncState } from "./state.js";
import { mapPool } from "./pool.js";

interface DockTool {
  projectId: Id;
  projectStatus: string;
  tool: Json;
}

/** Enabled dock tools named `name` of the projects in scope. */
export function dockTools(ctx: SyncContext, name?: string): DockTool[] {
  const out: DockTool[] = [];
  for (const p of ctx.projects) {
    const pid = id(p.id)!;
    if (!inScope(ctx, pid)) continue;
    for (const tool of Array.isArray(p.dock) ? (p.dock as Json[]) : []) {
      if (name !== undefined && (tool.name !== name || tool.enabled === false)) continue;
      out.push({ projectId: pid, projectStatus: String(p.status), tool });
    }
  }
  return out;
}

/** GET one resource; undefined when it is gone (404). */
async function getOne(ctx: SyncContext, sum: TableSummary, path: string): Promise<Json | undefined> {
  sum.requests++;
  try {
    return (await ctx.client.road.request<Json>("GET", path, { signal: ctx.signal })).data;
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

export async function syncProjectTools(ctx: SyncContext): Promise<void> {
  const records = dockTools(ctx).map((d) => ({ rec: d.tool, ctx: { projectId: d.projectId } as RowContext }));
  ctx.onProgress?.({ table: ProjectTools.name, done: records.length, total: records.length });
  await withSink(ctx, [ProjectTools], { deleteMissing: ctx.full }, async (sink) => {
    sink.page(records);
    sink.finish(() => null);
  });
}

const SEGMENT: Record<string, string> = { todoset: "todosets", message_board: "message_boards", schedule: "schedules", kanban_board: "card_tables", questionnaire: "questionnaires" };

/** One container per project: ToDoSets, MessageBoards, Schedules, CardTables (+ columns), Questions; written project by project. */
export async function syncDockContainers(ctx: SyncContext, dockName: string, tables: TableDef[]): Promise<void> {
  const sum = ctx.summary[tables[0].name];
  const tools = dockTools(ctx, dockName);
  let done = 0;
  await withSink(ctx, tables, { deleteMissing: ctx.full }, async (sink) => {
    await mapPool(tools, ctx.concurrency, async ({ projectId, tool }) => {
      const base = `/buckets/${projectId}/${SEGMENT[dockName]}/${tool.id}`;
      if (dockName === "questionnaire") {
        await readList(ctx, sum, [], `${base}/questions.json`, {}, undefined, (items) => sink.page(items.map((rec) => ({ rec, ctx: { projectId, parentId: id(tool.id) } }))), { done: 0, total: 0 });
      } else {
        const rec = await getOne(ctx, sum, `${base}.json`);
        // A card table's columns come with it.
        const cols = rec && Array.isArray(rec.lists) ? (rec.lists as Json[]).map((col) => ({ rec: col, ctx: { projectId, parentId: id(rec.id) } })) : [];
        if (rec) sink.page((t) => (t === CardTableColumns ? cols : [{ rec, ctx: { projectId } }]));
      }
      done++;
      for (const t of tables) ctx.onProgress?.({ table: t.name, done, total: tools.length });
    });
    sink.finish();
  });
}

/** Campfires: GET /chats.json (active projects) plus the dock chat of other projects in scope. */
export async function syncCampfires(ctx: SyncContext): Promise<void> {
  const sum = ctx.summary[Campfires.name];
  const seen = new Set<string>();
  await withSink(ctx, [Campfires], { deleteMissing: ctx.full }, async (sink) => {
    await readList(ctx, sum, [Campfires.name], "/chats.json", {}, undefined, (items) => {
      const records: Rec[] = [];
      for (const rec of items) {
        const pid = id((rec.bucket as Json | undefined)?.id);
        if (!inScope(ctx, pid)) continue;
        seen.add(String(rec.id));
        records.push({ rec, ctx: { projectId: pid } });
      }
      sink.page(records);
    }, { done: 0, total: 0 });
    for (const d of dockTools(ctx, "chat")) {
      if (seen.has(String(d.tool.id))) continue;
      const rec = await getOne(ctx, sum, `/buckets/${d.projectId}/chats/${d.tool.id}.json`);
      if (rec) sink.page([{ rec, ctx: { projectId: d.projectId } }]);
    }
    sink.finish();
  });
}

/** Lines of every campfire in scope, newest first, down to the watermark (by created_at). */
export async function syncCampfireLines(ctx: SyncContext): Promise<void> {
  const sum = ctx.summary[CampfireLines.name];
  const state = getSyncState(ctx.db, CampfireLines.name, ctx.projectIds);
  const cutoff = cutoffOf(state.watermark, ctx.full);
  const tally = { done: 0, total: 0 };
  const created = (r: Json) => (typeof r.created_at === "string" ? r.created_at : "");
  await withSink(ctx, [CampfireLines], { deleteMissing: ctx.full, timeKey: created }, async (sink) => {
    await mapPool(dockTools(ctx, "chat"), ctx.concurrency, async ({ projectId, tool }) => {
      const lineCtx = { projectId, parentId: id(tool.id) };
      await readList(ctx, sum, [CampfireLines.name], `/buckets/${projectId}/chats/${tool.id}/lines.json`, {}, cutoff, (items) => sink.page(items.map((rec) => ({ rec, ctx: lineCtx }))), tally, created);
    });
    sink.finish();
  });
}

export const DOCK_UNITS: Array<{ dockName: string; tables: TableDef[] }> = [
  { dockName: "todoset", tables: [ToDoSets] },
  { dockName: "message_board", tables: [MessageBoards] },
  { dockName: "schedule", tables: [Schedules] },
  { dockName: "kanban_board", tables: [CardTables, CardTableColumns] },
  { dockName: "questionnaire", tables: [Questions] },
];
