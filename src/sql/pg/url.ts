// A Replica setting that names a PostgreSQL database, and how its URL may be shown.
import { registerSecret } from "../../http/redact.js";

/** The PostgreSQL URL of a Replica setting, or undefined for a SQLite file. "" means: from the environment (PGHOST, …). */
export function postgresUrl(replica: string | undefined): string | undefined {
  if (!replica) return undefined;
  const v = replica.trim();
  if (/^postgres(ql)?:$/i.test(v)) return "";
  if (!/^postgres(ql)?:\/\//i.test(v)) return undefined;
  try {
    const password = decodeURIComponent(new URL(v).password);
    if (password) registerSecret(password);
  } catch {
    // not a URL we can read: node-postgres says what is wrong with it
  }
  return v;
}

/** The URL as it may be shown (no password). */
export function shownUrl(url: string): string {
  if (!url) return "postgresql: (from PGHOST, PGUSER, … in the environment)";
  try {
    const u = new URL(url);
    if (u.password) u.password = "…";
    return u.toString();
  } catch {
    return "postgresql://…";
  }
}
