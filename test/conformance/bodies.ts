// The smallest plausible request body for an operation, built from its requestBody schema:
// required properties with values that fit their names (dates, URLs, person IDs, …).
import { resolveSchema, type Operation } from "./reference.js";

type Schema = Record<string, unknown>;

/** IDs and tokens a body may need, picked from the seeded simulator. */
export interface BodyContext {
  personId: string;
  projectId: string;
  /** The recording the path names last (the one being acted on). */
  recordingId?: string;
  /** IDs by reference path parameter name, as filled into the path. */
  pathIds: Record<string, string>;
  /** A column, a card table, a step, … of the same bucket, by simulator record type. */
  sibling(type: string): string | undefined;
  attachableSgid?: string;
  /** A record of this simulator type in another bucket (a wormhole's destination column). */
  elsewhere?(type: string): string | undefined;
  /** An open to-do assigned to the walking person (for "Up next" priorities). */
  myAssignment?: string;
}

const today = new Date().toISOString().slice(0, 10);
const inAnHour = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** Values for properties the schema names but does not describe well enough on its own. */
function byName(name: string, ctx: BodyContext, opId: string): unknown {
  switch (name) {
    case "date":
    case "group_on":
      return today;
    case "starts_at":
      return inAnHour(1);
    case "ends_at":
      return inAnHour(2);
    case "hours":
      return "1.5";
    case "color":
      return "blue";
    case "icon":
      return "📣";
    case "frequency":
      return "every_day";
    case "days":
      return [1, 2, 3, 4, 5];
    case "hour":
      return 9;
    case "minute":
      return 0;
    case "completion":
      return "on";
    case "types":
      return ["Todo"];
    case "position":
      return 1;
    case "readables":
      return ctx.recordingId ? [`Recording/${ctx.recordingId}`] : [];
    case "attachable_sgid":
      return ctx.attachableSgid ?? "missing-sgid";
    case "column_id":
      return Number(ctx.sibling("Kanban::Column") ?? 1);
    case "destination_recording_id":
      return Number(ctx.elsewhere?.("Kanban::Column") ?? ctx.sibling("Kanban::Column") ?? 1);
    case "person_id":
      return Number(ctx.personId);
    case "id":
      if (opId === "PrioritizeAssignment") return Number(ctx.myAssignment ?? 1);
      return Number(ctx.recordingId ?? 1);
    case "source_id":
      if (opId === "ReorderUpNext") return Number(ctx.myAssignment ?? 1);
      if (opId === "MoveCardColumn") return Number(ctx.sibling("Kanban::Column") ?? 1);
      if (opId === "RepositionCardStep") return Number(ctx.sibling("Kanban::Step") ?? 1);
      return Number(ctx.recordingId ?? 1);
    case "target_id":
      return Number(ctx.pathIds.cardTableId ?? 1);
    case "tool_type":
      return "Message::Board";
    case "service":
      return "dropbox";
    case "document_type":
      return "doc";
  }
  if (/(_on|_date)$/.test(name)) return today;
  if (/_at$/.test(name)) return inAnHour(1);
  if (/(^|_)url$/.test(name)) return "https://example.com/conformance";
  if (/email/.test(name)) return "conformance@example.com";
  if (/^(assignee|completion_subscriber|participant|subscriber|people)_ids$|^subscriptions$/.test(name)) return [Number(ctx.personId)];
  if (name === "project_ids") return [Number(ctx.projectId)];
  return undefined;
}

function valueFor(name: string, schema: Schema, ctx: BodyContext, opId: string, refs: Record<string, Schema>, depth: number): unknown {
  const s = resolveSchema(schema, refs);
  const named = byName(name, ctx, opId);
  if (named !== undefined) return named;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  switch (s.type) {
    case "object":
      return objectFor(s, ctx, opId, refs, depth + 1);
    case "array":
      return [];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    default:
      return name === "content" ? "<div>Conformance walk</div>" : `Conformance ${name}`;
  }
}

function objectFor(s: Schema, ctx: BodyContext, opId: string, refs: Record<string, Schema>, depth: number): Record<string, unknown> {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  let names = Array.isArray(s.required) ? [...(s.required as string[])] : [];
  // No required fields (an update): send the first described field, so the body says something.
  if (names.length === 0 && depth === 0) names = Object.keys(props).slice(0, 1);
  // A nested object without required fields: the fields we know plausible values for, else all.
  if (names.length === 0 && depth > 0) {
    const known = Object.keys(props).filter((n) => byName(n, ctx, opId) !== undefined);
    names = known.length > 0 ? known : Object.keys(props);
  }
  const out: Record<string, unknown> = {};
  if (depth > 3) return out;
  for (const n of names) out[n] = valueFor(n, props[n] ?? {}, ctx, opId, refs, depth);
  return out;
}

/** Extra fields an operation needs beyond what its schema requires (the schema is silent). */
const EXTRA = (ctx: BodyContext): Record<string, Record<string, unknown>> => ({
  ReplaceDocument: { title: "Conformance document", content: "<div>Walk</div>" },
  ReplaceScheduleEntry: { summary: "Conformance entry" },
  UpdateProjectAccess: { grant: [Number(ctx.personId)] },
  UpdateVault: { title: "Conformance folder" },
  UpdateCardColumn: { title: "Conformance column" },
  CreateCardStep: { title: "Conformance step" },
  CreateCard: { title: "Conformance card" },
  CreateCardColumn: { title: "Conformance column" },
  CreateDocument: { title: "Conformance document", content: "<div>Walk</div>" },
  CreateVault: { title: "Conformance folder" },
  UpdateTool: { title: "Conformance tool" },
  UpdateMyPreferences: { person: { time_zone_name: "America/Chicago", first_week_day: "Monday", time_format: "twenty_four_hour" } },
  CreateChatbot: { service_name: "walkbot" },
  UpdateChatbot: { service_name: "walkbot2" },
  CreateCloudFile: { url: "https://www.dropbox.com/s/conformance/walk.pdf" },
  UpdateCloudFile: { url: "https://www.dropbox.com/s/conformance/walk-2.pdf" },
  CreateGoogleDocument: { url: "https://docs.google.com/document/d/conformance/edit" },
  UpdateGoogleDocument: { url: "https://docs.google.com/document/d/conformance-2/edit" },
  CreateRecordingBoost: { content: "Nice walk!" },
  CreateEventBoost: { content: "🎉" },
});

export interface PreparedBody {
  body: string | Uint8Array | FormData;
  contentType?: string;
}

export function bodyFor(op: Operation, ctx: BodyContext, refs: Record<string, Schema>): PreparedBody | undefined {
  if (!op.body) return undefined;
  const ct = op.body.contentType;
  if (ct === "application/octet-stream") return { body: new TextEncoder().encode("conformance walk\n"), contentType: "text/plain" };
  if (ct === "multipart/form-data") {
    const form = new FormData();
    const props = (resolveSchema(op.body.schema, refs).properties ?? {}) as Record<string, Schema>;
    for (const [name, p] of Object.entries(props)) {
      if (p.format === "binary") form.set(name, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" }), "logo.png");
    }
    return { body: form };
  }
  const obj = { ...objectFor(resolveSchema(op.body.schema, refs), ctx, op.operationId, refs, 0), ...EXTRA(ctx)[op.operationId] };
  return { body: JSON.stringify(obj), contentType: "application/json; charset=utf-8" };
}
