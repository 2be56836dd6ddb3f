// One to-do per filling-in of the form. Each rendered form carries a random key; the first
// POST with a key creates the to-do and its result is remembered, a later POST with the same
// key (double click, back + resubmit) gets that result, and one arriving while the first is
// still running waits for it. A failed attempt is forgotten, so the person can try again.

export interface Created {
  todoId: string;
  title: string;
  appUrl: string;
  projectName: string;
  listName: string;
  assignees: string[];
  due: string;
  /** YYYY-MM-DD or "". */
  start: string;
  /** The notes as sent to Basecamp (sanitised rich text; "" for none). */
  notesHtml: string;
  /** Whether the assignees were notified. */
  notify: boolean;
  /** What was asked for (see `fingerprint`). */
  fingerprint: string;
}

interface Entry {
  at: number;
  done?: Created;
  pending?: Promise<Created>;
}

export class IdempotencyKeys {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly keepMs = 24 * 3600_000,
    private readonly max = 10_000,
  ) {}

  /** The remembered result of `key` for this connection. */
  get(scope: string, key: string): Created | undefined {
    return this.entries.get(`${scope}\n${key}`)?.done;
  }

  /** Create once per key: `fresh` is false when the result was remembered from an earlier POST. */
  async run(scope: string, key: string, create: () => Promise<Created>): Promise<{ created: Created; fresh: boolean }> {
    const id = `${scope}\n${key}`;
    for (;;) {
      const e = this.entries.get(id);
      if (e?.done) return { created: e.done, fresh: false };
      if (e?.pending) {
        // Someone is creating it right now: wait, then look again.
        await e.pending.catch(() => undefined);
        continue;
      }
      this.prune();
      const pending = create();
      const entry: Entry = { at: this.now(), pending };
      this.entries.set(id, entry);
      try {
        const created = await pending;
        this.entries.set(id, { at: this.now(), done: created });
        return { created, fresh: true };
      } catch (err) {
        if (this.entries.get(id) === entry) this.entries.delete(id);
        throw err;
      }
    }
  }

  private prune(): void {
    const cutoff = this.now() - this.keepMs;
    for (const [k, e] of this.entries) {
      if (this.entries.size < this.max && e.at >= cutoff) break;
      if (!e.pending || e.done) this.entries.delete(k);
    }
  }
}
