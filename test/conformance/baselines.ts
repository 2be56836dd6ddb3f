// The two baselines the conformance test holds the tree to: known gaps of the simulator
// (must shrink) and the operations the client covers (must not shrink).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BasecampClient } from "../../src/api/client.js";
import { tableMethods } from "./client-walk.js";
import { loadReference } from "./reference.js";
import type { WalkReport } from "./walk.js";

export const GAPS_PATH = fileURLToPath(new URL("./known-gaps.json", import.meta.url));
export const CLIENT_BASELINE_PATH = fileURLToPath(new URL("./client-covered.json", import.meta.url));
const RESOURCES_DIR = fileURLToPath(new URL("../../src/api/resources/", import.meta.url));

/** operationId → why it is not served+valid yet. */
export type KnownGaps = Record<string, string>;

export function gapsFrom(report: WalkReport): KnownGaps {
  const gaps: KnownGaps = {};
  for (const r of report.results) {
    if (r.outcome === "valid") continue;
    if (r.outcome === "missing") gaps[r.operationId] = "missing in simulator";
    else if (r.outcome === "invalid") gaps[r.operationId] = `response invalid: ${r.detail[0] ?? "?"}`;
    else gaps[r.operationId] = `failing: ${r.status} ${r.detail[0] ?? ""}`.trim();
  }
  return gaps;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** A path with every parameter as `*`, no `.json`, no account and no `/buckets/*` prefix. */
function shape(path: string): string {
  return path
    .replace(/\$\{[^}]*\}|\{\w+\}/g, "*")
    .replace(/^\/\*(?=\/)/, "")
    .replace(/^\/buckets\/\*(?=\/)/, "")
    .replace(/\.json$/, "")
    .replace(/\.json\?.*$/, "");
}

/**
 * A rough scan: every call in src/api/resources that names a method and a path literal
 * (`read`/`iterate` are GET, `edit` is PUT, `send("X", …)`; a ternary of two methods counts
 * both), matched to the reference by method and path shape.
 */
export function clientCalls(): Set<string> {
  const calls = new Set<string>();
  const call = /\b(read|iterate|send|edit)\s*(?:<[^>(]*>)?\s*\(([^;]{0,200}?)(?:`(\/[^`]*)`|"(\/[^"]*)")/g;
  for (const file of readdirSync(RESOURCES_DIR).filter((f) => f.endsWith(".ts"))) {
    for (const m of inlineHelpers(readFileSync(join(RESOURCES_DIR, file), "utf8")).matchAll(call)) {
      const [, kind, before, tpl, str] = m;
      const path = tpl ?? str;
      let methods: string[];
      if (kind === "read" || kind === "iterate") methods = ["GET"];
      else if (kind === "edit") methods = ["PUT"];
      else methods = [...before.matchAll(/"(GET|POST|PUT|DELETE)"/g)].map((x) => x[1]);
      for (const method of methods) calls.add(`${method} ${shape(path)}`);
    }
  }
  return calls;
}

/** Inline small path helpers (`private base(id): string { return `/buckets/${…}/categories`; }`). */
function inlineHelpers(src: string): string {
  let out = src;
  for (const h of src.matchAll(/private (\w+)\([^)]*\): string \{\s*return (`[^`]*`|"[^"]*");\s*\}/g)) {
    const [, name, literal] = h;
    const body = literal.slice(1, -1);
    out = out
      .replace(new RegExp(`\\$\\{this\\.${name}\\([^)]*\\)\\}`, "g"), body)
      .replace(new RegExp(`\\bthis\\.${name}\\([^)]*\\)`, "g"), `\`${body}\``);
  }
  return out;
}

/** operationIds that a resource's operation table makes a method for (src/api/operation.ts). */
export function tableCoverage(): Set<string> {
  const client = new BasecampClient({ accessToken: "coverage", accountId: 1 });
  return new Set(tableMethods(client).keys());
}

/** operationIds the client serves: by an operation-table method, or a hand-written call of the same method and path shape. */
export function clientCoverage(): string[] {
  const calls = clientCalls();
  const tables = tableCoverage();
  return loadReference()
    .operations.filter((op) => tables.has(op.operationId) || calls.has(`${op.method} ${shape(op.path)}`))
    .map((op) => op.operationId)
    .sort();
}
