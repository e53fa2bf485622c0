// The result of one replica: the run JSON that `mecbench run` prints, sweeps store and the report
// reads. Its metrics follow EdgeCloudSim's definitions (src/results/metrics.ts); the driver that
// fills it is src/engine/run.ts.
import type { OfferedLoad } from "../scenario/offered-load.ts";
import type { ModelUse } from "../nn/model-set.ts";
import type { Summary } from "./metrics.ts";
import type { ServiceQuantiles } from "./quantiles.ts";
import type { TimeSeries } from "./series.ts";

export interface RunResult {
  version: string;
  scenario: string;
  scenarioHash: string;
  policy: string;
  devices: number;
  seed: number;
  durationS: number;
  warmupS: number;
  /** The samples metrics.vmUtilizationPct averages: after the warm-up, or the whole run (EdgeCloudSim). */
  utilizationWindow: "after-warmup" | "whole-run";
  /** All tasks generated, warm-up included. */
  tasksSimulated: number;
  counts: {
    generated: number;
    completed: number;
    failed: number;
    inFlight: number;
    /** Counted tasks only (arrived after warm-up), as the metrics use them. */
    counted: { completed: number; failed: number; failedByReason: Record<string, number> };
  };
  metrics: Summary & {
    /** Null when no utilization sample fell in the window. */
    vmUtilizationPct: { edge: number | null; cloud: number | null };
    /** The samples vmUtilizationPct averages. */
    utilizationSamples: number;
    tierSharePct: Record<string, number | null>;
    /** Counted tasks placed on a VM: the count tierSharePct rests on. */
    tierDecisions: number;
    /** Service-time quantiles of the completed counted tasks (streaming histogram, src/results/quantiles.ts); null with none. */
    serviceTimeQuantilesS: ServiceQuantiles;
    perApp: Record<string, Summary>;
    perTier: Record<string, Summary>;
    offeredLoad: OfferedLoad;
  };
  policyStats: Record<string, number>;
  /** One sample per utilization interval over the whole run (src/results/series.ts). */
  timeSeries: TimeSeries;
  /** The model files the policy loaded (path, sha256, whether trained for this world); [] when none. */
  models: ModelUse[];
  wallS: number;
}
