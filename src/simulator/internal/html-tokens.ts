// A small HTML tokenizer for the rich-text sanitiser: it splits any string (well formed or
// not) into text, start tags, end tags and raw-text element bodies, following the shape of
// the HTML tokenizer closely enough that what a browser reads as a tag we read as a tag.
// Comments, doctypes, processing instructions and unfinished tags produce no token.

export interface Attr {
  /** Lower-cased name. */
  name: string;
  /** The value as written (entities not decoded); "" when the attribute has no value. */
  value: string;
}

export type Token =
  /** Text as written (entities not decoded). */
  | { kind: "text"; text: string }
  | { kind: "start"; name: string; attrs: Attr[]; selfClosing: boolean }
  | { kind: "end"; name: string }
  /** The body of a raw-text element (`<script>…</script>`), never parsed as markup. */
  | { kind: "raw"; parent: string; text: string };

/** Elements whose body browsers read as raw text up to their own end tag. */
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"]);

const isSpace = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\n" || ch === "\f" || ch === "\r";
const isAlpha = (ch: string | undefined): boolean => ch !== undefined && ((ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z"));

interface TagRead {
  name: string;
  attrs: Attr[];
  selfClosing: boolean;
  /** Index just after the closing `>`, or -1 when the input ended inside the tag. */
  next: number;
}

/** Read a tag whose name starts at `i` (just after `<` or `</`). */
function readTag(s: string, i: number): TagRead {
  let j = i;
  while (j < s.length && !isSpace(s[j]) && s[j] !== "/" && s[j] !== ">") j++;
  const name = s.slice(i, j).toLowerCase();
  const attrs: Attr[] = [];
  const seen = new Set<string>();
  let selfClosing = false;
  for (;;) {
    while (j < s.length && (isSpace(s[j]) || s[j] === "/")) {
      if (s[j] === "/" && s[j + 1] === ">") selfClosing = true;
      j++;
    }
    if (j >= s.length) return { name, attrs, selfClosing, next: -1 };
    if (s[j] === ">") return { name, attrs, selfClosing, next: j + 1 };
    selfClosing = false;
    // Attribute name: a leading "=" belongs to the name, as in the HTML tokenizer.
    const start = j;
    j++;
    while (j < s.length && !isSpace(s[j]) && s[j] !== "/" && s[j] !== ">" && s[j] !== "=") j++;
    const attrName = s.slice(start, j).toLowerCase();
    while (j < s.length && isSpace(s[j])) j++;
    let value = "";
    if (s[j] === "=") {
      j++;
      while (j < s.length && isSpace(s[j])) j++;
      const q = s[j];
      if (q === '"' || q === "'") {
        const end = s.indexOf(q, j + 1);
        if (end < 0) return { name, attrs, selfClosing, next: -1 };
        value = s.slice(j + 1, end);
        j = end + 1;
      } else {
        const vs = j;
        while (j < s.length && !isSpace(s[j]) && s[j] !== ">") j++;
        value = s.slice(vs, j);
      }
    }
    // The first of two same-named attributes wins.
    if (!seen.has(attrName)) {
      seen.add(attrName);
      attrs.push({ name: attrName, value });
    }
  }
}

/** Where a comment starting at `i` (`<!--`) ends; the input's end when it never closes. */
function commentEnd(s: string, i: number): number {
  if (s.startsWith("<!-->", i)) return i + 5;
  if (s.startsWith("<!--->", i)) return i + 6;
  const a = s.indexOf("-->", i + 4);
  const b = s.indexOf("--!>", i + 4);
  if (a < 0 && b < 0) return s.length;
  if (b < 0 || (a >= 0 && a < b)) return a + 3;
  return b + 4;
}

/** Where a bogus comment (`<!…>`, `<?…>`, `</ …>`) ends: after the next `>`. */
function bogusEnd(s: string, i: number): number {
  const end = s.indexOf(">", i);
  return end < 0 ? s.length : end + 1;
}

/** Index of the end tag `</name` closing a raw-text body starting at `from`, or -1. */
function rawEnd(s: string, from: number, name: string): number {
  // `name` comes from RAW_TEXT (letters only), so it is safe inside a pattern.
  const re = new RegExp(`</${name}(?=[\\t\\n\\f\\r />]|$)`, "gi");
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? m.index : -1;
}

/** Split `s` into tokens. Never throws; every input character ends up in a token or is dropped. */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let text = "";
  const flush = (): void => {
    if (text !== "") out.push({ kind: "text", text });
    text = "";
  };
  while (i < s.length) {
    const lt = s.indexOf("<", i);
    if (lt < 0) {
      text += s.slice(i);
      break;
    }
    text += s.slice(i, lt);
    const next = s[lt + 1];
    if (s.startsWith("<!--", lt)) {
      i = commentEnd(s, lt);
    } else if (next === "!" || next === "?") {
      i = bogusEnd(s, lt + 2);
    } else if (next === "/") {
      if (isAlpha(s[lt + 2])) {
        const tag = readTag(s, lt + 2);
        if (tag.next < 0) break; // unfinished end tag: dropped with the rest of the input
        flush();
        out.push({ kind: "end", name: tag.name });
        i = tag.next;
      } else if (s[lt + 2] === ">") {
        i = lt + 3;
      } else {
        i = bogusEnd(s, lt + 2);
      }
    } else if (isAlpha(next)) {
      const tag = readTag(s, lt + 1);
      if (tag.next < 0) break; // unfinished start tag: dropped with the rest of the input
      flush();
      out.push({ kind: "start", name: tag.name, attrs: tag.attrs, selfClosing: tag.selfClosing });
      i = tag.next;
      if (tag.name === "plaintext") {
        out.push({ kind: "raw", parent: tag.name, text: s.slice(i) });
        i = s.length;
      } else if (RAW_TEXT.has(tag.name)) {
        // A raw-text element stays open even when written `<script/>`, as in browsers.
        const end = rawEnd(s, i, tag.name);
        const stop = end < 0 ? s.length : end;
        if (stop > i) out.push({ kind: "raw", parent: tag.name, text: s.slice(i, stop) });
        i = stop;
      }
    } else {
      text += "<";
      i = lt + 1;
    }
  }
  flush();
  return out;
}
