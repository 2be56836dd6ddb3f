// Warnings from the library (a settings file made private again, …) as one clean line on
// stderr, "campctl: warning: …", whether they come as process warnings (codes BASECAMP_*)
// or through the logger campctl hands the library with -v. Node's own warnings keep
// Node's way of printing.
import type { Logger } from "../../http/log.js";
import { redact } from "../../http/redact.js";

type Stream = { write(s: string): unknown };

export function printLibraryWarnings(stream: Stream = process.stderr): void {
  const node = process.listeners("warning");
  process.removeAllListeners("warning");
  process.on("warning", (w: Error & { code?: unknown }) => {
    if (typeof w.code === "string" && w.code.startsWith("BASECAMP_")) stream.write(`campctl: warning: ${redact(w.message)}\n`);
    else for (const listener of node) listener.call(process, w);
  });
}

/** The -v logger: request lines as they come, warnings in the same form as above. */
export function cliLogger(stream: Stream = process.stderr): Logger {
  return { write: (line) => void stream.write(`${line.startsWith("warning: ") ? "campctl: " : ""}${line}\n`) };
}
