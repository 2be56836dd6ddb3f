// The reference (reference/basecamp-operations.json, OpenAPI 3): its operations, and a
// JSON-schema validator for each operation's success response.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

export const REFERENCE_PATH = fileURLToPath(new URL("../../reference/basecamp-operations.json", import.meta.url));

type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** As the reference writes it: `/{accountId}/todos/{todoId}`. */
  path: string;
  tags: string[];
  parameters: Parameter[];
  /** Content type and schema of the request body, when there is one. */
  body?: { contentType: string; schema: Schema; required: boolean };
  /** The 2xx status codes the reference lists, and the JSON schema of each (null: no body). */
  success: { status: number; schema: Schema | null }[];
}

export interface Reference {
  operations: Operation[];
  schemas: Record<string, Schema>;
}

let cached: Reference | undefined;

export function loadReference(): Reference {
  if (cached) return cached;
  const doc = JSON.parse(readFileSync(REFERENCE_PATH, "utf8")) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, Schema> };
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(item)) {
      const method = m.toUpperCase();
      if (!["GET", "POST", "PUT", "DELETE"].includes(method)) continue;
      const op = raw as {
        operationId: string;
        tags?: string[];
        parameters?: Parameter[];
        requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
        responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
      };
      const bodyEntry = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
      const success = Object.entries(op.responses)
        .filter(([code]) => /^2\d\d$/.test(code))
        .map(([code, r]) => ({ status: Number(code), schema: r.content?.["application/json"]?.schema ?? null }));
      operations.push({
        operationId: op.operationId,
        method: method as Operation["method"],
        path,
        tags: op.tags ?? [],
        parameters: [...((item.parameters as unknown as Parameter[]) ?? []), ...(op.parameters ?? [])],
        body: bodyEntry ? { contentType: bodyEntry[0], schema: bodyEntry[1].schema, required: op.requestBody?.required ?? false } : undefined,
        success,
      });
    }
  }
  cached = { operations, schemas: doc.components.schemas };
  return cached;
}

/** Follow `$ref`s to `#/components/schemas/…` until a concrete schema. */
export function resolveSchema(schema: Schema | undefined, schemas: Record<string, Schema>): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 50 && typeof s.$ref === "string"; i++) s = schemas[(s.$ref as string).split("/").pop()!] ?? {};
  return s;
}

/**
 * OpenAPI 3.0 to JSON Schema: `nullable: true` becomes "or null" (the reference marks the
 * fields the docs show as null); `$ref`s point at `#/$defs/…` of one combined schema.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k === "nullable" || k === "example" || k === "discriminator" || k === "xml") continue;
    if (k === "$ref" && typeof v === "string") out.$ref = v.replace("#/components/schemas/", "#/$defs/");
    else if (k === "properties" && v && typeof v === "object") {
      out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, toJsonSchema(s)]));
    } else out[k] = toJsonSchema(v);
  }
  if ((node as Schema).nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/**
 * Fields the API reference prose (reference/basecamp-api.md beside the design) documents as
 * null although the operations file types them without null: `schema.property` → where.
 */
export const DOCUMENTED_NULLS: Record<string, string> = {
  "DockItem.position": "Dock: position (null if disabled)",
  "OutOfOffice.start_date": "out_of_office.md: start_date is null when out of office is not enabled",
  "OutOfOffice.end_date": "out_of_office.md: end_date is null when out of office is not enabled",
};

function withDocumentedNulls(name: string, schema: Schema): Schema {
  const props = schema.properties as Record<string, Schema> | undefined;
  const listed = Object.keys(DOCUMENTED_NULLS).filter((k) => k.startsWith(`${name}.`) && props?.[k.slice(name.length + 1)]);
  if (!props || listed.length === 0) return schema;
  const copy = { ...props };
  for (const k of listed) copy[k.slice(name.length + 1)] = { ...copy[k.slice(name.length + 1)], nullable: true };
  return { ...schema, properties: copy };
}

export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly fns = new Map<string, ValidateFunction>();

  constructor(ref: Reference) {
    const defs = Object.fromEntries(Object.entries(ref.schemas).map(([n, s]) => [n, toJsonSchema(withDocumentedNulls(n, s))]));
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema({ $id: "reference", $defs: defs });
  }

  check(schema: Schema, body: unknown): SchemaCheck {
    const key = JSON.stringify(schema);
    let fn = this.fns.get(key);
    if (!fn) {
      const rewritten = JSON.stringify(toJsonSchema(schema)).replaceAll('"#/$defs/', '"reference#/$defs/');
      fn = this.ajv.compile(JSON.parse(rewritten) as Schema);
      this.fns.set(key, fn);
    }
    if (fn(body)) return { valid: true, errors: [] };
    return { valid: false, errors: (fn.errors ?? []).slice(0, 5).map(describe) };
  }
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || "(root)";
  const extra = e.keyword === "additionalProperties" ? ` ${String(e.params.additionalProperty)}` : "";
  return `${where} ${e.message ?? e.keyword}${extra}`;
}
