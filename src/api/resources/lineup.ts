// Lineup markers: named dates on the account's Lineup.
import { operationResource } from "../operation.js";

export class LineupMarkers extends operationResource({
  list: "ListLineupMarkers",
  create: "CreateLineupMarker",
  update: "UpdateLineupMarker",
  delete: "DeleteLineupMarker",
}) {}
