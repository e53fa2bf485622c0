// Performance regression check on CPU-only machines of unknown speed.
// Rule (also in the README): every tracked figure is first normalised by the CPU reference loop
// measured in the same run (so a machine twice as fast does not look like an improvement), then
// compared with the baseline's normalised figure. A figure regresses when it is worse by more than
// its noise band: band = max(minMargin, k × (relative IQR of this run's samples + relative IQR of
// the baseline's samples)), with minMargin = 15 % and k = 2 by default.

export interface Figure {
  name: string;
  unit: string;
  /** Which way is better. */
  better: "higher" | "lower";
  median: number;
  /** Interquartile range of the samples, same unit as the median. */
  iqr: number;
  samples?: number[];
}

export interface RunFigures {
  /** Median of the CPU reference loop (iterations per second) in the same run. */
  cpuReference: number;
  figures: Figure[];
}

export interface Verdict {
  name: string;
  baseline: number;
  current: number;
  /** Relative change of the normalised figure, positive = better. */
  changePct: number;
  bandPct: number;
  regressed: boolean;
  note?: string;
}

export interface CompareOptions {
  minMarginPct?: number;
  iqrFactor?: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median and IQR of samples. */
export function spread(samples: readonly number[]): { median: number; iqr: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), iqr: quantile(s, 0.75) - quantile(s, 0.25) };
}

/** A figure expressed in units of the CPU reference (throughputs divided, latencies multiplied). */
export function normalised(f: Figure, cpuReference: number): number {
  return f.better === "higher" ? f.median / cpuReference : f.median * cpuReference;
}

export function compareRuns(baseline: RunFigures, current: RunFigures, opts: CompareOptions = {}): Verdict[] {
  const minMargin = (opts.minMarginPct ?? 15) / 100;
  const k = opts.iqrFactor ?? 2;
  const byName = new Map(baseline.figures.map((f) => [f.name, f]));
  const verdicts: Verdict[] = [];
  for (const cur of current.figures) {
    const base = byName.get(cur.name);
    if (!base) {
      verdicts.push({ name: cur.name, baseline: NaN, current: cur.median, changePct: 0, bandPct: 0, regressed: false, note: "not in the baseline" });
      continue;
    }
    const b = normalised(base, baseline.cpuReference);
    const c = normalised(cur, current.cpuReference);
    const change = cur.better === "higher" ? (c - b) / b : (b - c) / b;
    const relIqr = (f: Figure) => (f.median !== 0 ? Math.abs(f.iqr / f.median) : 0);
    const band = Math.max(minMargin, k * (relIqr(cur) + relIqr(base)));
    verdicts.push({ name: cur.name, baseline: base.median, current: cur.median, changePct: 100 * change, bandPct: 100 * band, regressed: change < -band });
  }
  return verdicts;
}
