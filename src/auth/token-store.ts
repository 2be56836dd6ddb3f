// OAuth tokens kept encrypted on disk, one file per account (AES-256-GCM; see
// internal/token-envelope.ts for the format). The store never overwrites or deletes a file it
// cannot read on its own, and no message it makes holds a token or the key.
import { existsSync, promises as fsp } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { InsecureFileError, keepPrivate } from "../config/private-file.js";
import type { Logger } from "../http/log.js";
import { ensureDir, writeFileAtomic } from "./internal/atomic-file.js";
import { LockFailedError, LockTimeoutError, lockFileFor, withFileLock } from "./internal/file-lock.js";
import { open, seal } from "./internal/token-envelope.js";
import { KEY_ENV, KeyFormError, keyFromOptions, loadOrCreateKeyFile, readKeyFile, type ResolvedKey } from "./internal/token-key.js";

export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires. */
  expiresAt?: number;
  clientId?: string;
  accountId?: string;
  /** Launchpad base the tokens came from (so sandbox and real tokens never mix). */
  launchpadUrl?: string;
  identity?: { id: string; name?: string; email?: string };
  /** Epoch ms of the last write. */
  updatedAt: number;
}

export interface TokenStoreOptions {
  /** The key: a 32-byte Buffer, or 64 hex characters, or base64 of 32 bytes. */
  key?: Buffer | string;
  /** Where BASECAMP_OAUTH_KEY is read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The key file used when no key is given; default `oauth.key` beside the token file. */
  keyFile?: string;
  /** Give up waiting for the lock after this long; default 30 000 ms. */
  lockTimeoutMs?: number;
  /** Take over a lock not refreshed for this long; default 10 000 ms (minimum 2 000). */
  lockStaleMs?: number;
  /**
   * Where a warning goes when the token or key file was open to group or others and has been
   * made 0600; default a process warning with the code BASECAMP_INSECURE_FILE.
   */
  logger?: Logger;
}

export interface WriteOptions {
  /** Overwrite an existing file even though it cannot be read with this key. */
  replaceUnreadable?: boolean;
}

export type TokenStoreErrorCode =
  /** The file is damaged, edited, truncated or not a token file. */
  | "UNREADABLE"
  /** The file was encrypted with another key, or there is no key here. */
  | "WRONG_KEY"
  /** A key was given in a form that is not accepted. */
  | "BAD_KEY"
  /** write() refused to replace a file it cannot read. */
  | "WOULD_OVERWRITE"
  /** write() was given something that is not tokens. */
  | "INVALID_TOKENS"
  /** Waiting for the lock took too long. */
  | "LOCK_TIMEOUT"
  /** The token or key file is open to group or others and could not be made 0600. */
  | "INSECURE"
  /** The file system refused (permissions, a folder in the way, …). */
  | "IO";

export class TokenStoreError extends Error {
  override name = "TokenStoreError";
  readonly path: string;
  readonly code: TokenStoreErrorCode;
  constructor(message: string, path: string, code: TokenStoreErrorCode, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
    this.code = code;
  }
}

const NOT_CHANGED = "It was not changed.";

export class TokenStore {
  readonly path: string;
  readonly keyFile: string;
  readonly #key: Buffer | string | undefined;
  readonly #env: NodeJS.ProcessEnv;
  readonly #lockTimeoutMs: number;
  readonly #lockStaleMs: number;
  readonly #logger: Logger | undefined;
  #resolved: ResolvedKey | undefined;

  constructor(path: string, opts: TokenStoreOptions = {}) {
    this.path = resolve(path);
    this.keyFile = resolve(opts.keyFile ?? join(dirname(this.path), "oauth.key"));
    this.#key = opts.key;
    this.#env = opts.env ?? process.env;
    this.#lockTimeoutMs = opts.lockTimeoutMs ?? 30_000;
    this.#lockStaleMs = Math.max(2_000, opts.lockStaleMs ?? 10_000);
    this.#logger = opts.logger;
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /**
   * The tokens, or undefined when there is no file; a TokenStoreError when it cannot be read.
   * A token or key file open to group or others is made 0600 first, with a warning.
   */
  async read(): Promise<StoredTokens | undefined> {
    const text = await this.#readRaw();
    if (text === undefined) return undefined;
    const key = await this.#existingKey();
    return this.#decrypt(text, key);
  }

  /**
   * Encrypt and save `tokens` (stamping `updatedAt` with now when it is not given): a temp
   * file in the same folder, fsync, rename; the file is 0600 and a folder it creates 0700.
   * Refuses to replace a file that cannot be read with this key unless `replaceUnreadable`.
   */
  async write(tokens: Omit<StoredTokens, "updatedAt"> & { updatedAt?: number }, opts: WriteOptions = {}): Promise<void> {
    const record = checkTokens(tokens, this.path);
    let key = this.#fromOptions();
    if (!opts.replaceUnreadable) {
      const existing = await this.#readRaw();
      if (existing !== undefined) {
        try {
          this.#decrypt(existing, key ?? (await this.#existingKey()));
        } catch (err) {
          const why = err instanceof TokenStoreError ? err.message : String(err);
          throw new TokenStoreError(
            `Not saving tokens to ${this.path}: the file already there cannot be read, and saving would destroy it. ${why} To replace it anyway, delete it first (or write with { replaceUnreadable: true }).`,
            this.path,
            "WOULD_OVERWRITE",
            { cause: err },
          );
        }
      }
    }
    key ??= await this.#keyFromFile(true);
    const envelope = seal(JSON.stringify(record), key.key, key.kid);
    await this.#io("save", () => writeFileAtomic(this.path, `${JSON.stringify(envelope, null, 2)}\n`));
  }

  /** Remove the token file (the key file stays: other accounts' files may use it). */
  async delete(): Promise<void> {
    await this.#io("delete", () => fsp.rm(this.path, { force: true }));
  }

  /**
   * Run `fn` while holding an exclusive lock on the token file, across processes. Locks left
   * by a dead process are taken over after ~10 s; after ~30 s of waiting this fails with a
   * TokenStoreError naming the lock to remove. Not re-entrant: do not nest on one file.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    await this.#io("create the folder of", () => ensureDir(dirname(this.path)));
    try {
      return await withFileLock(this.path, fn, { staleMs: this.#lockStaleMs, timeoutMs: this.#lockTimeoutMs });
    } catch (err) {
      if (err instanceof LockTimeoutError) {
        const secs = Math.round(err.waitedMs / 1000);
        throw new TokenStoreError(
          `Gave up after ${secs} s waiting for the lock on ${this.path}: another process (a running campctl or program using this account) holds it. If none is running, remove the lock folder ${lockFileFor(this.path)} and try again.`,
          this.path,
          "LOCK_TIMEOUT",
        );
      }
      if (err instanceof LockFailedError) {
        throw new TokenStoreError(`Cannot lock the token file ${this.path}: ${err.message}. Check the folder's permissions.`, this.path, "IO", { cause: err });
      }
      throw err;
    }
  }

  // --- internals ---

  async #readRaw(): Promise<string | undefined> {
    try {
      keepPrivate(this.path, "The OAuth token file", this.#logger);
      return await fsp.readFile(this.path, "utf8");
    } catch (err) {
      if (err instanceof InsecureFileError) throw new TokenStoreError(err.message, this.path, "INSECURE");
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new TokenStoreError(`Cannot read the token file ${this.path}: ${(err as Error).message}. Check its permissions.`, this.path, "IO", { cause: err });
    }
  }

  #fromOptions(): ResolvedKey | undefined {
    if (this.#resolved) return this.#resolved;
    try {
      this.#resolved = keyFromOptions({ key: this.#key, env: this.#env });
    } catch (err) {
      if (err instanceof KeyFormError) throw new TokenStoreError(`${err.message} (It is needed for the token file ${this.path}.)`, this.path, "BAD_KEY");
      throw err;
    }
    return this.#resolved;
  }

  /** The key in the key file; with `create`, a new key file is made when there is none. */
  async #keyFromFile<C extends boolean>(create: C): Promise<C extends true ? ResolvedKey : ResolvedKey | undefined>;
  async #keyFromFile(create: boolean): Promise<ResolvedKey | undefined> {
    try {
      const k = create ? await loadOrCreateKeyFile(this.keyFile, this.#logger) : await readKeyFile(this.keyFile, this.#logger);
      if (k) this.#resolved = k;
      return k;
    } catch (err) {
      if (err instanceof InsecureFileError) throw new TokenStoreError(`${err.message} (It is needed for the token file ${this.path}.)`, this.path, "INSECURE");
      if (err instanceof KeyFormError) {
        throw new TokenStoreError(`${err.message} The key file was not changed: restore it, or set ${KEY_ENV}. (It is needed for the token file ${this.path}.)`, this.path, "BAD_KEY");
      }
      throw new TokenStoreError(`Cannot use the key file ${this.keyFile} for the token file ${this.path}: ${(err as Error).message}.`, this.path, "IO", { cause: err });
    }
  }

  /** The key to read with: from the options, else an existing key file (never created here). */
  async #existingKey(): Promise<ResolvedKey | undefined> {
    return this.#fromOptions() ?? (await this.#keyFromFile(false));
  }

  #decrypt(text: string, key: ResolvedKey | undefined): StoredTokens {
    const p = this.path;
    if (!key) {
      throw new TokenStoreError(
        `The token file ${p} cannot be decrypted: there is no key here (${KEY_ENV} is not set and there is no key file at ${this.keyFile}). ${NOT_CHANGED} Set ${KEY_ENV} to the key it was made with, copy that key file to ${this.keyFile}, or delete the token file and sign in again.`,
        p,
        "WRONG_KEY",
      );
    }
    const r = open(text, key.key, key.kid);
    if ("plaintext" in r) {
      const tokens = parseTokens(r.plaintext);
      if (tokens) return tokens;
      throw new TokenStoreError(`The token file ${p} decrypts, but not to tokens. ${NOT_CHANGED} Delete it and sign in again.`, p, "UNREADABLE");
    }
    switch (r.kind) {
      case "damaged":
        throw new TokenStoreError(`The token file ${p} cannot be read: ${r.detail}. ${NOT_CHANGED} Restore it from a backup, or delete it and sign in again.`, p, "UNREADABLE");
      case "other-key":
        throw new TokenStoreError(
          `The token file ${p} was changed or encrypted with another key (kid ${r.fileKid}, yours ${key.kid} ${key.source}). ${NOT_CHANGED} Restore it, set ${KEY_ENV} to the key it was made with, or delete it and sign in again.`,
          p,
          "WRONG_KEY",
        );
      case "integrity":
        throw new TokenStoreError(
          `The token file ${p} was changed or truncated after it was written: it fails its integrity check with key kid ${key.kid}. ${NOT_CHANGED} Restore it from a backup, or delete it and sign in again.`,
          p,
          "UNREADABLE",
        );
    }
  }

  async #io<T>(verb: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof TokenStoreError) throw err;
      throw new TokenStoreError(`Cannot ${verb} the token file ${this.path}: ${(err as Error).message}.`, this.path, "IO", { cause: err });
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseTokens(text: string): StoredTokens | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(v) || typeof v.accessToken !== "string" || typeof v.updatedAt !== "number") return undefined;
  return v as unknown as StoredTokens;
}

function checkTokens(t: Omit<StoredTokens, "updatedAt"> & { updatedAt?: number }, path: string): StoredTokens {
  const bad = (what: string) => new TokenStoreError(`Not saving tokens to ${path}: ${what}.`, path, "INVALID_TOKENS");
  if (!isObject(t)) throw bad("the tokens are not an object");
  if (typeof t.accessToken !== "string" || t.accessToken === "") throw bad("accessToken must be a non-empty string");
  for (const f of ["refreshToken", "clientId", "accountId", "launchpadUrl"] as const) {
    if (t[f] !== undefined && typeof t[f] !== "string") throw bad(`${f} must be a string when given`);
  }
  for (const f of ["expiresAt", "updatedAt"] as const) {
    if (t[f] !== undefined && !Number.isFinite(t[f])) throw bad(`${f} must be epoch milliseconds when given`);
  }
  if (t.identity !== undefined && (!isObject(t.identity) || typeof t.identity.id !== "string")) throw bad("identity.id must be a string");
  return { ...t, updatedAt: t.updatedAt ?? Date.now() };
}
