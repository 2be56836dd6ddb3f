// What a failure means for the person at the form: a message that says what happened and
// what to do, and for Basecamp's validation errors, which field it was. Nothing from the
// error's message is shown (it may name URLs); only Basecamp's own field messages are.
import { TokenStoreError } from "../auth/token-store.js";
import {
  AuthError,
  ConnectionError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../http/errors.js";
import type { Field, FieldErrors } from "./request-fields.js";

export interface Notice {
  kind: "error" | "info";
  text: string;
  /** Offer the way to connect again. */
  reconnect?: boolean;
}

export interface Feedback {
  notice: Notice;
  fields: FieldErrors;
  /** HTTP status of the page that says it. */
  status: 401 | 403 | 404 | 422 | 429 | 502 | 503;
  /** Seconds, for a Retry-After header. */
  retryAfter?: number;
}

/** Basecamp's to-do fields, by the form field that holds them. */
const FIELD_OF: Record<string, Field> = {
  content: "title",
  title: "title",
  description: "notes",
  assignee_ids: "assignees",
  assignees: "assignees",
  completion_subscriber_ids: "assignees",
  due_on: "due",
  starts_on: "start",
};

function clock(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(new Date(ms));
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Feedback for an error from Basecamp or Launchpad, or undefined when it is not one we explain. */
export function feedbackFor(err: unknown, now: number, timeZone?: string): Feedback | undefined {
  if (err instanceof RateLimitError) {
    const secs = err.retryAfter === undefined ? undefined : Math.max(1, Math.ceil(err.retryAfter));
    const when = secs === undefined ? "in a minute" : `in ${secs} second${secs === 1 ? "" : "s"} (after ${clock(now + secs * 1000, timeZone)})`;
    return {
      status: 429,
      retryAfter: secs,
      fields: {},
      notice: { kind: "error", text: `Basecamp is getting too many requests right now, so nothing was created. Please try again ${when}; your input is kept below.` },
    };
  }
  if (err instanceof AuthError || err instanceof TokenStoreError) {
    return {
      status: 401,
      fields: {},
      notice: {
        kind: "error",
        reconnect: true,
        text: "The connection to Basecamp has ended (it was disconnected, expired or revoked), so nothing was created. Reconnect, then send the form again; your input is kept below.",
      },
    };
  }
  if (err instanceof ValidationError) {
    const fields: FieldErrors = {};
    const other: string[] = [];
    for (const [name, messages] of Object.entries(err.fieldErrors)) {
      const field = FIELD_OF[name];
      const text = messages.map(sentence).join(" ");
      if (field) fields[field] = `Basecamp says: ${text}`;
      else other.push(`${name.replace(/_/g, " ")} ${text}`);
    }
    const extra = other.length ? ` Basecamp also says: ${other.join(" ")}` : "";
    return {
      status: 422,
      fields,
      notice: { kind: "error", text: `Basecamp did not accept the to-do. Fix the fields marked below and send it again.${extra}` },
    };
  }
  if (err instanceof NotFoundError) {
    if (err.accountInactive) return { status: 403, fields: {}, notice: { kind: "error", text: "The Basecamp account is inactive (an expired trial or a suspension). Nothing was created; an owner of the account can reactivate it." } };
    return {
      status: 404,
      fields: { list: "This to-do list is gone or out of reach (deleted, archived, or you lost access). Choose another list." },
      notice: { kind: "error", text: "Basecamp could not find the to-do list. Nothing was created." },
    };
  }
  if (err instanceof ForbiddenError) {
    return { status: 403, fields: {}, notice: { kind: "error", text: "Basecamp says you may not add to-dos there. Nothing was created; ask an admin of the project for access, or choose another project." } };
  }
  if (err instanceof TimeoutError || err instanceof ConnectionError) {
    return {
      status: 503,
      fields: {},
      notice: { kind: "error", text: "Basecamp could not be reached, or did not answer in time. The to-do may or may not have been created: check the list in Basecamp before sending again." },
    };
  }
  if (err instanceof ServerError) {
    return { status: 502, fields: {}, notice: { kind: "error", text: "Basecamp had a problem answering. Check the to-do list in Basecamp before sending again (the to-do may have been created); your input is kept below." } };
  }
  return undefined;
}
