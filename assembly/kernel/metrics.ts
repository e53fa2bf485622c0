// Streaming statistics: one row of running sums per (app, tier), filled as tasks end. The host reads
// the rows and the utilization scalars and summarises them (src/results/metrics.ts).
import { allocF64, fillF64 } from "./mem";
import { appCount } from "./state";
import { setF64 } from "./mem";

// The row layout (F_* fields, FIELDS per row, TIERS rows per app) and the scalars' order come from the
// boundary declaration (src/engine/wasm/boundary.ts), which the host's summary reads too.
import {
  FIELDS, F_MIN_DURATION, HIST_BINS, HIST_MIN_EXP, HIST_SUB_BITS, M_COUNT, SER_CLOUD_UTIL_PCT, SER_COMPLETED,
  SER_EDGE_UTIL_PCT, SER_FAILED, SER_FIELDS, SER_MAX_SAMPLES, SER_TASKS_IN_SYSTEM, SER_TIME_S, TIERS, TIER_UNASSIGNED,
} from "./layout.gen";
import { durationS, now, utilIntervalS } from "./state";
import { taskLive } from "./tasks";
export {
  FIELDS, F_COMPLETED, F_DECISIONS, F_DOWNLOAD, F_EXEC, F_FAILED0, F_LINK, F_MAN, F_MIN_DURATION, F_NETWORK, F_PROCESSING,
  F_QUEUE, F_SERVICE, F_SERVICE_SQ, F_UPLOAD, F_WAIT, F_WAN, F_WLAN, M_MAX_UTIL_PCT, M_MIN_UTIL_PCT,
  M_UTIL_CLOUD_SUM, M_UTIL_EDGE_SUM, M_UTIL_SAMPLES, TIERS, TIER_UNASSIGNED,
} from "./layout.gen";

/** f64[apps * TIERS * FIELDS]. */
export let metricRows: usize = 0;
/** f64[M_COUNT]: utilSamples, utilEdgeSum, utilCloudSum, maxUtilPct, minUtilPct. */
export let metricScalars: usize = 0;
/** f64[seriesCap * SER_FIELDS]: the time series, one record per utilization sample (boundary.ts SERIES_FIELDS). */
export let series: usize = 0;
export let seriesCount: i32 = 0;
let seriesCap: i32 = 0;
let lastCompleted: f64 = 0;
let lastFailed: f64 = 0;
/** f64[HIST_BINS]: completed counted tasks by service time (bins: src/engine/wasm/boundary.ts SERVICE_HIST). */
export let serviceHist: usize = 0;

export function metricsInit(): void {
  const rows = appCount * TIERS;
  metricRows = allocF64(rows * FIELDS);
  for (let r = 0; r < rows; r++) store<f64>(metricRows + (<usize>(r * FIELDS + F_MIN_DURATION) << 3), Infinity);
  metricScalars = allocF64(M_COUNT);
  fillF64(metricScalars, M_COUNT, 0);
  serviceHist = allocF64(HIST_BINS);
  fillF64(serviceHist, HIST_BINS, 0);
  seriesCap = utilIntervalS > 0 ? <i32>Math.min(<f64>SER_MAX_SAMPLES, Math.ceil(durationS / utilIntervalS) + 1) : 0;
  series = allocF64(seriesCap * SER_FIELDS);
  seriesCount = 0;
  lastCompleted = 0;
  lastFailed = 0;
}

/** One sample of the time series (engine/loop.ts sampleUtilization); the counters are the run's totals so far. */
export function seriesAdd(edgeUtilPct: f64, cloudUtilPct: f64, completedTotal: f64, failedTotal: f64): void {
  if (seriesCount >= seriesCap) return;
  const o = seriesCount * SER_FIELDS;
  setF64(series, o + SER_TIME_S, now);
  setF64(series, o + SER_EDGE_UTIL_PCT, edgeUtilPct);
  setF64(series, o + SER_CLOUD_UTIL_PCT, cloudUtilPct);
  setF64(series, o + SER_TASKS_IN_SYSTEM, <f64>taskLive);
  setF64(series, o + SER_COMPLETED, completedTotal - lastCompleted);
  setF64(series, o + SER_FAILED, failedTotal - lastFailed);
  lastCompleted = completedTotal;
  lastFailed = failedTotal;
  seriesCount++;
}

/** The histogram bin of a service time: a shift and a subtraction on the f64's bits, no log. */
// @ts-ignore: decorator
@inline export function histBin(x: f64): i32 {
  const bin = <i32>(reinterpret<u64>(x) >>> (52 - HIST_SUB_BITS)) - ((HIST_MIN_EXP + 1023) << HIST_SUB_BITS);
  return bin < 0 || x < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin;
}

/** Count a service time in its histogram bin. */
// @ts-ignore: decorator
@inline export function histAdd(x: f64): void {
  const p = serviceHist + (<usize>histBin(x) << 3);
  store<f64>(p, load<f64>(p) + 1);
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
