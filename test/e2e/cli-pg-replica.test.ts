// campctl against a PostgreSQL replica on a real server: `sync --replica postgresql://…` fills
// it, `sql` with Replica= in the connection string reads it (and a BI tool's plain connection
// sees the same rows), and the password in the URL never reaches the output.
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";
import { CLI, campctlEnv, type Result } from "./campctl.js";

const { env } = campctlEnv("campctl-pg-");
let server: PostgresServer;
let sim: RunningSimulator;
let cs = "";
let url = "";

function run(...args: string[]): Promise<Result> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

beforeAll(async () => {
  [server, sim] = await Promise.all([startPostgres(), startSimulator({ scale: "small", rateLimit: "off" })]);
  // A role with a password, as a team's database would have: the password must never be printed.
  const c = new pg.Client(server.url);
  await c.connect();
  await c.query("CREATE ROLE team_sync LOGIN PASSWORD 'pg-secret-4711' CREATEROLE");
  await c.query(`GRANT CREATE ON DATABASE "${new URL(server.url).pathname.slice(1)}" TO team_sync`);
  await c.end();
  const u = new URL(server.url);
  u.username = "team_sync";
  u.password = "pg-secret-4711";
  url = u.toString();
  cs = `AccountId=${sim.accountId};ApiBaseURL=${sim.apiUrl};LaunchpadURL=${sim.launchpadUrl};InitiateOAuth=OFF;OAuthAccessToken=${sim.adminToken};RateLimit=off`;
}, 120_000);

afterAll(async () => {
  await sim?.close();
  await server?.stop();
});

describe("campctl with a PostgreSQL replica", () => {
  it("sync --replica fills it, sql reads it, a plain PostgreSQL client sees the same, and the password stays hidden", async () => {
    const sync = await run("-c", cs, "--json", "sync", "--replica", url, "Projects", "ToDos", "People");
    expect(sync.code, sync.err).toBe(0);
    const summary = JSON.parse(sync.out) as Array<{ table: string; upserted: number }>;
    const todos = summary.find((r) => r.table === "ToDos")!.upserted;
    expect(todos).toBeGreaterThan(0);

    const sql = await run("-c", `${cs};Replica='${url}';Offline=true`, "--json", "sql", "SELECT COUNT(*) AS n FROM ToDos");
    expect(sql.code, sql.err).toBe(0);
    expect(JSON.parse(sql.out)).toEqual([{ n: todos }]);

    const bi = new pg.Client(url);
    await bi.connect();
    const { rows } = await bi.query(`SELECT count(*)::int AS n FROM basecamp_${sim.accountId}.todos`);
    await bi.end();
    expect(rows[0].n).toBe(todos);

    const refused = await run("-c", `${cs};Replica='${url}';Offline=true`, "sql", "DELETE FROM bc_todos");
    expect(refused.code).not.toBe(0);
    for (const r of [sync, sql, refused]) expect(r.out + r.err).not.toContain("pg-secret-4711");
  }, 120_000);
});
