// Streaming statistics (src/engine/metrics.ts): one row of running sums per (app, tier), filled as
// tasks end. The host reads the rows and the utilization scalars and summarises them with the same
// TypeScript code as the TypeScript engine, so both engines share one summary.
import { allocF64, fillF64 } from "./kernel/mem";
import { appCount } from "./kernel/state";

export const F_COMPLETED: i32 = 0;
export const F_FAILED0: i32 = 1; // failed by reason: 1..4
export const F_SERVICE: i32 = 5;
export const F_SERVICE_SQ: i32 = 6;
export const F_PROCESSING: i32 = 7;
export const F_NETWORK: i32 = 8;
export const F_WAIT: i32 = 9;
export const F_UPLOAD: i32 = 10;
export const F_QUEUE: i32 = 11;
export const F_EXEC: i32 = 12;
export const F_DOWNLOAD: i32 = 13;
export const F_WLAN: i32 = 14; // + 1: count
export const F_MAN: i32 = 16;
export const F_WAN: i32 = 18;
export const F_LINK: i32 = 20;
export const F_DECISIONS: i32 = 22;
export const F_MIN_DURATION: i32 = 23;
export const FIELDS: i32 = 24;
export const TIER_UNASSIGNED: i32 = 3;
export const TIERS: i32 = 4;

/** f64[apps * TIERS * FIELDS]. */
export let metricRows: usize = 0;
/** f64[5]: utilSamples, utilEdgeSum, utilCloudSum, maxUtilPct, minUtilPct. */
export let metricScalars: usize = 0;
export const M_UTIL_SAMPLES: i32 = 0;
export const M_UTIL_EDGE_SUM: i32 = 1;
export const M_UTIL_CLOUD_SUM: i32 = 2;
export const M_MAX_UTIL: i32 = 3;
export const M_MIN_UTIL: i32 = 4;

export function metricsInit(): void {
  const rows = appCount * TIERS;
  metricRows = allocF64(rows * FIELDS);
  for (let r = 0; r < rows; r++) store<f64>(metricRows + (<usize>(r * FIELDS + F_MIN_DURATION) << 3), Infinity);
  metricScalars = allocF64(5);
  fillF64(metricScalars, 5, 0);
}

/** Offset (in f64 elements) of the row of (app, tier); tier -1 is the "never got a VM" row. */
// @ts-ignore: decorator
@inline export function metricRow(app: i32, tier: i32): i32 {
  return (app * TIERS + (tier < 0 ? TIER_UNASSIGNED : tier)) * FIELDS;
}

// @ts-ignore: decorator
@inline export function metricAdd(offset: i32, v: f64): void {
  const p = metricRows + (<usize>offset << 3);
  store<f64>(p, load<f64>(p) + v);
}
