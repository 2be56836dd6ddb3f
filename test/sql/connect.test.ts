import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../src/sql/index.js";

let open: Connection[] = [];
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

async function sandbox(extra = ""): Promise<{ conn: Connection; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "connect-"));
  const conn = await connect(`Sandbox=true;Replica='${join(dir, "replica.sqlite")}'${extra}`, { dataDir: dir, configDir: dir, env: {} });
  open.push(conn);
  return { conn, dir };
}

describe("connect() on the sandbox", () => {
  it("signs in with the sandbox app, syncs what a query reads, and answers from the replica", async () => {
    const { conn } = await sandbox();
    const [{ n }] = (await conn.query("SELECT COUNT(*) AS n FROM ToDos WHERE Status = 'active'")) as Array<{ n: number }>;
    expect(n).toBeGreaterThan(400);
    const perPerson = await conn.query(`
      SELECT p.Name, COUNT(*) AS Open FROM ToDos t JOIN ToDoAssignees a ON a.ToDoId = t.Id JOIN People p ON p.Id = a.PersonId
      WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY Open DESC`);
    expect(perPerson.length).toBeGreaterThan(3);
    const tables = (await conn.query("SELECT TableName FROM sys_tables ORDER BY TableName")).map((r) => r.TableName);
    expect(tables).toEqual(expect.arrayContaining(["ToDos", "Projects", "CampfireLines", "Webhooks", "Recordings", "Events"]));
    expect(await conn.query("SELECT * FROM sys_procedures WHERE ProcedureName = 'CompleteToDo'")).toHaveLength(1);
    const writable = await conn.query("SELECT ColumnName FROM sys_tablecolumns WHERE TableName = 'ToDos' AND Writable = 1");
    expect(writable.map((r) => r.ColumnName)).toEqual(expect.arrayContaining(["Content", "DueOn", "AssigneeIds", "Completed"]));
    const raw = await conn.query("SELECT Raw ->> '$.content' AS c, Content FROM ToDos LIMIT 1");
    expect(raw[0].c).toBe(raw[0].Content);
  });

  it("writes an INSERT and an UPDATE back to Basecamp, and runs procedures", async () => {
    const { conn } = await sandbox();
    const [list] = (await conn.query("SELECT Id, ProjectId FROM ToDoLists WHERE Status = 'active' LIMIT 1")) as Array<{ Id: number | bigint; ProjectId: number | bigint }>;
    const res = await conn.execute("INSERT INTO ToDos (ToDoListId, Content, DueOn) VALUES (?, ?, ?)", [list.Id, "Written through SQL", "2030-01-15"]);
    expect(res.changes).toBe(1);
    expect(res.outbox[0].state).toBe("done");
    const id = res.outbox[0].resultId!;
    const fromApi = await conn.client.todos.get(id);
    expect(fromApi.content).toBe("Written through SQL");
    await conn.execute("UPDATE ToDos SET Completed = 1 WHERE Id = ?", [id]);
    expect((await conn.client.todos.get(id)).completed).toBe(true);
    const [row] = await conn.query("SELECT Completed, DueOn FROM ToDos WHERE Id = ?", [id]);
    expect(row).toEqual({ Completed: 1, DueOn: "2030-01-15" });
    const done = await conn.execute(`EXEC UncompleteToDo(Id => ${id})`);
    expect(done.rows.length).toBeGreaterThan(0);
    expect((await conn.client.todos.get(id)).completed).toBe(false);
  });

  it("does not sync within MaxAge, never with Offline, and explains bad SQL", async () => {
    const { conn, dir } = await sandbox(";MaxAge=600");
    await conn.query("SELECT COUNT(*) FROM Projects");
    const after = await conn.query("SELECT LastSyncAt FROM bc_sync_state WHERE TableName = 'Projects'");
    await conn.query("SELECT COUNT(*) FROM Projects");
    expect(await conn.query("SELECT LastSyncAt FROM bc_sync_state WHERE TableName = 'Projects'")).toEqual(after);
    await expect(conn.query("SELECT * FROM Todo")).rejects.toThrow(/No table named Todo\. Did you mean ToDos/);
    await expect(conn.query("DELETE FROM ToDos")).rejects.toThrow(/use execute\(\)/);
    await conn.close();
    const offline = await connect(`Sandbox=true;Offline=true;Replica='${join(dir, "other.sqlite")}'`, { dataDir: dir, configDir: dir, env: {} });
    open.push(offline);
    expect(await offline.query("SELECT COUNT(*) AS n FROM ToDos")).toEqual([{ n: 0 }]);
  });
});
