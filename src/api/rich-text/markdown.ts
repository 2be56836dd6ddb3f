// Notes typed as plain text or Markdown, turned into the rich-text HTML Basecamp accepts:
// only div h1 br strong em strike a[href] pre ol ul li blockquote come out, and every other
// character is escaped text. Paragraphs become <div> (their line breaks <br>), # headings
// <h1>, fenced code <pre>, - / 1. lists <ul>/<ol>, > quotes <blockquote>.
import { escapeHtml } from "./escape.js";
import { inlineToRichText } from "./markdown-inline.js";

export { safeHref } from "./markdown-inline.js";

/** Deepest nesting of quotes and lists still treated as structure. */
const MAX_DEPTH = 8;

interface Marker {
  ordered: boolean;
  indent: number;
  /** Column where the item's text starts. */
  content: number;
  rest: string;
}

const isBlank = (line: string) => line.trim() === "";
const indentOf = (line: string) => line.length - line.trimStart().length;

function fenceOf(line: string): string | undefined {
  const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m || (m[1][0] === "`" && m[2].includes("`"))) return undefined;
  return m[1];
}

function headingOf(line: string): string | undefined {
  const m = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
  return m ? (m[1] ?? "") : undefined;
}

const isQuote = (line: string) => /^ {0,3}>/.test(line);

function markerOf(line: string): Marker | undefined {
  const m = /^( *)([-*+]|\d{1,9}[.)])( +|$)(.*)$/.exec(line);
  if (!m) return undefined;
  // "---" and "***" are rules, "**bold**" is text: a bullet needs a space after it.
  if (m[3] === "" && m[4] === "") return { ordered: /\d/.test(m[2]), indent: m[1].length, content: m[1].length + m[2].length + 1, rest: "" };
  return { ordered: /\d/.test(m[2]), indent: m[1].length, content: m[1].length + m[2].length + m[3].length, rest: m[4] };
}

function startsBlock(line: string): boolean {
  return fenceOf(line) !== undefined || headingOf(line) !== undefined || isQuote(line) || markerOf(line) !== undefined;
}

function paragraph(lines: string[]): string {
  return `<div>${lines.map((l) => inlineToRichText(l.trim())).join("<br>")}</div>`;
}

/** The HTML of one list item's lines: its first paragraph unwrapped when that is all, or when a sub-list follows. */
function itemHtml(lines: string[], depth: number): string {
  const inner = depth < MAX_DEPTH ? blocks(lines, depth + 1) : paragraph(lines.filter((l) => !isBlank(l)));
  if (!inner.startsWith("<div>")) return inner;
  const end = inner.indexOf("</div>");
  const rest = inner.slice(end + 6);
  return rest === "" || rest.startsWith("<ul>") || rest.startsWith("<ol>") ? inner.slice(5, end) + rest : inner;
}

function list(lines: string[], start: number, depth: number): [string, number] {
  const first = markerOf(lines[start])!;
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const m = markerOf(lines[i]);
    if (!m || m.ordered !== first.ordered || m.indent >= first.content) break;
    const body = [m.rest];
    i++;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        let j = i;
        while (j < lines.length && isBlank(lines[j])) j++;
        if (j < lines.length && indentOf(lines[j]) >= m.content) {
          body.push(...lines.slice(i, j).map(() => ""));
          i = j;
          continue;
        }
        const next = j < lines.length ? markerOf(lines[j]) : undefined;
        if (next && next.ordered === first.ordered && next.indent < first.content) i = j;
        break;
      }
      const indent = indentOf(line);
      if (indent >= first.indent + 2) {
        body.push(line.slice(Math.min(indent, m.content)));
        i++;
        continue;
      }
      if (startsBlock(line)) break;
      body.push(line.trim()); // a lazy continuation of the item's text
      i++;
    }
    items.push(body);
  }
  const tag = first.ordered ? "ol" : "ul";
  return [`<${tag}>${items.map((b) => `<li>${itemHtml(b, depth)}</li>`).join("")}</${tag}>`, i];
}

function blocks(lines: string[], depth: number): string {
  let out = "";
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = fenceOf(line);
    if (fence) {
      const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
      const body: string[] = [];
      i++;
      while (i < lines.length && !closing.test(lines[i])) body.push(lines[i++]);
      i++;
      out += `<pre>${escapeHtml(body.join("\n"))}</pre>`;
      continue;
    }
    const heading = headingOf(line);
    if (heading !== undefined) {
      if (heading.trim() !== "") out += `<h1>${inlineToRichText(heading.trim())}</h1>`;
      i++;
      continue;
    }
    if (isQuote(line)) {
      const inner: string[] = [];
      while (i < lines.length && isQuote(lines[i])) inner.push(lines[i++].replace(/^ {0,3}> ?/, ""));
      const body = depth < MAX_DEPTH ? blocks(inner, depth + 1) : paragraph(inner.filter((l) => !isBlank(l)));
      if (body !== "") out += `<blockquote>${body}</blockquote>`;
      continue;
    }
    if (markerOf(line)) {
      const [markup, next] = list(lines, i, depth);
      out += markup;
      i = next;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && (para.length === 0 || !startsBlock(lines[i]))) para.push(lines[i++]);
    out += paragraph(para);
  }
  return out;
}

/** Plain text or Markdown → Basecamp rich text (empty input gives ""). */
export function markdownToRichText(source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").replace(/\u0000/g, "\uFFFD").split("\n");
  return blocks(lines, 0);
}
