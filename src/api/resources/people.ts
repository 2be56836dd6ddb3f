// People: everyone visible, one person, me, and who is on a project.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND, personIds } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { NewPersonInvite, PageOptions, Person, ProjectAccessResult, Signal } from "../types.js";

export interface AccessChange {
  grant?: IdLike[];
  revoke?: IdLike[];
  create?: NewPersonInvite[];
}

export class People extends operationResource(
  {
    /** People the signed-in person can ping (start a chat with). */
    pingable: "ListPingablePeople",
    updateMyProfile: "UpdateMyProfile",
    outOfOffice: "GetOutOfOffice",
    /** `enableOutOfOffice(personId, { out_of_office: { start_date, end_date } })`. */
    enableOutOfOffice: "EnableOutOfOffice",
    disableOutOfOffice: "DisableOutOfOffice",
  },
  Resource,
) {
  /** Everyone the signed-in person can see. */
  list(opts: PageOptions = {}): PageIterator<Person> {
    return this.iterate<Person>("/people.json", opts);
  }

  async get(personId: IdLike, opts: Signal = {}): Promise<Person> {
    return this.read<Person>(`/people/${this.id(personId, KIND.person, "person")}.json`, undefined, opts);
  }

  /** The signed-in person. */
  async me(opts: Signal = {}): Promise<Person> {
    return this.read<Person>("/my/profile.json", undefined, opts);
  }

  /** Active people on a project. */
  onProject(projectId: IdLike, opts: PageOptions = {}): PageIterator<Person> {
    return this.iterate<Person>(`/projects/${this.id(projectId, KIND.project, "project")}/people.json`, opts);
  }

  /** Grant or revoke access, or invite new people (at least one of the three). */
  async updateAccess(projectId: IdLike, change: AccessChange, opts: Signal = {}): Promise<ProjectAccessResult> {
    const body = { grant: personIds(change.grant, this.road.urlScope), revoke: personIds(change.revoke, this.road.urlScope), create: change.create };
    return this.send<ProjectAccessResult>("PUT", `/projects/${this.id(projectId, KIND.project, "project")}/people/users.json`, body, opts);
  }
}
