// The 32-byte key that encrypts token files: taken from the program, from BASECAMP_OAUTH_KEY,
// or from a key file that is created on first use. Nothing here ever puts key material into
// a message.
import { createHash, randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import { basename, dirname, join } from "node:path";
import { keepPrivate, type WarningSink } from "../../config/private-file.js";
import { fsyncDir, writeFileDurably } from "./atomic-file.js";

export const KEY_ENV = "BASECAMP_OAUTH_KEY";
export const KEY_BYTES = 32;

/** A usable key, with a fingerprint and a description of where it came from (for messages). */
export interface ResolvedKey {
  key: Buffer;
  kid: string;
  /** e.g. "from BASECAMP_OAUTH_KEY", "from the key file /x/oauth.key". */
  source: string;
  /** The key file this key lives in, when it came from one. */
  keyFile?: string;
}

export const ACCEPTED_FORMS =
  "a key is 32 bytes given as 64 hex characters or as base64 (44 characters, e.g. the output of `openssl rand -base64 32`), or a 32-byte Buffer";

/** Thrown for a key in a form we do not accept; the caller wraps it with the file it was for. */
export class KeyFormError extends Error {
  override name = "KeyFormError";
}

/** A short, non-secret fingerprint of a key: the first 8 hex digits of its SHA-256. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** The key in `value` (Buffer, hex text or base64 text), or a KeyFormError naming `what`. */
export function parseKey(value: Buffer | string, what: string): Buffer {
  if (Buffer.isBuffer(value)) {
    if (value.length !== KEY_BYTES) throw new KeyFormError(`${what} is not a usable key: it is ${value.length} bytes, not ${KEY_BYTES}; ${ACCEPTED_FORMS}.`);
    return Buffer.from(value);
  }
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === KEY_BYTES) return bytes;
  }
  throw new KeyFormError(`${what} is not a usable key: ${ACCEPTED_FORMS}.`);
}

export interface KeySources {
  key?: Buffer | string;
  env: NodeJS.ProcessEnv;
}

/** The key from the program or the environment, if either gives one. */
export function keyFromOptions(src: KeySources): ResolvedKey | undefined {
  if (src.key !== undefined) {
    const key = parseKey(src.key, "The key passed to TokenStore");
    return { key, kid: keyId(key), source: "given by the program" };
  }
  const fromEnv = src.env[KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    const key = parseKey(fromEnv, KEY_ENV);
    return { key, kid: keyId(key), source: `from ${KEY_ENV}` };
  }
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The key in an existing key file, or undefined when there is none. A key file open to group
 * or others is made 0600 with a warning to `sink` (InsecureFileError when it cannot be).
 */
export async function readKeyFile(keyFile: string, sink?: WarningSink): Promise<ResolvedKey | undefined> {
  keepPrivate(keyFile, "The key file", sink);
  // A racing creator that had to fall back to open-with-wx may not have written yet: an
  // empty file gets a short grace period before it counts as broken.
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = await fsp.readFile(keyFile, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    if (text.trim() === "" && attempt < 20) {
      await sleep(50);
      continue;
    }
    const key = parseKey(text, `The key file ${keyFile}`);
    return { key, kid: keyId(key), source: `from the key file ${keyFile}`, keyFile };
  }
}

/**
 * The key in `keyFile`, creating the file with a fresh random key when it is missing. Two
 * processes racing here end with one key: the file appears complete or not at all (written
 * to a temp file, then hard-linked into place, which fails when the name exists), and the
 * loser reads the winner's key.
 */
export async function loadOrCreateKeyFile(keyFile: string, sink?: WarningSink): Promise<ResolvedKey> {
  const existing = await readKeyFile(keyFile, sink);
  if (existing) return existing;
  const dir = dirname(keyFile);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const text = `${randomBytes(KEY_BYTES).toString("base64")}\n`;
  const tmp = join(dir, `.${basename(keyFile)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let created = false;
  try {
    await writeFileDurably(tmp, text);
    try {
      await fsp.link(tmp, keyFile);
      created = true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") {
        // No hard links on this file system: create the name exclusively and fill it.
        if (!["EPERM", "ENOTSUP", "ENOSYS", "EXDEV", "EOPNOTSUPP"].includes(code ?? "")) throw err;
        created = await createExclusive(keyFile, text);
      }
    }
  } finally {
    await fsp.rm(tmp, { force: true });
  }
  if (created) await fsyncDir(dir);
  const result = await readKeyFile(keyFile, sink);
  if (!result) throw new Error(`The key file ${keyFile} vanished while it was being created.`);
  return result;
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}
