// The webhook receiver: Basecamp deliveries in, typed events out (a mountable Hono app).
export { createWebhookReceiver, type WebhookReceiver, type WebhookStats } from "./receiver.js";
export type { WebhookReceiverOptions } from "./options.js";
export type { WebhookEvent, WebhookPerson, WebhookRecording } from "./event.js";
