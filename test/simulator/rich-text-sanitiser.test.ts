// The simulator's rich-text sanitiser on its own, fed nasty input: what survives must be
// Basecamp's allowed tags only, balanced, with the text kept.
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/simulator/internal/html-tokens.js";
import { attachmentSgids, CHATBOT_TAGS, safeHref, sanitizeRichText } from "../../src/simulator/internal/rich-text.js";

const clean = (s: string): string => sanitizeRichText(s).html;

/** Tags in sanitised output, for checking that only allowed ones remain and they balance. */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z][a-z0-9-]*)/g)].map((m) => m[0]);
}

function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const t of tagsOf(html)) {
    const name = t.replace(/^<\/?/, "");
    if (name === "br") continue;
    if (t.startsWith("</")) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

describe("rich-text sanitiser", () => {
  it("keeps the allowed tags and drops every attribute but href and the bc-attachment ones", () => {
    const html = '<div class="a" id=b><h1 style="x">T</h1><strong>s</strong><em>e</em><strike>k</strike><pre>p  re</pre><ol><li>1</li></ol><ul><li>2</li></ul><blockquote>q</blockquote>x<br/>y</div>';
    expect(clean(html)).toBe("<div><h1>T</h1><strong>s</strong><em>e</em><strike>k</strike><pre>p  re</pre><ol><li>1</li></ol><ul><li>2</li></ul><blockquote>q</blockquote>x<br>y</div>");
  });

  it("removes script and style with their content, other tags with their text kept", () => {
    expect(clean("a<script>alert(1)</script>b<style>p{}</style>c")).toBe("abc");
    expect(clean("<p>one</p><span>two</span><img src=x><table><tr><td>three</td></tr></table>")).toBe("<div>one</div>twothree");
    expect(clean("<SCRIPT type=text/javascript>x()</SCRIPT >after")).toBe("after");
    expect(clean("<script>never closed <div>still script")).toBe("");
    expect(clean("<script/>x</script>y")).toBe("y");
    expect(clean("<iframe src=https://evil>inside</iframe>out<noscript><b>n</b></noscript>")).toBe("out");
  });

  it("lower-cases uppercase tags and attributes", () => {
    expect(clean('<DIV ONCLICK="x()"><STRONG>Hi</STRONG> <A HREF="HTTPS://EX.COM">l</A></DIV>')).toBe('<div><strong>Hi</strong> <a href="HTTPS://EX.COM">l</a></div>');
  });

  it("reads unquoted, single-quoted and valueless attributes, and > inside quotes", () => {
    expect(clean("<a href=https://ex.com/x?y=1 onclick=evil()>u</a>")).toBe('<a href="https://ex.com/x?y=1">u</a>');
    expect(clean("<a target href='http://ex.com/\"q\"'>s</a>")).toBe('<a href="http://ex.com/&quot;q&quot;">s</a>');
    expect(clean('<div title="a > b" onmouseover="x">t</div>')).toBe("<div>t</div>");
    expect(clean('<a href="http://a" href="javascript:b">first wins</a>')).toBe('<a href="http://a">first wins</a>');
  });

  it("keeps only http, https and mailto links, whatever the encoding", () => {
    expect(safeHref("https://example.com")).toBe("https://example.com");
    expect(safeHref("mailto:a@example.com")).toBe("mailto:a@example.com");
    for (const bad of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:x", "jav&#x61;script:x", "&#106;avascript:x", "javascript&colon;x", "data:text/html,<script>", "vbscript:x", "/relative", "//evil.example", "ftp://x"]) {
      expect(safeHref(bad), bad).toBeUndefined();
    }
    expect(clean('<a href="jav&#x09;ascript:alert(1)">x</a>')).toBe("<a>x</a>");
    expect(clean('<a href="https://ex.com/?a=1&amp;b=2">x</a>')).toBe('<a href="https://ex.com/?a=1&amp;b=2">x</a>');
  });

  it("drops comments, doctypes, CDATA and processing instructions, even unclosed", () => {
    expect(clean("a<!-- <script>alert(1)</script> -->b<!DOCTYPE html>c<![CDATA[<x>]]>d<?xml x?>e")).toBe("abc]]&gt;de");
    expect(clean("x<!-- never closed <strong>y</strong>")).toBe("x");
    expect(clean("x<!-->y<!--->z")).toBe("xyz");
  });

  it("closes what is left open and ignores stray end tags (always balanced)", () => {
    expect(clean("<div><strong>open <em>more")).toBe("<div><strong>open <em>more</em></strong></div>");
    expect(clean("</div></strong>text</em>")).toBe("text");
    expect(clean("<strong><em>x</strong>y</em>")).toBe("<strong><em>x</em></strong>y");
    expect(clean("<ul><li>a<li>b</ul>")).toBe("<ul><li>a</li><li>b</li></ul>");
    expect(clean('<a href="http://a">1<a href="http://b">2</a>')).toBe('<a href="http://a">1</a><a href="http://b">2</a>');
    for (const s of ["<div><div><blockquote>", "<em></div></em><strong>", "<ol><li><ul><li>x</ol>y</li>", "<pre><a><strike>"]) {
      expect(balanced(clean(s)), s).toBe(true);
    }
  });

  it("drops an unfinished tag at the end of the input rather than leaking it", () => {
    expect(clean("ok <div")).toBe("ok ");
    expect(clean('ok <a href="http://x')).toBe("ok ");
    expect(clean("ok </div")).toBe("ok ");
  });

  it("escapes stray < > and bare & in text, keeping real character references", () => {
    expect(clean("1 < 2 > 0 & 3 &amp; &copy; &#169; &#xA9; &nosemicolon < script>")).toBe("1 &lt; 2 &gt; 0 &amp; 3 &amp; &copy; &#169; &#xA9; &amp;nosemicolon &lt; script&gt;");
    expect(clean("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(clean("a\u0000b")).toBe("ab");
  });

  it("cannot be tricked into re-forming a tag", () => {
    expect(clean("<scr<script>ipt>alert(1)</script>")).not.toMatch(/<script/i);
    expect(clean("<<script>script>alert(1)<</script>/script>")).not.toMatch(/<script/i);
    expect(clean('<div ="x" =onclick=y>t</div>')).toBe("<div>t</div>");
    expect(clean("<img/src=x/onerror=alert(1)>")).toBe("");
    expect(clean("<svg><script>alert(1)</script></svg>")).toBe("");
  });

  it("keeps bc-attachment with sgid, caption and gallery presentation, and reports the sgids", () => {
    const r = sanitizeRichText('<bc-attachment sgid="A1" caption="Cap &amp; more" content-type="x" onload="y"></bc-attachment><div><bc-attachment SGID=B2 presentation=gallery /></div><bc-attachment caption="no sgid">t</bc-attachment><bc-attachment sgid="A1"></bc-attachment>');
    expect(r.html).toBe(
      '<bc-attachment sgid="A1" caption="Cap &amp; more"></bc-attachment><div><bc-attachment sgid="B2" presentation="gallery"></bc-attachment></div>t<bc-attachment sgid="A1"></bc-attachment>',
    );
    expect(r.sgids).toEqual(["A1", "B2"]);
    expect(attachmentSgids(r.html)).toEqual(["A1", "B2"]);
    expect(attachmentSgids("<div>none</div>")).toEqual([]);
  });

  it("allows a chatbot's table tags only when asked", () => {
    const t = "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table><details><summary>s</summary>x</details>";
    expect(sanitizeRichText(t, { extraTags: CHATBOT_TAGS }).html).toBe(t);
    expect(clean(t)).toBe("hdsx");
  });

  it("survives deep nesting and large input in linear time", () => {
    const deep = "<div>".repeat(20000) + "x" + "</div>".repeat(20000);
    expect(clean(deep)).toBe(deep);
    const junk = "<a <b <c =".repeat(5000);
    expect(() => clean(junk)).not.toThrow();
    const stray = "<div>" + "<strong>".repeat(20000) + "</em>".repeat(20000);
    expect(clean(stray)).toBe("<div>" + "<strong>".repeat(20000) + "</strong>".repeat(20000) + "</div>");
    const many = "<script>x</script>".repeat(5000) + "end";
    expect(clean(many)).toBe("end");
  });

  it("for random tag soup, never lets a disallowed tag or attribute through and stays balanced", () => {
    const parts = ["<div>", "</div>", "<script>", "</script>", "<img src=x onerror=y>", "<a href='javascript:x'>", "<a href=http://ok>", "</a>", "<STRONG>", "</strong>", "<!--", "-->", "<", ">", "&", "\"", "'", "text", "<li>", "<ul>", "</ul>", "<bc-attachment sgid=s>", "<em onclick=x>", "</em>", "<style>", "</style>", "<p>", "=", "/"];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 500; i++) {
      let s = "";
      for (let j = 0; j < 30; j++) s += parts[rnd(parts.length)];
      const out = clean(s);
      for (const t of tagsOf(out)) expect(t, `${s} → ${out}`).toMatch(/^<\/?(div|h1|br|strong|em|strike|a|pre|ol|ul|li|blockquote|bc-attachment)$/);
      expect(out).not.toMatch(/onerror|onclick|javascript:|<script|<style|<img|<p>/i);
      expect(balanced(out), `${s} → ${out}`).toBe(true);
      // Idempotent: cleaning clean output changes nothing.
      expect(clean(out)).toBe(out);
    }
  });

  it("tokenizes without losing text", () => {
    expect(tokenize("a<b>c</b>d").map((t) => t.kind)).toEqual(["text", "start", "text", "end", "text"]);
    expect(tokenize("<x y='1' z=2 w>")).toEqual([{ kind: "start", name: "x", attrs: [{ name: "y", value: "1" }, { name: "z", value: "2" }, { name: "w", value: "" }], selfClosing: false }]);
  });
});

describe("blocks outside the allowed set", () => {
  it("become divs, so paragraphs and headings stay apart", () => {
    expect(sanitizeRichText("<p>a</p><P class=x>b</P><h3>c</h3>").html).toBe("<div>a</div><div>b</div><div>c</div>");
  });
});
