// `campctl demo` (what `npm start` runs): a tour of every face against a simulator started
// on a free loopback port — OAuth sign-in, identity, sync, SQL, writes by SQL and by the
// typed client, a campfire line, the Basecamp 2 account — then exit 0 (or, with --keep, stay
// up with the request form).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "../../simulator/index.js";
import type { Id } from "../../http/json.js";
import { connect } from "../../sql/index.js";
import { serveFormApp, type RunningForm } from "../../form/index.js";
import { syncProgress } from "../internal/progress.js";
import { simulatorFormOptions } from "./form.js";
import { formatTable } from "../internal/table.js";

export interface DemoOptions {
  keep?: boolean;
}

const say = (s = "") => process.stdout.write(`${s}\n`);
const USER_AGENT = "UserAgent='campctl demo (https://github.com/basecamp-connector/basecamp-connector)'";

/** Basecamp 2 too: connect() with Schema=V2 and the owner's Basic login syncs the simulator's bcx account, and the same SQL as on Basecamp 4 reads it. */
async function basecamp2Step(sim: { apiUrl: string; bc2AccountId: string; bc2User: string; bc2Password: string }, dir: string): Promise<void> {
  const cs = `Schema=V2;AccountId=${sim.bc2AccountId};User='${sim.bc2User}';Password='${sim.bc2Password.replace(/'/g, "''")}';ApiBaseURL=${sim.apiUrl};Replica='${join(dir, "replica-bcx.sqlite")}';RateLimit=off;${USER_AGENT}`;
  say(`\n10. Basecamp 2 too: connect("Schema=V2;AccountId=${sim.bc2AccountId};User=${sim.bc2User};Password=…") — HTTP Basic, its own replica`);
  const bc2 = await connect(cs, { dataDir: dir, configDir: dir, env: {} });
  try {
    const summary = await bc2.sync();
    const requests = Object.values(summary).reduce((a, b) => a + b.requests, 0);
    say(`   synced ${Object.keys(summary).length} Basecamp 2 tables in ${requests} requests; the same SQL reads them:`);
    const sql = "SELECT p.Name AS Project, COUNT(*) AS OpenToDos, MIN(t.DueOn) AS NextDue FROM ToDos t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY OpenToDos DESC LIMIT 8";
    say(`  ${sql}`);
    say(formatTable(await bc2.query(sql)));
  } finally {
    await bc2.close();
  }
}

export async function runDemo(o: DemoOptions): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "campctl-demo-"));
  say("basecamp-connector tour — everything below talks HTTP to a local Basecamp simulator.\n");
  const sim = await startSimulator({ scale: "small", rateLimit: "off" });
  say(`1. Simulator up: API ${sim.apiUrl}/${sim.accountId}, Launchpad ${sim.launchpadUrl}`);
  const cs = [
    `ApiBaseURL=${sim.apiUrl}`,
    `LaunchpadURL=${sim.launchpadUrl}`,
    `OAuthClientId=${sim.clientId}`,
    `OAuthClientSecret=${sim.clientSecret}`,
    "CallbackURL=http://127.0.0.1:0/callback",
    "InitiateOAuth=GETANDREFRESH",
    `OAuthSettingsLocation='${join(dir, "oauth.json")}'`,
    `Replica='${join(dir, "replica.sqlite")}'`,
    "RateLimit=off",
    USER_AGENT,
  ].join(";");
  say("2. Signing in with OAuth: a loopback callback server is listening; the tour plays the browser's part");
  say("   by opening the consent page and pressing \"Yes, I'll allow access\" itself.");
  // The browser's part: open the consent page, press Allow, follow Launchpad's redirect to the loopback callback.
  const playBrowser = async (url: string) => void (await fetch(await sim.simulator.approve(url)));
  const conn = await connect(cs, { dataDir: dir, configDir: dir, env: { BASECAMP_OAUTH_KEY: randomBytes(32).toString("hex") }, openBrowser: playBrowser, interactive: "desktop" });
  let form: RunningForm | undefined;
  try {
    const me = await conn.client.people.me();
    say(`3. Signed in as ${me.name} <${me.email_address}> on account ${conn.client.road.accountBase}`);
    say("4. Syncing the replica:");
    const progress = syncProgress({ stream: process.stdout, plain: false, indent: "   " });
    const summary = await conn.sync(undefined, { onProgress: progress.onProgress });
    progress.finish();
    const requests = Object.values(summary).reduce((a, b) => a + b.requests, 0);
    const rows = Object.values(summary).reduce((a, b) => a + b.upserted, 0);
    say(`   ${rows} rows in ${Object.keys(summary).length} tables, ${requests} requests`);
    const show = async (title: string, sql: string) => {
      say(`\n${title}\n  ${sql.replace(/\s+/g, " ").trim()}`);
      say(formatTable(await conn.query(sql)));
    };
    await show("5a. Open to-dos per person", `SELECT p.Name AS Person, COUNT(*) AS OpenToDos FROM ToDos t JOIN ToDoAssignees a ON a.ToDoId = t.Id JOIN People p ON p.Id = a.PersonId WHERE t.Completed = 0 AND t.Status = 'active' GROUP BY p.Name ORDER BY OpenToDos DESC LIMIT 8`);
    await show("5b. Overdue to-dos", `SELECT t.Content, t.DueOn, pr.Name AS Project FROM ToDos t JOIN Projects pr ON pr.Id = t.ProjectId WHERE t.Completed = 0 AND t.Status = 'active' AND t.DueOn < date('now') ORDER BY t.DueOn LIMIT 8`);
    await show("5c. Busiest campfires", `SELECT c.Title || ' · ' || p.Name AS Campfire, COUNT(l.Id) AS Lines, MAX(l.CreatedAt) AS Latest FROM Campfires c JOIN Projects p ON p.Id = c.ProjectId LEFT JOIN CampfireLines l ON l.CampfireId = c.Id GROUP BY c.Id ORDER BY Lines DESC LIMIT 5`);
    const [list] = (await conn.query("SELECT Id, ProjectId FROM ToDoLists WHERE Status = 'active' ORDER BY Id LIMIT 1")) as Array<{ Id: Id; ProjectId: Id }>;
    const inserted = await conn.execute("INSERT INTO ToDos (ToDoListId, Content, DueOn) VALUES (?, ?, date('now', '+7 days'))", [list.Id, "Created by SQL INSERT in the tour"]);
    say(`\n6. INSERT INTO ToDos … → outbox entry ${inserted.outbox[0].id} ${inserted.outbox[0].state}, to-do ${inserted.outbox[0].resultId}`);
    const typed = await conn.client.todos.create(list.Id, { content: "Created through the typed client in the tour" });
    say(`7. client.todos.create(…) → to-do ${typed.id}`);
    const [chat] = (await conn.query("SELECT Id FROM Campfires WHERE ProjectId = ?", [list.ProjectId])) as Array<{ Id: Id }>;
    const line = await conn.client.campfire(chat.Id).write("Hello from the campctl tour 👋");
    say(`8. client.campfire(…).write(…) → line ${line.id}`);
    await conn.sync(["ToDos", "CampfireLines"]);
    await show("9. They arrived (read back from Basecamp into the replica)", `SELECT 'to-do' AS Kind, Id, Content AS Text FROM ToDos WHERE Content LIKE '%in the tour' UNION ALL SELECT 'campfire line', Id, Content FROM CampfireLines WHERE Content LIKE 'Hello from the campctl tour%'`);
    await basecamp2Step(sim, dir);
    say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (o.keep) {
      form = await serveFormApp({ ...simulatorFormOptions(sim), tokenDir: join(dir, "form-tokens"), cookieSecret: randomBytes(32) });
      say(`\nKept running (Ctrl-C stops both):`);
      say(`  Basecamp simulator  API ${sim.apiUrl}/${sim.accountId}, Launchpad ${sim.launchpadUrl}`);
      say(`  Request form        ${form.url}  (press "Connect to Basecamp", then Allow)`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
    }
  } finally {
    await form?.close();
    await conn.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
