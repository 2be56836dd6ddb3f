// HTML built from tagged templates: every interpolated value is escaped unless it is
// already Html (made by this tag or by `trusted`), so markup can only come from our code.
import { escapeHtml } from "../api/rich-text/escape.js";

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | bigint | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** `html\`<p>${name}</p>\``: values are escaped; arrays are joined; null/undefined/false vanish. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup we produced ourselves (e.g. the sanitised rich text preview). */
export function trusted(markup: string): Html {
  return new Html(markup);
}
