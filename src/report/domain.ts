// What a metric can physically be, and when a replica sample is allowed an interval at all.
// Intervals are Student-t over replicas, intersected with the metric's domain (docs/report.md says
// why): the true mean lies in the domain, so the intersection covers it exactly as often as the
// t-interval does, and a failure rate never gets a bound below 0 % or above 100 %.

import { metricSpec } from "../results/catalogue.ts";

/** Fewer replicas than this give no interval: with 2, t(0.975, 1) = 12.7 makes any band meaningless. */
export const MIN_REPLICAS_FOR_INTERVAL = 3;

/** Percentages lie in [0, 100]; times, counts and loads are never negative. The unit comes from
 * the metric catalogue; a metric it does not list (rows from elsewhere) is judged by its name. */
export function metricDomain(metric: string): [number, number] {
  const unit = metricSpec(metric)?.unit;
  const pct = unit !== undefined ? unit === "%" : /(^|[._])pct($|[._])/.test(metric);
  return pct ? [0, 100] : [0, Infinity];
}

export interface BoundedInterval {
  /** NaN when there is no interval (n below MIN_REPLICAS_FOR_INTERVAL, or no spread estimate). */
  low: number;
  high: number;
  /** Whether an interval exists: the report draws and uses only these. */
  interval: boolean;
}

/** A raw interval made honest: none from fewer than MIN_REPLICAS_FOR_INTERVAL replicas, else clipped to the domain. */
export function boundInterval(metric: string, n: number, low: number, high: number): BoundedInterval {
  if (!(n >= MIN_REPLICAS_FOR_INTERVAL) || !Number.isFinite(low) || !Number.isFinite(high)) return { low: NaN, high: NaN, interval: false };
  const [lo, hi] = metricDomain(metric);
  return { low: Math.min(hi, Math.max(lo, low)), high: Math.max(lo, Math.min(hi, high)), interval: true };
}
