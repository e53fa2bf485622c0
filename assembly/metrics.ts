// Streaming statistics: one row of running sums per (app, tier), filled as tasks end. The host reads
// the rows and the utilization scalars and summarises them (src/engine/metrics.ts).
import { allocF64, fillF64 } from "./kernel/mem";
import { appCount } from "./kernel/state";

// The row layout (F_* fields, FIELDS per row, TIERS rows per app) and the scalars' order come from the
// boundary declaration (src/engine/wasm/boundary.ts), which the host's summary reads too.
import {
  FIELDS, F_MIN_DURATION, M_COUNT, TIERS, TIER_UNASSIGNED,
} from "./layout.gen";
export {
  FIELDS, F_COMPLETED, F_DECISIONS, F_DOWNLOAD, F_EXEC, F_FAILED0, F_LINK, F_MAN, F_MIN_DURATION, F_NETWORK, F_PROCESSING,
  F_QUEUE, F_SERVICE, F_SERVICE_SQ, F_UPLOAD, F_WAIT, F_WAN, F_WLAN, M_MAX_UTIL_PCT, M_MIN_UTIL_PCT,
  M_UTIL_CLOUD_SUM, M_UTIL_EDGE_SUM, M_UTIL_SAMPLES, TIERS, TIER_UNASSIGNED,
} from "./layout.gen";

/** f64[apps * TIERS * FIELDS]. */
export let metricRows: usize = 0;
/** f64[M_COUNT]: utilSamples, utilEdgeSum, utilCloudSum, maxUtilPct, minUtilPct. */
export let metricScalars: usize = 0;

export function metricsInit(): void {
  const rows = appCount * TIERS;
  metricRows = allocF64(rows * FIELDS);
  for (let r = 0; r < rows; r++) store<f64>(metricRows + (<usize>(r * FIELDS + F_MIN_DURATION) << 3), Infinity);
  metricScalars = allocF64(M_COUNT);
  fillF64(metricScalars, M_COUNT, 0);
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
