// Boosts: small reactions on a recording or on one of its events.
import { operationResource } from "../operation.js";

export class Boosts extends operationResource({
  /** Boosts on a recording. */
  list: "ListRecordingBoosts",
  /** Boosts on one event of a recording (a completion, a move …). */
  listOnEvent: "ListEventBoosts",
  get: "GetBoost",
  /** Boost a recording: `boost(recordingId, { content: "🎉" })`. */
  boost: "CreateRecordingBoost",
  boostEvent: "CreateEventBoost",
  /** Only the booster may remove a boost. */
  delete: "DeleteBoost",
}) {}
