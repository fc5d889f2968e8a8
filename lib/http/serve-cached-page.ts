import crypto from "node:crypto";
import { env } from "@/lib/env";
import {
  isCacheableResponse,
  PageCache,
  pageCacheKey,
  RenderSlots,
  storableHeaders,
  type CachedPage,
} from "./page-cache";

/**
 * proxy.ts's use of the response cache (lib/http/page-cache.ts). A miss is rendered by asking this same server for
 * the address over loopback with a per-process token, which proxy.ts lets through to Next.js untouched; the answer
 * streams to the reader while a copy is kept. Concurrent misses for one address share one render, so a burst of
 * readers after a new load costs one render per page, not one per reader.
 *
 * Why a loopback request: Next.js gives proxy.ts no way to see the response a page renders, and a custom server
 * would have to undo Next.js's compression to keep the bytes. If the loopback request cannot be made (the server
 * listens on an address other than 127.0.0.1, say), the request is rendered normally and nothing is cached.
 */
const RENDER_HEADER = "x-portal-render";
const RENDER_TIMEOUT_MS = 120_000;
/** Renders at a time: one event loop does the work, so more would only interleave (measured: README "Performance"). */
const RENDER_CONCURRENCY = 4;
/** Headers that decide absolute links in API answers (manifest links): sent on to the render and part of the key. */
const ORIGIN_HEADERS = ["host", "x-forwarded-host", "x-forwarded-proto"];

interface Runtime {
  cache: PageCache;
  token: string;
  inFlight: Map<string, Promise<CachedPage | null>>;
  slots: RenderSlots;
  origin: string | null;
}

// On globalThis: one cache per process, whichever bundle imports this module.
const KEY = Symbol.for("portal.pageCache");
const store = globalThis as unknown as Record<symbol, Runtime | undefined>;

function runtime(): Runtime {
  // `next start` sets PORT to the port it listens on.
  return (store[KEY] ??= {
    cache: new PageCache(env().PAGE_CACHE_MAX_MB * 1024 * 1024),
    token: crypto.randomBytes(24).toString("base64url"),
    inFlight: new Map(),
    slots: new RenderSlots(RENDER_CONCURRENCY),
    origin: process.env.PORT ? `http://127.0.0.1:${process.env.PORT}` : null,
  });
}

/** True for requests this process marked: its own renders, and extract requests proxy.ts has already counted. */
export function isInternalRender(headers: Headers): boolean {
  const token = headers.get(RENDER_HEADER);
  return token !== null && token === runtime().token;
}

/** The request's headers plus this process's mark (for NextResponse.next({ request: { headers } })). */
export function markedHeaders(headers: Headers): Headers {
  const marked = new Headers(headers);
  marked.set(RENDER_HEADER, runtime().token);
  return marked;
}

/** Next.js compresses the answer for readers that accept it (it would compress a stored gzip copy a second time). */
function answer(page: CachedPage, outcome: "hit" | "miss"): Response {
  const headers = new Headers(page.headers);
  headers.set("x-portal-cache", outcome);
  return new Response(page.body as BodyInit, { status: page.status, headers });
}

/** Reads a copy of the body into memory up to the cache's per-entry bound; gives up (and stops reading) past it. */
async function collect(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel(); // the reader's own copy goes on streaming; this one stops buffering
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The cached answer for this request, or null when it is not cacheable or could not be rendered over loopback
 * (the caller then lets Next.js answer as usual).
 */
export async function serveCachedPage(request: Request, stamp: string | null): Promise<Response | null> {
  const rt = runtime();
  if (!stamp || !rt.origin || rt.cache.maxBytes === 0) return null;
  const path = pageCacheKey(request.method, new URL(request.url), request.headers);
  if (!path) return null;
  const origin = ORIGIN_HEADERS.map((h) => request.headers.get(h) ?? "").join(" ");
  const key = `${origin}\n${path}`;
  const hit = rt.cache.get(key, stamp);
  if (hit) return answer(hit, "hit");

  const flightKey = `${stamp}\n${key}`;
  const flight = rt.inFlight.get(flightKey);
  if (flight) {
    const page = await flight;
    return page ? answer(page, "hit") : null;
  }

  let settle!: (page: CachedPage | null) => void;
  rt.inFlight.set(flightKey, new Promise((resolve) => (settle = resolve)));
  // Readers of one address share its render (above); different addresses queue for a render slot.
  const release = await rt.slots.acquire();
  const done = (page: CachedPage | null) => {
    release();
    rt.inFlight.delete(flightKey);
    settle(page);
  };
  let inner: Response;
  try {
    const headers: Record<string, string> = { [RENDER_HEADER]: rt.token, "accept-encoding": "identity" };
    for (const h of ORIGIN_HEADERS) if (request.headers.has(h)) headers[h] = request.headers.get(h)!;
    inner = await fetch(`${rt.origin}${path}`, {
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
    });
  } catch {
    done(null);
    return null;
  }
  const headers = new Headers(storableHeaders(inner.headers));
  headers.set("x-portal-cache", "miss");
  if (!inner.body || !isCacheableResponse(inner.status, inner.headers)) {
    done(null);
    return new Response(inner.body, { status: inner.status, headers });
  }
  const [toReader, toCache] = inner.body.tee();
  void collect(toCache, rt.cache.maxBytes / 4).then((body) => {
    if (!body) return done(null);
    const page: CachedPage = { stamp, status: inner.status, headers: storableHeaders(inner.headers), body };
    rt.cache.set(key, page);
    done(page);
  });
  return new Response(toReader, { status: inner.status, headers });
}

/** For the benchmark and tests: how full the cache is. */
export function pageCacheStats(): { entries: number; bytes: number; maxBytes: number } {
  const { cache } = runtime();
  return { entries: cache.size, bytes: cache.totalBytes, maxBytes: cache.maxBytes };
}
