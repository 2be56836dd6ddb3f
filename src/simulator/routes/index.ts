import type { Sim } from "../context.js";
import type { ApiRouter } from "../router.js";
import { register as accountPeople } from "./account-people.js";
import { register as projects } from "./projects.js";
import { register as todos } from "./todos.js";
import { register as campfires } from "./campfires.js";
import { register as messages } from "./messages.js";
import { register as comments } from "./comments.js";
import { register as subscriptions } from "./subscriptions.js";
import { register as vaults } from "./vaults.js";
import { register as schedules } from "./schedules.js";
import { register as questionnaires } from "./questionnaires.js";
import { register as cardTables } from "./card-tables.js";
import { register as recordings } from "./recordings.js";
import { register as search } from "./search.js";
import { register as assignments } from "./assignments.js";
import { register as webhooks } from "./webhooks.js";
import { register as timeline } from "./timeline.js";

/** Every API resource module, registered in this order. */
export function registerAllRoutes(r: ApiRouter, sim: Sim): void {
  accountPeople(r, sim);
  projects(r, sim);
  todos(r, sim);
  campfires(r, sim);
  messages(r, sim);
  comments(r, sim);
  subscriptions(r, sim);
  vaults(r, sim);
  schedules(r, sim);
  questionnaires(r, sim);
  cardTables(r, sim);
  recordings(r, sim);
  search(r, sim);
  assignments(r, sim);
  webhooks(r, sim);
  timeline(r, sim);
}
