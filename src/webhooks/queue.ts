// After the answer: accepted events handed to the handler one at a time, in arrival order,
// and the delivery ids already seen, so a repeat is dropped.
import type { Id } from "../http/json.js";

/** Resolves on the next turn of the event loop, after pending I/O such as the response in flight. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A serial queue: each item waits for the one before it to settle. `handle` must not reject. */
export class SerialQueue<T> {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly handle: (item: T) => Promise<void>) {}

  /** Queue an item; its handling starts no earlier than the next turn of the event loop. */
  push(item: T): void {
    this.tail = this.tail.then(nextTurn).then(() => this.handle(item));
  }

  /** Resolves once every item pushed so far, and every item pushed while waiting, has settled. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }
}

/** The last `capacity` delivery ids, oldest forgotten first. */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Remember `id`; false when it was already remembered. */
  add(id: Id): boolean {
    const key = String(id);
    if (this.ids.has(key)) return false;
    if (this.capacity === 0) return true;
    this.ids.add(key);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
