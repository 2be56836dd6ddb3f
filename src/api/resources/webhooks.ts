// Webhooks of a project.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { NewWebhook, PageOptions, Signal, Webhook, WebhookUpdate } from "../types.js";

export class Webhooks extends Resource {
  private wid(id: IdLike): string {
    return this.id(id, KIND.webhook, "webhook");
  }

  /** A project's webhooks (one page: Basecamp does not paginate them). */
  list(projectId: IdLike, opts: PageOptions = {}): PageIterator<Webhook> {
    return this.iterate<Webhook>(`/buckets/${this.id(projectId, KIND.project, "project")}/webhooks.json`, opts);
  }

  /** A webhook with its recent deliveries. */
  async get(webhookId: IdLike, opts: Signal = {}): Promise<Webhook> {
    return this.read<Webhook>(`/webhooks/${this.wid(webhookId)}.json`, undefined, opts);
  }

  async create(projectId: IdLike, hook: NewWebhook, opts: Signal = {}): Promise<Webhook> {
    return this.send<Webhook>("POST", `/buckets/${this.id(projectId, KIND.project, "project")}/webhooks.json`, hook, opts);
  }

  /** Change some fields and keep the rest: Basecamp takes a partial body here, so only `changes` are sent. */
  async update(webhookId: IdLike, changes: WebhookUpdate, opts: Signal = {}): Promise<Webhook> {
    return this.send<Webhook>("PUT", `/webhooks/${this.wid(webhookId)}.json`, changes, opts);
  }

  async delete(webhookId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `/webhooks/${this.wid(webhookId)}.json`, undefined, opts);
  }
}
