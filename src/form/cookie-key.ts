// The key that signs the form's cookies: given by the embedder, or 32 random bytes kept in a
// 0600 file under the data directory, so sessions survive a restart.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const MIN_BYTES = 32;

function fromText(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length < MIN_BYTES) throw new Error(`The cookie key in ${where} is too short (need ${MIN_BYTES} bytes, base64). Delete the file to make a new one (everyone will have to connect again).`);
  return key;
}

/** A usable secret from a string or Buffer the embedder gave (at least 32 bytes of it). */
export function cookieKeyFrom(secret: string | Buffer): Buffer {
  const key = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
  if (key.length < MIN_BYTES) throw new Error(`cookieSecret must be at least ${MIN_BYTES} bytes (e.g. \`openssl rand -base64 32\`).`);
  return key;
}

/** The key in `file`, created (0600, folder 0700) when it does not exist yet. */
export function loadOrCreateCookieKey(file: string): Buffer {
  try {
    return fromText(readFileSync(file, "utf8"), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const text = `${randomBytes(MIN_BYTES).toString("base64")}\n`;
  try {
    writeFileSync(file, text, { mode: 0o600, flag: "wx" });
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return fromText(readFileSync(file, "utf8"), file);
}
