// The run's time series: one sample per utilization interval over the whole run (warm-up included,
// so a reader sees the warm-up transient), recorded inside the engine (assembly/kernel/metrics.ts
// seriesAdd) and handed over as columns. Per sample: the tiers' mean VM utilization, the tasks in
// the system, and the tasks that completed and failed in the interval before it.
import { SERIES_FIELDS } from "../engine/wasm/boundary.ts";

export interface TimeSeries {
  /** simulation.utilizationSampleIntervalS. */
  intervalS: number;
  timeS: number[];
  edgeUtilPct: number[];
  cloudUtilPct: number[];
  /** Tasks generated and not yet ended at the sample. */
  tasksInSystem: number[];
  /** Tasks (warm-up included) that completed in the interval ending at the sample. */
  completed: number[];
  /** Tasks (warm-up included) that failed in the interval ending at the sample. */
  failed: number[];
}

export function seriesColumns(flat: Float64Array, intervalS: number): TimeSeries {
  const width = SERIES_FIELDS.length;
  const column = (field: (typeof SERIES_FIELDS)[number]) => {
    const f = SERIES_FIELDS.indexOf(field);
    const out: number[] = [];
    for (let o = 0; o + width <= flat.length; o += width) out.push(flat[o + f]!);
    return out;
  };
  return {
    intervalS,
    timeS: column("timeS"),
    edgeUtilPct: column("edgeUtilPct"),
    cloudUtilPct: column("cloudUtilPct"),
    tasksInSystem: column("tasksInSystem"),
    completed: column("completed"),
    failed: column("failed"),
  };
}
