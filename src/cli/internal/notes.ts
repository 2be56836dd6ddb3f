// Long text options (--notes, --body): given inline, `-` for standard input, `@file.md` for a
// file, or written in $EDITOR with --edit; then Markdown turned into Basecamp rich text by the
// same converter the request form uses (text that already is rich-text HTML is sent as is).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { markdownToRichText } from "../../api/rich-text/markdown.js";
import { UsageError } from "./errors.js";

/** Rich text starts with one of these tags; Markdown never does (its `<` is escaped text). */
const RICH_TEXT = /^\s*<(div|p|h[1-6]|br|ul|ol|li|blockquote|pre|strong|b|em|i|strike|del|a|bc-attachment|figure)(\s[^>]*)?\/?>/i;

/** Markdown (or plain text) as rich-text HTML; HTML that is already rich text passes unchanged. */
export function toRichText(text: string): string {
  return RICH_TEXT.test(text) ? text.trim() : markdownToRichText(text);
}

/** All of standard input as text. */
export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The text an option names: `-` reads standard input, `@path` a file (`@@…` is a literal text
 * starting with "@"), anything else is the text itself. Undefined stays undefined.
 */
export async function textOption(value: string | undefined, option: string): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (value === "-") {
    if (process.stdin.isTTY) process.stderr.write(`Reading ${option} from standard input; end with Ctrl-D.\n`);
    return readStdin();
  }
  if (value.startsWith("@@")) return value.slice(1);
  if (value.startsWith("@") && value.length > 1) {
    const path = value.slice(1);
    try {
      return readFileSync(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "that is a folder" : code === "EACCES" ? "permission denied" : (e as Error).message;
      throw new UsageError(`${option} ${value}: cannot read ${JSON.stringify(path)} (${why}). Write @@ to start the text itself with "@".`);
    }
  }
  return value;
}

/** The editor command a person chose: $VISUAL, then $EDITOR, else vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || "vi";
}

/**
 * Open `initial` in the person's editor (a temporary .md file) and return what they saved.
 * The command may carry its own arguments ("code --wait"); it runs through the shell.
 */
export function editText(initial: string, what: string): string {
  const dir = mkdtempSync(join(tmpdir(), "campctl-edit-"));
  const file = join(dir, `${what.replace(/[^a-z0-9]+/gi, "-")}.md`);
  try {
    writeFileSync(file, initial, { mode: 0o600 });
    const editor = editorCommand();
    const r = spawnSync(`${editor} '${file.replace(/'/g, `'\\''`)}'`, { shell: true, stdio: "inherit" });
    if (r.error) throw new UsageError(`Could not start the editor ${JSON.stringify(editor)}: ${r.error.message}. Set EDITOR (or VISUAL) to one that works.`);
    if (r.status !== 0) throw new UsageError(`The editor ${JSON.stringify(editor)} exited with ${r.status ?? r.signal}; nothing was sent.`);
    return readFileSync(file, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The rich text for a long text option, or undefined when it was not given: the value read as
 * `textOption` reads it, or with `edit` written in the editor (starting from `initial`).
 */
export async function richTextOption(value: string | undefined, edit: boolean | undefined, option: string, initial = ""): Promise<string | undefined> {
  if (edit && value !== undefined) throw new UsageError(`Give either ${option} or --edit, not both.`);
  const text = edit ? editText(initial, option.replace(/^-+/, "")) : await textOption(value, option);
  return text === undefined ? undefined : toRichText(text);
}
