// Basecamp 2 projects, project templates, stars, people, accesses and groups (companies).
import type { Id } from "../../http/json.js";
import type { Bc2Counter, Bc2PersonRef } from "./types-common.js";

// ---- projects ----

/** Fields a project has in lists and when fetched alone. */
export interface Bc2ProjectBase {
  id: Id;
  name: string;
  description: string | null;
  updated_at: string;
  template: boolean;
  archived: boolean;
  starred: boolean;
  trashed: boolean;
  /** Created from a template and not yet published; in newer revisions of the docs. */
  draft?: boolean;
  is_client_project: boolean;
  /** Hex color without "#". */
  color: string;
}

/** A project in a list (ListProjects, ListArchivedProjects, ListDraftProjects, ListPersonProjects). */
export interface Bc2ProjectSummary extends Bc2ProjectBase {
  url: string;
}

/** One project with its creator and per-kind counters (GetProject and every call that answers a project). */
export interface Bc2Project extends Bc2ProjectBase {
  created_at: string;
  /** Not in the docs' example of a single project; lists carry it. */
  url?: string;
  creator: Bc2PersonRef;
  accesses: Bc2Counter;
  attachments: Bc2Counter;
  calendar_events: Bc2Counter;
  documents: Bc2Counter;
  topics: Bc2Counter;
  todolists: {
    remaining_count: number;
    completed_count: number;
    updated_at: string | null;
    url: string;
  };
}

/** A project template in ListProjectTemplates: a project summary with `template: true`. */
export interface Bc2ProjectTemplate extends Bc2ProjectSummary {
  template: true;
}

/** A star on a project (ListStars). */
export interface Bc2Star {
  project_id: Id;
  created_at: string;
  /** The star's own URL (POST to star, DELETE to unstar). */
  url: string;
}

/** CreateProject's body. */
export interface Bc2NewProject {
  name: string;
  description?: string;
  /** Make it a client project (its content can then be marked private). */
  is_client_project?: boolean;
}

/** UpdateProject's body; `archived: true` archives, `false` re-activates. */
export interface Bc2ProjectChanges {
  name?: string;
  description?: string;
  archived?: boolean;
  is_client_project?: boolean;
}

/** CreateProjectTemplate's body. */
export interface Bc2NewProjectTemplate {
  name: string;
  description?: string;
}

/** CreateProjectFromTemplate's body; name and description default to the template's. */
export interface Bc2ProjectFromTemplate {
  name?: string;
  description?: string;
}

// ---- people ----

/** Fields a person has in lists and when fetched alone. */
export interface Bc2PersonBase {
  id: Id;
  identity_id: Id;
  name: string;
  email_address: string;
  admin: boolean;
  trashed: boolean;
  avatar_url: string;
  fullsize_avatar_url: string;
  created_at: string;
  updated_at: string;
}

/** A person in ListPeople / ListTrashedPeople. */
export interface Bc2PersonSummary extends Bc2PersonBase {
  url: string;
  app_url: string;
}

/** One person (GetPerson, GetMe), with counters for their events and assigned to-dos. */
export interface Bc2Person extends Bc2PersonBase {
  url?: string;
  app_url?: string;
  events: Bc2Counter;
  assigned_todos: Bc2Counter;
}

/** A person with access to a project or calendar (ListProjectAccesses, ListCalendarAccesses). */
export interface Bc2Access extends Bc2PersonSummary {
  /** Whether they see the project as a client. */
  is_client: boolean;
}

/** GrantProjectAccess / GrantClientAccess body: existing people by ID, new ones by email (invited). */
export interface Bc2AccessGrant {
  ids?: Id[];
  email_addresses?: string[];
}

// ---- groups (companies) and subgroups (departments) ----

/** A subgroup as its parent group lists it. */
export interface Bc2SubgroupSummary {
  id: Id;
  name: string;
  created_at: string;
  updated_at: string;
}

/** A group in ListGroups; `subgroups` only on groups that have some. */
export interface Bc2GroupSummary {
  id: Id;
  name: string;
  created_at: string;
  updated_at: string;
  subgroups?: Bc2SubgroupSummary[];
}

/** A member of a group or subgroup. */
export interface Bc2GroupMember {
  id: Id;
  identity_id: Id;
  name: string;
  email_address: string;
  admin: boolean;
  avatar_url: string;
  fullsize_avatar_url: string;
  created_at: string;
  updated_at: string;
  url: string;
}

/** One group with its subgroups and its direct members (not its subgroups' members). */
export interface Bc2Group {
  id: Id;
  name: string;
  created_at: string;
  /** Not in the docs' example of a single group; lists carry it. */
  updated_at?: string;
  subgroups: Bc2SubgroupSummary[];
  memberships: Bc2GroupMember[];
}

/** One subgroup with its members. */
export interface Bc2Subgroup {
  id: Id;
  name: string;
  parent_id: Id;
  created_at: string;
  updated_at: string;
  memberships: Bc2GroupMember[];
}

/** A person to add to a group or subgroup (they must already be on the account). */
export interface Bc2MembershipInput {
  person_id: Id;
}

/** CreateGroup's body; a group created with no members is hidden in the web UI. */
export interface Bc2NewGroup {
  name: string;
  memberships?: Bc2MembershipInput[];
}

/** UpdateGroup's body: rename, and/or add members (removal is RemoveGroupMember). */
export interface Bc2GroupChanges {
  name?: string;
  memberships?: Bc2MembershipInput[];
}

/** CreateSubgroup's body. */
export type Bc2NewSubgroup = Bc2NewGroup;
/** UpdateSubgroup's body; new members must already belong to the parent group. */
export type Bc2SubgroupChanges = Bc2GroupChanges;
