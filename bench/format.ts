/** Number formatting and statistics shared by the benchmarks' summary lines. */

/** 4812.3 → "4,812" (whole numbers, thousands separated). */
export function whole(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with one decimal below 100, whole above: 9.84 → "9.8 ms", 312.4 → "312 ms". */
export function ms(n: number): string {
  return n < 100 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`;
}

/** A ratio to two decimals, three below 0.1: 0.4137 → "0.41", 0.01374 → "0.014". */
export function ratio(n: number): string {
  return n < 0.1 ? n.toFixed(3) : n.toFixed(2);
}

/** The q-quantile (0 ≤ q ≤ 1) of `values` by the nearest-rank method; NaN when empty. Sorts `values` in place. */
export function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  values.sort();
  const rank = Math.min(values.length, Math.max(1, Math.ceil(q * values.length)));
  return values[rank - 1] as number;
}

/** Wall time of `work` in milliseconds, with its result. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
