// Deterministic seed data: the same seed, scale and day give the same account.
import { prng } from "./faults.js";
import type { Scale } from "./options.js";
import type { Id, Person, Project, RecType, Recording } from "./store/model.js";
import { createProject } from "./store/projects.js";
import { randomToken } from "./store/auth.js";
import type { Store } from "./store/store.js";
import { seedInboxes } from "./routes/inboxes.js";
import { seedChatbots } from "./routes/chatbots.js";
import { seedVaultLinks } from "./routes/vault-links.js";
import { seedWormholes } from "./routes/wormholes.js";
import { seedTimesheets } from "./routes/timesheets.js";
import { seedBoosts } from "./routes/boosts.js";
import { seedGauges } from "./routes/gauges.js";
import { seedClientside } from "./routes/clientside.js";
import { seedHome } from "./routes/home-seed.js";

interface ScaleSpec {
  projects: number;
  people: number;
  listsPerProject: number;
  todosPerList: number;
  messages: number;
  comments: number;
  lines: number;
  documents: number;
  uploads: number;
  entries: number;
  cards: number;
  questions: number;
  answersPerQuestion: number;
}

export const SCALE_SPECS: Record<Exclude<Scale, "empty">, ScaleSpec> = {
  tiny: { projects: 2, people: 4, listsPerProject: 1, todosPerList: 6, messages: 2, comments: 4, lines: 4, documents: 1, uploads: 0, entries: 1, cards: 2, questions: 1, answersPerQuestion: 1 },
  small: { projects: 5, people: 10, listsPerProject: 4, todosPerList: 25, messages: 10, comments: 50, lines: 30, documents: 4, uploads: 2, entries: 5, cards: 8, questions: 2, answersPerQuestion: 3 },
  medium: { projects: 30, people: 40, listsPerProject: 7, todosPerList: 24, messages: 34, comments: 267, lines: 100, documents: 5, uploads: 3, entries: 8, cards: 10, questions: 2, answersPerQuestion: 4 },
  large: { projects: 200, people: 150, listsPerProject: 20, todosPerList: 25, messages: 35, comments: 300, lines: 100, documents: 5, uploads: 2, entries: 8, cards: 10, questions: 2, answersPerQuestion: 4 },
};

const FIRST = ["Jordan", "Priya", "Mateo", "Aisha", "Liam", "Sofia", "Kenji", "Amara", "Noah", "Elena", "Tomás", "Yuki", "Olivia", "Ravi", "Chloe", "Kwame", "Ingrid", "Diego", "Mei", "Samuel"];
const LAST = ["Blake", "Sharma", "García", "Okafor", "Murphy", "Rossi", "Tanaka", "Mensah", "Fischer", "Novak", "Silva", "Kowalski", "Haddad", "Larsen", "Dubois", "Nguyen", "Costa", "Berg", "Ali", "Moreau"];
const TITLES = ["Designer", "Developer", "Product Manager", "Support Lead", "Marketing", "Operations", "Writer", "Data Analyst"];
const PROJECT_WORDS = ["Website Redesign", "Mobile App", "Q3 Launch", "Customer Onboarding", "Data Migration", "Brand Refresh", "Hiring Plan", "Support Playbook", "API Platform", "Annual Report", "Office Move", "Partner Portal", "Billing Revamp", "Security Review", "Analytics Dashboard"];
const VERBS = ["Draft", "Review", "Fix", "Ship", "Plan", "Test", "Update", "Write", "Design", "Call", "Prepare", "Clean up", "Measure", "Document", "Schedule"];
const NOUNS = ["homepage copy", "login flow", "pricing page", "release notes", "invoice export", "style guide", "onboarding email", "search results", "error messages", "sales deck", "support macros", "API docs", "sign-up form", "status report", "backup script"];
const LIST_NAMES = ["Launch", "Design", "Engineering", "Content", "Research", "Operations", "Marketing", "QA", "Follow-ups", "Backlog"];
const CHAT = ["Morning all!", "Who's around for a quick call?", "Pushed the fix, please take a look", "Lunch at noon?", "The build is green again", "Thanks for the help yesterday", "Can someone review my draft?", "Heads up: deploy at 3pm", "Great work on the demo", "Back in 10"];
const COMMENTS = ["Looks good to me.", "Can we move this to next week?", "I left a few notes inline.", "Done — please check.", "Thanks! Merging now.", "Let's discuss at standup.", "Blocked on the API change.", "+1, nice work."];
export const MESSAGE_TYPES: Array<[string, string]> = [
  ["Announcement", "📢"],
  ["FYI", "✨"],
  ["Heartbeat", "❤️"],
  ["Pitch", "💡"],
  ["Question", "❓"],
];

const DAY = 86_400_000;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Account, owner, sandbox OAuth app and admin token: what every scale has. */
export function seedBase(store: Store, seed: number, redirectUris: readonly string[]): void {
  const now = store.now();
  const accountId = BigInt(5_000_000 + (seed % 1_000_000));
  store.account = {
    id: accountId,
    bcxId: BigInt(2_000_000 + (seed % 1_000_000)),
    name: "Sandbox Co.",
    createdAt: now - 400 * DAY,
    updatedAt: now - 400 * DAY,
    active: true,
    projectLimit: 500,
    webhookLimit: 100,
    ownerId: 0n,
  };
  store.companies.set(1n, { id: 1n, name: "Sandbox Co." });
  store.auth.apps.set(`sandbox-${seed}`, {
    name: "Sandbox app",
    clientId: `sandbox-${seed}`,
    clientSecret: randomToken(24),
    redirectUris: ["http://127.0.0.1/callback", "http://localhost/callback", "http://127.0.0.1/oauth/callback", "http://localhost/oauth/callback", ...redirectUris],
  });
}

function makePerson(store: Store, i: number, at: number, rnd: () => number): Person {
  const first = FIRST[i % FIRST.length];
  const last = LAST[Math.floor(i / FIRST.length + i * 7) % LAST.length];
  const id = store.nextId();
  const suffix = i < FIRST.length ? "" : String(i);
  return {
    id,
    identityId: 100_000_000n + BigInt(i),
    attachableSgid: Buffer.from(`gid://bc3/Person/${id}`).toString("base64url"),
    name: `${first} ${last}`,
    emailAddress: `${first.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")}${suffix}@sandbox.example`,
    title: i === 0 ? "Owner" : TITLES[Math.floor(rnd() * TITLES.length)],
    bio: null,
    location: null,
    createdAt: at,
    updatedAt: at,
    admin: i < 2,
    owner: i === 0,
    client: false,
    employee: true,
    timeZone: "Etc/UTC",
    companyId: 1n,
    personableType: "User",
  };
}

/** Everything: base, people and (unless `empty`) projects full of content. */
export function seedAll(store: Store, seed: number, scale: Scale, redirectUris: readonly string[] = []): void {
  seedBase(store, seed, redirectUris);
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const now = store.now();
  const today = Math.floor(now / DAY) * DAY;
  const spec = scale === "empty" ? null : SCALE_SPECS[scale];
  const peopleCount = spec ? spec.people : 1;
  const people: Person[] = [];
  for (let i = 0; i < peopleCount; i++) {
    const p = makePerson(store, i, now - 400 * DAY + i * DAY, rnd);
    store.people.set(p.id, p);
    people.push(p);
  }
  store.account.ownerId = people[0].id;
  if (!spec) return;

  // Never in the future: nothing in a real account was made after now.
  const time = (daysAgoMax: number): number => Math.min(now, today - Math.floor(rnd() * daysAgoMax * DAY) + Math.floor(rnd() * DAY));

  for (let pi = 0; pi < spec.projects; pi++) {
    const teamSize = Math.min(people.length, 3 + Math.floor(rnd() * 6));
    const team = new Set<Id>([people[0].id]);
    while (team.size < teamSize) team.add(pick(people).id);
    const teamIds = [...team];
    const created = time(300) - 30 * DAY;
    const project = createProject(store, {
      name: `${PROJECT_WORDS[pi % PROJECT_WORDS.length]}${pi >= PROJECT_WORDS.length ? ` ${Math.floor(pi / PROJECT_WORDS.length) + 1}` : ""}`,
      description: `Everything about ${PROJECT_WORDS[pi % PROJECT_WORDS.length].toLowerCase()}.`,
      creatorId: people[0].id,
      peopleIds: teamIds,
      createdAt: created,
      quiet: true,
    });
    for (const [name, icon] of MESSAGE_TYPES) {
      store.messageTypes.set(store.nextId(), { id: 0n, bucketId: project.id, name, icon, createdAt: created, updatedAt: created });
    }
    for (const [id, m] of store.messageTypes) if (m.id === 0n) m.id = id;
    seedProject(store, project, teamIds, spec, { rnd, pick, time, today });
  }
  // Archive one project and trash another in bigger data sets, so status filters have work.
  const all = [...store.projects.values()];
  if (all.length >= 5) {
    all[all.length - 1].status = "archived";
    all[all.length - 2].status = "trashed";
    all[all.length - 2].trashedAt = now - 2 * DAY;
  }
  // Email forwards, chatbots, cloud files / Google documents and wormholes.
  seedInboxes(store, rnd);
  seedChatbots(store, rnd);
  seedVaultLinks(store, rnd);
  seedWormholes(store);
  // Timesheets, boosts, gauges and the Clientside (last: it may turn clients on in a project).
  seedTimesheets(store, rnd);
  seedBoosts(store, rnd);
  seedGauges(store, rnd);
  seedClientside(store, rnd);
  // Templates, bookmarks, a note, a folder, priorities and someone out of office.
  seedHome(store, rnd);
}

interface Gen {
  rnd: () => number;
  pick: <T>(xs: readonly T[]) => T;
  time: (daysAgoMax: number) => number;
  today: number;
}

function seedProject(store: Store, project: Project, team: Id[], spec: ScaleSpec, g: Gen): void {
  const { rnd, pick, time, today } = g;
  const b = project.id;
  const tool = (t: RecType) => store.dockTool(b, t)!;
  const add = (fields: Parameters<Store["insertRecording"]>[0]): Recording => store.insertRecording(fields, { quiet: true });
  const stamp = (maxDays: number) => {
    const createdAt = Math.max(project.createdAt, time(maxDays));
    const updatedAt = Math.min(createdAt + Math.floor(rnd() * 10 * DAY), store.now());
    return { createdAt, updatedAt };
  };
  const commentable: Recording[] = [];

  // To-do lists and to-dos.
  const todoset = tool("Todoset");
  for (let li = 0; li < spec.listsPerProject; li++) {
    const list = add({ type: "Todolist", bucketId: b, parentId: todoset.id, creatorId: pick(team), title: LIST_NAMES[li % LIST_NAMES.length] + (li >= LIST_NAMES.length ? ` ${li + 1}` : ""), description: "", ...stamp(200) });
    let group: Recording | null = null;
    if (spec.todosPerList >= 20) group = add({ type: "Todolist", bucketId: b, parentId: list.id, creatorId: list.creatorId, title: "Later", color: "blue", description: "", ...stamp(150) });
    for (let ti = 0; ti < spec.todosPerList; ti++) {
      const st = stamp(120);
      const completed = rnd() < 0.35;
      const due = rnd() < 0.6 ? isoDate(today + Math.floor(rnd() * 76 - 30) * DAY) : null;
      const assigneeIds = rnd() < 0.7 ? [pick(team), ...(rnd() < 0.2 ? [pick(team)] : [])].filter((v, i, a) => a.indexOf(v) === i) : [];
      const parent = group && ti >= spec.todosPerList - 5 ? group : list;
      const todo = add({
        type: "Todo",
        bucketId: b,
        parentId: parent.id,
        creatorId: pick(team),
        title: `${pick(VERBS)} ${pick(NOUNS)}`,
        description: rnd() < 0.3 ? "<div>Details in the brief.</div>" : "",
        completed,
        completedAt: completed ? st.updatedAt : null,
        completerId: completed ? pick(team) : null,
        dueOn: due,
        startsOn: due && rnd() < 0.2 ? isoDate(Date.parse(due) - 3 * DAY) : null,
        assigneeIds,
        completionSubscriberIds: [],
        subscriberIds: assigneeIds.slice(),
        ...st,
      });
      todo.content = todo.title;
      if (completed) store.addEvent(todo, "completed", todo.completerId!, {}, st.updatedAt);
      if (rnd() < 0.02) {
        todo.status = "trashed";
        todo.trashedAt = st.updatedAt;
      }
      if (ti % 3 === 0) commentable.push(todo);
    }
  }

  // Messages.
  const board = tool("Message::Board");
  const categories = [...store.messageTypes.values()].filter((m) => m.bucketId === b);
  for (let i = 0; i < spec.messages; i++) {
    const subject = `${pick(["Update on", "Thoughts about", "Kickoff:", "Notes from", "Question about"])} ${pick(NOUNS)}`;
    const m = add({ type: "Message", bucketId: b, parentId: board.id, creatorId: pick(team), title: subject, content: `<div>${pick(COMMENTS)}</div>`, categoryId: rnd() < 0.5 ? pick(categories).id : null, subscriberIds: team.slice(0, 3), ...stamp(200) });
    commentable.push(m);
  }

  // Documents and uploads in the project's vault.
  const vault = tool("Vault");
  for (let i = 0; i < spec.documents; i++) {
    commentable.push(add({ type: "Document", bucketId: b, parentId: vault.id, creatorId: pick(team), title: `${pick(["Spec", "Plan", "Notes", "Brief", "Checklist"])}: ${pick(NOUNS)}`, content: `<div><strong>Summary</strong><br>${pick(COMMENTS)}</div>`, ...stamp(200) }));
  }
  for (let i = 0; i < spec.uploads; i++) {
    const text = `Seeded file ${i + 1} for ${project.name}\n`;
    const creatorId = pick(team);
    const st = stamp(200);
    const attId = store.nextId();
    const sgid = Buffer.from(`gid://bc3/Attachment/${attId}`).toString("base64url");
    const filename = `notes-${i + 1}.txt`;
    store.attachments.set(sgid, { id: attId, sgid, filename, contentType: "text/plain", byteSize: Buffer.byteLength(text), createdAt: st.createdAt, creatorId, dataBase64: Buffer.from(text).toString("base64") });
    add({ type: "Upload", bucketId: b, parentId: vault.id, creatorId, title: filename, description: "", filename, contentType: "text/plain", byteSize: Buffer.byteLength(text), attachmentSgid: sgid, width: null, height: null, ...st });
  }

  // Schedule entries.
  const schedule = tool("Schedule");
  for (let i = 0; i < spec.entries; i++) {
    const start = today + Math.floor(rnd() * 40 - 10) * DAY + 9 * 3600_000 + Math.floor(rnd() * 8) * 3600_000;
    commentable.push(add({ type: "Schedule::Entry", bucketId: b, parentId: schedule.id, creatorId: pick(team), title: `${pick(["Review", "Planning", "Demo", "Retro", "Sync"])} meeting`, description: "", allDay: false, startsAt: start, endsAt: start + 3600_000, participantIds: team.slice(0, 2), ...stamp(60) }));
  }

  // Card table: cards in its columns, a step or two.
  const table = tool("Kanban::Board");
  const columns = store.childrenOf(table.id);
  for (let i = 0; i < spec.cards; i++) {
    const col = columns[i % columns.length];
    const st = stamp(90);
    const done = col.type === "Kanban::DoneColumn";
    const card = add({ type: "Kanban::Card", bucketId: b, parentId: col.id, creatorId: pick(team), title: `${pick(VERBS)} ${pick(NOUNS)}`, content: "", description: "", completed: done, completedAt: done ? st.updatedAt : null, completerId: done ? team[0] : null, dueOn: rnd() < 0.5 ? isoDate(today + Math.floor(rnd() * 30 - 5) * DAY) : null, assigneeIds: [pick(team)], completionSubscriberIds: [], ...st });
    commentable.push(card);
    if (i % 2 === 0) {
      add({ type: "Kanban::Step", bucketId: b, parentId: card.id, creatorId: card.creatorId, title: `${pick(VERBS)} the details`, completed: false, completedAt: null, completerId: null, dueOn: null, assigneeIds: [], ...st });
    }
  }

  // Automatic check-ins and answers.
  const questionnaire = tool("Questionnaire");
  for (let i = 0; i < spec.questions; i++) {
    const st = stamp(200);
    const q = add({ type: "Question", bucketId: b, parentId: questionnaire.id, creatorId: team[0], title: i % 2 === 0 ? "What did you work on today?" : "What's blocking you this week?", paused: false, schedule: { frequency: i % 2 === 0 ? "every_day" : "every_week", days: [1, 2, 3, 4, 5], hour: 16, minute: 0, week_instance: null, week_interval: null, month_interval: null, start_date: isoDate(st.createdAt), end_date: null }, ...st });
    for (let a = 0; a < spec.answersPerQuestion; a++) {
      const ast = stamp(30);
      commentable.push(add({ type: "Question::Answer", bucketId: b, parentId: q.id, creatorId: pick(team), title: `Answer to ${q.title}`, content: `<div>${pick(COMMENTS)}</div>`, groupOn: isoDate(ast.createdAt), ...ast }));
    }
  }

  // Campfire lines, oldest first.
  const chat = tool("Chat::Transcript");
  const lineTimes = Array.from({ length: spec.lines }, () => time(60)).sort((x, y) => x - y);
  for (const at of lineTimes) {
    const content = pick(CHAT);
    add({ type: "Chat::Lines::Text", bucketId: b, parentId: chat.id, creatorId: pick(team), title: content, content, createdAt: at, updatedAt: at });
  }

  // Comments on the commentable things above.
  if (commentable.length) {
    for (let i = 0; i < spec.comments; i++) {
      const parent = pick(commentable);
      const at = Math.min(parent.createdAt + Math.floor(rnd() * 20 * DAY), store.now());
      const content = `<div>${pick(COMMENTS)}</div>`;
      add({ type: "Comment", bucketId: b, parentId: parent.id, creatorId: pick(team), title: `Re: ${parent.title}`, content, createdAt: at, updatedAt: at });
    }
  }
}
