// The run's time series: one sample per utilization interval over the whole run (warm-up included,
// so a reader sees the warm-up transient), recorded inside the engine (assembly/kernel/metrics.ts
// seriesAdd) and handed over as columns. Per sample: the tiers' mean VM utilization, the tasks in
// the system, and the tasks that completed and failed in the interval before it. The fields are
// the engine's (boundary.ts SERIES_FIELDS), in its order.
import { SERIES_FIELD, SERIES_FIELDS } from "../engine/wasm/boundary.ts";
import { snakeCase } from "./catalogue.ts";

export type SeriesField = (typeof SERIES_FIELDS)[number];

export interface TimeSeries extends Record<SeriesField, number[]> {
  /** simulation.utilizationSampleIntervalS. */
  intervalS: number;
  /** Tasks generated and not yet ended at the sample. */
  tasksInSystem: number[];
  /** Tasks (warm-up included) that completed in the interval ending at the sample. */
  completed: number[];
  /** Tasks (warm-up included) that failed in the interval ending at the sample. */
  failed: number[];
}

/** A field's column name in series.csv. */
export const SERIES_COLUMN = Object.fromEntries(SERIES_FIELDS.map((f) => [f, snakeCase(f)])) as { readonly [K in SeriesField]: string };

/** The engine's flat samples as columns: intervalS first, then the fields in SERIES_FIELDS order. */
export function seriesColumns(flat: Float64Array, intervalS: number): TimeSeries {
  const width = SERIES_FIELDS.length;
  const series = { intervalS } as TimeSeries;
  for (const field of SERIES_FIELDS) series[field] = [];
  for (let o = 0; o + width <= flat.length; o += width) {
    for (const field of SERIES_FIELDS) series[field].push(flat[o + SERIES_FIELD[field]]!);
  }
  return series;
}
