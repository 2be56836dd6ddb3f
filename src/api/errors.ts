// Errors the typed client raises itself, before or instead of a request (beside src/http's).
import { BasecampError } from "../http/errors.js";

/** An update read something other than the record it was to change, so it sent nothing. */
export class UnexpectedRecordError extends BasecampError {
  override name = "UnexpectedRecordError";
}
