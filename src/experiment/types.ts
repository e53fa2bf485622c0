// The public types of sweeps: the definition (data a user writes), its resolved form (with the
// scenario loaded and the hash fixed), work units, and the tidy row every result becomes.
import type { PolicyModuleRef } from "../policies/user-modules.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import type { TimeSeries } from "../results/series.ts";

/** A sweep as data: what to run. Execution details (workers, output dir, shard) are not part of it. */
export interface SweepDefinition {
  /** Preset name or scenario file path, as given. */
  scenario: string;
  /** Policy names, in the order rows and summaries list them. */
  policies: string[];
  /** Device counts (sweep points), in the order rows and summaries list them. */
  devices: number[];
  /** Replicas per (devices, policy); replica i uses seed deriveSeed(seed, "replica", i). */
  replicas: number;
  /** Simulated seconds per replica. */
  durationS: number;
  /** Seconds excluded from the metrics at the start of each replica. */
  warmupS: number;
  /** Base seed of the sweep. */
  seed: number;
  /** Policy the paired differences in the summary are taken against; null: none. */
  reference: string | null;
  /** The user's policy modules (absolute path, sha256 of the content); absent when none. */
  policyModules?: PolicyModuleRef[];
}

/** A validated sweep with the scenario loaded and every default applied. */
export interface ResolvedSweep extends SweepDefinition {
  resolved: ResolvedScenario;
  /** `scenario.name` of the resolved scenario (used in rows and the default output dir). */
  scenarioName: string;
  /** Seed of each replica (index = replica). */
  seeds: number[];
  /** mecbench version the sweep hash was taken with. */
  version: string;
  /** Hash of everything that determines the rows (not the reference, workers or shard). */
  hash: string;
}

/** One simulation: a policy at a sweep point on one replica's random numbers. */
export interface WorkUnit {
  /** Position in the canonical order (devices, replica, policy); shards select by index mod n. */
  index: number;
  devices: number;
  replica: number;
  seed: number;
  policy: string;
}

/** A deterministic slice of the units: those with index mod count == index. */
export interface Shard {
  index: number;
  count: number;
}

/** One metric of one unit; value null when there is no data for it (docs/metrics.md) or it is not finite. */
export interface UnitMetric {
  metric: string;
  value: number | null;
  unit: string;
  /** The count the value is computed from; null for counts and constants (absent in records staged by older versions). */
  n?: number | null;
}

/** One tidy row: one (replica, devices, policy, metric). Column order is the CSV column order. */
export interface TidyRow {
  sweep: string;
  scenario: string;
  scenarioHash: string;
  replica: number;
  seed: number;
  devices: number;
  policy: string;
  metric: string;
  value: number | null;
  unit: string;
  /** The count the value rests on (completed tasks, ended tasks, transfers, samples: docs/metrics.md); null for counts and constants. */
  n: number | null;
}

export const ROW_COLUMNS = [
  "sweep", "scenario", "scenarioHash", "replica", "seed", "devices", "policy", "metric", "value", "unit", "n",
] as const satisfies readonly (keyof TidyRow)[];

/** A unit's result as staged on disk (units/*.json): the completion record that resume reads. */
export interface UnitRecord {
  sweep: string;
  unit: WorkUnit;
  metrics: UnitMetric[];
  /** The run's time series (series.csv); absent in records staged by older versions. */
  series?: TimeSeries;
}
