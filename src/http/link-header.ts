// RFC 8288 `Link` headers, read one link-value at a time. A value that does not parse is
// skipped (and remembered when it seems to name rel="next"), so one bad entry cannot hide
// a good one, and a next page that is named but unusable is never mistaken for the end.

export interface LinkValue {
  /** The target as written between < and >. */
  target: string;
  /** Parameters by lower-case name; only the first of each name counts (RFC 8288 §3). */
  params: Map<string, string>;
  /** Relation types, lower-case. */
  rels: string[];
}

export interface ParsedLinks {
  links: LinkValue[];
  /** Raw link-values that did not parse. */
  malformed: string[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Split at commas that are outside <…> and "…". */
function splitValues(header: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inAngle = false;
  let inQuote = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (inQuote) {
      cur += ch;
      if (ch === "\\" && i + 1 < header.length) cur += header[++i];
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') {
      inQuote = true;
      cur += ch;
    } else if (ch === "<" && cur.trim() === "") {
      inAngle = true;
      cur += ch;
    } else if (ch === ">" && inAngle) {
      inAngle = false;
      cur += ch;
    } else if (ch === "," && !inAngle) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((v) => v.trim()).filter((v) => v !== "");
}

/** One link-value: `<target>` then `; name[=token|"quoted"]` parameters; undefined when malformed. */
function parseValue(text: string): LinkValue | undefined {
  const m = /^<([^<>]*)>/.exec(text);
  if (!m) return undefined;
  const params = new Map<string, string>();
  let rest = text.slice(m[0].length);
  for (;;) {
    rest = rest.replace(/^[ \t]+/, "");
    if (rest === "") break;
    if (rest[0] !== ";") return undefined;
    rest = rest.slice(1).replace(/^[ \t]+/, "");
    const name = TOKEN.exec(rest);
    if (!name) return undefined;
    rest = rest.slice(name[0].length).replace(/^[ \t]+/, "");
    let value = "";
    if (rest[0] === "=") {
      rest = rest.slice(1).replace(/^[ \t]+/, "");
      const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
      const bare = quoted ? undefined : TOKEN.exec(rest);
      if (quoted) value = quoted[1].replace(/\\(.)/g, "$1");
      else if (bare) value = bare[0];
      else return undefined;
      rest = rest.slice((quoted ?? bare)![0].length);
    }
    const key = name[0].toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  const rels = (params.get("rel") ?? "").toLowerCase().split(/[ \t]+/).filter(Boolean);
  return { target: m[1].trim(), params, rels };
}

export function parseLinkHeader(header: string): ParsedLinks {
  const links: LinkValue[] = [];
  const malformed: string[] = [];
  for (const v of splitValues(header)) {
    const parsed = parseValue(v);
    if (parsed) links.push(parsed);
    else malformed.push(v);
  }
  return { links, malformed };
}

export type NextLink =
  | { kind: "none" }
  | { kind: "next"; url: string }
  /** rel="next" was named, but no value of it gives an address to follow. */
  | { kind: "unusable"; why: string };

/**
 * The first well-formed `rel="next"` with a usable target, resolved against the page URL.
 * A target that is empty, not a URL, not http(s), or the page itself is unusable.
 */
export function findNext(header: string | null, pageUrl: string): NextLink {
  if (!header || header.trim() === "") return { kind: "none" };
  const { links, malformed } = parseLinkHeader(header);
  const problems: string[] = [];
  for (const l of links) {
    if (!l.rels.includes("next")) continue;
    let u: URL | undefined;
    try {
      u = l.target === "" ? undefined : new URL(l.target, pageUrl);
    } catch {
      u = undefined;
    }
    if (!u) problems.push(`<${l.target}> is not an address`);
    else if (u.protocol !== "https:" && u.protocol !== "http:") problems.push(`<${l.target}> is not an http(s) address`);
    else if (u.toString() === new URL(pageUrl).toString()) problems.push(`<${l.target}> is this same page`);
    else return { kind: "next", url: u.toString() };
  }
  for (const v of malformed) if (/\brel\s*=\s*"?[^";,]*\bnext\b/i.test(v)) problems.push(`${JSON.stringify(v)} is not a well-formed link-value`);
  return problems.length ? { kind: "unusable", why: problems.join("; ") } : { kind: "none" };
}
