import { describe, expect, it } from "vitest";
import { markdownToRichText as md } from "../../src/form/index.js";

const ALLOWED = new Set(["div", "h1", "br", "strong", "em", "strike", "a", "pre", "ol", "ul", "li", "blockquote"]);

/** Every tag in the output is one Basecamp allows, and the only attribute is a[href] with a safe URL. */
function onlyAllowedMarkup(out: string): void {
  for (const m of out.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(ALLOWED.has(m[1]), `tag <${m[1]}> in ${out}`).toBe(true);
    if (m[1] === "a" && !m[0].startsWith("</")) expect(m[2]).toMatch(/^ href="(https?:\/\/|mailto:)[^"<>]*"$/);
    else expect(m[2], `attributes on <${m[1]}>`).toBe("");
  }
  // No raw angle bracket or quote outside markup.
  const text = out.replace(/<\/?[a-z0-9]+(?: href="[^"]*")?>/g, "");
  expect(text).not.toMatch(/[<>"]/);
}

describe("notes: plain text and Markdown → Basecamp rich text", () => {
  it("keeps plain text: paragraphs become divs, line breaks <br>", () => {
    expect(md("Hello there\nsecond line\n\nNew paragraph")).toBe("<div>Hello there<br>second line</div><div>New paragraph</div>");
    expect(md("")).toBe("");
    expect(md("  \n\n ")).toBe("");
  });

  it("converts emphasis, strike, code, headings", () => {
    expect(md("**bold** and __also__, *em* and _em_, ~~gone~~")).toBe("<div><strong>bold</strong> and <strong>also</strong>, <em>em</em> and <em>em</em>, <strike>gone</strike></div>");
    expect(md("***both***")).toBe("<div><strong><em>both</em></strong></div>");
    expect(md("run `npm test` now")).toBe("<div>run <pre>npm test</pre> now</div>");
    expect(md("# Heading\n## Sub *x*")).toBe("<h1>Heading</h1><h1>Sub <em>x</em></h1>");
    expect(md("#hashtag is text")).toBe("<div>#hashtag is text</div>");
  });

  it("leaves words with underscores and lone markers alone", () => {
    expect(md("snake_case_name and a * b and ** and 5 * 3")).toBe("<div>snake_case_name and a * b and ** and 5 * 3</div>");
    expect(md("\\*not em\\*")).toBe("<div>*not em*</div>");
  });

  it("fenced code keeps its text verbatim and escaped", () => {
    expect(md("```js\nconst a = 1 < 2 && **x**;\n\n  indented\n```\nafter")).toBe("<pre>const a = 1 &lt; 2 &amp;&amp; **x**;\n\n  indented</pre><div>after</div>");
    expect(md("~~~\nunclosed <b>")).toBe("<pre>unclosed &lt;b&gt;</pre>");
  });

  it("makes lists, nested lists and ordered lists", () => {
    expect(md("- one\n- two\n  - two.a\n  - two.b\n- three")).toBe("<ul><li>one</li><li>two<ul><li>two.a</li><li>two.b</li></ul></li><li>three</li></ul>");
    expect(md("1. first\n2. second\n\n3. third")).toBe("<ol><li>first</li><li>second</li><li>third</li></ol>");
    expect(md("Shopping:\n* milk\n* **eggs**")).toBe("<div>Shopping:</div><ul><li>milk</li><li><strong>eggs</strong></li></ul>");
  });

  it("makes quotes, nested quotes with content", () => {
    expect(md("> quoted\n> - item\n>> deeper")).toBe("<blockquote><div>quoted</div><ul><li>item</li></ul><blockquote><div>deeper</div></blockquote></blockquote>");
  });

  it("links http, https and mailto only", () => {
    expect(md("[site](https://example.com/a?b=1&c=2) [mail](mailto:a@b.example) <http://x.example/y>")).toBe(
      '<div><a href="https://example.com/a?b=1&amp;c=2">site</a> <a href="mailto:a@b.example">mail</a> <a href="http://x.example/y">http://x.example/y</a></div>',
    );
    expect(md("see https://example.com/path, then go")).toBe('<div>see <a href="https://example.com/path">https://example.com/path</a>, then go</div>');
    expect(md("[**bold link**](https://e.example)")).toBe('<div><a href="https://e.example"><strong>bold link</strong></a></div>');
  });

  describe("XSS attempts come out as text", () => {
    const attacks: Array<[string, string]> = [
      ["<script>alert(1)</script>", "<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>"],
      ['<img src=x onerror="alert(1)">', "<div>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</div>"],
      ["[click](javascript:alert(1))", "<div>click</div>"],
      ["[click](JaVaScRiPt:alert(1))", "<div>click</div>"],
      ["[x](data:text/html;base64,PHNjcmlwdD4=)", "<div>x</div>"],
      ["[x](vbscript:msgbox)", "<div>x</div>"],
      ["[x](//evil.example/path)", "<div>x</div>"],
      ["[x](/relative)", "<div>x</div>"],
      ['[x](https://ok.example" onmouseover="alert(1))', `<div>[x](<a href="https://ok.example">https://ok.example</a>&quot; onmouseover=&quot;alert(1))</div>`],
      ["[x](jav&#x61;script:alert(1))", "<div>x</div>"],
      ["<javascript:alert(1)>", "<div>&lt;javascript:alert(1)&gt;</div>"],
      ["**<b onclick=alert(1)>b</b>**", "<div><strong>&lt;b onclick=alert(1)&gt;b&lt;/b&gt;</strong></div>"],
      ["`</pre><script>x</script>`", "<div><pre>&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</pre></div>"],
      ["&lt;script&gt; stays literal", "<div>&amp;lt;script&amp;gt; stays literal</div>"],
      ["<bc-attachment sgid=\"x\"></bc-attachment>", "<div>&lt;bc-attachment sgid=&quot;x&quot;&gt;&lt;/bc-attachment&gt;</div>"],
      ["https://ok.example/<script>", '<div><a href="https://ok.example/">https://ok.example/</a>&lt;script&gt;</div>'],
      ["'single' \"double\"", "<div>&#39;single&#39; &quot;double&quot;</div>"],
    ];
    for (const [input, want] of attacks) {
      it(JSON.stringify(input), () => {
        const out = md(input);
        expect(out).toBe(want);
        onlyAllowedMarkup(out);
      });
    }
  });

  it("survives hostile nesting and size without leaving the allowed markup", () => {
    const deep = `${">".repeat(500)} deep\n${"  ".repeat(300)}- x\n${"*".repeat(2000)}a${"*".repeat(2000)}\n${"[".repeat(1000)}x${"](https://a.example)".repeat(1000)}`;
    const out = md(deep);
    onlyAllowedMarkup(out);
    expect(out).toContain("deep");
    const big = md("word **bold** ".repeat(2000));
    expect(big.match(/<strong>/g)?.length).toBe(2000);
  });

  it("never lets markup through, for random mixes of Markdown and HTML", () => {
    const bits = ["<", ">", "*", "_", "~~", "`", "[", "]", "(", ")", "javascript:", "https://a.example", "\n", "\n\n", "> ", "- ", "1. ", "# ", '"', "'", "&", "x", " ", "<a href=", "```"];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 300; n++) {
      let s = "";
      for (let k = 0; k < 40; k++) s += bits[Math.floor(rand() * bits.length)];
      onlyAllowedMarkup(md(s));
    }
  });
});
