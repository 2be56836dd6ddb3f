// Who is notified about a recording.
import type { IdLike } from "../ids.js";
import { KIND, personIds } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { Signal, Subscription } from "../types.js";

export interface SubscriberChange {
  subscriptions?: IdLike[];
  unsubscriptions?: IdLike[];
}

export class Subscriptions extends Resource {
  private path(recordingId: IdLike): string {
    return `/recordings/${this.id(recordingId, KIND.recording, "recording")}/subscription.json`;
  }

  async get(recordingId: IdLike, opts: Signal = {}): Promise<Subscription> {
    return this.read<Subscription>(this.path(recordingId), undefined, opts);
  }

  /** Subscribe the signed-in person. */
  async subscribe(recordingId: IdLike, opts: Signal = {}): Promise<Subscription> {
    return this.send<Subscription>("POST", this.path(recordingId), undefined, { ...opts, idempotent: true });
  }

  /** Unsubscribe the signed-in person (fine if not subscribed). */
  async unsubscribe(recordingId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", this.path(recordingId), undefined, opts);
  }

  /** Add and remove other people (at least one list). */
  async update(recordingId: IdLike, change: SubscriberChange, opts: Signal = {}): Promise<Subscription> {
    const body = { subscriptions: personIds(change.subscriptions, this.road.urlScope), unsubscriptions: personIds(change.unsubscriptions, this.road.urlScope) };
    return this.send<Subscription>("PUT", this.path(recordingId), body, opts);
  }
}
