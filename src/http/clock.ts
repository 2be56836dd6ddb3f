// Time as the road sees it: "now" and an abortable sleep. Real time by default; tests hand
// the road (and a limiter) a virtual clock so waits are counted instead of slept.
import { AbortedError } from "./errors.js";

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolve after `ms`, or reject with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortError(signal: AbortSignal): Error {
  const r = signal.reason;
  return r instanceof Error ? r : new AbortedError("The call was aborted by the caller.");
}

/** Wall-clock time and timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const t = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }
      function onAbort() {
        clearTimeout(t);
        reject(abortError(signal!));
      }
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
