// A question's schedule in the shape Basecamp documents for its writes: `frequency`, `days`,
// `hour` and `minute`. Callers may still give `time_of_day` ("9:00am"); it is turned into
// hour and minute here, so the body always carries the documented fields.

/** "9:00am", "4:30 pm", "12pm" or 24-hour "16:30" → hour and minute; undefined when unreadable. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?$/i.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (minute > 59) return undefined;
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = half === "a" ? hour % 12 : (hour % 12) + 12;
  } else if (hour > 23 || m[2] === undefined) return undefined;
  return { hour, minute };
}

/**
 * The schedule as sent: `time_of_day` becomes `hour` and `minute` (an unreadable one is sent
 * as given, so Basecamp's 422 names it); every other field passes through.
 */
export function scheduleBody(schedule: unknown): unknown {
  if (typeof schedule !== "object" || schedule === null || Array.isArray(schedule)) return schedule;
  const { time_of_day, ...rest } = schedule as Record<string, unknown>;
  if (time_of_day === undefined || time_of_day === null) return rest;
  const t = typeof time_of_day === "string" ? parseTimeOfDay(time_of_day) : undefined;
  return t ? { ...rest, hour: t.hour, minute: t.minute } : { ...rest, time_of_day };
}
