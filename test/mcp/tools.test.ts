// The tools campctl mcp offers, as data: one per operation of each API (uploads left out),
// names and argument keys that MCP clients and model APIs accept, schemas that compile, hints
// that follow the method, and the choice of tools by --read-only and --domains.
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { describe, expect, it } from "vitest";
import { BC2_ENDPOINTS } from "../../src/api/bc2/operations.js";
import { OPERATIONS } from "../../src/api/operation.js";
import { chooseTools, domainsOf, operationTools, UnknownDomainError } from "../../src/mcp/select.js";
import { sqlTool } from "../../src/mcp/sql.js";
import { BC2_UPLOADS } from "../../src/mcp/tools-bc2.js";
import { BC4_UPLOADS } from "../../src/mcp/tools-bc4.js";

const ajv = new AjvJsonSchemaValidator();

describe.each([
  ["V3", Object.keys(OPERATIONS), BC4_UPLOADS],
  ["V2", Object.keys(BC2_ENDPOINTS), BC2_UPLOADS],
] as const)("the %s tools", (schema, operations, uploads) => {
  const tools = operationTools(schema);

  it("are every operation of the API but the uploads, each once, named as the API names it", () => {
    expect(uploads.length).toBeGreaterThan(0);
    expect(tools.map((t) => t.op).sort()).toEqual(operations.filter((op) => !uploads.includes(op)).sort());
    expect(new Set(tools.map((t) => t.tool.name)).size).toBe(tools.length);
  });

  it("have names and argument keys MCP clients and model APIs accept, and schemas that compile and check", () => {
    for (const { tool } of tools) {
      expect(tool.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      for (const key of Object.keys(tool.inputSchema.properties as object)) expect(key, tool.name).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
      expect(tool.inputSchema.additionalProperties).toBe(false);
      const check = ajv.getValidator(tool.inputSchema);
      expect(check({ surely_not_an_argument: 1 }).valid, tool.name).toBe(false);
      expect(tool.description.length, tool.name).toBeLessThan(400);
    }
  });

  it("require every path parameter, and take IDs as numbers, strings or Basecamp URLs", () => {
    for (const t of tools) {
      const required = (t.tool.inputSchema.required as string[] | undefined) ?? [];
      for (const p of t.pathParams) expect(required, t.op).toContain(p);
    }
    const getTodo = tools.find((t) => t.op === "GetTodo")!;
    const check = ajv.getValidator(getTodo.tool.inputSchema);
    const ids = schema === "V2" ? { projectId: 1 } : {};
    expect(check({ ...ids, todoId: 12 }).valid).toBe(true);
    expect(check({ ...ids, todoId: "9007199254740993" }).valid).toBe(true);
    expect(check({ ...ids, todoId: false }).valid).toBe(false);
    expect(check({ ...ids }).valid).toBe(false);
  });

  it("hint what they do by method: GET reads, DELETE destroys, PUT and DELETE are idempotent; writes say so", () => {
    const method = (op: string) => (schema === "V3" ? (OPERATIONS as Record<string, { method: string }>)[op].method : (BC2_ENDPOINTS as Record<string, string>)[op].split(" ")[0]);
    for (const t of tools) {
      const m = method(t.op);
      const a = t.tool.annotations;
      expect(a.readOnlyHint, t.op).toBe(m === "GET");
      expect(t.readOnly).toBe(m === "GET");
      if (m === "DELETE") expect(a.destructiveHint, t.op).toBe(true);
      if (m === "GET") expect(a.destructiveHint, t.op).toBe(false);
      expect(a.idempotentHint, t.op).toBe(m !== "POST");
      expect(t.tool.description, t.op).toMatch(m === "GET" ? /Reads only/ : /CHANGES BASECAMP: \w/);
      expect(t.tool.description, t.op).toContain(`(${m} /`);
      expect(t.tool.description, t.op).toMatch(/^\[[a-z-]+\] /);
    }
  });

  it("page lists with limit and cursor, and nothing else", () => {
    for (const t of tools) {
      const props = Object.keys(t.tool.inputSchema.properties as object);
      expect(props.includes("limit"), t.op).toBe(t.list);
      expect(props.includes("cursor"), t.op).toBe(t.list);
    }
    expect(tools.filter((t) => t.list).length).toBeGreaterThan(40);
  });

  it("--read-only keeps exactly the reads, plus basecamp_sql", () => {
    const chosen = chooseTools(schema, { readOnly: true });
    expect(chosen.sql).toBe(true);
    expect(chosen.operations.map((t) => t.op)).toEqual(tools.filter((t) => t.tool.annotations.readOnlyHint).map((t) => t.op));
    expect(chosen.operations.length).toBe(schema === "V3" ? 125 : 61);
    expect(sqlTool(500).annotations.readOnlyHint).toBe(true);
  });
});

describe("Basecamp 4 tool inputs", () => {
  const byName = new Map(operationTools("V3").map((t) => [t.op, t]));

  it("carry the reference's body and query parameters, array ones without their []", () => {
    const create = byName.get("CreateTodo")!;
    const props = create.tool.inputSchema.properties as Record<string, any>;
    expect(create.tool.inputSchema.required).toEqual(["todolistId", "body"]);
    expect(props.body.required).toEqual(["content"]);
    expect(Object.keys(props.body.properties)).toEqual(expect.arrayContaining(["content", "assignee_ids", "due_on", "notify"]));
    const overdue = byName.get("GetEverythingOverdueTodos") ?? byName.get("ListRecordings")!;
    expect(Object.keys(overdue.tool.inputSchema.properties as object).some((k) => k.endsWith("[]"))).toBe(false);
    const recordings = byName.get("ListRecordings")!;
    expect(recordings.tool.inputSchema.required).toEqual(["type"]);
    expect(recordings.queryParams).toEqual(expect.arrayContaining(["type", "bucket", "status", "sort", "direction"]));
  });

  it("group operations into domains people know, and no domain is a catch-all", () => {
    const domains = domainsOf("V3");
    for (const d of ["projects", "todos", "cards", "messages", "campfires", "schedules", "files", "people", "timesheets", "reports", "clientside", "account", "webhooks", "checkins", "sql"]) expect(domains.has(d), d).toBe(true);
    for (const [d, n] of domains) expect(n, d).toBeLessThanOrEqual(25);
    expect(byName.get("CreateWebhook")!.domain).toBe("webhooks");
    expect(byName.get("PauseQuestion")!.domain).toBe("checkins");
    expect(byName.get("RepositionTodo")!.domain).toBe("todos");
    expect(byName.get("GetOverdueTodos")!.domain).toBe("reports");
  });
});

describe("Basecamp 2 tool inputs", () => {
  const byName = new Map(operationTools("V2").map((t) => [t.op, t]));

  it("take bodies and queries from the client's types: required fields, enums, and a required since", () => {
    const events = byName.get("ListEvents")!;
    expect(events.tool.inputSchema.required).toEqual(["since"]);
    const create = byName.get("CreateTodo")!;
    const body = (create.tool.inputSchema.properties as Record<string, any>).body;
    expect(body.required).toEqual(["content"]);
    expect(body.properties.assignee.properties.type.enum).toEqual(["Person", "Group"]);
    const sort = (byName.get("ListAttachments")!.tool.inputSchema.properties as Record<string, any>).sort;
    expect(sort.enum).toEqual(expect.arrayContaining(["az", "biggest", "newest"]));
    const check = ajv.getValidator(create.tool.inputSchema);
    expect(check({ projectId: 1, todolistId: 2, body: { content: "x", assignee: { id: 5, type: "Person" } } }).valid).toBe(true);
    expect(check({ projectId: 1, todolistId: 2, body: { content: "x", assignee: { id: 5, type: "Robot" } } }).valid).toBe(false);
    // Bodiless writes take no body.
    expect(Object.keys(byName.get("StarProject")!.tool.inputSchema.properties as object)).toEqual(["projectId"]);
  });

  it("take tags and sections as plain words, not IDs", () => {
    const tagged = ajv.getValidator(byName.get("ListTaggedAttachments")!.tool.inputSchema);
    expect(tagged({ tag: "design-review" }).valid).toBe(true);
    expect(tagged({ tag: "two words" }).valid).toBe(false);
    const comment = byName.get("CreateComment")!.tool.inputSchema.properties as Record<string, any>;
    expect(comment.section.type).toBe("string");
  });

  it("group endpoints by the docs' sections", () => {
    expect([...domainsOf("V2").keys()].sort()).toEqual(["comments", "documents", "events", "files", "groups", "messages", "people", "project-templates", "projects", "schedules", "sql", "tags", "todolists", "todos"]);
  });
});

describe("--domains", () => {
  it("narrows to the named domains in any case; sql only when named", () => {
    const chosen = chooseTools("V3", { domains: ["TODOS", " cards "] });
    expect(new Set(chosen.operations.map((t) => t.domain))).toEqual(new Set(["todos", "cards"]));
    expect(chosen.sql).toBe(false);
    const sqlOnly = chooseTools("V3", { domains: ["sql"] });
    expect(sqlOnly).toEqual({ operations: [], sql: true });
  });

  it("refuses an unknown or empty list, suggesting the closest domain and naming them all", () => {
    expect(() => chooseTools("V3", { domains: ["todo"] })).toThrow(UnknownDomainError);
    expect(() => chooseTools("V3", { domains: ["todo"] })).toThrow(/"todo" is not a domain of Basecamp 4; did you mean todos\? The domains are .*cards.*sql/);
    expect(() => chooseTools("V2", { domains: ["cards"] })).toThrow(/not a domain of Basecamp 2/);
    expect(() => chooseTools("V3", { domains: ["", " "] })).toThrow(/names no domain/);
  });
});
