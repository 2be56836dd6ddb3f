// The walk again, this time through the typed client: every operation that a resource method
// is made for (an operation table, src/api/operation.ts) is called through that method, with
// the same IDs and bodies as the raw walk, and its answer validated the same way.
import { BasecampClient } from "../../src/api/client.js";
import { OPERATIONS, RESOURCE_OPERATIONS, type OperationId } from "../../src/api/operation.js";
import { BasecampError } from "../../src/http/errors.js";
import { stringifyJson } from "../../src/simulator/internal/json.js";
import type { Operation } from "./reference.js";
import type { Answer, PreparedCall, WalkTarget } from "./walk.js";

/** operation name → the client resource and method made for it (any client whose resources come from operation tables). */
export function tableMethods(client: object): Map<string, { resource: string; method: string }> {
  const out = new Map<string, { resource: string; method: string }>();
  for (const [resource, value] of Object.entries(client)) {
    if (!value || typeof value !== "object") continue;
    for (let ctor = value.constructor; ctor && ctor !== Object; ctor = Object.getPrototypeOf(ctor)) {
      const table = RESOURCE_OPERATIONS.get(ctor);
      if (table) for (const [method, op] of Object.entries(table)) if (!out.has(op)) out.set(op, { resource, method });
    }
  }
  return out;
}

/** JSON as the validator reads it: exact bigint IDs become numbers (only their type is checked). */
function plain(data: unknown): unknown {
  return data === undefined ? undefined : JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)));
}

function bodyArg(call: PreparedCall): unknown {
  const b = call.body?.body;
  if (b === undefined) return undefined;
  if (typeof b === "string") return JSON.parse(b);
  if (b instanceof Uint8Array) return { bytes: b, contentType: call.body?.contentType ?? "application/octet-stream" };
  return b;
}

/** A `send` for the walk that goes through the client's table-made methods. */
export function clientSender(t: Pick<WalkTarget, "apiUrl" | "accountId" | "token" | "fetch">): { client: BasecampClient; send: NonNullable<WalkTarget["send"]> } {
  let lastStatus = 0;
  const client = new BasecampClient({
    accessToken: t.token,
    accountId: t.accountId,
    apiBaseUrl: t.apiUrl,
    userAgent: "basecamp-connector client walk (dev@example.com)",
    maxRetries: 0,
    rateLimit: null,
    cache: false,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await t.fetch(String(input instanceof Request ? input.url : input), init ?? {});
      lastStatus = res.status;
      return res;
    }) as typeof fetch,
  });
  const methods = tableMethods(client);
  const send = async (op: Operation, call: PreparedCall): Promise<Answer | undefined> => {
    const where = methods.get(op.operationId);
    if (!where) return undefined;
    const spec = OPERATIONS[op.operationId as OperationId];
    const fn = (client as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[where.resource][where.method];
    const args: unknown[] = spec.pathParams.map((p) => call.ids[p]);
    const query = Object.fromEntries(call.query);
    try {
      if (spec.method === "GET" && spec.returns === "list") {
        const items: unknown[] = [];
        for await (const item of fn(...args, { query }) as AsyncIterable<unknown>) items.push(item);
        return { status: lastStatus, json: plain(items), text: "", contentType: "application/json" };
      }
      if (spec.body !== null) args.push(bodyArg(call));
      const data = await fn(...args, { query });
      // The text keeps IDs exact (`plain` rounds those above 2^53): the walk reads created IDs from it.
      return { status: lastStatus, json: plain(data), text: data === undefined ? "" : stringifyJson(data), contentType: data === undefined ? undefined : "application/json" };
    } catch (e) {
      if (!(e instanceof BasecampError) || e.status === undefined) throw e;
      return { status: e.status, json: { error: e.message }, text: e.message };
    }
  };
  return { client, send };
}
