/** One autocannon measurement, reduced to what the report shows. */
import autocannon, { type Options } from 'autocannon';

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Completed requests per second, whatever their status. */
  rps: number;
  /** 2xx (and 304) answers per second. */
  okRps: number;
  p50: number;
  p90: number;
  p99: number;
  maxMs: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Response bytes per second (as sent, i.e. uncompressed unless asked). */
  bytesPerSecond: number;
  statusCodes: Record<string, number>;
}

export async function measure(options: Options & { connections: number; duration: number }): Promise<LoadResult> {
  const result = await autocannon({ timeout: 30, ...options });
  const seconds = result.duration || options.duration;
  const ok = result['2xx'] + (result.statusCodeStats?.['304']?.count ?? 0);
  const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    connections: options.connections,
    seconds,
    rps: requests / seconds,
    okRps: ok / seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    maxMs: result.latency.max,
    requests,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSecond: result.throughput.average,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count])),
  };
}

export const median = (values: number[]): number => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
