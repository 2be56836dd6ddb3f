// Account, projects (with their dock) and people's project access.
import type { CompanyRef, Id, Person, Status } from "./common.js";

export interface Account {
  id: Id;
  name: string;
  owner_name: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
  trial: boolean;
  trial_ends_on: string | null;
  frozen: boolean;
  paused: boolean;
  limits: { can_create_projects: boolean; can_pin_projects: boolean; can_create_users: boolean; can_upload_files: boolean };
  subscription: { short_name: string; proper_name: string; project_limit: number; teams: boolean; clients: boolean; templates: boolean; logo: boolean; timesheet: boolean };
  settings: { company_hq_enabled: boolean; teams_enabled: boolean; projects_enabled: boolean };
  logo?: unknown;
}

/** Name of a dock tool. */
export type DockName = "message_board" | "todoset" | "vault" | "chat" | "schedule" | "questionnaire" | "inbox" | "kanban_board";

export interface DockItem {
  id: Id;
  title: string;
  name: DockName | string;
  enabled: boolean;
  /** null when the tool is disabled. */
  position: number | null;
  url: string;
  app_url: string;
}

export interface Project {
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
  start_date?: string | null;
  end_date?: string | null;
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

export interface ProjectAccessResult {
  granted: Person[];
  revoked: Person[];
}
