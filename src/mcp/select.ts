// Which tools a server offers: the connection's API (Basecamp 4 on V3, Basecamp 2 on V2), plus
// basecamp_sql, narrowed by --read-only and --domains. Works without signing in, so a wrong
// domain name is reported before anything starts.
import { closestKey } from "../config/suggest.js";
import { SQL_DOMAIN } from "./sql.js";
import { bc2Tools } from "./tools-bc2.js";
import { bc4Tools } from "./tools-bc4.js";
import type { OperationTool } from "./tools.js";

export interface ToolChoice {
  /** Only tools that change nothing (reads and basecamp_sql). */
  readOnly?: boolean;
  /** Only these domains (any case); "sql" is basecamp_sql's. */
  domains?: readonly string[];
}

export interface ChosenTools {
  operations: OperationTool[];
  sql: boolean;
}

/** A --domains list that names no domain of this API. */
export class UnknownDomainError extends Error {
  override name = "UnknownDomainError";
}

const cache = new Map<string, OperationTool[]>();

/** Every operation tool of one API. */
export function operationTools(schema: "V2" | "V3"): OperationTool[] {
  let tools = cache.get(schema);
  if (!tools) cache.set(schema, (tools = schema === "V2" ? bc2Tools() : bc4Tools()));
  return tools;
}

/** The domains of one API (and "sql"), with how many tools each has. */
export function domainsOf(schema: "V2" | "V3"): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of operationTools(schema)) counts.set(t.domain, (counts.get(t.domain) ?? 0) + 1);
  counts.set(SQL_DOMAIN, 1);
  return counts;
}

export function chooseTools(schema: "V2" | "V3", choice: ToolChoice = {}): ChosenTools {
  let wanted: Set<string> | undefined;
  if (choice.domains !== undefined) {
    const known = [...domainsOf(schema).keys()];
    const names = choice.domains.map((d) => d.trim().toLowerCase()).filter((d) => d !== "");
    const api = schema === "V2" ? "Basecamp 2" : "Basecamp 4";
    if (names.length === 0) throw new UnknownDomainError(`--domains names no domain: give some of ${known.join(", ")}`);
    for (const name of names) {
      if (known.includes(name)) continue;
      const near = closestKey(name, known);
      throw new UnknownDomainError(`${JSON.stringify(name)} is not a domain of ${api}${near ? `; did you mean ${near}?` : ""} The domains are ${known.join(", ")}.`);
    }
    wanted = new Set(names);
  }
  const operations = operationTools(schema).filter((t) => (!wanted || wanted.has(t.domain)) && (!choice.readOnly || t.readOnly));
  return { operations, sql: !wanted || wanted.has(SQL_DOMAIN) };
}
