// Lineup markers: named dates on the account's Lineup (the timeline of every project).
import { registerCollection, field } from "../crud.js";
import { iso } from "../render.js";
import type { ApiRouter } from "../router.js";

export function register(r: ApiRouter): void {
  registerCollection(r, {
    what: "lineup marker",
    collection: "lineupMarkers",
    paths: { list: "/lineup/markers", create: "/lineup/markers", item: "/lineup/markers/:markerId" },
    itemMethods: ["update", "delete"],
    fields: { name: field.string, date: field.date },
    required: ["name", "date"],
    order: "stored",
    render: (_ctx, m) => ({ id: m.id, name: m.name, date: m.date, created_at: iso(m.createdAt), updated_at: iso(m.updatedAt) }),
  });
}
