// Basecamp 4's tools: every operation of the reference (src/api/generated/operations.ts) with
// its input from generated/tool-inputs.ts, grouped by domain: the reference's tag, except that
// its catch-all tags (Automation, Schedule, and the untagged operations) are split by what the
// operation works on. Uploads (a file's bytes or a multipart form) are left out: a tool's
// arguments are JSON.
import { OPERATIONS } from "../api/generated/operations.js";
import { TOOL_INPUTS } from "../api/generated/tool-inputs.js";
import { BC4_CATALOG } from "../api/operation.js";
import { operationTool, slug, type OperationTool } from "./tools.js";

/** Basecamp 4 operations that send a file, which no tool offers. */
export const BC4_UPLOADS: readonly string[] = Object.entries(OPERATIONS)
  .filter(([, s]) => s.body === "binary" || s.body === "multipart")
  .map(([op]) => op);

/** Tags whose operations are grouped by their name instead (first rule that matches). */
const CATCH_ALL = new Set(["Automation", "Schedule", "Reports"]);
const BY_NAME: [RegExp, string][] = [
  [/Webhook/, "webhooks"],
  [/Question|Answer/, "checkins"],
  [/Template|ProjectConstruction/, "templates"],
  [/Timesheet/, "timesheets"],
  [/Tool$/, "dock"],
  [/LineupMarker|Schedule/, "schedules"],
  [/Recording|^ListEvents$/, "recordings"],
  [/Search/, "search"],
  [/CardColumn/, "cards"],
  [/Todo$/, "todos"],
];
/** Tags named as people say them. */
const RENAMED: Record<string, string> = { "card-tables": "cards", campfire: "campfires", schedule: "schedules", "client-features": "clientside" };

function domainOf(op: string, tag: string): string {
  const named = CATCH_ALL.has(tag) ? BY_NAME.find(([re]) => re.test(op))?.[1] : undefined;
  const d = named ?? slug(tag);
  return RENAMED[d] ?? d;
}

export function bc4Tools(): OperationTool[] {
  return Object.entries(OPERATIONS)
    .filter(([op]) => !BC4_UPLOADS.includes(op))
    .map(([op, s]) => {
      const input = TOOL_INPUTS[op];
      return operationTool(
        {
          op,
          domain: domainOf(op, s.tag),
          method: s.method,
          path: s.path,
          pathParams: s.pathParams,
          query: input.query,
          requiredQuery: input.requiredQuery,
          body: input.body,
          bodyRequired: s.bodyRequired,
          list: s.method === "GET" && s.returns === "list",
        },
        BC4_CATALOG,
      );
    });
}
