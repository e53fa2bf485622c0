// Mean and Student-t 95 % confidence interval over replicas: the report's fallback when a sweep
// has no summary.json, and the reference the tests compare summary.json against.

/** Two-sided 95 % quantiles t(0.975, df) for df = 1..30 (standard tables, 4 decimals). */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
  2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];

/** t(0.975, df); beyond the table a Cornish-Fisher expansion around z, accurate to ~1e-4 there. */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df <= 30) return T975[Math.floor(df) - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export interface MeanCi {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 when n = 1. */
  std: number;
  /** Equal to the mean when n = 1: one replica gives no interval. */
  ci95Low: number;
  ci95High: number;
}

/** Mean and t-interval of the finite values (NaN marks a metric undefined in that replica). */
export function meanCi(values: readonly number[]): MeanCi {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n: 0, mean: NaN, std: NaN, ci95Low: NaN, ci95High: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, std: 0, ci95Low: mean, ci95High: mean };
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const std = Math.sqrt(variance);
  const half = (tQuantile975(n - 1) * std) / Math.sqrt(n);
  return { n, mean, std, ci95Low: mean - half, ci95High: mean + half };
}
