// `campctl api GET|POST|PUT|DELETE <path> [--data JSON]`: any call, the JSON answer printed.
// `campctl api <Operation> [name=value …]` calls an operation by name and `campctl api
// --operations [filter]` lists them (./api-operations.ts).
import { readFileSync } from "node:fs";
import { schemaOf, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { toJson } from "../internal/output.js";
import { withAnyClient } from "./shared.js";

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

export interface ApiOptions {
  data?: string;
  query?: string[];
  page?: string;
  operations?: string | boolean;
}

/** --data: JSON text, `@file.json` (a file) or `-` / `@-` (standard input). */
export function readData(data: string | undefined): unknown {
  if (data === undefined) return undefined;
  let text = data;
  let from = "--data";
  if (data === "-" || data === "@-") {
    text = readFileSync(0, "utf8");
    from = "--data from standard input";
  } else if (data.startsWith("@")) {
    const file = data.slice(1);
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new UsageError(`--data ${data}: cannot read ${JSON.stringify(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give JSON text or @ and a file that exists.`);
    }
    from = `--data ${data}`;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${from} must be JSON: ${(e as Error).message}`);
  }
}

/** --query name=value pairs for a raw call. */
function queryOf(pairs: readonly string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--query takes name=value; got ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export async function runApi(target: string | undefined, rest: string[], o: ApiOptions, g: GlobalOptions): Promise<void> {
  if (o.operations !== undefined) {
    if (target !== undefined) throw new UsageError("--operations lists operations; give it a filter word alone (campctl api --operations todo), not a call.");
    if (schemaOf(g) === "V2") {
      (await import("./bc2-api.js")).runBc2OperationsList(typeof o.operations === "string" ? o.operations : undefined, g);
      return;
    }
    const { runOperationsList } = await import("./api-operations.js");
    runOperationsList(typeof o.operations === "string" ? o.operations : undefined, g);
    return;
  }
  if (target === undefined) throw new UsageError("Give a method and a path (campctl api GET /projects.json) or an operation (campctl api GetTodo todoId=123); campctl api --operations lists the operations.");
  const m = target.toUpperCase();
  if (!(METHODS as readonly string[]).includes(m)) {
    if (/^(\/|https?:\/\/)/i.test(target)) throw new UsageError(`Say the method first: campctl api GET ${target}`);
    if (schemaOf(g) === "V2") {
      // Basecamp 2: its own endpoint names (campctl api --operations lists them).
      const { findBc2Operation, runBc2Operation } = await import("./bc2-api.js");
      if (!findBc2Operation(target) && /^[A-Z]+$/.test(target) && /^(\/|https?:\/\/)/i.test(rest[0] ?? "")) {
        throw new UsageError(`The method must be one of ${METHODS.join(", ")}; got ${JSON.stringify(target)}`);
      }
      await runBc2Operation(target, rest, { query: o.query, page: o.page, body: readData(o.data) }, g);
      return;
    }
    const { findOperation, runOperation } = await import("./api-operations.js");
    // PATCH /x, HEAD /x: a method word before a path, not an operation's name.
    if (!findOperation(target) && /^[A-Z]+$/.test(target) && /^(\/|https?:\/\/)/i.test(rest[0] ?? "")) {
      throw new UsageError(`The method must be one of ${METHODS.join(", ")}; got ${JSON.stringify(target)}`);
    }
    await runOperation(target, rest, { query: o.query, page: o.page, body: readData(o.data) }, g);
    return;
  }
  const [path, ...extra] = rest;
  if (path === undefined || !path.trim()) throw new UsageError(`Give a path, like campctl api ${m} /projects.json`);
  if (extra.length) throw new UsageError(`campctl api ${m} takes one path; got ${rest.length} (${rest.map((r) => JSON.stringify(r)).join(" ")}). Query parameters go in the path or in --query name=value.`);
  if (o.page !== undefined) throw new UsageError("--page is for operations (campctl api ListTodos todolistId=… --page 2); in a raw call, put page=N in the path.");
  const body = readData(o.data);
  const query = queryOf(o.query);
  const url = /^https?:\/\//i.test(path) ? path : path.startsWith("/") ? path : `/${path}`;
  await withAnyClient(g, async (conn) => {
    // Basecamp 2's paths are under {host}/{account}/api/v1, Basecamp 4's under {host}/{account}.
    const data = conn.schema === "V2" ? (await conn.client.road.request(m, url, { body, ...(query ? { query } : {}) })).data : await conn.client.request(m, url, body, query ? { query } : {});
    if (data !== undefined && data !== null && data !== "") process.stdout.write(`${toJson(data)}\n`);
  });
}
