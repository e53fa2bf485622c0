// Service-time quantiles read off the engine's streaming histogram (assembly/kernel/metrics.ts histAdd;
// bins declared in wasm/boundary.ts SERVICE_HIST). Bins are log-linear: each octave [2^e, 2^(e+1))
// is cut into 2^subBits equal parts, so a bin is at most 2^−subBits of its lower end wide. The
// quantile q is the nearest-rank one (the ⌈q·n⌉-th smallest time); the estimate is the midpoint of
// the bin holding it, hence within 2^−(subBits+1) (0.78 %) of the exact value for times in
// [2^minExp, 2^maxExp). Memory and per-task cost do not grow with the number of tasks.
import { SERVICE_HIST, SERVICE_HIST_BINS } from "../engine/wasm/boundary.ts";

const SUB = 2 ** SERVICE_HIST.subBits;

/** The relative accuracy of a quantile inside the histogram's range: half a bin over its lower end. */
export const QUANTILE_RELATIVE_ERROR = 1 / (2 * SUB);
/** QUANTILE_RELATIVE_ERROR as the catalogue and the report state it ("0.78 %"). */
export const QUANTILE_RELATIVE_ERROR_TEXT = `${(100 * QUANTILE_RELATIVE_ERROR).toFixed(2)} %`;

/** [low, high) of a bin, in seconds (bin 0 reaches down to 0; the last bin up to infinity). */
export function binBounds(bin: number): [number, number] {
  const e = SERVICE_HIST.minExp + Math.floor(bin / SUB);
  const k = bin % SUB;
  const low = 2 ** e * (1 + k / SUB);
  const high = 2 ** e * (1 + (k + 1) / SUB);
  return [bin === 0 ? 0 : low, bin === SERVICE_HIST_BINS - 1 ? Infinity : high];
}

/** The nearest-rank q-quantile (0 < q ≤ 1) from bin counts; null when the histogram is empty. */
export function histogramQuantile(counts: Float64Array, q: number): number | null {
  let n = 0;
  for (const c of counts) n += c;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (let bin = 0; bin < counts.length; bin++) {
    seen += counts[bin]!;
    if (seen >= rank) {
      const [low, high] = binBounds(bin);
      // The edge bins are open: their midpoint is undefined, so the finite bound stands in.
      if (!Number.isFinite(high)) return low;
      return bin === 0 ? high : (low + high) / 2;
    }
  }
  return null;
}

export interface ServiceQuantiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function serviceQuantiles(counts: Float64Array): ServiceQuantiles {
  return { p50: histogramQuantile(counts, 0.5), p95: histogramQuantile(counts, 0.95), p99: histogramQuantile(counts, 0.99) };
}
