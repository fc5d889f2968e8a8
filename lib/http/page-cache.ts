/**
 * A cache of rendered public pages, keyed by address and by the database's content stamp (lib/db/health.ts).
 *
 * Why: public pages only change when the pipeline loads data or staff change a note, yet Next.js renders each one
 * per request (they read filters from the query string, so they cannot be static). On a 2-core machine that is
 * 16-300 pages a second; 200 concurrent readers queued for a minute. A rendered page is kept here until the stamp
 * changes (a new load, a failed load, any note change: within a second of the write, in every app instance, since
 * each instance reads the stamp from the shared database), so every reader after the first gets the same bytes.
 *
 * The public API's GET answers (extracts, chart data) are kept the same way: they too change only with the data
 * (proxy.ts applies the extract rate limit before this cache, so a cached answer counts like any other).
 *
 * What is never cached: anything but a GET; staff pages and APIs, sign-in; requests that carry a session cookie (a
 * signed-in person gets a fresh render); client-side navigations (RSC requests vary by router state); answers that
 * are not 200 HTML, JSON, CSV or ZIP, or that set a cookie. Answers too large to keep (over a quarter of the cache)
 * stream through uncached. Memory is bounded (least recently used
 * pages are dropped past PAGE_CACHE_MAX_MB), so hostile query strings cannot grow it.
 *
 * No "server-only" import: proxy.ts, which uses it, is not a React server module.
 */

export interface CachedPage {
  stamp: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

const sizeOf = (page: CachedPage) => page.body.byteLength;

/** Least-recently-used pages, bounded by total body bytes. */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.pages.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** The page for key if it was rendered for this stamp; a page from an older stamp is dropped. */
  get(key: string, stamp: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.delete(key);
    if (page.stamp !== stamp) return undefined;
    this.pages.set(key, page); // most recently used goes last
    this.bytes += sizeOf(page);
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    // One page may not take more than a quarter of the cache (it would evict everything else for little gain).
    if (sizeOf(page) > this.maxBytes / 4) return;
    // A new stamp makes every older page useless: drop them all now rather than one by one as they are asked for.
    const oldest = this.pages.values().next().value;
    if (oldest && oldest.stamp !== page.stamp) this.clear();
    this.pages.set(key, page);
    this.bytes += sizeOf(page);
    for (const [k] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }

  clear(): void {
    this.pages.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= sizeOf(page);
  }
}

const MAX_KEY_LENGTH = 2_048;
/** Session cookies of next-auth / Auth.js (plain and __Secure- prefixed). */
const SESSION_COOKIE = /(^|;\s*)(__Secure-|__Host-)?(authjs|next-auth)\./;
/** Headers of client-side navigations and server actions: their answers are RSC payloads, not pages. */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
];
const PRIVATE_PREFIXES = ["/staff", "/api/", "/_next/"];
/** The public API (extracts, chart data, dictionaries, OpenAPI): a function of the address and the data, like pages. */
const PUBLIC_API = "/api/v1/";

/**
 * The cache key of a request, or null when it must not be served from the cache. The query is sorted (a stable
 * sort: repeated parameters keep their order) so that the same filters in another order share one page.
 */
export function pageCacheKey(method: string, url: URL, headers: Headers): string | null {
  if (method !== "GET") return null;
  const path = url.pathname;
  if (
    !path.startsWith(PUBLIC_API) &&
    (path === "/api" || PRIVATE_PREFIXES.some((p) => path === p.replace(/\/$/, "") || path.startsWith(p)))
  )
    return null;
  if (url.searchParams.has("_rsc") || ROUTER_HEADERS.some((h) => headers.has(h))) return null;
  if (SESSION_COOKIE.test(headers.get("cookie") ?? "")) return null;
  const query = new URLSearchParams(url.searchParams);
  query.sort();
  const key = query.size > 0 ? `${path}?${query}` : path;
  return key.length <= MAX_KEY_LENGTH ? key : null;
}

const CACHEABLE_TYPES = ["text/html", "application/json", "text/csv", "application/zip"];

/**
 * Only complete, shareable answers are kept: 200, a page or a public data format, no cookie. (Cache-Control is not
 * consulted: Next.js marks every dynamically rendered page "private, no-store" for browsers and shared caches;
 * this cache sits behind that and is keyed by the data.)
 */
export function isCacheableResponse(status: number, headers: Headers): boolean {
  const type = headers.get("content-type") ?? "";
  return status === 200 && CACHEABLE_TYPES.some((t) => type.startsWith(t)) && !headers.has("set-cookie");
}

/** Headers that describe one transfer, not the page: the server sets them again for each answer. */
const HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
]);

/**
 * Next.js's own routing headers (x-middleware-rewrite and the like: a page under /es is a rewrite, lib/i18n) describe
 * how this render was routed; handed back from proxy.ts, Next.js would read them as a new rewrite of the reader's
 * request (and fail on their relative address).
 */
const ROUTING_HEADER = /^x-middleware-/i;

export function storableHeaders(headers: Headers): [string, string][] {
  return [...headers].filter(([name]) => !HOP_HEADERS.has(name.toLowerCase()) && !ROUTING_HEADER.test(name));
}

/**
 * At most `limit` renders at a time, the rest wait their turn (first come, first served). A burst of first renders
 * (readers' new filter combinations, or every page just after a load) would otherwise interleave on the one event
 * loop and slow each other and everything else down, staff pages and cached answers included; queued, they wait
 * cheaply while the rest of the traffic goes on.
 */
export class RenderSlots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves when a slot is free, with the function that gives it back (calling it more than once is harmless). */
  async acquire(): Promise<() => void> {
    if (this.busy < this.limit) this.busy++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over by release
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    };
  }
}
