// Rich text as Basecamp keeps it: only its allowed tags survive (reference §1, "Rich text"),
// unknown tags go but keep their text, `<script>`/`<style>` go with their content, links keep
// an http(s)/mailto `href` only, and the output is always balanced, well-formed HTML.
import { tokenize, type Attr } from "./html-tokens.js";

/** Tags every rich-text field allows (Basecamp's docs, rich_text.md). */
const ALLOWED = new Set(["div", "h1", "br", "strong", "em", "strike", "a", "pre", "ol", "ul", "li", "blockquote", "bc-attachment"]);
/** Chatbot lines allow tables and disclosure widgets too. */
export const CHATBOT_TAGS: readonly string[] = ["table", "tr", "td", "th", "thead", "tbody", "details", "summary"];
const VOID = new Set(["br"]);
/** Blocks outside the allowed set become a div, so paragraphs stay apart ("<p>a</p><p>b</p>" is not "ab"). */
const AS_DIV = new Set(["p", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "figure", "figcaption", "address"]);
/** Raw-text elements whose body is kept as text; the others (script, style, …) lose it. */
const KEEP_RAW_TEXT = new Set(["textarea", "title"]);
const LINK_SCHEMES = new Set(["http", "https", "mailto"]);

export interface SanitizeOptions {
  /** Tags allowed on top of the standard set (e.g. CHATBOT_TAGS). */
  extraTags?: readonly string[];
}

export interface Sanitized {
  html: string;
  /** The `sgid` of every `<bc-attachment>` kept, in order, without repeats. */
  sgids: string[];
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  tab: "\t",
  newline: "\n",
  colon: ":",
  sol: "/",
  lpar: "(",
  rpar: ")",
  period: ".",
  comma: ",",
  excl: "!",
  num: "#",
  quest: "?",
  equals: "=",
};

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : "\ufffd";
}

/** Decode character references in an attribute value (numeric ones and the common names). */
export function decodeEntities(v: string): string {
  if (!v.includes("&")) return v;
  return v.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{0,31}));?/g, (all, dec, hex, name) => {
    if (dec !== undefined) return codePoint(Number(dec));
    if (hex !== undefined) return codePoint(parseInt(hex, 16));
    const ch = NAMED[(name as string).toLowerCase()];
    return ch ?? all;
  });
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Text as written, made safe: well-formed character references are kept (they stand for
 * text, never markup), any other `&` and every `<`/`>` is escaped, NUL characters dropped.
 */
function escapeText(t: string): string {
  return t
    .replace(/\0/g, "")
    .replace(/&(?!(?:#\d{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{0,31});)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An `href` worth keeping: absolute http, https or mailto, after the decoding browsers do. */
export function safeHref(raw: string): string | undefined {
  // Browsers drop leading/trailing controls and spaces and tabs/newlines anywhere in a URL.
  const url = decodeEntities(raw)
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
    .replace(/[\t\n\r]/g, "");
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (!m || !LINK_SCHEMES.has(m[1].toLowerCase())) return undefined;
  return url;
}

function attr(attrs: readonly Attr[], name: string): string | undefined {
  const a = attrs.find((x) => x.name === name);
  return a === undefined ? undefined : decodeEntities(a.value);
}

/** The opening tag to write for an allowed element, or undefined to drop the element. */
function openTag(name: string, attrs: readonly Attr[], sgids: string[]): string | undefined {
  if (name === "a") {
    const href = attr(attrs, "href");
    const safe = href === undefined ? undefined : safeHref(href);
    return safe === undefined ? "<a>" : `<a href="${escapeAttr(safe)}">`;
  }
  if (name === "bc-attachment") {
    const sgid = (attr(attrs, "sgid") ?? "").trim();
    if (sgid === "") return undefined;
    if (!sgids.includes(sgid)) sgids.push(sgid);
    let out = `<bc-attachment sgid="${escapeAttr(sgid)}"`;
    const caption = attr(attrs, "caption");
    if (caption !== undefined) out += ` caption="${escapeAttr(caption)}"`;
    if ((attr(attrs, "presentation") ?? "").toLowerCase() === "gallery") out += ` presentation="gallery"`;
    return `${out}>`;
  }
  return `<${name}>`;
}

/** Clean rich text to Basecamp's allowed HTML. Safe for any input, however malformed. */
export function sanitizeRichText(input: string, opts: SanitizeOptions = {}): Sanitized {
  const allowed = opts.extraTags?.length ? new Set([...ALLOWED, ...opts.extraTags]) : ALLOWED;
  const sgids: string[] = [];
  const open: string[] = [];
  /** How many of each name are open, so a stray end tag costs no scan of a deep stack. */
  const counts = new Map<string, number>();
  let html = "";
  const push = (name: string): void => {
    open.push(name);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const closeThrough = (name: string): void => {
    if (!counts.get(name)) return;
    const at = open.lastIndexOf(name);
    while (open.length > at) {
      const top = open.pop()!;
      counts.set(top, counts.get(top)! - 1);
      html += `</${top}>`;
    }
  };
  for (const t of tokenize(input)) {
    const tok = (t.kind === "start" || t.kind === "end") && AS_DIV.has(t.name) ? { ...t, name: "div" } : t;
    switch (tok.kind) {
      case "text":
        html += escapeText(tok.text);
        break;
      case "raw":
        if (KEEP_RAW_TEXT.has(tok.parent)) html += escapeText(tok.text);
        break;
      case "start": {
        if (!allowed.has(tok.name)) break;
        // Links do not nest: a new one closes the one still open, as browsers do.
        if (tok.name === "a") closeThrough("a");
        // A list item ends the one still open in the same list, as browsers do.
        if (tok.name === "li" && counts.get("li") && open.lastIndexOf("li") > Math.max(open.lastIndexOf("ul"), open.lastIndexOf("ol"))) closeThrough("li");
        const tag = openTag(tok.name, tok.attrs, sgids);
        if (tag === undefined) break;
        html += tag;
        if (VOID.has(tok.name)) break;
        if (tok.selfClosing && tok.name === "bc-attachment") html += "</bc-attachment>";
        else push(tok.name);
        break;
      }
      case "end":
        // An end tag with nothing of its name open is ignored.
        if (allowed.has(tok.name) && !VOID.has(tok.name)) closeThrough(tok.name);
        break;
    }
  }
  while (open.length) html += `</${open.pop()}>`;
  return { html, sgids };
}

/** The attachment sgids a (stored, already clean) rich-text value refers to. */
export function attachmentSgids(html: string | undefined): string[] {
  if (!html || !html.includes("bc-attachment")) return [];
  return sanitizeRichText(html).sgids;
}
