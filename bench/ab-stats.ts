// A/B regression statistics for `npm run bench -- --against <git-ref>` (pure, no I/O).
// The two builds run the same case alternately (A B, B A, A B, ...), so each pair of samples was
// taken seconds apart and shares the machine's state at that moment (other jobs, frequency,
// thermal): a slowdown of the whole machine multiplies both samples of a pair and cancels in
// their ratio. The figure reported per case is the geometric mean of the paired ratios
// current/previous (> 1 = the current build is better; for lower-is-better figures the ratio is
// inverted), with a percentile bootstrap interval over the pairs (seeded resampling, so the same
// samples always give the same interval). A case regresses only when the whole interval lies
// below 1 − margin: "worse than the margin, with 95 % confidence", never "one slow sample".

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
  /** The whole interval is below 1 − margin. */
  regressed: boolean;
  /** The whole interval is above 1 + margin. */
  improved: boolean;
}

export const AB_DEFAULTS = { marginPct: 5, confidence: 0.95, resamples: 4000, seed: 1 } as const;

/** A small seeded generator of uniforms in [0, 1) (mulberry32): resampling never uses Math.random. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  const next = seededUniform(opts.seed ?? AB_DEFAULTS.seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += logs[Math.floor(next() * n)]!;
    means[b] = sum / n;
  }
  means.sort();
  const alpha = (1 - (opts.confidence ?? AB_DEFAULTS.confidence)) / 2;
  return { ratio: Math.exp(mean), low: Math.exp(quantileSorted(means, alpha)), high: Math.exp(quantileSorted(means, 1 - alpha)) };
}

/** The verdict on one tracked figure from its paired samples (same length, same order). */
export function abVerdict(current: readonly number[], previous: readonly number[], opts: AbOptions): AbVerdict {
  const marginPct = opts.marginPct ?? AB_DEFAULTS.marginPct;
  const { ratio, low, high } = bootstrapGeomean(pairedRatios(current, previous, opts.better), opts);
  const margin = marginPct / 100;
  return {
    ratio, low, high, pairs: current.length, marginPct,
    regressed: high < 1 - margin,
    improved: low > 1 + margin,
  };
}
