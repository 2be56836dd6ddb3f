// ETag cache for GETs. The road sends If-None-Match (and If-Modified-Since) for URLs it has
// cached and answers a 304 from the cache, so an unchanged page costs no body. Entries are
// keyed by a hash of the credential and the URL, so one person's data never answers
// another's request; the credential itself is never stored.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface CacheEntry {
  etag?: string;
  lastModified?: string;
  /** The response body as text. */
  body: string;
  /** Headers worth keeping (link, x-total-count, content-type). */
  headers: Record<string, string>;
  storedAt: number;
}

export interface EtagCache {
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

export const KEPT_HEADERS = ["link", "x-total-count", "content-type", "etag", "last-modified"];

export function cacheKey(credential: string, url: string): string {
  return createHash("sha256").update(credential).update("\n").update(url).digest("base64url");
}

/**
 * In-memory LRU, bounded by entries and by body bytes. Bodies are kept as UTF-8 buffers
 * outside the JavaScript heap, so a long walk through pages does not swell the heap.
 */
export class MemoryCache implements EtagCache {
  private readonly map = new Map<string, { entry: Omit<CacheEntry, "body">; body: Buffer }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): CacheEntry | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return { ...e.entry, body: e.body.toString("utf8") };
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    const body = Buffer.from(entry.body, "utf8");
    if (body.length > this.maxBytes) return;
    const { body: _text, ...rest } = entry;
    this.map.set(key, { entry: rest, body });
    this.bytes += body.length;
    for (const [k, e] of this.map) {
      if (this.map.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= e.body.length;
    }
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.bytes -= e.body.length;
    }
  }
}

/** A folder of entries, one file each (0600, written atomically), surviving restarts. */
export class FileCache implements EtagCache {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  get(key: string): CacheEntry | undefined {
    try {
      // A line of JSON (the entry without its body, with the body's length in bytes), then
      // the body as it came. A body of another length was cut short: a miss.
      const buf = readFileSync(this.file(key));
      const nl = buf.indexOf(0x0a);
      if (nl < 0) return undefined;
      const { bodyBytes, ...rest } = JSON.parse(buf.toString("utf8", 0, nl)) as Omit<CacheEntry, "body"> & { bodyBytes?: unknown };
      if (bodyBytes !== buf.length - nl - 1) return undefined;
      const e = { ...rest, body: buf.toString("utf8", nl + 1) };
      return e.headers && typeof e.headers === "object" ? e : undefined;
    } catch {
      return undefined; // missing or unreadable: a miss, the server answers in full
    }
  }

  set(key: string, entry: CacheEntry): void {
    const target = this.file(key);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const fd = openSync(tmp, "w", 0o600);
    try {
      // No fsync: a cache entry lost or cut short by a crash reads as a miss (see get), and
      // forcing every page to disk made a large sync wait on the disk hundreds of times.
      // The body is written as it is, after the entry's other fields: no escaped copy of a
      // page that can be megabytes long.
      const { body, ...rest } = entry;
      writeSync(fd, `${JSON.stringify({ ...rest, bodyBytes: Buffer.byteLength(body) })}\n`);
      writeSync(fd, body);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  }

  delete(key: string): void {
    try {
      unlinkSync(this.file(key));
    } catch {
      // already gone
    }
  }
}
