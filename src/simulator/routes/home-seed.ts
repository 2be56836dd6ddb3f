// Seed data for the account's and people's own things: templates, bookmarks, a note, a
// folder, "Up next" priorities and someone out of office. Runs after all other seeding.
import type { Id, Project } from "../store/model.js";
import type { Store } from "../store/store.js";
import { addBookmark } from "./bookmarks.js";
import { addFolder } from "./folders.js";
import { setOutOfOffice } from "./my-settings.js";
import { prioritize } from "./priorities.js";
import { seedTemplates } from "./templates.js";

const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function seedHome(store: Store, rnd: () => number): void {
  const owner = store.people.get(store.account.ownerId);
  if (!owner) return;
  seedTemplates(store, owner.id);
  const active = [...store.projects.values()].filter((p): p is Project => p.status === "active");
  // A bookmark on one message of each of the first few projects.
  for (const p of active.slice(0, 3)) {
    const msg = [...store.ofType("Message")].find((m) => m.bucketId === p.id && m.status === "active");
    if (msg) addBookmark(store, owner.id, msg.id);
  }
  store.addItem("myNotes", { personId: owner.id, content: "<div>Things to follow up on this week.</div>", creatorId: owner.id });
  if (active.length >= 2) addFolder(store, owner, "Client work", active.slice(0, 2));
  // The owner's two earliest-due open to-dos are "up next".
  const mine = [...store.ofType("Todo")]
    .filter((t) => t.status === "active" && !t.completed && t.assigneeIds?.includes(owner.id) && active.some((p) => p.id === t.bucketId))
    .sort((a, b) => (a.dueOn ?? "9999") < (b.dueOn ?? "9999") ? -1 : (a.dueOn ?? "9999") > (b.dueOn ?? "9999") ? 1 : 0);
  for (const t of mine.slice(0, 2)) prioritize(store, owner.id, t.id);
  // Someone other than the owner is away for a few days around now.
  const people = [...store.people.values()].filter((p) => p.id !== owner.id && !p.client);
  if (people.length) {
    const away = people[Math.floor(rnd() * people.length)];
    const today = Math.floor(store.now() / DAY) * DAY;
    setOutOfOffice(store, away.id, date(today - DAY), date(today + 5 * DAY), away.id as Id);
  }
}
