// Basecamp 2 draft projects: a project made from a template stays a draft (listed only by
// `/projects/drafts.json`) until `POST /projects/{id}/publish.json`. BC4 has no drafts, so the
// marks are a store collection, `bc2Drafts` ({projectId}); Basecamp 4 sees the project as usual.
import type { Id, Item } from "../store/model.js";
import type { Store } from "../store/store.js";

export const DRAFTS = "bc2Drafts";

export function draftMark(store: Store, projectId: Id): Item | undefined {
  for (const d of store.collection(DRAFTS).values()) if (d.projectId === projectId) return d;
  return undefined;
}

export function isDraft(store: Store, projectId: Id): boolean {
  return draftMark(store, projectId) !== undefined;
}
