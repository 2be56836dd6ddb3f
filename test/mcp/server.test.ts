// The MCP server in-process: the SDK's own client talks to createMcpServer() over a linked pair
// of in-memory transports, on a Connection to the sandbox (an embedded simulator). Tools call
// the real API, lists page with cursors, writes change the simulator, basecamp_sql reads the
// replica (SQLite and PostgreSQL), and every mistake comes back as a clear MCP error.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonExact } from "../../src/http/json.js";
import { createMcpServer, type McpServerOptions } from "../../src/mcp/server.js";
import { connect, type Connection } from "../../src/sql/index.js";
import { postgresUrl, REPLICAS, usePostgres, type ReplicaKind } from "../sql/fixtures/replicas.js";

usePostgres();

type Result = { content: { type: string; text: string }[]; structuredContent?: Record<string, any>; isError?: boolean };

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

async function sandbox(kind: ReplicaKind = "sqlite", schema = "V3", extra = ""): Promise<Connection> {
  const dir = mkdtempSync(join(tmpdir(), "mcp-"));
  const replica = kind === "sqlite" ? `Replica='${join(dir, "replica.sqlite")}'` : `Replica='${postgresUrl()}';ReplicaSchema=mcp_${process.pid}_${closers.length}`;
  const conn = await connect(`Sandbox=true;Schema=${schema};${replica}${extra}`, { dataDir: dir, configDir: dir, env: {} });
  closers.push(() => conn.close());
  return conn;
}

async function serve(conn: Connection, options: McpServerOptions = {}): Promise<Client> {
  const server = createMcpServer(conn, options);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(b);
  closers.push(async () => {
    await client.close();
    await server.close();
  });
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as Result;
/** A successful result's JSON (exact: IDs past 2^53 keep every digit). */
function ok(r: Result): any {
  expect(r.isError, r.content[0]?.text).toBeFalsy();
  return parseJsonExact(r.content[0].text);
}
const resourceText = async (client: Client, uri: string) => ((await client.readResource({ uri })).contents[0] as { text: string }).text;
const protocolCode = (p: Promise<unknown>) => p.then(() => "resolved", (e: { code?: number }) => e.code);

describe("campctl mcp's server on Basecamp 4 (sandbox)", () => {
  let conn: Connection;
  let client: Client;
  beforeAll(async () => {
    conn = await sandbox();
    client = await serve(conn);
  });

  it("answers a read tool with the record the typed client gets, IDs past 2^53 exact in the text", async () => {
    const project = (await conn.client.projects.list().toArray()).find((p) => BigInt(p.id) > 2n ** 53n)!;
    expect(project).toBeDefined();
    const got = ok(await call(client, "GetProject", { projectId: String(project.id) }));
    expect(got).toEqual(project);
    expect(typeof got.id).toBe("bigint");
    // Structured content is parsed by JSON.parse: the big ID travels as a string there.
    const structured = (await call(client, "GetProject", { projectId: project.app_url })).structuredContent!;
    expect(structured.id).toBe(String(project.id));
    expect(structured.name).toBe(project.name);
  });

  it("pages a list with limit and cursor: the same items, in order, as the client's iterator", async () => {
    const all = await conn.client.paginateOperation("ListRecordings", { query: { type: "Todo" } }).toArray();
    expect(all.length).toBeGreaterThan(45); // past the simulator's first pages (15, then 30)
    const seen: unknown[] = [];
    let r = ok(await call(client, "ListRecordings", { type: "Todo", limit: 7 }));
    let calls = 1;
    for (;;) {
      seen.push(...r.items);
      expect(r.count).toBe(r.items.length);
      expect(r.totalCount).toBe(all.length);
      if (!r.nextCursor) break;
      expect(r.items).toHaveLength(7);
      r = ok(await call(client, "ListRecordings", { type: "Todo", cursor: r.nextCursor }));
      calls++;
    }
    expect(seen).toEqual(all);
    expect(calls).toBe(Math.ceil(all.length / 7));
    // Without limit: 50 at most.
    const first = ok(await call(client, "ListRecordings", { type: "Todo" }));
    expect(first.items).toEqual(all.slice(0, 50));
  });

  it("caps a list Basecamp answers in one piece, and goes on from inside it", async () => {
    const everyone = await conn.client.paginateOperation("ListPingablePeople", {}).toArray();
    expect(everyone.length).toBeGreaterThan(3);
    const a = ok(await call(client, "ListPingablePeople", { limit: 2 }));
    expect(a.items).toEqual(everyone.slice(0, 2));
    const b = ok(await call(client, "ListPingablePeople", { cursor: a.nextCursor, limit: 500 }));
    expect(b.items).toEqual(everyone.slice(2));
    expect(b.nextCursor).toBeUndefined();
  });

  it("refuses a cursor it never handed out, or one of another tool, as a protocol error", async () => {
    expect(await protocolCode(client.callTool({ name: "ListPeople", arguments: { cursor: "made-up" } }))).toBe(-32602);
    const a = ok(await call(client, "ListPeople", { limit: 1 }));
    expect(await protocolCode(client.callTool({ name: "ListProjects", arguments: { cursor: a.nextCursor } }))).toBe(-32602);
  });

  it("writes through a write tool: CreateTodo makes the to-do in Basecamp", async () => {
    const project = (await conn.client.projects.list().toArray())[0];
    const todoset = project.dock.find((d) => d.name === "todoset")!;
    const list = (await conn.client.paginateOperation("ListTodolists", { path: { todosetId: todoset.id } }).toArray())[0];
    const made = ok(await call(client, "CreateTodo", { todolistId: String(list.id), body: { content: "Written by an assistant", due_on: "2027-01-15" } }));
    expect(made.content).toBe("Written by an assistant");
    const fetched = await conn.client.todos.get(made.id);
    expect(fetched.parent.id).toEqual(list.id);
    expect(fetched.content).toBe("Written by an assistant");
    expect(fetched.due_on).toBe("2027-01-15");
  });

  it("sends array query parameters as Basecamp wants them (assignee_ids → assignee_ids[])", async () => {
    const people = await conn.client.people.list().toArray();
    const r = ok(await call(client, "GetOverdueTodos", {}));
    expect(r).toBeTypeOf("object");
    const filtered = ok(await call(client, "GetEverythingOverdueTodos", { assignee_ids: [Number(people[0].id)], limit: 500 }));
    for (const t of filtered.items) expect(t.assignees.map((a: { id: unknown }) => String(a.id))).toContain(String(people[0].id));
  });

  it("answers bad arguments, missing records and refused writes as tool errors, never a crash", async () => {
    const wrongType = await call(client, "GetTodo", { todoId: true });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.content[0].text).toMatch(/^InvalidArguments: GetTodo: .*todoId must be integer,string/);
    const extra = await call(client, "GetTodo", { todoId: 1, color: "red" });
    expect(extra.content[0].text).toMatch(/must NOT have additional properties/);
    const missing = await call(client, "CreateTodo", { todolistId: 1 });
    expect(missing.content[0].text).toMatch(/must have required property 'body'/);
    const badUrl = await call(client, "GetTodo", { todoId: "https://example.com/nothing" });
    expect(badUrl.isError).toBe(true);
    expect(badUrl.content[0].text).toMatch(/^InvalidArguments: /);
    const notFound = await call(client, "GetTodo", { todoId: 424242 });
    expect(notFound.isError).toBe(true);
    expect(notFound.content[0].text).toMatch(/^NotFoundError: .*\(HTTP 404\)$/);
    const project = (await conn.client.projects.list().toArray())[0];
    const invalid = await call(client, "UpdateProject", { projectId: String(project.id), body: { name: "" } });
    expect(invalid.isError).toBe(true);
    expect(invalid.content[0].text).toMatch(/^ValidationError: .*\(HTTP 422\)/);
    expect(await protocolCode(client.callTool({ name: "NoSuchTool", arguments: {} }))).toBe(-32602);
    // The server still answers after all of that.
    expect(ok(await call(client, "GetProject", { projectId: String(project.id) })).name).toBe(project.name);
  });

  it("lists the replica's catalog as resources and refuses an unknown one", async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["basecamp://replica/sys_tables", "basecamp://replica/sys_tablecolumns"]);
    const tables = JSON.parse(await resourceText(client, resources[0].uri)) as { TableName: string }[];
    expect(tables.map((t) => t.TableName)).toEqual(expect.arrayContaining(["Projects", "ToDos", "People"]));
    const columns = JSON.parse(await resourceText(client, resources[1].uri)) as { TableName: string; ColumnName: string }[];
    expect(columns).toEqual(expect.arrayContaining([expect.objectContaining({ TableName: "ToDos", ColumnName: "DueOn" })]));
    expect(await protocolCode(client.readResource({ uri: "basecamp://replica/secrets" }))).toBe(-32002);
  });
});

describe.each(REPLICAS)("basecamp_sql (%s replica)", (kind) => {
  let client: Client;
  beforeAll(async () => {
    client = await serve(await sandbox(kind, "V3", ";QueryTimeout=2"), { maxRows: 5 });
  });

  it("answers a read with rows, takes ? parameters, and says when it capped the rows", async () => {
    const r = ok(await call(client, "basecamp_sql", { sql: "SELECT Name FROM Projects WHERE Name = ?", params: ["Mobile App"] }));
    expect(r).toEqual({ rows: [{ Name: "Mobile App" }], rowCount: 1, truncated: false });
    const many = ok(await call(client, "basecamp_sql", { sql: "SELECT Id FROM People" }));
    expect(many.rows).toHaveLength(5);
    expect(many.truncated).toBe(true);
    const grouped = ok(await call(client, "basecamp_sql", { sql: "SELECT Completed, count(*) AS n FROM ToDos GROUP BY Completed ORDER BY Completed" }));
    expect(grouped.rows.length).toBeGreaterThan(0);
    expect(grouped.truncated).toBe(false);
  });

  it("refuses writes, DDL and procedures with the allow-list's words, and reports SQL errors", async () => {
    for (const sql of ["DELETE FROM Projects", "INSERT INTO Projects (Name) VALUES ('x')", "UPDATE ToDos SET Content = 'x'", "EXEC RetryOutboxEntry(Id => 1)"]) {
      const r = await call(client, "basecamp_sql", { sql });
      expect(r.isError, sql).toBe(true);
      expect(r.content[0].text, sql).toMatch(/^StatementRefusedError: .*basecamp_sql only reads/);
    }
    const drop = await call(client, "basecamp_sql", { sql: "DROP TABLE Projects" });
    expect(drop.isError).toBe(true);
    expect(ok(await call(client, "basecamp_sql", { sql: "SELECT count(*) AS n FROM Projects" })).rows[0].n).toBeGreaterThan(0);
    // The catalog resources are never capped like basecamp_sql's rows (5 here).
    const columns = JSON.parse(await resourceText(client, "basecamp://replica/sys_tablecolumns")) as unknown[];
    expect(columns.length).toBeGreaterThan(100);
    const typo = await call(client, "basecamp_sql", { sql: "SELECT Nme FROM Projects" });
    expect(typo.isError).toBe(true);
    expect(typo.content[0].text).toMatch(/Nme/);
  });

  it("stops a statement at QueryTimeout and says so", async () => {
    const slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";
    const r = await call(client, "basecamp_sql", { sql: slow });
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toMatch(/^QueryTimeoutError: /);
  });
});

describe("choosing tools", () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await sandbox();
  });

  it("--read-only lists no write and refuses one called by name", async () => {
    const client = await serve(conn, { readOnly: true });
    const { tools } = await client.listTools();
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).toContain("basecamp_sql");
    expect(tools.map((t) => t.name)).not.toContain("CreateTodo");
    const refused = await client.callTool({ name: "CreateTodo", arguments: { todolistId: 1, body: { content: "x" } } }).then(
      () => undefined,
      (e: Error & { code: number }) => e,
    );
    expect(refused?.code).toBe(-32602);
    expect(refused?.message).toMatch(/--read-only/);
  });

  it("--domains narrows the tools to those domains (and sql only when named)", async () => {
    const client = await serve(conn, { domains: ["Todos", "cards"] });
    const { tools } = await client.listTools();
    expect(new Set(tools.map((t) => t._meta?.["campctl/domain"]))).toEqual(new Set(["todos", "cards"]));
    expect((await client.listResources()).resources).toEqual([]);
  });
});

describe("campctl mcp's server on Basecamp 2 (sandbox, Schema=V2)", () => {
  it("serves Basecamp 2's endpoints: reads, pages, writes, and words for tags", async () => {
    const conn = await sandbox("sqlite", "V2");
    const client = await serve(conn);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("ListTodolistTodos");
    expect(names).not.toContain("CreateAttachment");
    const project = (await conn.bc2.projects.list().toArray())[0];
    const got = ok(await call(client, "GetProject", { projectId: project.url }));
    expect(got.name).toBe(project.name);
    const events = await call(client, "ListEvents", {});
    expect(events.content[0].text).toMatch(/must have required property 'since'/);
    const feed = ok(await call(client, "ListEvents", { since: "2000-01-01T00:00:00Z", limit: 3 }));
    expect(feed.items).toHaveLength(3);
    const lists = ok(await call(client, "ListTodolists", { projectId: String(project.id) }));
    const made = ok(await call(client, "CreateTodo", { projectId: String(project.id), todolistId: String(lists.items[0].id), body: { content: "From MCP on bcx" } }));
    expect((await conn.bc2.todos.get(project.id, made.id)).content).toBe("From MCP on bcx");
    const badTag = await call(client, "ListTaggedAttachments", { tag: "no spaces allowed" });
    expect(badTag.content[0].text).toMatch(/InvalidArguments: .*tag must match pattern/);
  });
});
