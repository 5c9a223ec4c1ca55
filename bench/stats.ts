// Summaries of repeated measurements: medians with their spread, and percentiles for latency samples.

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The p-th percentile (0..100) by nearest rank, on a copy of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(samples: readonly number[]): Summary {
  return { median: percentile(samples, 50), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

/** Growth exponent k in t ∝ n^k between two measurements (1 = linear, 2 = quadratic). */
export function growthExponent(n1: number, t1: number, n2: number, t2: number): number {
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

export const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
