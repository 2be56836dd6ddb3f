// What the simulator holds, table by table, for comparing a replica against it.
import type { InProcessSimulator } from "../../src/simulator/index.js";

type Rec = ReturnType<InProcessSimulator["store"]["recordings"]["get"]> & object;

const RECORDING_TABLES: Record<string, (r: Rec, parentType: string | undefined) => boolean> = {
  ToDos: (r) => r.type === "Todo",
  ToDoLists: (r, pt) => r.type === "Todolist" && pt !== "Todolist",
  ToDoListGroups: (r, pt) => r.type === "Todolist" && pt === "Todolist",
  Messages: (r) => r.type === "Message",
  Comments: (r) => r.type === "Comment",
  Documents: (r) => r.type === "Document",
  Vaults: (r) => r.type === "Vault",
  Uploads: (r) => r.type === "Upload",
  CalendarEvents: (r) => r.type === "Schedule::Entry",
  CardTableCards: (r) => r.type === "Kanban::Card",
  CardTableSteps: (r) => r.type === "Kanban::Step",
  QuestionAnswers: (r) => r.type === "Question::Answer",
};

const DOCK: Record<string, string> = { ToDoSets: "Todoset", MessageBoards: "Message::Board", Schedules: "Schedule", CardTables: "Kanban::Board", Campfires: "Chat::Transcript" };
const COLUMN_TYPES = ["Kanban::Column", "Kanban::Triage", "Kanban::NotNowColumn", "Kanban::DoneColumn"];

/** Expected ids per table (strings, sorted), from the simulator's store. */
export function expectedIds(sim: InProcessSimulator, projectIds?: bigint[]): Record<string, string[]> {
  const store = sim.store;
  const projects = [...store.projects.values()].filter((p) => !store.isPurgeable(p) && (!projectIds || projectIds.includes(p.id)));
  const live = new Set(projects.map((p) => p.id));
  const out: Record<string, string[]> = {};
  const add = (t: string, id: bigint) => (out[t] ??= []).push(String(id));
  for (const t of [...Object.keys(RECORDING_TABLES), ...Object.keys(DOCK), "CardTableColumns", "Questions", "CampfireLines", "ProjectTools"]) out[t] = [];
  for (const r of store.recordings.values()) {
    if (!live.has(r.bucketId) || store.isPurgeable(r)) continue;
    const pt = r.parentId !== null ? store.recordings.get(r.parentId)?.type : undefined;
    for (const [t, match] of Object.entries(RECORDING_TABLES)) if (match(r, pt)) add(t, r.id);
  }
  for (const p of projects) {
    for (const toolId of p.dock) {
      const tool = store.recordings.get(toolId)!;
      add("ProjectTools", toolId);
      if (tool.enabled === false) continue;
      for (const [t, type] of Object.entries(DOCK)) if (tool.type === type) add(t, toolId);
      const kids = store.childrenOf(toolId).filter((c) => c.status === "active");
      if (tool.type === "Kanban::Board") for (const c of kids) if (COLUMN_TYPES.includes(c.type)) add("CardTableColumns", c.id);
      if (tool.type === "Questionnaire") for (const c of kids) if (c.type === "Question") add("Questions", c.id);
      if (tool.type === "Chat::Transcript") for (const c of kids) if (c.type.startsWith("Chat::Lines::")) add("CampfireLines", c.id);
    }
  }
  out.Projects = projectIds ? projects.map((p) => String(p.id)) : projects.map((p) => String(p.id));
  if (!projectIds) out.People = [...store.people.values()].map((p) => String(p.id));
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}
