/**
 * One load run against a server on 127.0.0.1 with autocannon: a fixed number of connections for a
 * fixed time, each request a POST of the next body. Latencies are taken from autocannon's
 * per-response timings (sub-millisecond), not its whole-millisecond histogram.
 */
import autocannon from 'autocannon';
import { quantile } from './format.ts';

export interface LoadOptions {
  /** http://127.0.0.1:port */
  url: string;
  path: string;
  /** The JSON body of the next request. */
  nextBody: () => string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Responses with the expected status. */
  ok: number;
  /** Responses with any other status, by status. */
  failed: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  seconds: number;
  /** ok responses per second. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** Latencies of the ok responses, ms, sorted. */
  latencies: Float64Array;
}

function summarise(parts: Omit<LoadResult, 'rate' | 'p50Ms' | 'p99Ms'>): LoadResult {
  return {
    ...parts,
    rate: parts.ok / parts.seconds,
    p50Ms: quantile(parts.latencies, 0.5),
    p99Ms: quantile(parts.latencies, 0.99),
  };
}

/** Several runs against the same server as one: their responses and time added up. */
export function combineLoads(results: readonly LoadResult[]): LoadResult {
  const failed: Record<string, number> = {};
  for (const r of results)
    for (const [status, n] of Object.entries(r.failed)) failed[status] = (failed[status] ?? 0) + n;
  const latencies = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of results) {
    latencies.set(r.latencies, at);
    at += r.latencies.length;
  }
  return summarise({
    ok: results.reduce((n, r) => n + r.ok, 0),
    failed,
    errors: results.reduce((n, r) => n + r.errors, 0),
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    latencies,
  });
}

/** Posts for `seconds`; `expectStatus` is what counts as ok (201 for a created case). */
export async function postLoad(options: LoadOptions, expectStatus = 201): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url))
    throw new Error(`load only 127.0.0.1, not ${options.url}`);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request) => ({ ...request, body: options.nextBody() }),
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    if (statusCode === expectStatus) latencies.push(responseTimeMs);
  });
  const result = await instance;
  const ok = statuses.get(expectStatus) ?? 0;
  const failed: Record<string, number> = {};
  for (const [status, n] of statuses) if (status !== expectStatus) failed[String(status)] = n;
  return summarise({
    ok,
    failed,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    latencies: Float64Array.from(latencies),
  });
}

/** "3× 500, 2 errors" — what went wrong in a run, or "" when nothing did. */
export function failuresOf(result: LoadResult): string {
  const parts = Object.entries(result.failed).map(([status, n]) => `${n}× ${status}`);
  if (result.errors > 0) parts.push(`${result.errors} connection errors/timeouts`);
  return parts.join(', ');
}
