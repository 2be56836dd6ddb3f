// The inline part of the notes converter: **strong**, *em* / _em_, ~~strike~~, `code`,
// [links](url), <autolinks> and bare http(s) URLs. Everything that is not one of those is
// escaped text, so the result only ever holds the tags Basecamp's rich text allows.
import { escapeHtml as esc } from "./escape.js";

/** Deepest nesting of emphasis inside emphasis that is still treated as markup. */
const MAX_DEPTH = 12;
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** Only these schemes become links; anything else (javascript:, data:, relative …) stays text. */
export function safeHref(url: string): boolean {
  if (!/^(https?:\/\/|mailto:)/i.test(url) || /[\s<>"'`\\\u0000-\u001f\u007f]/.test(url)) return false;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "mailto:";
  } catch {
    return false;
  }
}

function anchor(href: string, inner: string): string {
  return `<a href="${esc(href)}">${inner}</a>`;
}

type Delim = "**" | "__" | "~~" | "*" | "_";
const TAGS: Record<Delim, string> = { "**": "strong", __: "strong", "~~": "strike", "*": "em", _: "em" };

function delimiterAt(src: string, i: number): Delim | undefined {
  for (const d of ["**", "__", "~~", "*", "_"] as const) {
    if (!src.startsWith(d, i)) continue;
    const after = src[i + d.length];
    if (after === undefined || SPACE.test(after)) return undefined;
    // snake_case and 2*3*4 are words, not emphasis.
    if (d[0] === "_" && i > 0 && WORD.test(src[i - 1])) return undefined;
    return d;
  }
  return undefined;
}

/** Index of the delimiter closing `d` opened at `open`, or -1. */
function closingOf(src: string, open: number, d: Delim): number {
  let j = open + d.length + 1;
  while (j < src.length) {
    j = src.indexOf(d, j);
    if (j < 0) return -1;
    const before = src[j - 1];
    const after = src[j + d.length];
    const single = d.length === 1;
    if (single && (after === d || before === d)) {
      // part of a ** or __ run: step over the whole run
      while (src[j] === d) j++;
      continue;
    }
    if (before === "\\" || SPACE.test(before)) {
      j += d.length;
      continue;
    }
    if (d[0] === "_" && after !== undefined && WORD.test(after)) {
      j += d.length;
      continue;
    }
    // "***x***": the strong closes at the end of the run, leaving "*x*" inside.
    if (!single) while (src[j + d.length] === d[0]) j++;
    return j;
  }
  return -1;
}

/** `[text](url "title")` at `i`: where it ends, its text and its URL. */
function linkAt(src: string, i: number): { end: number; text: string; url: string } | undefined {
  let depth = 0;
  let close = -1;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === "\\") {
      k++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) {
      close = k;
      break;
    }
  }
  if (close < 0 || src[close + 1] !== "(") return undefined;
  const m = /^\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))*))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/.exec(src.slice(close + 1));
  if (!m) return undefined;
  return { end: close + 1 + m[0].length, text: src.slice(i + 1, close), url: (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1") };
}

function bareUrlAt(src: string, i: number): string | undefined {
  if (i > 0 && !/[\s(]/.test(src[i - 1])) return undefined;
  const m = /^https?:\/\/[^\s<>"'`]+/i.exec(src.slice(i, i + 2048));
  if (!m) return undefined;
  let url = m[0];
  for (;;) {
    const last = url[url.length - 1];
    if (/[.,;:!?*_~]/.test(last)) url = url.slice(0, -1);
    else if (last === ")" && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    else break;
  }
  return url.length > 8 ? url : undefined;
}

/** One line of inline Markdown as rich-text HTML. */
export function inlineToRichText(src: string, depth = 0, inLink = false): string {
  let out = "";
  let text = "";
  const flush = () => {
    out += esc(text);
    text = "";
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\" && i + 1 < src.length && PUNCTUATION.test(src[i + 1])) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === "`") {
      let run = 1;
      while (src[i + run] === "`") run++;
      const fence = "`".repeat(run);
      let j = src.indexOf(fence, i + run);
      while (j >= 0 && src[j + run] === "`") {
        let k = j;
        while (src[k] === "`") k++;
        j = src.indexOf(fence, k);
      }
      if (j >= 0 && j > i + run) {
        let code = src.slice(i + run, j);
        if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
        flush();
        out += `<pre>${esc(code)}</pre>`;
        i = j + run;
        continue;
      }
      text += fence;
      i += run;
      continue;
    }
    if (c === "[" && !inLink) {
      const link = linkAt(src, i);
      if (link) {
        flush();
        const inner = inlineToRichText(link.text, depth + 1, true);
        out += safeHref(link.url) ? anchor(link.url, inner) : inner;
        i = link.end;
        continue;
      }
    }
    if (c === "<" && !inLink) {
      const m = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(src.slice(i, i + 2050));
      if (m && safeHref(m[1])) {
        flush();
        out += anchor(m[1], esc(m[1]));
        i += m[0].length;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (c === "*" || c === "_" || c === "~")) {
      const d = delimiterAt(src, i);
      const end = d ? closingOf(src, i, d) : -1;
      if (d && end > i + d.length) {
        flush();
        out += `<${TAGS[d]}>${inlineToRichText(src.slice(i + d.length, end), depth + 1, inLink)}</${TAGS[d]}>`;
        i = end + d.length;
        continue;
      }
      // An unmatched run stays text as a whole (so "**" never opens a lone "*").
      let k = i;
      while (src[k] === c) k++;
      text += src.slice(i, k);
      i = k;
      continue;
    }
    if ((c === "h" || c === "H") && !inLink) {
      const url = bareUrlAt(src, i);
      if (url && safeHref(url)) {
        flush();
        out += anchor(url, esc(url));
        i += url.length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}
