import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeEntities, richTextToText } from "../../src/api/rich-text/to-text.js";
import { editorCommand, textOption, toRichText } from "../../src/cli/internal/notes.js";

describe("richTextToText", () => {
  it("puts each paragraph on its own line and <br> as a line break (empty divs as blank lines)", () => {
    expect(richTextToText("<div>First line<br>second line</div><div><br></div><div>Next paragraph</div>")).toBe("First line\nsecond line\n\nNext paragraph");
    expect(richTextToText("<p>One</p><p>Two</p>")).toBe("One\nTwo");
    expect(richTextToText("plain text")).toBe("plain text");
    expect(richTextToText("")).toBe("");
    expect(richTextToText(null)).toBe("");
  });

  it("collapses source whitespace but keeps <pre> as written", () => {
    expect(richTextToText("<div>\n  lots   of\n  space  </div>")).toBe("lots of space");
    expect(richTextToText("<pre>a  b\n  c</pre><div>after</div>")).toBe("a  b\n  c\nafter");
  });

  it("writes lists as - and 1. items, nested lists indented under their item", () => {
    expect(richTextToText("<ul><li>one</li><li>two<ul><li>two a</li></ul></li></ul>")).toBe("- one\n- two\n  - two a");
    expect(richTextToText('<ol start="3"><li>three</li><li>four<br>more</li></ol>')).toBe("3. three\n4. four\n   more");
    expect(richTextToText("<div>Before</div><ol><li>x</li></ol><div>After</div>")).toBe("Before\n1. x\nAfter");
  });

  it("quotes lines with > and shows links as text (url)", () => {
    expect(richTextToText("<blockquote>Quoted<br>twice</blockquote>")).toBe("> Quoted\n> twice");
    expect(richTextToText('<div>See <a href="https://example.com/a?b=1&amp;c=2">the <strong>docs</strong></a>.</div>')).toBe("See the docs (https://example.com/a?b=1&c=2).");
    expect(richTextToText('<a href="https://example.com">https://example.com</a>')).toBe("https://example.com");
    expect(richTextToText('<a href="mailto:a@example.com">a@example.com</a>')).toBe("a@example.com");
  });

  it("decodes entities, drops unknown tags but keeps their text, and skips scripts and comments", () => {
    expect(richTextToText("<div>Tom &amp; Jerry &lt;3 &quot;x&quot; &#39;y&#39; &#x1F600; caf&eacute;&nbsp;!</div>")).toBe("Tom & Jerry <3 \"x\" 'y' 😀 caf&eacute; !");
    expect(richTextToText("<div><span class=x>kept</span><!-- gone --><script>alert(1)</script></div>")).toBe("kept");
    expect(richTextToText("<h1>Title</h1><div>Body</div>")).toBe("Title\nBody");
    expect(richTextToText('<div>File: <bc-attachment filename="plan.pdf"></bc-attachment></div>')).toBe("File: [plan.pdf]");
    expect(richTextToText('<div>broken <b>markup</div> <i>still text')).toBe("broken markup\nstill text");
    expect(decodeEntities("&#0; &#xD800; &bogus;")).toBe("\uFFFD \uFFFD &bogus;");
  });

  it("reads back what the Markdown converter writes", () => {
    const md = "# Plan\n\nCall **Ana** & see [docs](https://example.com)\nnext line\n\n- a\n- b\n\n> note";
    expect(richTextToText(toRichText(md))).toBe("Plan\nCall Ana & see docs (https://example.com)\nnext line\n- a\n- b\n> note");
  });
});

describe("toRichText", () => {
  it("turns Markdown into rich text, escaping what is not Markdown", () => {
    expect(toRichText("Hello **you** <script>")).toBe("<div>Hello <strong>you</strong> &lt;script&gt;</div>");
    expect(toRichText("")).toBe("");
  });
  it("sends text that already is rich-text HTML as it is", () => {
    expect(toRichText("  <div>Already <em>rich</em></div>\n")).toBe("<div>Already <em>rich</em></div>");
    expect(toRichText("<p>Hello</p>")).toBe("<p>Hello</p>");
    expect(toRichText("<notatag> text")).toBe("<div>&lt;notatag&gt; text</div>");
  });
});

describe("textOption", () => {
  it("reads @file, keeps @@ as a literal @, and refuses a missing file as a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "campctl-notes-"));
    writeFileSync(join(dir, "n.md"), "from a file\n");
    expect(await textOption(`@${join(dir, "n.md")}`, "--notes")).toBe("from a file\n");
    expect(await textOption("@@sofia please look", "--notes")).toBe("@sofia please look");
    expect(await textOption("plain", "--notes")).toBe("plain");
    expect(await textOption(undefined, "--notes")).toBeUndefined();
    await expect(textOption(`@${join(dir, "missing.md")}`, "--notes")).rejects.toMatchObject({ name: "UsageError", message: expect.stringMatching(/no such file/) });
    await expect(textOption(`@${dir}`, "--notes")).rejects.toMatchObject({ name: "UsageError", message: expect.stringMatching(/folder/) });
  });

  it("the editor is $VISUAL, then $EDITOR, then vi", () => {
    expect(editorCommand({ VISUAL: "code --wait", EDITOR: "nano" })).toBe("code --wait");
    expect(editorCommand({ VISUAL: " ", EDITOR: "nano" })).toBe("nano");
    expect(editorCommand({})).toBe("vi");
  });
});
