// The RateLimit grammar, one place for the setting's check and the road's limiter.

export interface RateRule {
  limit: number;
  windowMs: number;
}

export const RATE_RULE_FORMS = '"N/W" requests per window, e.g. "50/10s" (window in ms, s or m), or "off"';

/** "50/10s", "100/1m", "250/500ms" → a rule; "off" / "none" / "0" → null; anything else → undefined. */
export function readRateRule(text: string): RateRule | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === "off" || t === "none" || t === "0") return null;
  const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(t);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) return undefined;
  const unit = m[3] === "ms" ? 1 : m[3] === "m" ? 60_000 : 1000;
  return { limit: Number(m[1]), windowMs: Number(m[2]) * unit };
}
