/** Small helpers shared by the benchmarks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export interface LoadResult {
  ops: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Every latency (ms), sorted: lets results of several rounds be merged. */
  latencies: number[];
}

/** The result of `latencies` (ms, any order) measured over `seconds`. */
function loadResult(latencies: number[], seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
  };
}

/** One result from several rounds of the same load (ops and seconds add up; percentiles over all). */
export function mergeLoads(results: readonly LoadResult[]): LoadResult {
  return loadResult(
    results.flatMap((r) => r.latencies),
    results.reduce((s, r) => s + r.seconds, 0),
  );
}

/** Runs `op` from `concurrency` loops for `durationMs`, collecting per-op latency (ms). */
export async function runLoad(
  concurrency: number,
  durationMs: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = Date.now() + durationMs;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; Date.now() < end; i++) {
        const t0 = process.hrtime.bigint();
        await op(w, i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return loadResult(latencies, Number(process.hrtime.bigint() - started) / 1e9);
}

export const fmt = (n: number, digits = 1): string => n.toFixed(digits);
