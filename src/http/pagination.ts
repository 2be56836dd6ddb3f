// Paging by `Link: <…>; rel="next"`, never by building page URLs. Each page is one call on
// the road, so retry, rate limiting, caching and logging apply to every page.
import { UnsafeLinkError } from "./errors.js";

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
  signal?: AbortSignal;
}

/** The `rel="next"` target of a Link header, resolved against the page URL. */
export function nextLink(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part);
    if (!m) continue;
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) {
      return m[1].trim() === "" ? undefined : new URL(m[1].trim(), base).toString();
    }
  }
  return undefined;
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
    if (left <= 0) return;
    while (url) {
      const res = await this.fetchPage(url, this.opts.signal);
      const items = Array.isArray(res.data) ? (res.data as T[]) : [];
      const total = res.headers.get("x-total-count");
      if (total !== null && /^\d+$/.test(total)) this.totalCount = Number(total);
      const next = nextLink(res.headers.get("link"), res.url);
      if (next) checkNext(this.firstUrl, next);
      const shown = items.length > left ? items.slice(0, left) : items;
      left -= shown.length;
      yield { items: shown, totalCount: this.totalCount, url: res.url, nextUrl: next };
      url = left > 0 ? next : undefined;
    }
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
