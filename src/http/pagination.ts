// Paging by `Link: <…>; rel="next"`, or by page number for APIs without Link headers (pageSize).
// Each page is one call on the road, so retry, rate limiting, caching and logging apply to every page.
import { LinkHeaderError, UnsafeLinkError } from "./errors.js";
import { findNext } from "./link-header.js";

export interface Page<T> {
  items: T[];
  /** `X-Total-Count` of the list, when the server sends it. */
  totalCount: number | undefined;
  url: string;
  nextUrl: string | undefined;
}

export type PageFetcher = (url: string, signal?: AbortSignal) => Promise<{ data: unknown; headers: Headers; url: string }>;

export interface PaginateOptions {
  /** Stop after this many items (no further pages are fetched). */
  maxItems?: number;
  /** Stop after this many pages. */
  maxPages?: number;
  /**
   * For APIs that page by number without Link headers (Basecamp 2: 50 a page): when a page
   * names no next page and holds this many items, ask for `?page=N+1`; a shorter page ends the list.
   */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * The `rel="next"` target of a Link header (RFC 8288), resolved against the page URL, or
 * undefined on the last page. A header that names a next page without a usable target
 * throws: returning "no more pages" would silently shorten the list.
 */
export function nextLink(link: string | null, base: string): string | undefined {
  const next = findNext(link, base);
  if (next.kind === "unusable") {
    throw new LinkHeaderError(`The page ${base} names a next page in its Link header, but ${next.why}; stopping rather than returning a shortened list. Report this to whoever runs the server.`, { url: base });
  }
  return next.kind === "next" ? next.url : undefined;
}

/** Refuse a next page on another origin or an https → http downgrade. */
export function checkNext(first: string, next: string): void {
  const a = new URL(first);
  const b = new URL(next);
  if (a.protocol === "https:" && b.protocol === "http:") {
    throw new UnsafeLinkError(`The next-page link downgrades ${a.origin} to plain http (${b.origin}); refusing to follow it. Report this to whoever runs the server.`, { url: next });
  }
  if (a.origin !== b.origin) {
    throw new UnsafeLinkError(`The next-page link points to another origin (${b.origin}, not ${a.origin}); refusing to follow it, since it would get your credentials.`, { url: next });
  }
}

/**
 * An async iterable over every item of a paginated list. `totalCount` is known once the
 * first page has arrived; `pages()` walks page by page; `toArray()` collects everything.
 */
export class PageIterator<T> implements AsyncIterable<T> {
  totalCount: number | undefined;

  constructor(
    private readonly firstUrl: string,
    private readonly fetchPage: PageFetcher,
    private readonly opts: PaginateOptions = {},
  ) {}

  async *pages(): AsyncGenerator<Page<T>> {
    let url: string | undefined = this.firstUrl;
    let left = this.opts.maxItems ?? Infinity;
    let pagesLeft = this.opts.maxPages ?? Infinity;
    if (this.opts.maxPages !== undefined && !(Number.isInteger(pagesLeft) && pagesLeft > 0)) throw new TypeError(`maxPages must be a positive whole number; got ${String(this.opts.maxPages)}`);
    if (left <= 0) return;
    const seen = new Set<string>();
    while (url) {
      seen.add(url);
      const res = await this.fetchPage(url, this.opts.signal);
      const items = Array.isArray(res.data) ? (res.data as T[]) : [];
      const total = res.headers.get("x-total-count");
      if (total !== null && /^\d+$/.test(total)) this.totalCount = Number(total);
      const next = nextLink(res.headers.get("link"), res.url) ?? this.numberedNext(res.url, items.length);
      if (next) checkNext(this.firstUrl, next);
      if (next && seen.has(next)) throw new LinkHeaderError(`The page ${res.url} links back to a page already read (${next}); stopping rather than looping. Report this to whoever runs the server.`, { url: next });
      const shown = items.length > left ? items.slice(0, left) : items;
      left -= shown.length;
      pagesLeft--;
      yield { items: shown, totalCount: this.totalCount, url: res.url, nextUrl: next };
      url = left > 0 && pagesLeft > 0 ? next : undefined;
    }
  }

  /** The next numbered page after a full page (pageSize), or undefined. */
  private numberedNext(url: string, count: number): string | undefined {
    const size = this.opts.pageSize;
    if (size === undefined || count < size) return undefined;
    const u = new URL(url);
    u.searchParams.set("page", String(Number(u.searchParams.get("page") ?? "1") + 1));
    return u.toString();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages()) out.push(...page.items);
    return out;
  }
}
