// Rich text (Basecamp's HTML) as one line of plain text for tables.
import { richTextToText } from "../../api/rich-text/to-text.js";

/** The text of `html` on one line (line breaks become spaces), cut to `max` characters with "…". */
export function oneLine(html: string | null | undefined, max = 80): string {
  const text = richTextToText(html).replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
