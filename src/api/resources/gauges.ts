// Gauges: a project's progress needle, and the account-wide list of gauges.
import { operationResource } from "../operation.js";

export class Gauges extends operationResource({
  /** Every project's gauge (`query: { bucket_ids }`). */
  list: "ListGauges",
  /** Turn a project's gauge on or off. */
  toggle: "ToggleGauge",
  needles: "ListGaugeNeedles",
  needle: "GetGaugeNeedle",
  /** Move the needle: `createNeedle(projectId, { gauge_needle: { position: 40, color: "green" } })`. */
  createNeedle: "CreateGaugeNeedle",
  updateNeedle: "UpdateGaugeNeedle",
  deleteNeedle: "DestroyGaugeNeedle",
}) {}
