/**
 * HTTP plumbing for the Socrata pull: one GET with a timeout, retried with exponential backoff and jitter on network
 * errors, 429 and 5xx (honouring Retry-After), failing at once on any other status. No Socrata knowledge here.
 */

export type PullErrorCode = "http_error" | "header_changed" | "network" | "bad_response";

export class PullError extends Error {
  readonly code: PullErrorCode;
  /** HTTP status of the last response, when there was one. */
  readonly status: number | undefined;
  /** The request URL the error is about, when there is one. */
  readonly url: string | undefined;
  /** How many requests were made for that URL before giving up (1 = failed at once). */
  readonly attempts: number | undefined;

  constructor(
    code: PullErrorCode,
    message: string,
    info: { status?: number; url?: string; attempts?: number; cause?: unknown } = {},
  ) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = "PullError";
    this.code = code;
    this.status = info.status;
    this.url = info.url;
    this.attempts = info.attempts;
  }
}

export interface RetryInfo {
  url: string;
  /** 1-based number of the attempt that failed. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RequestPolicy {
  maxRetries: number;
  retryBaseMs: number;
  timeoutMs: number;
  fetchImpl: typeof fetch;
  headers: Record<string, string>;
  onRetry?: (info: RetryInfo) => void;
}

/** Backoff is capped so a long run of failures never sleeps for hours; Retry-After is capped for the same reason. */
const MAX_BACKOFF_MS = 60_000;
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Retry-After is either delta-seconds or an HTTP date; returns milliseconds to wait, or null when absent/unparseable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.min(Math.round(Number(v) * 1000), MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

function backoffMs(base: number, failedAttempt: number): number {
  const exp = Math.min(base * 2 ** (failedAttempt - 1), MAX_BACKOFF_MS);
  return Math.round(exp / 2 + Math.random() * (exp / 2)); // "equal jitter": between half and all of the step
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
    return `timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const base = err instanceof Error ? err.message : String(err);
  return cause?.code ? `${base} (${cause.code})` : cause?.message ? `${base} (${cause.message})` : base;
}

async function bodySnippet(res: Response): Promise<string> {
  try {
    const text = (await res.text()).replace(/\s+/g, " ").trim();
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return "";
  }
}

type Attempt =
  { ok: true; text: string } | { ok: false; error: PullError; retryable: boolean; retryAfterMs: number | null };

async function attemptOnce(url: string, p: RequestPolicy, attempt: number): Promise<Attempt> {
  let res: Response;
  try {
    res = await p.fetchImpl(url, { headers: p.headers, signal: AbortSignal.timeout(p.timeoutMs) });
    // The body is read under the same timeout signal; a connection cut mid-body is a network error too.
    if (res.ok) return { ok: true, text: await res.text() };
  } catch (err) {
    const error = new PullError("network", `network error fetching ${url}: ${describeNetworkError(err, p.timeoutMs)}`, {
      url,
      attempts: attempt,
      cause: err,
    });
    return { ok: false, error, retryable: true, retryAfterMs: null };
  }
  const snippet = await bodySnippet(res);
  const message = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""} from ${url}${snippet ? `: ${snippet}` : ""}`;
  const error = new PullError("http_error", message, { status: res.status, url, attempts: attempt });
  const retryable = res.status === 429 || res.status >= 500;
  return {
    ok: false,
    error,
    retryable,
    retryAfterMs: retryable ? parseRetryAfter(res.headers.get("retry-after")) : null,
  };
}

/** GETs url and returns the body text, retrying per the policy; throws PullError. */
export async function getTextWithRetry(url: string, p: RequestPolicy): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const r = await attemptOnce(url, p, attempt);
    if (r.ok) return r.text;
    if (!r.retryable) throw r.error;
    if (attempt > p.maxRetries) {
      const message = p.maxRetries === 0 ? r.error.message : `gave up after ${attempt} attempts: ${r.error.message}`;
      throw new PullError(r.error.code, message, {
        status: r.error.status,
        url,
        attempts: attempt,
        cause: r.error.cause,
      });
    }
    const delayMs = Math.max(backoffMs(p.retryBaseMs, attempt), r.retryAfterMs ?? 0);
    p.onRetry?.({ url, attempt, delayMs, reason: r.error.message });
    await sleep(delayMs);
  }
}

/**
 * True when baseUrl answers an HTTP HEAD within timeoutMs with any status below 500 (redirects are not followed:
 * any answer means the host is up). False on any error, timeout or invalid URL; never throws.
 */
export async function isReachable(baseUrl: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const res = await fetch(baseUrl, { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    return res.status < 500;
  } catch {
    return false;
  }
}
