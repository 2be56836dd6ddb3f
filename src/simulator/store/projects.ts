import type { Id, Project, RecType } from "./model.js";
import type { Store } from "./store.js";

const DOCK: Array<{ type: RecType; title: string }> = [
  { type: "Message::Board", title: "Message Board" },
  { type: "Todoset", title: "To-dos" },
  { type: "Vault", title: "Docs & Files" },
  { type: "Chat::Transcript", title: "Campfire" },
  { type: "Schedule", title: "Schedule" },
  { type: "Questionnaire", title: "Automatic Check-ins" },
  { type: "Kanban::Board", title: "Card Table" },
  { type: "Inbox", title: "Email Forwards" },
];

const CARD_COLUMNS: Array<{ type: RecType; title: string; color: string | null }> = [
  { type: "Kanban::Triage", title: "Triage", color: null },
  { type: "Kanban::Column", title: "In progress", color: "blue" },
  { type: "Kanban::NotNowColumn", title: "Not now", color: null },
  { type: "Kanban::DoneColumn", title: "Done", color: null },
];

export interface NewProject {
  name: string;
  description?: string;
  creatorId: Id;
  peopleIds?: Id[];
  createdAt?: number;
  /** Seeding: no change notifications. */
  quiet?: boolean;
}

/**
 * Create a project with its dock (message board, to-dos, docs & files, campfire, schedule,
 * check-ins, card table with its standard columns, email forwards), as Basecamp does.
 */
export function createProject(store: Store, np: NewProject): Project {
  const at = np.createdAt ?? store.now();
  const people = np.peopleIds ?? [np.creatorId];
  if (!people.includes(np.creatorId)) people.unshift(np.creatorId);
  const project: Project = {
    id: store.nextId(),
    status: "active",
    createdAt: at,
    updatedAt: at,
    trashedAt: null,
    name: np.name,
    description: np.description ?? "",
    purpose: "topic",
    clientsEnabled: false,
    timesheetEnabled: false,
    color: null,
    bookmarked: false,
    startDate: null,
    endDate: null,
    admissions: "invite",
    creatorId: np.creatorId,
    peopleIds: people,
    dock: [],
  };
  store.projects.set(project.id, project);
  for (const tool of DOCK) {
    const rec = store.insertRecording(
      {
        type: tool.type,
        bucketId: project.id,
        parentId: null,
        creatorId: np.creatorId,
        title: tool.title,
        enabled: tool.type !== "Inbox",
        createdAt: at,
        inheritsStatus: false,
        subscriberIds: [...people],
        ...(tool.type === "Chat::Transcript" ? { topic: "Campfire" } : {}),
        ...(tool.type === "Schedule" ? { includeDueAssignments: true } : {}),
        ...(tool.type === "Todoset" || tool.type === "Questionnaire" ? { description: "" } : {}),
      },
      { quiet: true },
    );
    if (tool.type === "Kanban::Board") {
      for (const col of CARD_COLUMNS) {
        store.insertRecording(
          { type: col.type, bucketId: project.id, parentId: rec.id, creatorId: np.creatorId, title: col.title, color: col.color, description: "", createdAt: at, subscriberIds: [] },
          { quiet: true },
        );
      }
    }
  }
  if (!np.quiet) store.markDirty();
  return project;
}
