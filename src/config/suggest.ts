/** "Did you mean …?" for unknown keys: edit distance, case-insensitive. */
import { KEYS } from "./keys.js";

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, "");

/** The known key closest to `name`, or undefined when none is close enough to suggest. */
export function closestKey(name: string, candidates: readonly string[] = KEYS.map((k) => k.key)): string | undefined {
  const wanted = squash(name);
  if (wanted.length === 0 || wanted.length > 64) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const key of candidates) {
    const d = editDistance(wanted, key.toLowerCase());
    if (d < bestScore) {
      best = key;
      bestScore = d;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(wanted.length / 3)));
  if (best !== undefined && bestScore <= allowed) return best;
  // A clear prefix ("Account" → AccountId, "OAuthRefresh" → OAuthRefreshToken).
  if (wanted.length >= 4) {
    const hits = candidates.filter((k) => k.toLowerCase().startsWith(wanted));
    if (hits.length === 1) return hits[0];
  }
  return undefined;
}

/** The tail of an unknown-key message: a suggestion, or a few keys to choose from. */
export function suggestionFor(name: string): string {
  const near = closestKey(name);
  if (near !== undefined) return `did you mean ${near}?`;
  const few = ["AccountId", "Schema", "ProjectId", "AuthScheme", "InitiateOAuth", "OAuthClientId"];
  return `known keys include ${few.join(", ")} and ${KEYS.length - few.length} more (all of them: campctl help settings, or docs/settings.md)`;
}
