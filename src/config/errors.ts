/**
 * The one error type of src/config. Every message says what is wrong, where (key and/or
 * position, 0-based in the text), and how to fix it; none ever holds a secret value.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  /** Canonical key the problem is about, when there is one. */
  readonly key?: string;
  /** 0-based character offset in the connection string or file, when there is one. */
  readonly position?: number;

  constructor(message: string, details: { key?: string; position?: number } = {}) {
    super(message);
    if (details.key !== undefined) this.key = details.key;
    if (details.position !== undefined) this.position = details.position;
  }
}

/** Quote a piece of user text for a message: clipped, control characters escaped. */
export function quoteForMessage(text: string, max = 40): string {
  const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
  const shown = clipped.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `'${shown}'`;
}
