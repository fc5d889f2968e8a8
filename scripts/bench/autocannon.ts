/**
 * One autocannon run with exact latency percentiles: autocannon's own summary has p50/p97.5/p99 but no p95, so
 * every response time is recorded (a few hundred thousand numbers at most) and the percentiles are taken from the
 * sorted list (nearest rank). Shared by `npm run bench` and the load test (tests/e2e/load.spec.ts).
 */
import autocannon from "autocannon";

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Completed requests per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytes: number;
  /** Status code → count. */
  statuses: Record<string, number>;
}

/** Nearest-rank percentile of an ascending list (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function runAutocannon(opts: autocannon.Options): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon({ timeout: 30, ...opts }, (err, r) => {
      if (err) return reject(err);
      latencies.sort((a, b) => a - b);
      const seconds = r.duration;
      resolve({
        connections: r.connections,
        seconds,
        requests: latencies.length,
        rps: latencies.length / seconds,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        max: latencies.at(-1) ?? NaN,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        bytes: r.throughput.total,
        statuses,
      });
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}
