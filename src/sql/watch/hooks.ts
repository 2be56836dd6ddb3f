// The watcher's webhooks: one per project pointing at the receiver, made when missing, made
// again when Basecamp turned it off (after failed deliveries), and checked for failed
// deliveries, which mean events were missed and a catch-up sync is due.
import type { BasecampClient } from "../../api/index.js";
import type { Webhook } from "../../api/types.js";
import { NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";

export interface Hook {
  projectId: Id;
  webhookId: Id;
  /** Made by this watcher (close() removes it unless told to keep it). */
  created: boolean;
}

export interface CheckResult {
  /** Events may have been missed: a delivery failed, or a webhook was off or gone. */
  gap: boolean;
  /** Projects new since the last check (their webhooks are made now). */
  added: Id[];
  /** Webhooks made again because Basecamp had turned them off or they were gone. */
  recreated: Id[];
}

const key = (id: Id) => String(id);

export class ProjectHooks {
  readonly hooks = new Map<string, Hook>();
  /** Time of the newest delivery looked at, per webhook: only later failures count as a gap. */
  private readonly seenUntil = new Map<string, string>();

  constructor(
    private readonly client: BasecampClient,
    /** The receiver's payload URL (with the secret). */
    private readonly payloadUrl: string,
    /** Webhooks at this prefix but another secret are an earlier watcher's: they are replaced. */
    private readonly stalePrefix: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** A webhook for each active project (found or made); the projects that got one made. */
  async ensureAll(): Promise<Id[]> {
    const made: Id[] = [];
    for await (const p of this.client.projects.list({ signal: this.signal })) {
      if (this.hooks.has(key(p.id))) continue;
      if (await this.ensure(p.id)) made.push(p.id);
    }
    return made;
  }

  /** Find this receiver's webhook on the project or make one; true when made. */
  private async ensure(projectId: Id): Promise<boolean> {
    let mine: Webhook | undefined;
    for await (const w of this.client.webhooks.list(projectId, { signal: this.signal })) {
      if (w.payload_url === this.payloadUrl && !mine) mine = w;
      else if (w.payload_url.startsWith(this.stalePrefix)) await this.remove(w.id);
    }
    if (mine?.active) {
      this.hooks.set(key(projectId), { projectId, webhookId: mine.id, created: false });
      this.seenUntil.set(key(mine.id), new Date().toISOString());
      return false;
    }
    if (mine) await this.remove(mine.id);
    const made = await this.client.webhooks.create(projectId, { payload_url: this.payloadUrl, types: ["all"] }, { signal: this.signal });
    this.hooks.set(key(projectId), { projectId, webhookId: made.id, created: true });
    this.seenUntil.set(key(made.id), made.created_at);
    return true;
  }

  private async remove(webhookId: Id): Promise<void> {
    try {
      await this.client.webhooks.delete(webhookId, { signal: this.signal });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  /**
   * Look at every webhook once (one request each) and for new projects: a webhook turned off or
   * gone is made again, and a failed delivery since the last look is a gap.
   */
  async check(): Promise<CheckResult> {
    const result: CheckResult = { gap: false, added: [], recreated: [] };
    for (const hook of [...this.hooks.values()]) {
      let w: Webhook | undefined;
      try {
        w = await this.client.webhooks.get(hook.webhookId, { signal: this.signal });
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
      const since = this.seenUntil.get(key(hook.webhookId)) ?? "";
      const deliveries = w?.recent_deliveries ?? [];
      if (deliveries.some((d) => d.created_at > since && !(d.response.code >= 200 && d.response.code < 300))) result.gap = true;
      if (deliveries[0]) this.seenUntil.set(key(hook.webhookId), deliveries[0].created_at > since ? deliveries[0].created_at : since);
      if (w?.active) continue;
      // Off (Basecamp gave up after failed deliveries) or deleted by someone: make it again.
      result.gap = true;
      this.hooks.delete(key(hook.projectId));
      if (await this.ensure(hook.projectId)) result.recreated.push(hook.projectId);
    }
    result.added = await this.ensureAll();
    return result;
  }

  /** Remove the webhooks this watcher made. */
  async removeCreated(): Promise<void> {
    for (const hook of this.hooks.values()) if (hook.created) await this.remove(hook.webhookId);
    this.hooks.clear();
  }
}
