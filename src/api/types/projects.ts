// Account, projects (with their dock) and people's project access, derived from the
// reference schemas of the same names (./schemas.ts; checked in reference-check.ts).
import type { CompanyRef, Id, Person, Status } from "./common.js";
import type { Schema } from "./schemas.js";

/** Reference `Account` (`logo` as the reference has it: left out when the account has none). */
export interface Account extends Schema<"Account"> {
  id: Id;
  name: string;
  owner_name: string;
  active: boolean;
  created_at: string;
  updated_at: string;
  trial: boolean;
  /** YYYY-MM-DD; only on a trial (a plain string in the reference: left out otherwise). */
  trial_ends_on?: string;
  frozen: boolean;
  paused: boolean;
  limits: Required<Schema<"AccountLimits">>;
  subscription: Required<Schema<"AccountSubscription">>;
  settings: Required<Schema<"AccountSettings">>;
}

/** Name of a dock tool. */
export type DockName = "message_board" | "todoset" | "vault" | "chat" | "schedule" | "questionnaire" | "inbox" | "kanban_board";

/**
 * Reference `DockItem`, except `position`: the reference types it as a plain integer, but a
 * disabled tool has no place in the dock, and `"position": null` is what is sent for it (the
 * simulator's renderDock in src/simulator/render.ts does so too).
 */
export interface DockItem extends Omit<Schema<"DockItem">, "position"> {
  id: Id;
  title: string;
  name: DockName | string;
  enabled: boolean;
  /** null when the tool is disabled. */
  position: number | null;
  url: string;
  app_url: string;
}

/** Reference `Project` (its `dock` items as DockItem: `position` may be null). */
export interface Project extends Omit<Schema<"Project">, "dock"> {
  id: Id;
  status: Status;
  created_at: string;
  updated_at: string;
  name: string;
  description: string | null;
  purpose: string;
  clients_enabled: boolean;
  timesheet_enabled: boolean;
  color: string | null;
  last_needle_color: string | null;
  last_needle_position: number | null;
  previous_needle_position: number | null;
  bookmark_url: string;
  url: string;
  app_url: string;
  dock: DockItem[];
  bookmarked: boolean;
  client_company?: CompanyRef;
  clientside?: { url: string; app_url: string };
  /** YYYY-MM-DD; both dates or neither, left out when the project has no schedule. */
  start_date?: string;
  end_date?: string;
}

export interface NewProject {
  name: string;
  description?: string;
}

export interface ProjectUpdate {
  /** Required by Basecamp on every update. */
  name: string;
  description?: string;
  /** Both dates or neither (YYYY-MM-DD). */
  schedule_attributes?: { start_date: string; end_date: string };
  admissions?: "invite" | "employee" | "team";
}

/** What `projects.update` may change; the rest (name, dates) is read from the project and sent back. */
export type ProjectChanges = Partial<Omit<ProjectUpdate, "schedule_attributes" | "description">> & {
  description?: string | null;
  /** One date merges with the project's other one. */
  schedule_attributes?: Partial<NonNullable<ProjectUpdate["schedule_attributes"]>>;
};

export interface NewPersonInvite {
  name: string;
  email_address: string;
  title?: string;
  company_name?: string;
}

export interface ProjectAccessChange {
  grant?: Id[];
  revoke?: Id[];
  create?: NewPersonInvite[];
}

export interface ProjectAccessResult extends Schema<"ProjectAccessResult"> {
  granted: Person[];
  revoked: Person[];
}
