import type { Sim } from "../context.js";

/** Deliver webhooks for store changes; returns a function that stops delivery. */
export function startWebhookDelivery(sim: Sim): () => void {
  void sim;
  return () => {};
}
