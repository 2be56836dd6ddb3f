// `campctl api GET|POST|PUT|DELETE <path> [--data JSON]`: any call, the JSON answer printed.
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { toJson } from "../internal/output.js";
import { withClient } from "./shared.js";

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

export async function runApi(method: string, path: string, o: { data?: string }, g: GlobalOptions): Promise<void> {
  const m = method.toUpperCase();
  if (!(METHODS as readonly string[]).includes(m)) throw new UsageError(`The method must be one of ${METHODS.join(", ")}; got ${JSON.stringify(method)}`);
  if (!path.trim()) throw new UsageError('Give a path, like campctl api GET /projects.json');
  let body: unknown;
  if (o.data !== undefined) {
    try {
      body = JSON.parse(o.data);
    } catch (e) {
      throw new UsageError(`--data must be JSON: ${(e as Error).message}`);
    }
  }
  const target = /^https?:\/\//i.test(path) ? path : path.startsWith("/") ? path : `/${path}`;
  await withClient(g, async (conn) => {
    const data = await conn.client.request(m, target, body);
    if (data !== undefined && data !== null && data !== "") process.stdout.write(`${toJson(data)}\n`);
  });
}
