// Finding a record an earlier attempt may already have created: made by the signed-in
// person, under the same parent, with the same title, since the attempt was sent (minus a
// margin for clock differences), and not already claimed by another outbox entry.
import type { BasecampClient, RecordingType } from "../../api/index.js";
import type { Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import { dockId, toId, toStr } from "./handler-kit.js";
import type { OutboxEntry } from "./outbox.js";
import { refetched, type ReplicaChange } from "./replica-sync.js";

/** How far before sent_at a record may be dated and still count (clock skew). */
export const LOOKUP_MARGIN_MS = 2 * 60_000;
/** At most this many newest records are looked at. */
const MAX_SCAN = 500;

type Rec = Record<string, unknown> & { id: Id; created_at?: string };

interface RecordingLookup {
  type: RecordingType;
  parentKey: string;
  /** The record field holding what the payload's `titleKey` was. */
  field: string;
  titleKey: string;
}

const RECORDING_LOOKUPS: Record<string, RecordingLookup> = {
  ToDos: { type: "Todo", parentKey: "ToDoListId", field: "content", titleKey: "Content" },
  ToDoLists: { type: "Todolist", parentKey: "ToDoSetId", field: "name", titleKey: "Name" },
  Messages: { type: "Message", parentKey: "MessageBoardId", field: "subject", titleKey: "Subject" },
  Comments: { type: "Comment", parentKey: "ParentId", field: "content", titleKey: "Content" },
  Documents: { type: "Document", parentKey: "VaultId", field: "title", titleKey: "Title" },
  CalendarEvents: { type: "Schedule::Entry", parentKey: "ScheduleId", field: "summary", titleKey: "Summary" },
  CardTableCards: { type: "Kanban::Card", parentKey: "ColumnId", field: "title", titleKey: "Title" },
};

const norm = (s: unknown) =>
  toStr(s)
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
const same = (a: unknown, b: unknown) => toStr(a) === toStr(b) || norm(a) === norm(b);
const idOfObj = (v: unknown) => (v && typeof v === "object" ? (v as { id?: unknown }).id : undefined);
const sameId = (a: unknown, b: unknown) => a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b);

function adoptedIds(db: Db, table: string, self: number): Set<string> {
  const rows = db.prepare("SELECT result_id FROM sys_outbox WHERE table_name = ? AND result_id IS NOT NULL AND id <> ?").all(table, self) as Array<{ result_id: bigint }>;
  return new Set(rows.map((r) => String(r.result_id)));
}

/**
 * The record an earlier attempt of this create made, with the replica change that adopts
 * it, or null when there is none (then the create must be sent again).
 */
export async function findCreated(db: Db, client: BasecampClient, entry: OutboxEntry, signal?: AbortSignal): Promise<{ id: Id; change: ReplicaChange } | null> {
  const p = entry.payload;
  const cutoff = Date.parse(entry.sentAt ?? entry.createdAt) - LOOKUP_MARGIN_MS;
  const me = (await client.people.me({ signal })).id;
  const taken = adoptedIds(db, entry.table, entry.id);
  const fresh = (r: Rec) => r.created_at !== undefined && Date.parse(r.created_at) >= cutoff;
  const ok = (r: Rec, parentOk: boolean) => parentOk && fresh(r) && !taken.has(String(r.id)) && (idOfObj(r.creator) === undefined || sameId(idOfObj(r.creator), me));
  let found: Rec | undefined;
  let ctx: { parentId?: Id } | undefined;

  const rl = RECORDING_LOOKUPS[entry.table];
  if (rl) {
    const parent = p[rl.parentKey];
    const bucket = p.ProjectId != null ? toId(p.ProjectId, "ProjectId") : undefined;
    const it = client.recordings.list<Rec & import("../../api/types.js").Recording>(rl.type, { bucket, sort: "created_at", direction: "desc", maxItems: MAX_SCAN, signal });
    for await (const r of it) {
      if (!fresh(r)) break;
      const parentOk = parent != null ? sameId(idOfObj(r.parent), parent) : sameId(idOfObj(r.bucket), p.ProjectId);
      if (ok(r, parentOk) && same(r[rl.field] ?? r.title, p[rl.titleKey])) {
        found = r;
        break;
      }
    }
  } else if (entry.table === "CampfireLines") {
    const campfire = p.CampfireId != null ? toId(p.CampfireId, "CampfireId") : await dockId(client, p.ProjectId, "chat", "campfire", signal);
    ctx = { parentId: campfire };
    for await (const r of client.campfires.lines(campfire, { sort: "created_at", direction: "desc", maxItems: MAX_SCAN, signal })) {
      const rec = r as unknown as Rec;
      if (!fresh(rec)) break;
      if (ok(rec, true) && same(r.content, p.Content)) {
        found = rec;
        break;
      }
    }
  } else if (entry.table === "CardTableColumns") {
    const table = p.CardTableId != null ? toId(p.CardTableId, "CardTableId") : await dockId(client, p.ProjectId, "kanban_board", "card table", signal);
    ctx = { parentId: table };
    const t = await client.cardTables.get(table, { signal });
    found = (t.lists as unknown as Rec[]).filter((c) => ok(c, true) && same(c.title, p.Title)).pop();
  } else if (entry.table === "TimesheetEntries") {
    // Same recording, day, hours and description, logged by us (or for the person given).
    const recording = toId(p.RecordingId, "RecordingId");
    const person = p.PersonId != null ? p.PersonId : me;
    for await (const r of client.timesheets.forRecording(recording, { maxItems: MAX_SCAN, signal })) {
      const rec = r as unknown as Rec;
      const hoursOk = Number(rec.hours) === Number(p.Hours) || toStr(rec.hours) === toStr(p.Hours);
      if (ok(rec, sameId(idOfObj(rec.person), person)) && toStr(rec.date) === toStr(p.Date) && hoursOk && norm(rec.description) === norm(p.Description)) found = rec;
    }
  } else if (entry.table === "Boosts") {
    const recording = toId(p.RecordingId, "RecordingId");
    ctx = { parentId: recording };
    for await (const r of client.boosts.list(recording, { maxItems: MAX_SCAN, signal })) {
      const rec = r as unknown as Rec;
      if (ok(rec, sameId(idOfObj(rec.booster), me)) && same(rec.content, p.Content)) found = rec;
    }
  } else if (entry.table === "Projects") {
    for await (const r of client.projects.list({ signal })) {
      const rec = r as unknown as Rec;
      if (ok(rec, true) && same(r.name, p.Name)) {
        found = rec;
        break;
      }
    }
  }
  if (!found) return null;
  // Read it again: list answers can be shorter than a record's own page.
  const upserts = await refetched(client, entry.table, found.id, signal, ctx);
  return { id: found.id, change: { upserts: upserts.length ? upserts : [{ table: entry.table, records: [found], ctx }], deletes: [] } };
}
