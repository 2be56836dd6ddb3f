// Basecamp rich text (HTML) → readable plain text: one line per paragraph, `<br>` as a line
// break, lists as "- " / "1. " items, quotes as "> ", links as "text (url)", entities decoded.
// It reads markup, it never runs or fetches anything, and tags it does not know keep their text.

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(["br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "area", "embed"]);
const BLOCK = new Set(["div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "section", "article", "header", "footer", "table", "tr", "dl", "dt", "dd", "details", "summary"]);
const SKIP = new Set(["script", "style", "template", "head", "title"]);

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "…", mdash: "—", ndash: "–", lsquo: "‘", rsquo: "’",
  ldquo: "“", rdquo: "”", copy: "©", reg: "®", trade: "™", bull: "•", middot: "·", laquo: "«", raquo: "»", times: "×", shy: "",
};

/** Text with its character references (&amp; &#39; &#x1F600; …) decoded; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
    return code === 0xa0 ? " " : String.fromCodePoint(code);
  });
}

function attrsOf(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

function parse(html: string): Element {
  const root: Element = { tag: "", attrs: {}, children: [] };
  const stack: Element[] = [root];
  const token = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/([a-zA-Z][\w:-]*)[^>]*>?|<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
  let skipping: string | undefined;
  for (const m of html.matchAll(token)) {
    const top = stack[stack.length - 1];
    const [whole, closing, opening, rest] = m;
    if (skipping) {
      if (closing?.toLowerCase() === skipping) skipping = undefined;
      continue;
    }
    if (closing) {
      const tag = closing.toLowerCase();
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else if (opening) {
      const tag = opening.toLowerCase();
      if (SKIP.has(tag)) {
        if (!rest.trimEnd().endsWith("/")) skipping = tag;
        continue;
      }
      // A new item ends the one still open in the same list.
      if (tag === "li") {
        const at = stack.map((e) => e.tag).lastIndexOf("li");
        const list = Math.max(stack.map((e) => e.tag).lastIndexOf("ul"), stack.map((e) => e.tag).lastIndexOf("ol"));
        if (at > 0 && at > list) stack.length = at;
      }
      const el: Element = { tag, attrs: attrsOf(rest), children: [] };
      stack[stack.length - 1].children.push(el);
      if (!VOID.has(tag) && !rest.trimEnd().endsWith("/")) stack.push(el);
    } else if (!whole.startsWith("<!") && !whole.startsWith("<?")) {
      top.children.push(whole);
    }
  }
  return root;
}

interface Prefix {
  first: string;
  rest: string;
  used: boolean;
}

/** Lines being written, each opened with the prefixes of the lists and quotes it is in. */
class Writer {
  readonly lines: string[] = [];
  private line = "";
  private readonly prefixes: Prefix[] = [];

  text(s: string, pre = false): void {
    if (pre) {
      const parts = s.split("\n");
      parts.forEach((part, i) => {
        if (i > 0) this.newline();
        this.line += part;
      });
      return;
    }
    const t = s.replace(/\s+/g, " ");
    this.line += this.line === "" || this.line.endsWith(" ") ? t.trimStart() : t;
  }

  /** A hard line break (`<br>`): always ends the line, even an empty one. */
  newline(): void {
    let prefix = "";
    for (const p of this.prefixes) {
      prefix += p.used ? p.rest : p.first;
      p.used = true;
    }
    this.lines.push((prefix + this.line).trimEnd());
    this.line = "";
  }

  /** Start the next thing on a line of its own. */
  block(): void {
    if (this.line.trim() !== "") this.newline();
    else this.line = "";
  }

  push(first: string, rest: string): void {
    this.block();
    this.prefixes.push({ first, rest, used: false });
  }

  pop(): void {
    this.block();
    this.prefixes.pop();
  }
}

/** The text of a node with all markup dropped (for link labels). */
function flat(node: Node): string {
  if (typeof node === "string") return decodeEntities(node);
  if (node.tag === "br") return " ";
  if (node.tag === "img") return node.attrs.alt ?? "";
  return node.children.map(flat).join("");
}

function render(node: Node, out: Writer, pre: boolean): void {
  if (typeof node === "string") {
    out.text(decodeEntities(node), pre);
    return;
  }
  const each = (p = pre) => node.children.forEach((c) => render(c, out, p));
  switch (node.tag) {
    case "br":
      out.newline();
      return;
    case "hr":
      out.block();
      out.text("---");
      out.block();
      return;
    case "img":
      if (node.attrs.alt) out.text(node.attrs.alt, pre);
      return;
    case "a": {
      const label = flat(node).replace(/\s+/g, " ").trim();
      const href = (node.attrs.href ?? "").trim();
      const same = href === "" || href === label || href === `mailto:${label}` || href.replace(/\/$/, "") === label.replace(/\/$/, "");
      out.text(same ? label || href : label ? `${label} (${href})` : href, pre);
      return;
    }
    case "pre":
      out.block();
      each(true);
      out.block();
      return;
    case "blockquote":
      out.push("> ", "> ");
      each();
      out.pop();
      return;
    case "ul":
    case "ol": {
      out.block();
      let n = Number(node.attrs.start) || 1;
      for (const child of node.children) {
        if (typeof child !== "string" && child.tag === "li") {
          const marker = node.tag === "ol" ? `${n++}. ` : "- ";
          out.push(marker, " ".repeat(marker.length));
          render({ ...child, tag: "" }, out, pre);
          out.pop();
        } else if (typeof child !== "string" || child.trim() !== "") render(child, out, pre);
      }
      out.block();
      return;
    }
    case "bc-attachment": {
      const inner = node.children.map(flat).join("").trim();
      if (inner !== "") each();
      else if (node.attrs.caption || node.attrs.filename) out.text(`[${node.attrs.caption || node.attrs.filename}]`, pre);
      return;
    }
    default:
      if (BLOCK.has(node.tag) || node.tag === "li") {
        out.block();
        each();
        out.block();
      } else each();
  }
}

/** Basecamp rich text as plain text a person can read in a terminal ("" for no notes). */
export function richTextToText(html: string | null | undefined): string {
  if (!html) return "";
  const out = new Writer();
  render(parse(html), out, false);
  out.block();
  return out.lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}
