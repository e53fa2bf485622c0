// A/B regression statistics for `npm run bench -- --against <git-ref>` (pure, no I/O).
// The two builds run the same case alternately (A B, B A, A B, ...), so each pair of samples was
// taken seconds apart and shares the machine's state at that moment (other jobs, frequency,
// thermal): a slowdown of the whole machine multiplies both samples of a pair and cancels in
// their ratio. The figure reported per case is the geometric mean of the paired ratios
// current/previous (> 1 = the current build is better; for lower-is-better figures the ratio is
// inverted), with a percentile bootstrap interval over the pairs (seeded resampling, so the same
// samples always give the same interval). A plain percentile bootstrap is too narrow with ten
// samples (measured: 1.2 % false alarms instead of 0.5 % per side); the interval is therefore the
// "expanded" percentile bootstrap (Hesterberg 2015): the percentiles at α' / 2 with
// α' = 2 Φ(−√(n/(n−1)) · t(1 − α/2, n−1)), which widens it as a t interval would for small n.
// A case regresses only when the whole interval lies below 1 − margin: "worse than the margin,
// with 95 % confidence", never "one slow sample"; with fewer than MIN_PAIRS pairs there is no verdict.

import { uniformSource } from "../src/kernel/random.ts";

export interface AbOptions {
  better: "higher" | "lower";
  /** Regression threshold: the interval must lie entirely below 1 − marginPct/100. */
  marginPct?: number;
  /** Two-sided confidence of the bootstrap interval. */
  confidence?: number;
  resamples?: number;
  seed?: number;
}

export interface AbVerdict {
  /** Geometric mean of the paired ratios (> 1 = current better), and its bootstrap interval. */
  ratio: number;
  low: number;
  high: number;
  pairs: number;
  marginPct: number;
  /** The whole interval is below 1 − margin (and there are at least MIN_PAIRS pairs). */
  regressed: boolean;
  /** The whole interval is above 1 + margin. */
  improved: boolean;
}

export const AB_DEFAULTS = { marginPct: 5, confidence: 0.95, resamples: 4000, seed: 1 } as const;

/** Below this many pairs an interval says too little about the tails: no verdict is given. */
export const MIN_PAIRS = 5;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Student t quantile by its Cornish–Fisher expansion in 1/ν (error < 0.5 % for ν ≥ 3 at 0.975). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** The expanded bootstrap's tail probability per side for n samples and two-sided confidence. */
export function expandedAlpha(n: number, confidence: number): number {
  const alpha = 1 - confidence;
  return normalCdf(-Math.sqrt(n / (n - 1)) * tQuantile(1 - alpha / 2, n - 1));
}

/** Per-pair ratios oriented so that > 1 means the current build is better. */
export function pairedRatios(current: readonly number[], previous: readonly number[], better: "higher" | "lower"): number[] {
  if (current.length !== previous.length) throw new Error(`paired samples differ in length: ${current.length} current, ${previous.length} previous`);
  return current.map((c, i) => (better === "higher" ? c / previous[i]! : previous[i]! / c));
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Geometric mean of the ratios and its percentile bootstrap interval (resampling the pairs). */
export function bootstrapGeomean(ratios: readonly number[], opts: { confidence?: number; resamples?: number; seed?: number } = {}): { ratio: number; low: number; high: number } {
  const n = ratios.length;
  if (n === 0 || ratios.some((r) => !(r > 0) || !Number.isFinite(r))) return { ratio: NaN, low: NaN, high: NaN };
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const resamples = opts.resamples ?? AB_DEFAULTS.resamples;
  const next = uniformSource(opts.seed ?? AB_DEFAULTS.seed, "bench-ab-bootstrap");
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += logs[Math.floor(next() * n)]!;
    means[b] = sum / n;
  }
  means.sort();
  const alpha = n > 1 ? expandedAlpha(n, opts.confidence ?? AB_DEFAULTS.confidence) : 0;
  return { ratio: Math.exp(mean), low: Math.exp(quantileSorted(means, alpha)), high: Math.exp(quantileSorted(means, 1 - alpha)) };
}

/** The verdict on one tracked figure from its paired samples (same length, same order). */
export function abVerdict(current: readonly number[], previous: readonly number[], opts: AbOptions): AbVerdict {
  const marginPct = opts.marginPct ?? AB_DEFAULTS.marginPct;
  const { ratio, low, high } = bootstrapGeomean(pairedRatios(current, previous, opts.better), opts);
  const margin = marginPct / 100;
  const enough = current.length >= MIN_PAIRS;
  return {
    ratio, low, high, pairs: current.length, marginPct,
    regressed: enough && high < 1 - margin,
    improved: enough && low > 1 + margin,
  };
}
