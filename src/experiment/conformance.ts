// Conformance with EdgeCloudSim on its own world: the edgecloudsim-app4 preset run at the points
// EdgeCloudSim was measured at (docs/conformance/edgecloudsim-reference.json), mecbench's mean over
// seeds compared cell by cell with EdgeCloudSim's mean over its replicas. A cell agrees when the
// difference is within max(10 % of EdgeCloudSim's mean, half its replica range, an absolute floor:
// 0.02 s for times, 0.5 percentage points for percentages): the rule the reference file states.
// EdgeCloudSim seeds from the clock, so its replica range is the only measure of its own noise.
// Beside that verdict (the one the exit status follows), each cell says whether the difference is
// within what chance gives with these sample sizes and both simulators' spreads (noiseBound): at 2000
// devices the world sits on the MAN's cliff and one run's spread is as large as the tolerance.
import { readFileSync } from "node:fs";
import { runReplica } from "../engine/run.ts";
import type { RunResult } from "../results/run-result.ts";
import { projectFile } from "../kernel/project-files.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { mean, sampleStd, studentTQuantile } from "./stats.ts";

/** A reference value: EdgeCloudSim's mean, min and max over its replicas. */
export interface RefValue {
  mean: number;
  min: number;
  max: number;
}

export interface ReferencePoint {
  policy: string;
  ecsPolicy: string;
  devices: number;
  replicas: number;
  serviceS: RefValue;
  processingS: RefValue;
  networkS: RefValue;
  edgeUtilPct: RefValue;
  edgeUtilPostWarmupPct: RefValue;
  failedPct: RefValue;
  counts: Record<string, number>;
  /** Wall seconds of one EdgeCloudSim run at this point (mean over its replicas). */
  wallS: number;
}

export interface Reference {
  source: string;
  note: string;
  /** EdgeCloudSim's simulated time and warm-up of the measurement (s); our runs use the same. */
  simulation: { durationS: number; warmupS: number };
  points: ReferencePoint[];
}

/** The five metrics scored per point, with their unit (it sets the absolute tolerance floor). */
export const CONFORMANCE_METRICS = [
  { key: "serviceS", unit: "s", label: "service time" },
  { key: "processingS", unit: "s", label: "processing time" },
  { key: "networkS", unit: "s", label: "network delay" },
  { key: "failedPct", unit: "%", label: "failed tasks" },
  { key: "edgeUtilPct", unit: "%", label: "edge VM utilization" },
] as const;

export type ConformanceMetric = (typeof CONFORMANCE_METRICS)[number]["key"];

const FLOOR = { s: 0.02, "%": 0.5 } as const;

/** The tolerance of one cell (see the file comment). */
export function tolerance(ref: RefValue, unit: "s" | "%"): number {
  return Math.max(0.1 * Math.abs(ref.mean), (ref.max - ref.min) / 2, FLOOR[unit]);
}

export interface Cell {
  policy: string;
  devices: number;
  metric: ConformanceMetric;
  unit: "s" | "%";
  ours: number;
  /** Our values per seed (their spread is shown next to the mean). */
  oursPerSeed: number[];
  ref: RefValue;
  tolerance: number;
  diff: number;
  agrees: boolean;
  /** Half-width of the 95 % band chance allows for diff (noiseBound); null with fewer than 2 seeds. */
  noise: number | null;
  withinNoise: boolean | null;
}

export interface ConformanceResult {
  seeds: number[];
  cells: Cell[];
  agreeing: number;
  /** Cells whose difference is within noise (null when no cell has a noise band). */
  withinNoise: number | null;
  /** Failure counts by reason per point: ours (mean over seeds, counted tasks) beside EdgeCloudSim's. */
  failures: { policy: string; devices: number; ours: Record<string, number>; ecs: Record<string, number> }[];
}

export function loadReference(path: string | URL = projectFile("docs/conformance/edgecloudsim-reference.json")): Reference {
  return JSON.parse(readFileSync(path, "utf8")) as Reference;
}

/** Our value of a metric in one run, as EdgeCloudSim defines it where our result has it; NaN for no data (it never agrees). */
export function ourValue(r: RunResult, metric: ConformanceMetric): number {
  return ourValueOrNull(r, metric) ?? NaN;
}

function ourValueOrNull(r: RunResult, metric: ConformanceMetric): number | null {
  const m = r.metrics;
  switch (metric) {
    case "serviceS":
      return m.serviceTimeS;
    case "processingS":
      return m.processingTimeS;
    case "networkS":
      return m.networkDelayS;
    case "failedPct":
      return m.failedTaskPct;
    case "edgeUtilPct":
      return m.vmUtilizationPct.edge;
  }
}

/** Mean range of r normal draws in standard deviations (d2), to read a spread off EdgeCloudSim's min and max. */
const MEAN_RANGE: Record<number, number> = { 2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326 };

/**
 * The difference of two means that chance alone stays within 95 % of the time (Welch): our seeds'
 * standard deviation s₁ over n seeds, EdgeCloudSim's s₂ read off its replicas' range (range / d2, the
 * only spread its min and max give), standard error √(s₁²/n + s₂²/r), Student t with the
 * Welch–Satterthwaite degrees of freedom. Each simulator keeps its own spread: near the MAN's cliff
 * they differ. Null with fewer than 2 seeds or replicas.
 */
export function noiseBound(oursPerSeed: readonly number[], ref: RefValue, replicas: number): number | null {
  const n = oursPerSeed.length;
  const d2 = MEAN_RANGE[replicas];
  if (n < 2 || d2 === undefined || oursPerSeed.some((x) => !Number.isFinite(x))) return null;
  const a = sampleStd(oursPerSeed) ** 2 / n;
  const b = ((ref.max - ref.min) / d2) ** 2 / replicas;
  const se = Math.sqrt(a + b);
  if (se === 0) return 0;
  const df = (a + b) ** 2 / (a ** 2 / (n - 1) + b ** 2 / (replicas - 1));
  return studentTQuantile(0.975, df) * se;
}

/** Score our per-seed values of one cell against the reference (measured over `replicas` EdgeCloudSim runs). */
export function scoreCell(policy: string, devices: number, metric: ConformanceMetric, unit: "s" | "%", oursPerSeed: number[], ref: RefValue, replicas = 3): Cell {
  const ours = mean(oursPerSeed);
  const tol = tolerance(ref, unit);
  const diff = ours - ref.mean;
  const noise = noiseBound(oursPerSeed, ref, replicas);
  return {
    policy, devices, metric, unit, ours, oursPerSeed, ref, tolerance: tol, diff, agrees: Math.abs(diff) <= tol,
    noise, withinNoise: noise === null ? null : Math.abs(diff) <= noise,
  };
}

export interface ConformanceOptions {
  seeds: number[];
  /** Only these device counts / policies (all of the reference when absent). */
  devices?: number[];
  policies?: string[];
  onPoint?: (done: number, total: number, point: ReferencePoint) => void;
}

/** Run every reference point with each seed and score it. */
export function runConformance(resolved: ResolvedScenario, reference: Reference, opts: ConformanceOptions): ConformanceResult {
  const points = reference.points.filter(
    (p) => (!opts.devices || opts.devices.includes(p.devices)) && (!opts.policies || opts.policies.includes(p.policy)),
  );
  const cells: Cell[] = [];
  const failures: ConformanceResult["failures"] = [];
  points.forEach((p, i) => {
    const { durationS, warmupS } = reference.simulation;
    const runs = opts.seeds.map((seed) => runReplica(resolved, p.policy, { devices: p.devices, seed, durationS, warmupS }));
    for (const { key, unit } of CONFORMANCE_METRICS) {
      cells.push(scoreCell(p.policy, p.devices, key, unit, runs.map((r) => ourValue(r, key)), p[key], p.replicas));
    }
    const ours: Record<string, number> = { generated: 0, counted: 0, completed: 0, failed: 0 };
    for (const r of runs) {
      // The workload's size (all tasks, warm-up included): at 2000 devices the cells follow it steeply.
      ours.generated! += r.counts.generated / runs.length;
      ours.counted! += (r.counts.counted.completed + r.counts.counted.failed) / runs.length;
      ours.completed! += r.counts.counted.completed / runs.length;
      ours.failed! += r.counts.counted.failed / runs.length;
      for (const [reason, n] of Object.entries(r.counts.counted.failedByReason)) ours[reason] = (ours[reason] ?? 0) + n / runs.length;
    }
    failures.push({ policy: p.policy, devices: p.devices, ours, ecs: p.counts });
    opts.onPoint?.(i + 1, points.length, p);
  });
  const banded = cells.filter((c) => c.withinNoise !== null);
  return {
    seeds: opts.seeds, cells, agreeing: cells.filter((c) => c.agrees).length,
    withinNoise: banded.length > 0 ? banded.filter((c) => c.withinNoise).length : null, failures,
  };
}
