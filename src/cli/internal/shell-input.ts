// What `campctl shell` needs around its input: statements split at `;` (not inside quotes or
// comments), and the history file (last 1000 entries, never anything that looks secret).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { redact } from "../../http/redact.js";

export const HISTORY_LIMIT = 1000;

/**
 * The complete statements in `text` (each without its `;`, trimmed, comment-only ones dropped)
 * and what is left after the last `;`. Quotes ('…', "…", `…`, […]) and comments (-- …, /* … *\/)
 * hide semicolons.
 */
export function splitStatements(text: string): { complete: string[]; rest: string } {
  const { complete, rest } = splitStatementsAt(text);
  return { complete: complete.map((s) => s.text), rest };
}

/**
 * splitStatements with positions: where each statement's first character is in `text`, and
 * where the rest begins (a script names the line a failing statement starts on).
 */
export function splitStatementsAt(text: string): { complete: Array<{ text: string; at: number }>; rest: string; restAt: number } {
  const complete: Array<{ text: string; at: number }> = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      // A doubled quote inside a quoted string is the quote itself.
      while (j < text.length && !(text[j] === close && text[j + 1] !== close)) j += text[j] === close ? 2 : 1;
      i = j + 1;
    } else if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === ";") {
      const raw = text.slice(start, i);
      const stmt = raw.trim();
      if (!isBlankSql(stmt)) complete.push({ text: stmt, at: start + (raw.length - raw.trimStart().length) });
      start = i + 1;
      i++;
    } else i++;
  }
  return { complete, rest: text.slice(start), restAt: start };
}

/** Only whitespace and complete comments (an open quote or comment is not blank). */
export function isBlankSql(text: string): boolean {
  let t = text;
  for (;;) {
    t = t.trimStart();
    if (t === "") return true;
    if (t.startsWith("--")) {
      const nl = t.indexOf("\n");
      if (nl < 0) return true;
      t = t.slice(nl + 1);
    } else if (t.startsWith("/*")) {
      const end = t.indexOf("*/", 2);
      if (end < 0) return false;
      t = t.slice(end + 2);
    } else return false;
  }
}

/** Lines that should never reach the history file: OAuth procedures, tokens, secrets, passwords. */
export function looksSecret(line: string): boolean {
  if (redact(line) !== line) return true;
  if (/\b(EXEC|EXECUTE|CALL)\b[\s\S]*OAuth/i.test(line)) return true;
  return /(access|refresh)_?token|client_?secret|password|verifier/i.test(line);
}

/** One entry per line: a statement's newlines become spaces. */
export function historyEntry(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** The history file's entries, oldest first (the file is trimmed to the last `limit`). */
export function loadHistory(file: string, limit = HISTORY_LIMIT): string[] {
  if (!existsSync(file)) return [];
  try {
    const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
    if (lines.length > limit) {
      const kept = lines.slice(-limit);
      writeFileSync(file, `${kept.join("\n")}\n`, { mode: 0o600 });
      return kept;
    }
    return lines;
  } catch {
    return [];
  }
}

/** Add one entry (unless blank or secret-looking); false when it was not stored. */
export function appendHistory(file: string, text: string): boolean {
  const entry = historyEntry(text);
  if (!entry || looksSecret(entry)) return false;
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${entry}\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
