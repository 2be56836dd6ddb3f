// Amounts of time and days as people type them: hours for timesheets ("1.5", "1:30", "90m",
// "1h30m"), days ("2026-12-01", "today", "yesterday") and the local week, checked before
// anything is sent so a mistake is one line that says what to type instead.
import { UsageError } from "./errors.js";

/** Most hours one timesheet entry may hold (a day's worth, as Basecamp allows). */
export const MAX_HOURS = 24;

const HOURS_FORMS = "1.5, 1:30, 90m or 1h30m";

/**
 * Hours as Basecamp's decimal string: "1.5" → "1.5", "1:30" → "1.5", "90m" → "1.5",
 * "1h30m" → "1.5", "2" → "2.0", "20m" → "0.33". More than 0 and at most 24, else a UsageError.
 */
export function parseHours(text: string, option = "Hours"): string {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  let minutes: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d+(?:[.,]\d+)?|[.,]\d+)h?$/.exec(t))) minutes = Number(m[1].replace(",", ".")) * 60;
  else if ((m = /^(\d+):([0-5]\d)$/.exec(t))) minutes = Number(m[1]) * 60 + Number(m[2]);
  else if ((m = /^(\d+(?:\.\d+)?)(?:m|min|mins|minutes?)$/.exec(t))) minutes = Number(m[1]);
  else if ((m = /^(\d+)h(?:ours?)?(\d+)(?:m|min|mins|minutes?)?$/.exec(t)) && Number(m[2]) < 60) minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes === undefined || !Number.isFinite(minutes)) {
    throw new UsageError(`${option} must be an amount of time like ${HOURS_FORMS}; got ${JSON.stringify(text)}`);
  }
  const hours = Math.round((minutes / 60) * 100) / 100;
  if (hours <= 0) throw new UsageError(`${option} must be more than 0 (at least 1m); got ${JSON.stringify(text)}`);
  if (hours > MAX_HOURS) throw new UsageError(`${option} can be at most ${MAX_HOURS} per entry; got ${JSON.stringify(text)}. Log longer work as one entry per day.`);
  return Number.isInteger(hours) ? hours.toFixed(1) : String(hours);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A local day as YYYY-MM-DD. */
export function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `days` days after (before, when negative) the day `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return ymd(new Date(y, m - 1, d + days));
}

/** The Monday and Sunday of the local week that holds `date` (default today). */
export function weekOf(date: string = ymd(new Date())): { from: string; to: string } {
  const [y, m, d] = date.split("-").map(Number);
  const back = (new Date(y, m - 1, d).getDay() + 6) % 7;
  const from = addDays(date, -back);
  return { from, to: addDays(from, 6) };
}

/** A day option: YYYY-MM-DD (a real date), "today" or "yesterday". */
export function dayArg(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === "today") return ymd(new Date());
  if (v === "yesterday") return addDays(ymd(new Date()), -1);
  if (v === "tomorrow") return addDays(ymd(new Date()), 1);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new UsageError(`${option} takes a date in the form YYYY-MM-DD (or today, yesterday); got ${JSON.stringify(value)}`);
  }
  return v;
}

/** A --from/--to pair: both checked, the first not after the second. */
export function rangeArgs(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const f = dayArg(from, "--from");
  const t = dayArg(to, "--to");
  if (f && t && f > t) throw new UsageError(`--from ${f} is after --to ${t}; give the earlier day first.`);
  return { from: f, to: t };
}

/** Local date and time of an ISO timestamp, "2026-12-04 09:00" (the text itself when unreadable). */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${ymd(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
